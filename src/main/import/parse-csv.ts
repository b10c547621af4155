// Decoded text → rows of cells, exactly as a spreadsheet would show them: row N here is row N in
// Excel (a quoted newline stays inside its cell), so row numbers in the import report match what
// the practice sees when it opens the file.
import Papa from 'papaparse'
import { badFile } from './bad-file'
import { detectDelimiter, type CsvDelimiter } from './csv-delimiter'

/** Rows of a CSV (commas, or semicolons/tabs when the file uses those: csv-delimiter.ts). */
export function parseCsvRows(fileName: string, text: string): string[][] {
  return parseCsvTable(fileName, text).rows
}

export function parseCsvTable(fileName: string, text: string): { rows: string[][]; delimiter: CsvDelimiter } {
  const delimiter = detectDelimiter(text)
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter, skipEmptyLines: false })
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes')
  if (unclosed) throw unclosedQuote(fileName, (unclosed.row ?? 0) + 1)
  const rows = parsed.data
  // A final newline or a last line of only commas is not a row (export-formats.md).
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1] ?? [])) rows.pop()
  return { rows, delimiter }
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '')
}

/**
 * Every row of a CSV in order, one at a time (row N of the file is index N - 1, as in parseCsvRows),
 * without keeping them all: a 300,000-row export as arrays of cells takes hundreds of MB, which the
 * reader does not need once each row is read. Trailing blank rows are passed on too; the caller
 * decides what they mean. Refuses an unclosed quote as parseCsvRows does.
 */
export function eachCsvRow(fileName: string, text: string, delimiter: CsvDelimiter, visit: (cells: string[], index: number) => void): void {
  let index = 0
  let unclosedAt: number | null = null
  Papa.parse<string[]>(text, {
    header: false,
    delimiter,
    skipEmptyLines: false,
    step: (step, parser) => {
      if (step.errors.some((e) => e.code === 'MissingQuotes')) {
        unclosedAt = index
        parser.abort()
        return
      }
      visit(step.data, index++)
    }
  })
  if (unclosedAt !== null) throw unclosedQuote(fileName, unclosedAt + 1)
}

function unclosedQuote(fileName: string, row: number) {
  return badFile(fileName, `has a quote mark (") opened on row ${row} that is never closed, so the rows after it cannot be read; the file may be cut short or edited by hand`)
}
