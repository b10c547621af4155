// Fills in the exported cell behind each rejected row, for the rejects CSV ("file, row, column,
// value, reason"): the practice searches the clinical system for what the export actually said.
// The row readers report row and column; the cell is looked up here afterwards, from the same
// decoded rows, so a file without rejects costs nothing extra.
import { decodeFileBytes } from './decode-file'
import type { FileReadResult } from './import-types'
import { parseCsvRows } from './parse-csv'

/** Longest value kept: a reject caused by a 50 MB cell must not put 50 MB into the report. */
const maxValueLength = 200

export function attachRejectValues(file: { name: string; bytes: Uint8Array }, result: FileReadResult): void {
  const missing = result.rejects.filter((r) => r.value === undefined)
  if (missing.length === 0) return
  let rows: string[][]
  try {
    rows = parseCsvRows(file.name, decodeFileBytes(file.name, file.bytes).text)
  } catch {
    return // not a CSV (e.g. a workbook read another way): the reason text still names the value
  }
  const columnOf = new Map(result.preview.columns.map((c) => [c.caption, c.index]))
  for (const reject of missing) {
    const index = columnOf.get(reject.column)
    const cell = index === undefined ? undefined : rows[reject.row - 1]?.[index]
    if (cell === undefined) continue
    const value = cell.trim()
    reject.value = value.length > maxValueLength ? `${value.slice(0, maxValueLength)}…` : value
  }
}
