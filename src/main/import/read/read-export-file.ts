// One export file → typed records and row errors. Nothing here
// throws for a bad row: every problem becomes a RejectedRow naming the file, the spreadsheet row,
// the column and the reason, so nothing is ever dropped silently. Only a file that is not an
// export at all (wrong type, no NHS number column) stops the import. The file's first rows locate
// its column row (locate-layout.ts); the rest go one at a time to the row reader (row-reader.ts).
import { createHash } from 'node:crypto'
import type { FileReadResult } from '../import-types'
import { locateLayout, noNhsColumn } from '../map/locate-layout'
import { layoutCaptions } from '../map/map-columns'
import type { ReadOptions } from '../map/read-options'
import { populationCountOf } from '../map/report-identity'
import { RowReader, type Current } from '../map/row-reader'
import { badFile } from './bad-file'
import { exportSourceOf, type ExportFileInput } from './export-table'
import { isBlankRow } from './parse-csv'
import { readingFile } from './plain-refusal'

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const noPatientRows = 'has column headings but no patient rows: check the search returned patients and export again'

/** How often (in rows) `onRows` hears how far reading has got: often enough for a smooth bar, cheap. */
export const rowProgressEvery = 5_000

/**
 * `onRows(rowsDone, rowsTotal)`: called every `rowProgressEvery` rows and once at the end, with the
 * rows after the column row (blank ones included), so a progress bar can show rows read.
 * Whatever goes wrong, the error names the file in plain words (plain-refusal.ts).
 */
export function readExportFile(
  file: ExportFileInput,
  options: ReadOptions,
  onRows?: (rowsDone: number, rowsTotal: number) => void,
  onFacts?: FactsRead
): FileReadResult {
  return readingFile(file.name, () => readWholeFile(file, options, onRows, onFacts))
}

/**
 * Called every `rowProgressEvery` rows and once at the end with the file's result so far: it takes
 * the facts read since the last call out of `patients`, `readings`, `components`, `events` and
 * `ethnicity` (stage/staged-assembly.ts writes them to disk), so a file's facts are never all held.
 */
export type FactsRead = (result: FileReadResult) => void

function readWholeFile(
  file: ExportFileInput,
  options: ReadOptions,
  onRows?: (rowsDone: number, rowsTotal: number) => void,
  onFacts?: FactsRead
): FileReadResult {
  // The file's first rows locate the column row; the rest are read one at a time, never all held.
  const source = exportSourceOf(file)
  const located = locateLayout(file, options, source.head)
  const { table, headerIndex, map, format } = located
  if (map.nhsNumber === -1) {
    throw badFile(file.name, noNhsColumn, { needsMapping: true, layoutHash: located.layoutHash })
  }

  const result: FileReadResult = {
    preview: {
      name: file.name,
      format,
      layout: map.layout,
      headerRowNumber: headerIndex + 1,
      reportHeader: located.reportHeader,
      columns: map.columns.map((c) => ({ index: c.index, caption: c.label, role: c.role, ...(c.note ? { note: c.note } : {}) })),
      rowsRead: 0,
      emptyRowsSkipped: 0,
      fileType: table.fileType,
      detection: located.detection,
      mapping: {
        source: located.chosen?.source ?? 'auto',
        layoutHash: located.layoutHash,
        captions: layoutCaptions(located.captions),
        savedAt: located.chosen?.savedAt ?? null,
        savedBy: located.chosen?.savedBy ?? null
      }
    },
    format,
    fileHash: sha256Hex(file.bytes),
    codeLibraryVersion: options.library.version ?? '',
    byteSize: file.bytes.length,
    patients: [],
    readings: [],
    components: [],
    events: [],
    ethnicity: [],
    rejects: [],
    warnings: [],
    codeTallies: [],
    incomplete: null
  }
  if (table.encodingWarning) result.warnings.push(table.encodingWarning)
  const reader = new RowReader(file.name, map, located.captions, options, result)
  let current: Current = { kind: 'none', afterEmptyRow: false }
  const rowsEstimate = Math.max(source.approximateRows - headerIndex - 1, 0)
  let rowsSeen = 0
  // Blank rows count only when a row follows them: trailing blank lines are not rows.
  let blankRun = 0
  // Each row is read when the next one arrives, so the last row can be judged as the last: a file
  // cut off while saving or copying ends part-way through it (see cutOffLastRow).
  let pending: { cells: string[]; index: number; blanksBefore: number } | null = null
  let shortRows = 0
  const width = located.captions.length
  const read = (row: { cells: string[]; index: number; blanksBefore: number }) => {
    if (row.blanksBefore > 0) {
      result.preview.emptyRowsSkipped += row.blanksBefore
      // Rows after a confidential patient's empty row must not be credited to the patient above it.
      current = { kind: 'none', afterEmptyRow: true }
    }
    result.preview.rowsRead++
    current = reader.readRow(row.cells, row.index + 1, current)
  }
  const end = source.eachRow((cells, index) => {
    if (index <= headerIndex) return
    if (rowsSeen > 0 && rowsSeen % rowProgressEvery === 0) {
      onRows?.(rowsSeen, Math.max(rowsEstimate, rowsSeen))
      onFacts?.(result)
    }
    rowsSeen++
    if (isBlankRow(cells)) {
      blankRun++
      return
    }
    if (pending) {
      if (pending.cells.length < width) shortRows++
      read(pending)
    }
    pending = { cells, index, blanksBefore: blankRun }
    blankRun = 0
  })
  const last = pending as { cells: string[]; index: number; blanksBefore: number } | null
  if (last) {
    const cutOff = table.fileType === 'csv' ? cutOffLastRow(last, width, shortRows, result.preview.rowsRead, end.cutOffInQuoteRow) : null
    if (cutOff === null) read(last)
    else {
      if (last.blanksBefore > 0) result.preview.emptyRowsSkipped += last.blanksBefore
      result.preview.rowsRead++
      reader.rejectCutOffRow(last.cells, last.index + 1, cutOff)
    }
  }
  const rowsTotal = rowsSeen - blankRun
  onRows?.(rowsTotal, rowsTotal)
  if (result.preview.rowsRead === 0) throw badFile(file.name, noPatientRows)
  reader.finish(populationCountOf(located.reportHeader))
  onFacts?.(result)
  return result
}

/**
 * Why the last row looks cut off part-way (a file that ends without its final newline, cut while
 * saving or copying), or null when it looks whole: the file ends inside a quoted cell opened on
 * that row, or the row has fewer cells than the column row while every other row has them all
 * (a file whose rows are all short is simply written that way, so it is not judged). Only a CSV
 * is judged: a workbook cannot be cut part-way through a row (its ZIP would not open), and its rows
 * end at their last filled cell, so a short last row there is only blank cells.
 */
function cutOffLastRow(
  last: { cells: string[]; index: number },
  width: number,
  shortRowsBefore: number,
  rowsBefore: number,
  cutOffInQuoteRow: number | null
): string | null {
  if (cutOffInQuoteRow === last.index + 1) return 'the file ends inside a quoted cell of this row'
  if (last.cells.length < width && shortRowsBefore === 0 && rowsBefore > 0) {
    return `this row has ${last.cells.length} of the ${width} cells every other row has`
  }
  return null
}
