// Worksheet rows as SpreadsheetML text, for a big sheet written through exceljs's streaming writer.
// exceljs builds a Row, a Cell and a style model for every cell and then renders them: for the audit's
// 100k-patient sheet (two million cells) that was most of the export's time. This writes the same
// `<row>`/`<c>` markup exceljs 4.4 writes for strings (inline, `t="str"`), numbers and dates (Excel
// serial days), with the style ids exceljs itself hands out, straight into the sheet's stream. The
// header row, columns, frozen panes, filters and the rest of the file are still exceljs's own.
import type ExcelJS from 'exceljs'

export type RowValue = string | number | Date | null

/** exceljs's cell value types (doc/enums.js), which pick a cell's default number format. */
const VALUE_TYPE = { number: 2, string: 3, date: 4 } as const
type ValueKind = keyof typeof VALUE_TYPE

interface StylesRegistry {
  addStyleModel(model: Partial<ExcelJS.Style>, cellType: number): number
}

/** The parts of exceljs's WorksheetWriter this relies on (present in exceljs 4.x; pinned in package.json). */
interface WorksheetStream {
  stream: { write(text: string): void }
}

/** A1-style column letters: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let letters = ''
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  return letters
}

// The same escaping as exceljs's xmlEncode: the five XML specials, and control characters XML
// cannot hold (all but tab, line feed and carriage return) dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }

export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  // eslint-disable-next-line no-control-regex -- as above
  return text.replace(/[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '')
}

/** Excel's serial day number for a date (1900 date system), as exceljs's dateToExcel. */
function excelSerial(date: Date): number {
  return 25569 + date.getTime() / (24 * 3600 * 1000)
}

function kindOf(value: string | number | Date): ValueKind {
  return value instanceof Date ? 'date' : typeof value === 'string' ? 'string' : 'number'
}

/**
 * Rows for one worksheet after its header row: `write(values)` renders a row and hands it to the
 * sheet's stream in batches. `styleOf(column, kind)` gives the exceljs style model for a cell; each
 * distinct model is registered with the workbook's styles once, so ids match what exceljs would write.
 */
export function rowXmlWriter(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  firstRow: number,
  styleOf: (columnIndex: number, kind: ValueKind) => Partial<ExcelJS.Style>
) {
  const styles = (workbook as unknown as { styles: StylesRegistry }).styles
  const target = (sheet as unknown as WorksheetStream).stream
  const ids = new Map<Partial<ExcelJS.Style>, number>()
  const letters: string[] = []
  const styleAttr = (col: number, kind: ValueKind) => {
    const model = styleOf(col, kind)
    let id = ids.get(model)
    if (id === undefined) {
      id = styles.addStyleModel(model, VALUE_TYPE[kind])
      ids.set(model, id)
    }
    return id ? ` s="${id}"` : ''
  }
  let rowNumber = firstRow
  let pending: string[] = []
  const flush = () => {
    if (pending.length > 0) target.write(pending.join(''))
    pending = []
  }
  return {
    write(values: readonly RowValue[]) {
      let first = 0
      let last = 0
      let cells = ''
      for (let i = 0; i < values.length; i++) {
        const value = values[i]
        if (value === null || value === undefined) continue
        const col = i + 1
        if (first === 0) first = col
        last = col
        const ref = `${(letters[col] ??= columnLetters(col))}${rowNumber}`
        const kind = kindOf(value)
        const s = styleAttr(i, kind)
        if (kind === 'string') cells += `<c r="${ref}"${s} t="str"><v>${xmlText(value as string)}</v></c>`
        else if (kind === 'date') cells += `<c r="${ref}"${s}><v>${excelSerial(value as Date)}</v></c>`
        else cells += `<c r="${ref}"${s}><v>${value as number}</v></c>`
      }
      if (first > 0) pending.push(`<row r="${rowNumber}" spans="${first}:${last}" x14ac:dyDescent="0.25">${cells}</row>`)
      rowNumber++
      if (pending.length >= 500) flush()
    },
    flush
  }
}
