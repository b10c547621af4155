// Which report an import is, and when the clinical system ran it. Both come from what the export
// itself says, so they survive renaming the file:
// - the report key (the report's and the search's names or titles from the report-header block +
//   the column captions) recognises "the same report run again", which is what makes a patient's
//   absence meaningful. Two searches with the same columns are two reports: a patient missing from
//   the "Housebound BP" search is not missing from the "Hypertension register" one;
// - the run date ("Run Date:" or "Last Run:" in an EMIS report header, "Date run", "Report run on",
//   "Extract date" and the like in SystmOne's) orders exports by when they were taken, not by when
//   someone got round to importing them;
// - the population count ("Population Count" in an EMIS report header) says how many patients the
//   search found, so a file cut short while saving or copying can be told from a complete one.
import { createHash } from 'node:crypto'
import { parseUkDate } from '../../../shared/domain/uk-date'
import type { ImportFilePreviewT } from '../import-types'

// "Report Name: BP recall", "Search Name BP register", "Report Title: …", "Title: …", "Search: …".
// The one-word captions need their colon, so "Report Description:" or "Search criteria" never count.
const titleLine = /^(?:(report|search)\s+(?:name|title)\s*:?|(report|search|title)\s*:)\s*(.+)$/i

/**
 * What the header says the report is: its report name or title and its search name or title, each
 * as the export wrote it (lower case, spaces collapsed). Empty when the header names neither (an
 * export saved without its report header).
 */
export function reportTitleOf(reportHeader: readonly string[]): string {
  const named = new Map<'report' | 'search', string>()
  for (const line of reportHeader) {
    const m = titleLine.exec(line.trim())
    if (!m) continue
    const kind = (m[1] ?? m[2] ?? '').toLowerCase() === 'search' ? 'search' : 'report'
    const value = (m[3] ?? '').replace(/\s+/g, ' ').trim().toLowerCase()
    if (value !== '' && !named.has(kind)) named.set(kind, value)
  }
  return [...named].map(([kind, value]) => `${kind}: ${value}`).join('; ')
}

/**
 * Same report and search names (or titles) and same columns (in order, case-insensitive) → same
 * key, whatever the file is called; a different search with the same columns is another report.
 * An import that may be incomplete (a file cut short) gets a key of its own: it is then never "the
 * previous run" a later export is compared with, so a later complete run is compared with the last
 * complete one, and patients missing only from the cut-short file are never marked "not in latest
 * export".
 */
export function reportKeyOf(files: readonly ImportFilePreviewT[], options: { complete: boolean } = { complete: true }): string {
  const layouts = [...new Set(files.map((f) => `${reportTitleOf(f.reportHeader)}|${f.columns.map((c) => c.caption.trim().toLowerCase()).join(',')}`))]
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

// The run date's captions: EMIS "Run Date" and "Last Run" (with or without "Date"/"and Time"),
// SystmOne's "Date run", "Date and time run", "Report run on", "Run on", "Date of run", "Extract
// date" / "Extracted on". "Run Time" alone is a time, not a date, and is not one of them.
const runDateLine =
  /^(?:last run(?: date)?|run date|date run|date (?:and|&|\/) ?time run|report run date|report run on|run on|date of run|search run date|extract date|extracted on|date extracted)(?:\s*(?:and|&|\/)\s*time)?\s*:?\s*(.+)$/i

/** "Thursday, 12th November 2026 at 09:14" → "12 November 2026 09:14": the day as parseUkDate reads it. */
function runDateText(value: string): string {
  return value
    .trim()
    .replace(/^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?,?\s+/i, '')
    .replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/i, '$1')
    .replace(/\s+at\s+(?=\d{1,2}:\d{2})/i, ' ')
}

/** The run date one report-header line states (YYYY-MM-DD), or null when the line is not a run date. */
export function runDateOfLine(line: string): string | null {
  const m = runDateLine.exec(line.trim())
  if (!m) return null
  const parsed = parseUkDate(runDateText(m[1] ?? ''))
  return parsed.ok ? parsed.date : null
}

/** The latest run date any of the files states, as YYYY-MM-DD; null when none says (an export saved without its report header). */
export function exportRunDate(files: readonly ImportFilePreviewT[]): string | null {
  let latest: string | null = null
  for (const file of files) {
    for (const line of file.reportHeader) {
      const date = runDateOfLine(line)
      if (date !== null && (latest === null || date > latest)) latest = date
    }
  }
  return latest
}
