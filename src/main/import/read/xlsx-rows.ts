// An export saved as an Excel workbook (.xlsx) → the same rows of text a CSV of it would give, so
// everything after this step treats both alike. A workbook is a zip of XML parts; it is read here
// part by part as a stream (workbook/), with limits on everything a hostile or damaged file could
// make huge, so any file is read or refused in seconds and in bounded memory. Workbooks are read
// before the (synchronous) import pipeline runs, inside the import job (in the worker thread for
// imports started from the UI); text files pass through untouched.
import { badFile } from './bad-file'
import { sniffFileKind } from './decode-file'
import type { ExportFileInput, ExportTable } from './export-table'
import { readSheetRows } from './workbook/sheet-rows'
import { readCellFormats, readSharedStrings, readWorkbookStructure } from './workbook/workbook-parts'
import { defaultWorkbookLimits, type WorkbookLimits } from './workbook/workbook-limits'
import { WorkbookZip } from './workbook/zip-entries'

export { cellText, excelDateText } from './workbook/cell-text'

const hasText = (rows: string[][]) => rows.some((row) => row.some((c) => c.trim() !== ''))

/** The first worksheet with any data, as rows of text. */
export async function readXlsxTable(fileName: string, bytes: Uint8Array, limits: WorkbookLimits = defaultWorkbookLimits): Promise<ExportTable> {
  const zip = WorkbookZip.open(fileName, bytes, limits)
  const { sheets, date1904, sharedStringsPart, stylesPart } = readWorkbookStructure(zip)
  const formats = readCellFormats(zip, stylesPart)
  const sharedStrings = readSharedStrings(zip, sharedStringsPart)
  for (const sheet of sheets) {
    if (sheet.partName === null) continue
    const rows = readSheetRows(zip, sheet.partName, { sharedStrings, formats, date1904 })
    if (hasText(rows)) {
      return { rows, fileType: 'xlsx', encoding: null, byteOrderMark: false, delimiter: null, sheetName: sheet.name, sheetCount: sheets.length }
    }
  }
  throw badFile(
    fileName,
    `is an Excel workbook with no data on any of its ${sheets.length} sheet(s): check the search returned patients and that the report was exported into this workbook, then export it again`
  )
}

/**
 * Reads every workbook among the files (content, not the file name, says what is one); `beforeWorkbook`
 * hears of each one first, so a progress line can say a workbook is being read. `limits` is only
 * ever smaller in tests, so each limit can be tripped through the real import route by a small file.
 */
export async function readWorkbooks<T extends ExportFileInput>(
  files: readonly T[],
  beforeWorkbook?: (file: T) => void,
  limits: WorkbookLimits = defaultWorkbookLimits
): Promise<(T & { table?: ExportTable })[]> {
  const out: (T & { table?: ExportTable })[] = []
  for (const file of files) {
    if (file.table || file.bytes.length === 0 || sniffFileKind(file.bytes) !== 'xlsx') out.push(file)
    else {
      beforeWorkbook?.(file)
      out.push({ ...file, table: await readXlsxTable(file.name, file.bytes, limits) })
    }
  }
  return out
}
