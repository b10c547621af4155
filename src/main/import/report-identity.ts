// Which report an import is, and when the clinical system ran it. Both come from what the export
// itself says, so they survive renaming the file:
// - the report key (report name from the report-header block + the column captions) recognises
//   "the same report run again", which is what makes a patient's absence meaningful;
// - the run date ("Run Date:" in an EMIS report header) orders exports by when they were taken,
//   not by when someone got round to importing them.
import { parseUkDate } from '../../shared/domain/uk-date'
import type { ImportFilePreviewT } from './import-types'
import { sha256Hex } from './read-export-file'

const reportNameLine = /^(report name|search name)\s*:?\s*(.+)$/i
const runDateLine = /^(run date|date run|report run date|extract date)\s*:?\s*(.+)$/i

function reportName(reportHeader: readonly string[]): string {
  for (const line of reportHeader) {
    const m = reportNameLine.exec(line.trim())
    if (m) return (m[2] ?? '').trim().toLowerCase()
  }
  return ''
}

/** Same report name and same columns (in order, case-insensitive) → same key, whatever the file is called. */
export function reportKeyOf(files: readonly ImportFilePreviewT[]): string {
  const layouts = [...new Set(files.map((f) => `${reportName(f.reportHeader)}|${f.columns.map((c) => c.caption.trim().toLowerCase()).join(',')}`))]
  return sha256Hex(layouts.sort().join('\n'))
}

/** The latest run date any of the files states, as YYYY-MM-DD; null when none says (SystmOne, "exclude report header"). */
export function exportRunDate(files: readonly ImportFilePreviewT[]): string | null {
  let latest: string | null = null
  for (const file of files) {
    for (const line of file.reportHeader) {
      const m = runDateLine.exec(line.trim())
      if (!m) continue
      const parsed = parseUkDate(m[2] ?? '')
      if (parsed.ok && parsed.date !== null && (latest === null || parsed.date > latest)) latest = parsed.date
    }
  }
  return latest
}
