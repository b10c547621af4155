// Which report an import is, and when the clinical system ran it. Both come from what the export
// itself says, so they survive renaming the file:
// - the report key (report name from the report-header block + the column captions) recognises
//   "the same report run again", which is what makes a patient's absence meaningful;
// - the run date ("Run Date:" in an EMIS report header) orders exports by when they were taken,
//   not by when someone got round to importing them;
// - the population count ("Population Count" in an EMIS report header) says how many patients the
//   search found, so a file cut short while saving or copying can be told from a complete one.
import { createHash } from 'node:crypto'
import { parseUkDate } from '../../../shared/domain/uk-date'
import type { ImportFilePreviewT } from '../import-types'

const reportNameLine = /^(report name|search name)\s*:?\s*(.+)$/i
const runDateLine = /^(run date|date run|report run date|extract date)\s*:?\s*(.+)$/i

function reportName(reportHeader: readonly string[]): string {
  for (const line of reportHeader) {
    const m = reportNameLine.exec(line.trim())
    if (m) return (m[2] ?? '').trim().toLowerCase()
  }
  return ''
}

/**
 * Same report name and same columns (in order, case-insensitive) → same key, whatever the file is
 * called. An import that may be incomplete (a file cut short) gets a key of its own: it is then
 * never "the previous run" a later export is compared with, so a later complete run is compared
 * with the last complete one, and patients missing only from the cut-short file are never marked
 * "not in latest export".
 */
export function reportKeyOf(files: readonly ImportFilePreviewT[], options: { complete: boolean } = { complete: true }): string {
  const layouts = [...new Set(files.map((f) => `${reportName(f.reportHeader)}|${f.columns.map((c) => c.caption.trim().toLowerCase()).join(',')}`))]
  const key = createHash('sha256').update(layouts.sort().join('\n')).digest('hex')
  return options.complete ? key : `incomplete:${key}`
}

/** False for the key of an import that may be incomplete: it neither marks nor is compared with. */
export function isCompleteRunKey(reportKey: string): boolean {
  return !reportKey.startsWith('incomplete:')
}

// "Population Count:,3000" / "Population Count,3,000" / "population count : 3000" (the report
// header's cells usually arrive joined by a space: map-columns.ts reportHeaderLines).
const populationLine = /^population\s*count[\s:,]*(\d{1,3}(?:,\d{3})+|\d+)[\s,]*$/i

/** The number of patients an EMIS report header says the search found, or null when it says none. */
export function populationCountOf(reportHeader: readonly string[]): number | null {
  for (const line of reportHeader) {
    const m = populationLine.exec(line.trim())
    if (m) return Number((m[1] ?? '').replace(/,/g, ''))
  }
  return null
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
