// One worksheet, streamed from its XML into rows of text as a CSV of the sheet would give. Only the
// cells the sheet really has are read; a row is as wide as its last cell with text, and the gaps
// before it are ''. Row N of the result is row N of the sheet (blank rows stay, as ['']), so every
// row number the importer reports is the one the practice sees in Excel. Trailing blank cells and
// rows are dropped, and a merged area keeps its text in its first cell only.
import { excelSerialDateText, decodeExcelEscapes, isoDateCellText, numberText } from './cell-text'
import type { CellFormats } from './workbook-parts'
import { damagedWorkbook, workbookOverLimit } from './workbook-refusals'
import { readXmlPart } from './xml-part-reader'
import type { WorkbookZip } from './zip-entries'

export interface SheetContext {
  sharedStrings: readonly string[]
  formats: CellFormats
  date1904: boolean
}

/** A cell reference's column and row ("AB12" → 28, 12); 0 for a part that is missing or not a reference. */
function parseReference(ref: string): { column: number; row: number } {
  let column = 0
  let row = 0
  let i = 0
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64)
    else if (c >= 97 && c <= 122) column = column * 26 + (c - 96)
    else if (c === 36)
      continue // $A$1
    else break
    // Past any real column already: stop before the number grows without bound.
    if (column > 1e9) return { column, row: 0 }
  }
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48)
    else if (c !== 36) return { column, row: 0 }
    if (row > 1e9) return { column, row }
  }
  return { column, row }
}

const isBlank = (text: string) => text.trim() === ''

/**
 * A row whose cells are few and far apart (a stray cell far to the right), kept as just its cells
 * until the whole sheet has been read: laying it out in full at once would let a small hostile file
 * fill memory with blank cells before the padded-cells limit refuses it.
 */
interface SparseRow {
  width: number
  columns: number[]
  texts: string[]
}
type ReadRow = string[] | SparseRow

/** A row is laid out in full while it is read when that costs no more than keeping its cells apart. */
const worthLayingOut = (width: number, cellsWithText: number) => width <= 2 * cellsWithText + 16

function layOut(width: number, columns: readonly number[], texts: readonly string[]): string[] {
  const cells = new Array<string>(width).fill('')
  for (let i = 0; i < columns.length; i++) if (columns[i]! <= width) cells[columns[i]! - 1] = texts[i]!
  return cells
}

function trimTrailingBlanks(cells: string[]): void {
  while (cells.length > 0 && isBlank(cells[cells.length - 1]!)) cells.pop()
}

