// The Code library (Settings, `clinic-recall codes …`): the code lists the app ships, and from the
// imported data the codes it did not recognise — codes in no list, whose rows were left out, and
// rows read from their term alone, which a clinician should check.
//
// Counting over many imports: a practice imports the same report every month, and each run carries
// the same history again, so adding the runs up would count one event many times. For each report
// (report_key: the same search run again) the latest import that had the code is counted; different
// reports add up. First and last import say when the code was seen at all. A code the shipped
// lists hold now (a newer release added it) is no longer shown: it is matched from the next import.
import type { ImportRef, TermOnlyMatchT, UnmatchedCodeT } from '../../shared/contract'
import type { CodeLibrary } from '../../shared/domain/clinical-codes'
import { clinicalConcepts, isClinicalConcept } from '../../shared/domain/clinical-concepts'
import type { z } from 'zod'
import { todayIso, type ServiceContext } from '../context'
import { CSV_MIME, csvText } from '../documents/csv-text'
import { codeListCatalogue } from './code-list-catalogue'
import { loadCodeLibrary } from './load-code-library'
import { unmatchedCodeKey } from './code-findings'
import { importFileNames, storedCodeFindings, type StoredCodeFinding } from './unmatched-code-queries'

type ImportRefT = z.output<typeof ImportRef>

/** Terms kept per code for the screen and the CSV. */
const termsShown = 5

export function codeLibrary(): { lists: ReturnType<typeof codeListCatalogue> } {
  return { lists: codeListCatalogue() }
}

/** "CHD" → "Coronary heart disease (CHD_COD)"; "BP:home" → "Blood pressure reading (home)". */
export function matchedAsWords(matchedAs: string): string {
  if (matchedAs === 'ETHNICITY') return 'Ethnicity'
  if (matchedAs.startsWith('BP:')) return `Blood pressure reading (${matchedAs.slice(3)})`
  return matchedAs
    .split('+')
    .map((c) => (isClinicalConcept(c) ? clinicalConcepts[c] : c))
    .join(' and ')
}

interface Group {
  code: string
  matchedAs: string | null
  rows: StoredCodeFinding[]
}

function summarise(group: Group, refOf: (importId: number, importedAt: string) => ImportRefT): UnmatchedCodeT {
  // The latest import of each report that had this code.
  const latestOfReport = new Map<string, number>()
  for (const r of group.rows) {
    const report = r.reportKey ?? `import:${r.importId}`
    latestOfReport.set(report, Math.max(latestOfReport.get(report) ?? 0, r.importId))
  }
  const counted = new Set(latestOfReport.values())
  let events = 0
  let patients = 0
  const termEvents = new Map<string, number>()
  for (const r of group.rows) {
    termEvents.set(r.term, (termEvents.get(r.term) ?? 0) + r.events)
    if (!counted.has(r.importId)) continue
    events += r.events
    patients += r.patients
  }
  const terms = [...termEvents]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, termsShown)
    .map(([term]) => term)
  // Rows are oldest import first.
  const first = group.rows[0]
  const last = group.rows[group.rows.length - 1]
  if (!first || !last) throw new Error('a code group has no rows')
  return {
    code: group.code,
    term: terms[0] ?? '',
    terms,
    events,
    patients,
    firstImport: refOf(first.importId, first.importedAt),
    lastImport: refOf(last.importId, last.importedAt)
  }
}

const byCount = (a: UnmatchedCodeT, b: UnmatchedCodeT) =>
  b.events - a.events || b.patients - a.patients || a.code.localeCompare(b.code) || a.term.localeCompare(b.term)

export function unmatchedCodes(ctx: ServiceContext, library: CodeLibrary = loadCodeLibrary()): { codes: UnmatchedCodeT[]; termOnly: TermOnlyMatchT[] } {
  const listedNow = (code: string) => code !== '' && (library.codes.has(code) || library.ethnicity.byCode.has(code))
  const rows = storedCodeFindings(ctx.db).filter((r) => !listedNow(r.code.trim()))
  const fileNames = importFileNames(ctx.db)
  const refOf = (importId: number, importedAt: string): ImportRefT => ({ importId, importedAt, fileNames: fileNames.get(importId) ?? [] })
  const groups = new Map<string, Group>()
  for (const r of rows) {
    // A code is one entry whatever its terms; a row without a code is known by its term.
    const key = `${unmatchedCodeKey(r.code, r.term)}\u0001${r.matchedAs ?? ''}`
    const group = groups.get(key) ?? { code: r.code.trim(), matchedAs: r.matchedAs, rows: [] }
    group.rows.push(r)
    groups.set(key, group)
  }
  const codes: UnmatchedCodeT[] = []
  const termOnly: TermOnlyMatchT[] = []
  for (const group of groups.values()) {
    const summary = summarise(group, refOf)
    if (group.matchedAs === null) codes.push(summary)
    else termOnly.push({ ...summary, matchedAs: group.matchedAs, matchedAsText: matchedAsWords(group.matchedAs) })
  }
  return { codes: codes.sort(byCount), termOnly: termOnly.sort(byCount) }
}

export const unmatchedCsvHeader = [
  'Code',
  'Term',
  'Other terms',
  'Events',
  'Patients',
  'First import',
  'First imported on',
  'Last import',
  'Last imported on'
] as const

export function unmatchedCodesCsvText(codes: readonly UnmatchedCodeT[]): string {
  return csvText(
    unmatchedCsvHeader,
    codes.map((c) => [
      c.code,
      c.term,
      c.terms.slice(1).join('; '),
      c.events,
      c.patients,
      c.firstImport.importId,
      c.firstImport.importedAt.slice(0, 10),
      c.lastImport.importId,
      c.lastImport.importedAt.slice(0, 10)
    ])
  )
}

export function unmatchedCodesCsv(ctx: ServiceContext): { name: string; mimeType: string; contentBase64: string } {
  const { codes } = unmatchedCodes(ctx)
  return {
    name: `codes-matching-no-list-${todayIso(ctx)}.csv`,
    mimeType: CSV_MIME,
    contentBase64: Buffer.from(unmatchedCodesCsvText(codes), 'utf8').toString('base64')
  }
}
