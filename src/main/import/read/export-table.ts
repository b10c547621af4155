// One export file as rows of text cells, whatever it arrived as: a CSV (any of the encodings GP
// systems write) or an Excel workbook. Row N here is row N in Excel, so every reported row number
// is the one the practice sees when it opens the file.
import type Papa from 'papaparse'
import { loadOnFirstUse } from '../../load-on-first-use'
import { badFile } from './bad-file'
import { decodeFileBytes, hasByteOrderMark, sniffFileKind, type TextEncodingName } from './decode-file'
import { delimiterNames, detectDelimiter, type CsvDelimiter } from './csv-delimiter'
import { eachCsvRow, isBlankRow, parseCsvTable, type CsvEnd } from './parse-csv'

/** papaparse, loaded the first time a CSV is read (load-on-first-use.ts). */
const papa = () => loadOnFirstUse<typeof Papa>('papaparse')

export interface ExportTable {
  rows: string[][]
  fileType: 'csv' | 'xlsx'
  /** CSV only: how the bytes were decoded, and whether they began with a byte-order mark. */
  encoding: TextEncodingName | null
  byteOrderMark: boolean
  /** CSV only: the cell separator (commas, or semicolons/tabs from Excel's other "Save As" choices). */
  delimiter: CsvDelimiter | null
  /** XLSX only: the worksheet read (the first with data) and how many sheets the workbook has. */
  sheetName: string | null
  sheetCount: number
  /** CSV only: the bytes were read in another encoding than their byte-order mark claims (decode-file.ts). */
  encodingWarning?: string
  /** CSV only: the file ends inside a quoted cell of its last row (parse-csv.ts `CsvEnd`). */
  cutOffInQuoteRow?: number | null
}

/** A file as handed to the importer; `table` is filled in beforehand for workbooks (xlsx-rows.ts). */
export interface ExportFileInput {
  name: string
  bytes: Uint8Array
  table?: ExportTable
}

/** A text export decoded: its text, the separator of its cells, and its rows made into a table. */
interface DecodedCsv {
  text: string
  delimiter: CsvDelimiter
  /** These rows as the file's table, with what was found about the file (encoding, byte-order mark, separator). */
  tableOf(rows: string[][]): ExportTable
}

/**
 * The one place an export's bytes are told apart and decoded: rows read beforehand (a workbook:
 * xlsx-rows.ts) are taken as they are, a workbook that was not read as one is refused, and any
 * other file is decoded as text (decode-file.ts refuses what is not a text export) and its cell
 * separator found. `exportTableOf` and `exportSourceOf` both start here.
 */
function decodeExport(file: ExportFileInput): { table: ExportTable } | { csv: DecodedCsv } {
  if (file.table) return { table: file.table }
  if (file.bytes.length > 0 && sniffFileKind(file.bytes) === 'xlsx') {
    throw badFile(file.name, 'is an Excel workbook (.xlsx) that was not opened as one; choose it again')
  }
  const decoded = decodeFileBytes(file.name, file.bytes)
  const delimiter = detectDelimiter(decoded.text)
  return { csv: { text: decoded.text, delimiter, tableOf: (rows) => csvTable(file, decoded, delimiter, rows) } }
}

/** Rows of a text export, all at once. A workbook must have been read already (reading one is asynchronous). */
export function exportTableOf(file: ExportFileInput): ExportTable {
  const decoded = decodeExport(file)
  if ('table' in decoded) return decoded.table
  const { text, delimiter, tableOf } = decoded.csv
  const { rows, cutOffInQuoteRow } = parseCsvTable(file.name, text, delimiter)
  return { ...tableOf(rows), cutOffInQuoteRow }
}

/** A CSV's rows with what was found about the file: its encoding (and any warning about it), mark and delimiter. */
function csvTable(
  file: ExportFileInput,
  decoded: { encoding: TextEncodingName; encodingWarning?: string },
  delimiter: CsvDelimiter,
  rows: string[][]
): ExportTable {
  return {
    rows,
    fileType: 'csv',
    encoding: decoded.encoding,
    byteOrderMark: hasByteOrderMark(file.bytes),
    delimiter,
    sheetName: null,
    sheetCount: 0,
    ...(decoded.encodingWarning ? { encodingWarning: decoded.encodingWarning } : {})
  }
}

/** Rows enough to find the column row (map-columns.ts looks at the first 60) and sample values. */
const headRowCount = 120

/**
 * A file to read row by row: `head` is its first rows as a table (where the column row is found),
 * `eachRow` then visits every row once, in order, without all of them held at once for a CSV.
 */
export interface ExportSource {
  head: ExportTable
  eachRow(visit: (cells: string[], index: number) => void): CsvEnd
  /** About how many rows the file has (lines for a CSV: a quoted newline counts twice), for progress. */
  approximateRows: number
}

export function exportSourceOf(file: ExportFileInput): ExportSource {
  const decoded = decodeExport(file)
  if ('table' in decoded) {
    const table = decoded.table
    return {
      head: table,
      eachRow: (visit) => {
        table.rows.forEach((row, i) => visit(row, i))
        return { cutOffInQuoteRow: table.cutOffInQuoteRow ?? null }
      },
      approximateRows: table.rows.length
    }
  }
  const { text, delimiter, tableOf } = decoded.csv
  // Papa stops after the first rows; an unclosed quote is refused by the full pass (eachRow).
  const head = papa().parse<string[]>(text, { header: false, delimiter, skipEmptyLines: false, preview: headRowCount }).data
  while (head.length > 0 && isBlankRow(head[head.length - 1] ?? [])) head.pop()
  let lines = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++
  return {
    head: tableOf(head),
    eachRow: (visit) => eachCsvRow(file.name, text, delimiter, visit),
    approximateRows: text.endsWith('\n') ? lines : lines + 1
  }
}

const encodingNames: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)'
}

/** "CSV, UTF-8 with a byte-order mark, cells separated by commas" / "Excel workbook (.xlsx), sheet "Report" (1 of 2)". */
export function describeTable(table: ExportTable): string {
  if (table.fileType === 'xlsx') {
    const of = table.sheetCount > 1 ? ` (the first with data of ${table.sheetCount} sheets)` : ''
    return `Excel workbook (.xlsx), sheet "${table.sheetName ?? ''}"${of}`
  }
  const encoding = table.encoding ? encodingNames[table.encoding] : 'text'
  const separator = table.delimiter ? `, cells separated by ${delimiterNames[table.delimiter]}` : ''
  return `CSV, ${encoding}${table.byteOrderMark ? ' with a byte-order mark' : ''}${separator}`
}