export function readSheetRows(zip: WorkbookZip, partName: string, context: SheetContext): string[][] {
  const { fileName, limits } = zip
  const { sharedStrings, formats, date1904 } = context
  const over = (limit: Parameters<typeof workbookOverLimit>[1]) => workbookOverLimit(fileName, limit, limits)

  // Rows by index (row number − 1); a row with no text in it is left out (a hole).
  const rows: ReadRow[] = []
  const merges: [number, number, number, number][] = []
  let cellCount = 0
  let paddedCells = 0

  // The row being read: its number, and its cells with text (column, text) in the order they came.
  let inRow = false
  let rowNumber = 0
  let lastColumn = 0
  const rowColumns: number[] = []
  const rowTexts: string[] = []

  // The cell being read.
  let inCell = false
  let column = 0
  let type = 'n'
  let style = 0
  let capture: 'value' | 'inline' | null = null
  let hasValue = false
  let value = ''
  let hasInline = false
  let inline = ''
  let inInlineString = false
  let phoneticDepth = 0

  const startRow = (ref: string | undefined) => {
    const number = ref === undefined ? rowNumber + 1 : Number(ref)
    if (!Number.isInteger(number) || number < 1) throw damagedWorkbook(fileName, { part: partName, row: ref })
    if (number > limits.maxRows) throw over('maxRows')
    inRow = true
    rowNumber = number
    lastColumn = 0
    rowColumns.length = 0
    rowTexts.length = 0
  }

  const startCell = (attributes: Readonly<Record<string, string>>) => {
    if (++cellCount > limits.maxCells) throw over('maxCells')
    const ref = attributes.r
    column = ref === undefined ? lastColumn + 1 : parseReference(ref).column
    if (column < 1) throw damagedWorkbook(fileName, { part: partName, cell: ref })
    if (column > limits.maxColumns) throw over('maxColumns')
    lastColumn = column
    inCell = true
    type = attributes.t ?? 'n'
    style = attributes.s === undefined ? 0 : Number(attributes.s)
    capture = null
    hasValue = false
    value = ''
    hasInline = false
    inline = ''
    inInlineString = false
    phoneticDepth = 0
  }

  /** The cell's text as Excel shows it; formulas by their cached result (<v>), which Excel always saves. */
  const cellText = (): string => {
    switch (type) {
      case 's': {
        if (!hasValue) return ''
        const text = sharedStrings[parseInt(value, 10)]
        if (text === undefined) throw damagedWorkbook(fileName, { part: partName, sharedString: value })
        return text
      }
      case 'inlineStr':
        return hasInline ? decodeExcelEscapes(inline) : decodeExcelEscapes(value)
      case 'str':
        return decodeExcelEscapes(value)
      case 'b':
        return hasValue ? (parseInt(value, 10) !== 0 ? 'TRUE' : 'FALSE') : ''
      case 'e':
        return value
      case 'd':
        return hasValue ? isoDateCellText(value) : ''
      default: {
        if (!hasValue) return ''
        const number = parseFloat(value)
        const format = formats[style]
        return format?.isDate ? excelSerialDateText(number, date1904) : numberText(number, format?.code)
      }
    }
  }

  const endCell = () => {
    inCell = false
    if (!inRow) return
    const text = cellText()
    if (text === '') return
    rowColumns.push(column)
    rowTexts.push(text)
  }

  const endRow = () => {
    inRow = false
    // As wide as its last cell with text: whitespace or empty cells further right would be trimmed anyway.
    let width = 0
    for (let i = 0; i < rowColumns.length; i++) if (rowColumns[i]! > width && !isBlank(rowTexts[i]!)) width = rowColumns[i]!
    if (width === 0) return
    const existing = rows[rowNumber - 1]
    const existingWidth = existing === undefined ? 0 : Array.isArray(existing) ? existing.length : existing.width
    paddedCells += Math.max(0, width - existingWidth)
    if (paddedCells > limits.maxPaddedCells) throw over('maxPaddedCells')
    if (existing === undefined && worthLayingOut(width, rowColumns.length)) {
      rows[rowNumber - 1] = layOut(width, rowColumns, rowTexts)
      return
    }
    const columns: number[] = []
    const texts: string[] = []
    // A row number seen twice (never from Excel) adds its cells to the row already read; later cells win.
    if (Array.isArray(existing)) {
      existing.forEach((text, i) => {
        if (text === '') return
        columns.push(i + 1)
        texts.push(text)
      })
    } else if (existing) {
      for (let i = 0; i < existing.columns.length; i++) {
        columns.push(existing.columns[i]!)
        texts.push(existing.texts[i]!)
      }
    }
    for (let i = 0; i < rowColumns.length; i++) {
      if (rowColumns[i]! > width) continue
      columns.push(rowColumns[i]!)
      texts.push(rowTexts[i]!)
    }
    const fullWidth = Math.max(width, existingWidth)
    rows[rowNumber - 1] = worthLayingOut(fullWidth, columns.length) ? layOut(fullWidth, columns, texts) : { width: fullWidth, columns, texts }
  }

  const addMerge = (ref: string | undefined) => {
    const [from, to] = (ref ?? '').split(':')
    if (from === undefined || to === undefined) return
    const a = parseReference(from)
    const b = parseReference(to)
    if (a.column < 1 || a.row < 1 || b.column < 1 || b.row < 1) return
    if (merges.length >= limits.maxMergedAreas) throw over('maxMergedAreas')
    merges.push([Math.min(a.row, b.row), Math.min(a.column, b.column), Math.max(a.row, b.row), Math.max(a.column, b.column)])
  }

  readXmlPart(zip, partName, {
    open(name, attributes) {
      switch (name) {
        case 'row':
          startRow(attributes.r)
          break
        case 'c':
          startCell(attributes)
          break
        case 'v':
          if (inCell) {
            capture = 'value'
            hasValue = true
            value = ''
          }
          break
        case 'is':
          if (inCell) inInlineString = true
          break
        case 'rPh':
          phoneticDepth++
          break
        case 't':
          if (inInlineString && phoneticDepth === 0) {
            capture = 'inline'
            hasInline = true
          }
          break
        case 'mergeCell':
          addMerge(attributes.ref)
          break
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = null
          break
        case 'is':
          inInlineString = false
          break
        case 'rPh':
          phoneticDepth--
          break
        case 'c':
          if (inCell) endCell()
          break
        case 'row':
          if (inRow) endRow()
          break
      }
    },
    text(text) {
      if (capture === 'value') value += text
      else if (capture === 'inline') inline += text
    }
  })

  // Every limit has held, so the sparse rows can be laid out in full: at most `maxPaddedCells` cells.
  const laidOut: (string[] | undefined)[] = rows.map((row) => (Array.isArray(row) ? row : layOut(row.width, row.columns, row.texts)))
  rows.length = 0

  applyMerges(laidOut, merges, () => {
    if (++paddedCells > limits.maxPaddedCells) throw over('maxMergedAreas')
  })

  const out: string[][] = []
  for (let i = 0; i < laidOut.length; i++) {
    const cells = laidOut[i]
    if (cells) trimTrailingBlanks(cells)
    out.push(cells && cells.length > 0 ? cells : [''])
  }
  while (out.length > 0 && out[out.length - 1]!.every(isBlank)) out.pop()
  return out
}

/**
 * A merged area keeps its text in its first (top-left) cell, as a CSV export of it would: any
 * text left in the cells it covers is not shown by Excel. `spend` is called for every row and cell
 * visited, so overlapping areas (never from Excel) cannot make this unbounded.
 */
function applyMerges(rows: readonly (string[] | undefined)[], merges: readonly [number, number, number, number][], spend: () => void): void {
  for (const [top, left, bottom, right] of merges) {
    const lastRow = Math.min(bottom, rows.length)
    for (let r = top; r <= lastRow; r++) {
      spend()
      const cells = rows[r - 1]
      if (!cells) continue
      const lastColumn = Math.min(right, cells.length)
      for (let c = r === top ? left + 1 : left; c <= lastColumn; c++) {
        spend()
        cells[c - 1] = ''
      }
    }
  }
}
