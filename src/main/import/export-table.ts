// One export file as rows of text cells, whatever it arrived as: a CSV (any of the encodings GP
// systems write) or an Excel workbook. Row N here is row N in Excel, so every reported row number
// is the one the practice sees when it opens the file.
import { badFile } from './bad-file'
import { decodeFileBytes, detectEncoding, sniffFileKind, type TextEncodingName } from './decode-file'
import { parseCsvRows } from './parse-csv'

export interface ExportTable {
  rows: string[][]
  fileType: 'csv' | 'xlsx'
  /** CSV only: how the bytes were decoded, and whether they began with a byte-order mark. */
  encoding: TextEncodingName | null
  byteOrderMark: boolean
  /** XLSX only: the worksheet read (the first with data) and how many sheets the workbook has. */
  sheetName: string | null
  sheetCount: number
}

/** A file as handed to the importer; `table` is filled in beforehand for workbooks (xlsx-rows.ts). */
export interface ExportFileInput {
  name: string
  bytes: Uint8Array
  table?: ExportTable
}

/** Rows of a text export. A workbook must have been read already (reading one is asynchronous). */
export function exportTableOf(file: ExportFileInput): ExportTable {
  if (file.table) return file.table
  if (file.bytes.length > 0 && sniffFileKind(file.bytes) === 'xlsx') {
    throw badFile(file.name, 'is an Excel workbook (.xlsx) that was not opened as one; choose it again')
  }
  const { text, encoding } = decodeFileBytes(file.name, file.bytes)
  return {
    rows: parseCsvRows(file.name, text),
    fileType: 'csv',
    encoding,
    byteOrderMark: detectEncoding(file.bytes).bomLength > 0,
    sheetName: null,
    sheetCount: 0
  }
}

const encodingNames: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)'
}

/** "CSV, UTF-8 with a byte-order mark" / "Excel workbook (.xlsx), sheet "Report" (1 of 2)". */
export function describeTable(table: ExportTable): string {
  if (table.fileType === 'xlsx') {
    const of = table.sheetCount > 1 ? ` (the first with data of ${table.sheetCount} sheets)` : ''
    return `Excel workbook (.xlsx), sheet "${table.sheetName ?? ''}"${of}`
  }
  const encoding = table.encoding ? encodingNames[table.encoding] : 'text'
  return `CSV, ${encoding}${table.byteOrderMark ? ' with a byte-order mark' : ''}`
}
