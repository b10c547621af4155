// An export saved as an Excel workbook (.xlsx) → the same rows of text a CSV of it would give, so
// everything after this step treats both alike. Read with exceljs (already used for the audit
// workbook): it resolves shared strings, styles and the 1900/1904 date systems, which a hand-made
// reader would have to get right again. Reading a workbook is asynchronous, so workbooks are read
// here before the (synchronous) import pipeline runs, inside the import job (in the worker thread
// for imports started from the UI); text files pass through untouched.
import ExcelJS from 'exceljs'
import { badFile } from './bad-file'
import { sniffFileKind } from './decode-file'
import type { ExportFileInput, ExportTable } from './export-table'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const dayMs = 24 * 60 * 60 * 1000

/**
 * A date cell as text the date reader accepts (ISO, with the time when there is one). exceljs turns
 * serial N into 1899-12-30 + N days, which is Excel's calendar from 1 March 1900 on; before that
 * Excel counts a 29 February 1900 that never was, so serials 1–60 are a day early. Serial 0 is
 * what Excel shows as 00/01/1900 and serial 1 is 01/01/1900: EMIS's "no date" sentinels.
 */
export function excelDateText(date: Date): string {
  let ms = date.getTime()
  if (Number.isNaN(ms)) return ''
  const epoch = Date.UTC(1899, 11, 30)
  const serial = Math.round((ms - epoch) / dayMs)
  if (serial === 0) return '00/01/1900'
  if (ms < Date.UTC(1900, 2, 1)) ms += dayMs
  // Stored times are fractions of a day; round away the float noise (10:36:59.9996 is 10:37).
  const d = new Date(Math.round(ms / 1000) * 1000)
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0
  return hasTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day
}

/** A number as a CSV would print it: NHS numbers stored as numbers keep every digit. */
function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return ''
  if (Number.isInteger(value)) {
    const text = Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value)
    // A "0000000000" format shows leading zeros the number itself does not have.
    const zeros = numFmt !== undefined && /^0+$/.test(numFmt) ? numFmt.length : 0
    return zeros > text.length && value >= 0 ? text.padStart(zeros, '0') : text
  }
  // 145.00000000000003 (float noise from a formula) prints as 145.
  return String(Number(value.toPrecision(12)))
}

function richText(parts: ReadonlyArray<{ text?: string }>): string {
  return parts.map((p) => p.text ?? '').join('')
}

/** Any exceljs cell value → the text Excel would show (formulas by their result). */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value, numFmt)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return excelDateText(value)
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return richText(value.richText)
    if ('error' in value) return String(value.error)
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      if (result === undefined || result === null) return ''
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return String(result.error)
      return cellText(result as ExcelJS.CellValue, numFmt)
    }
    if ('text' in value) {
      const text = (value as { text: unknown }).text
      if (typeof text === 'string') return text
      if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) return richText(text.richText)
    }
  }
  return String(value)
}

function worksheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = []
  const width = sheet.columnCount
  // Blank rows stay as empty rows so row numbers match the sheet (and a confidential patient's
  // empty row is counted, as in the CSV).
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) {
      const cell = row.getCell(c)
      // A merged area keeps its text in its first cell only, as a CSV export of it would.
      cells.push(cell.type === ExcelJS.ValueType.Merge ? '' : cellText(cell.value, cell.numFmt))
    }
    while (cells.length > 0 && (cells[cells.length - 1] ?? '').trim() === '') cells.pop()
    rows.push(cells.length > 0 ? cells : [''])
  }
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c.trim() === '')) rows.pop()
  return rows
}

/** The first worksheet with any data, as rows of text. */
export async function readXlsxTable(fileName: string, bytes: Uint8Array): Promise<ExportTable> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch (error) {
    throw badFile(
      fileName,
      `looks like an Excel workbook (.xlsx) but cannot be opened (${error instanceof Error ? error.message : String(error)}); ` +
        'it may be damaged or cut short: open it in Excel and save it again, or export the report as CSV'
    )
  }
  for (const sheet of workbook.worksheets) {
    const rows = worksheetRows(sheet)
    if (rows.some((row) => row.some((c) => c.trim() !== ''))) {
      return { rows, fileType: 'xlsx', encoding: null, byteOrderMark: false, delimiter: null, sheetName: sheet.name, sheetCount: workbook.worksheets.length }
    }
  }
  throw badFile(fileName, `is an Excel workbook with no data on any of its ${workbook.worksheets.length} sheet(s)`)
}

/**
 * Reads every workbook among the files (content, not the file name, says what is one); `beforeWorkbook`
 * hears of each one first, so a progress line can say a workbook is being read.
 */
export async function readWorkbooks<T extends ExportFileInput>(
  files: readonly T[],
  beforeWorkbook?: (file: T) => void
): Promise<(T & { table?: ExportTable })[]> {
  const out: (T & { table?: ExportTable })[] = []
  for (const file of files) {
    if (file.table || file.bytes.length === 0 || sniffFileKind(file.bytes) !== 'xlsx') out.push(file)
    else {
      beforeWorkbook?.(file)
      out.push({ ...file, table: await readXlsxTable(file.name, file.bytes) })
    }
  }
  return out
}
