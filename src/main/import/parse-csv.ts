// Decoded text → rows of cells, exactly as a spreadsheet would show them: row N here is row N in
// Excel (a quoted newline stays inside its cell), so row numbers in the import report match what
// the practice sees when it opens the file.
import Papa from 'papaparse'
import { badFile } from './bad-file'

export function parseCsvRows(fileName: string, text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter: ',', skipEmptyLines: false })
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes')
  if (unclosed) {
    const row = (unclosed.row ?? 0) + 1
    throw badFile(fileName, `has a quote mark (") opened on row ${row} that is never closed, so the rows after it cannot be read; the file may be cut short or edited by hand`)
  }
  const rows = parsed.data
  // A final newline or a last line of only commas is not a row (export-formats.md).
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1] ?? [])) rows.pop()
  return rows
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '')
}
