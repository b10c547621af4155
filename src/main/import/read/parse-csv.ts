// Decoded text → rows of cells, exactly as a spreadsheet would show them: row N here is row N in
// Excel (a quoted newline stays inside its cell), so row numbers in the import report match what
// the practice sees when it opens the file.
import type Papa from 'papaparse'
import { loadOnFirstUse } from '../../load-on-first-use'
import { badFile } from './bad-file'
import { columnLetter } from '../map/column-letter'
import { detectDelimiter, type CsvDelimiter } from './csv-delimiter'

/** papaparse, loaded the first time a CSV is read (load-on-first-use.ts). */
const papa = () => loadOnFirstUse<typeof Papa>('papaparse')

/**
 * The longest cell and row read. No real export has a cell of a million characters (a long
 * address is a few hundred); one that does is damaged or not an export, and reading on would
 * carry megabytes into names, the preview and the rejects report until memory ran out.
 */
export const maxCellLength = 1024 * 1024
export const maxRowLength = 4 * 1024 * 1024

/** What reading the whole text found about its end. */
export interface CsvEnd {
  /**
   * The row (1-based) on which the file ends inside a quoted cell opened on that same line: the
   * file was cut off part-way through its last row. A quote that runs over a line break to the end
   * is refused instead (the rows after it would be swallowed into one cell).
   */
  cutOffInQuoteRow: number | null
}

/** Rows of a CSV (commas, or semicolons/tabs when the file uses those: csv-delimiter.ts). */
export function parseCsvRows(fileName: string, text: string): string[][] {
  return parseCsvTable(fileName, text).rows
}

/** `delimiter`: the separator already found for this text (export-table.ts), else found here. */
export function parseCsvTable(
  fileName: string,
  text: string,
  delimiter: CsvDelimiter = detectDelimiter(text)
): { rows: string[][]; delimiter: CsvDelimiter } & CsvEnd {
  const parsed = papa().parse<string[]>(text, { header: false, delimiter, skipEmptyLines: false })
  const rows = parsed.data
  let cutOffInQuoteRow: number | null = null
  const malformed = parsed.errors.find((e) => e.code === 'InvalidQuotes')
  if (malformed) throw textAfterClosingQuote(fileName, (malformed.row ?? 0) + 1)
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes')
  if (unclosed) {
    const index = unclosed.row ?? rows.length - 1
    if (index !== rows.length - 1 || !endsOnItsOwnLine(rows[index] ?? [])) throw unclosedQuote(fileName, index + 1)
    cutOffInQuoteRow = index + 1
  }
  rows.forEach((cells, index) => checkRowSize(fileName, cells, index + 1))
  // A final newline or a last line of only commas is not a row.
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1] ?? [])) rows.pop()
  return { rows, delimiter, cutOffInQuoteRow }
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '')
}

/**
 * Every row of a CSV in order, one at a time (row N of the file is index N - 1, as in parseCsvRows),
 * without keeping them all: a 300,000-row export as arrays of cells takes hundreds of MB, which the
 * reader does not need once each row is read. Trailing blank rows are passed on too; the caller
 * decides what they mean. Refuses an unclosed quote or text after a closing quote as parseCsvRows
 * does, and a cell or row too long to be real before it is passed on.
 */
export function eachCsvRow(fileName: string, text: string, delimiter: CsvDelimiter, visit: (cells: string[], index: number) => void): CsvEnd {
  let index = 0
  let unclosedAt: number | null = null
  let cutOffInQuoteRow: number | null = null
  let malformedAt: number | null = null
  papa().parse<string[]>(text, {
    header: false,
    delimiter,
    skipEmptyLines: false,
    step: (step, parser) => {
      if (step.errors.some((e) => e.code === 'InvalidQuotes')) {
        malformedAt = index
        parser.abort()
        return
      }
      if (step.errors.some((e) => e.code === 'MissingQuotes')) {
        // Papa reports an unclosed quote only on the row that runs to the end of the text.
        if (!endsOnItsOwnLine(step.data)) {
          unclosedAt = index
          parser.abort()
          return
        }
        cutOffInQuoteRow = index + 1
      }
      checkRowSize(fileName, step.data, index + 1)
      visit(step.data, index++)
    }
  })
  if (malformedAt !== null) throw textAfterClosingQuote(fileName, malformedAt + 1)
  if (unclosedAt !== null) throw unclosedQuote(fileName, unclosedAt + 1)
  return { cutOffInQuoteRow }
}

/** The unclosed cell (the row's last) has no line break in it: the quote was opened on the last line. */
function endsOnItsOwnLine(cells: readonly string[]): boolean {
  return !/[\r\n]/.test(cells[cells.length - 1] ?? '')
}

function checkRowSize(fileName: string, cells: readonly string[], row: number): void {
  let total = 0
  for (let i = 0; i < cells.length; i++) {
    const length = (cells[i] ?? '').length
    if (length > maxCellLength) {
      throw badFile(
        fileName,
        `has a cell on row ${row} (column ${columnLetter(i)}) over ${maxCellLength.toLocaleString('en-GB')} characters long: no export has a cell that long, ` +
          'so the file is damaged or not a report export (a quote mark left open can make the rest of the file one cell); export the report again'
      )
    }
    // Each cell and the separator after it: the row as it stands in the file, near enough.
    total += length + 1
  }
  if (total > maxRowLength) {
    throw badFile(
      fileName,
      `has a row (row ${row}) over ${maxRowLength.toLocaleString('en-GB')} characters long: no export has a row that long, so the file is damaged or not a report export; export the report again`
    )
  }
}

/**
 * `"SMITH"JR,…`: Papa keeps looking for a closing quote and can swallow the cells and rows after
 * it into one cell without a word; so the file is refused, naming the row, rather than misread.
 */
function textAfterClosingQuote(fileName: string, row: number) {
  return badFile(
    fileName,
    `has a cell on row ${row} that starts with a quote mark (") but has more text after its closing quote (such as "SMITH"JR), ` +
      'so where the cell ends is unclear and the rows after it could be misread; correct that cell (in the clinical system, or in Excel) and export again'
  )
}

function unclosedQuote(fileName: string, row: number) {
  return badFile(
    fileName,
    `has a quote mark (") opened on row ${row} that is never closed, so the rows after it cannot be read; the file may be cut short or edited by hand`
  )
}
