// The rejects report as a CSV the practice can open in Excel and work through in the clinical
// system: one line per rejected or conflicting row, with the file, the spreadsheet row, the column,
// the cell as exported and the reason. Cells go through csvText, which neutralises anything a
// spreadsheet would run as a formula (a hostile `=HYPERLINK(...)` name stays text).
import type { RejectedRowT } from '../../../shared/contract'
import { CSV_MIME, csvText } from '../../documents/csv-text'

export const rejectsCsvHeader = ['File', 'Row', 'Column', 'Value', 'Reason', 'Imported'] as const

export function rejectsCsv(rejected: readonly RejectedRowT[], conflicts: readonly RejectedRowT[]): string {
  const line = (r: RejectedRowT, imported: string) => [r.file, r.row, r.column, r.value ?? '', r.reason, imported]
  const rows = [...rejected.map((r) => ({ r, imported: 'no' })), ...conflicts.map((r) => ({ r, imported: 'yes - check the record' }))].sort(
    (a, b) => a.r.file.localeCompare(b.r.file) || a.r.row - b.r.row
  )
  return csvText(
    rejectsCsvHeader,
    rows.map(({ r, imported }) => line(r, imported))
  )
}

/** A file name that says what it is and which import it belongs to. */
export function rejectsCsvName(label: string): string {
  return `import-${label}-rejected-rows.csv`
}

export function rejectsCsvDownload(label: string, rejected: readonly RejectedRowT[], conflicts: readonly RejectedRowT[]) {
  return { name: rejectsCsvName(label), mimeType: CSV_MIME, contentBase64: Buffer.from(rejectsCsv(rejected, conflicts), 'utf8').toString('base64') }
}
