// The files of one import → one set of patients, readings and events: patients merged by NHS
// number, systolic and diastolic rows paired into readings (the same type on the same
// date form one reading), duplicates collapsed, and the content hash that recognises a re-import.
import { bloodPressureProblem } from '../../../shared/domain/bp-plausibility'
import type { RejectedRowT } from '../../../shared/contract'
import { countTermOnlyEvents, countUnmatchedCodes, mergeCodeTallies } from '../../codelists/code-findings'
import type {
  BpComponentRecord,
  EthnicityRecord,
  EventRecord,
  FileReadResult,
  ParsedImport,
  PatientDraft,
  PatientFields,
  ReadingRecord,
  SourceRef
} from '../import-types'
import type { ExportFormat } from './map-columns'
import { readingFile } from '../read/plain-refusal'
import { sha256Hex } from '../read/read-export-file'
import { exportRunDate, reportKeyOf } from './report-identity'
import { formatDateText } from '../../../shared/format/staff-text'
import { formatNhsNumber } from '../../../shared/domain/nhs-number'

/** Several files of one report are one import: the hash is over the sorted per-file hashes. */
export function contentHashOf(fileHashes: readonly string[]): string {
  return sha256Hex([...fileHashes].sort().join('\n'))
}

function overallFormat(files: readonly FileReadResult[]): ExportFormat {
  const formats = new Set(files.map((f) => f.format))
  if (formats.size === 1) return files[0]?.format ?? 'generic'
  if (formats.has('emis') && !formats.has('systmone')) return 'emis'
  if (formats.has('systmone') && !formats.has('emis')) return 'systmone'
  return 'generic'
}

/** The files of one import as one; anything unexpected is refused naming the files (plain-refusal.ts). */
export function assembleImport(files: FileReadResult[]): ParsedImport {
  return readingFile(files.map((f) => f.preview.name).join(', '), () => assembleFiles(files))
}

/** What merging the files' facts yields: in memory here, or on disk as they are read (stage/staged-assembly.ts). */
export interface MergedFacts {
  /** In first-seen order; empty when the facts are staged. */
  patients: ParsedImport['patients']
  readings: ReadingRecord[]
  events: EventRecord[]
  conflicts: RejectedRowT[]
  pairedRejects: RejectedRowT[]
  unpaired: string[]
}

/** A patient while the files are merged: their fields so far, and where each conflict field was last given. */
export interface MergingPatient {
  fields: Partial<PatientFields>
  seenAt: Partial<Record<ConflictField, SourceRef>>
}

/**
 * One patient row merged into what earlier rows said (`existing`, changed in place), or the
 * patient as first seen. Later rows and files fill in and overwrite blanks. Two dates of birth or
 * two sexes for one NHS number are conflicts: the later row's value is used, and both rows are
 * named so the practice can correct the record (a merged or mistyped record in the clinical system).
 */
export function mergePatientDraft(
  existing: MergingPatient | undefined,
  draft: PatientDraft,
  captions: Record<ConflictField, string>,
  conflicts: RejectedRowT[]
): MergingPatient {
  if (!existing) {
    const seenAt: Partial<Record<ConflictField, SourceRef>> = {}
    for (const field of conflictFields) if (draft.fields[field]) seenAt[field] = draft.source
    return { fields: { ...draft.fields }, seenAt }
  }
  for (const field of conflictFields) {
    const next = draft.fields[field]
    const known = existing.fields[field]
    const knownAt = existing.seenAt[field]
    // "U" (not recorded) next to M or F is a gap, not a contradiction.
    const unknownSex = field === 'sex' && (next === 'U' || known === 'U')
    if (next && known && next !== known && knownAt && !unknownSex) {
      const said = (v: typeof next) => (field === 'dateOfBirth' ? formatDateText(String(v)) : String(v))
      conflicts.push({
        file: draft.source.file,
        row: draft.source.row,
        column: captions[field],
        // The cell as the practice will find it in the file, not as it was read.
        value: draft.exported?.[field] ?? String(next),
        reason:
          `NHS number ${formatNhsNumber(draft.nhsNumber)} has two ${conflictWords[field]}: ${said(known)} (${knownAt.file} row ${knownAt.row}) and ${said(next)} (${draft.source.file} row ${draft.source.row}); ` +
          `${said(next)} is used — check the record in the clinical system`
      })
    }
    if (next) existing.seenAt[field] = draft.source
  }
  for (const [key, value] of Object.entries(draft.fields) as [keyof PatientFields, unknown][]) {
    const blank = value === null || (Array.isArray(value) && value.length === 0)
    if (!blank || !(key in existing.fields)) (existing.fields as Record<string, unknown>)[key] = value
  }
  return existing
}

/** The files' facts merged in memory: patients by NHS number, readings paired and each fact once. */
function mergeInMemory(files: readonly FileReadResult[]): MergedFacts {
  const patients = new Map<string, MergingPatient>()
  const conflicts: RejectedRowT[] = []
  for (const file of files) {
    const captions = conflictCaptions(file)
    for (const draft of file.patients) {
      const existing = patients.get(draft.nhsNumber)
      const merged = mergePatientDraft(existing, draft, captions, conflicts)
      if (!existing) patients.set(draft.nhsNumber, merged)
    }
  }

  // Ethnicity coded as an event: the latest one, unless an Ethnicity column gave a value.
  const latestEthnicity = new Map<string, EthnicityRecord>()
  for (const e of files.flatMap((f) => f.ethnicity)) {
    const seen = latestEthnicity.get(e.nhsNumber)
    if (!seen || (e.date ?? '') >= (seen.date ?? '')) latestEthnicity.set(e.nhsNumber, e)
  }
  for (const [nhsNumber, e] of latestEthnicity) {
    const patient = patients.get(nhsNumber)
    if (patient && !patient.fields.ethnicityText) {
      patient.fields.ethnicityText = e.text
      patient.fields.ethnicityCategory = e.category
    }
  }

  const readings: ReadingRecord[] = files.flatMap((f) =>
    f.readings.map(({ nhsNumber, date, systolic, diastolic, setting, measure }) => ({ nhsNumber, date, systolic, diastolic, setting, measure }))
  )
  const paired = pairComponents(files.flatMap((f) => f.components))
  // Appended one by one: spreading a 100k-element array into push() overflows the call stack.
  for (const reading of paired.readings) readings.push(reading)
  return {
    patients: [...patients].map(([nhsNumber, p]) => ({ nhsNumber, fields: p.fields })),
    readings: uniqueBy(readings, readingKey),
    events: uniqueBy(
      files.flatMap((f) => f.events),
      (e: EventRecord) => `${e.nhsNumber}|${e.date ?? ''}|${e.concept}|${e.code}|${e.term}`
    ),
    conflicts,
    pairedRejects: paired.rejects,
    unpaired: paired.unpaired
  }
}

const readingKey = (r: ReadingRecord) => `${r.nhsNumber}|${r.date}|${r.systolic}|${r.diastolic}|${r.setting}|${r.measure}`

/** The files of one import as one, their facts merged already (`merged`): warnings, rejects, hashes, the report's identity. */
export function assembleMerged(files: FileReadResult[], merged: MergedFacts): ParsedImport {
  return readingFile(files.map((f) => f.preview.name).join(', '), () => assembleFiles(files, merged))
}

function assembleFiles(files: FileReadResult[], merged: MergedFacts = mergeInMemory(files)): ParsedImport {
  const warnings: string[] = []
  const rejects: RejectedRowT[] = files.flatMap((f) => f.rejects)
  const duplicateNames = new Set<string>()
  const hashes = new Map<string, string>()
  for (const f of files) {
    const earlier = hashes.get(f.fileHash)
    if (earlier !== undefined) duplicateNames.add(`${f.preview.name} (same content as ${earlier})`)
    else hashes.set(f.fileHash, f.preview.name)
  }
  if (duplicateNames.size > 0) warnings.push(`The same file was chosen twice: ${[...duplicateNames].join(', ')}`)
  const { conflicts } = merged
  warnings.push(
    ...summarise(
      conflicts.map((c) => c.reason),
      'row(s) disagree with an earlier row for the same patient (all are listed under Conflicting details)'
    )
  )

  for (const reject of merged.pairedRejects) rejects.push(reject)
  warnings.push(...summarise(merged.unpaired, 'blood pressure value(s) had no matching systolic/diastolic on the same date and were not stored'))

  // The report lists problems in the order the practice will meet them in the file.
  const fileOrder = new Map(files.map((f, i) => [f.preview.name, i]))
  rejects.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.row - b.row)

  for (const f of files) for (const warning of f.warnings) warnings.push(warning)
  const codeFindings = mergeCodeTallies(files)
  const absencesNotMarked = absencesNotMarkedBecause(files)
  if (absencesNotMarked) warnings.push(absencesNotMarked)

  const assembled = {
    // The code lists are part of what an import means: the same export read with newer lists is
    // imported again, so codes the old lists did not know are stored and readings stored without
    // their kind get it (commit-import.ts); facts already stored are not stored twice.
    contentHash: contentHashOf([...files.map((f) => f.fileHash), ...new Set(files.map((f) => `code lists ${f.codeLibraryVersion}`))]),
    format: overallFormat(files),
    files,
    rowsRead: files.reduce((n, f) => n + f.preview.rowsRead, 0),
    patients: merged.patients,
    readings: merged.readings,
    events: merged.events,
    rejects,
    conflicts,
    warnings,
    reportKey: reportKeyOf(
      files.map((f) => f.preview),
      { complete: absencesNotMarked === null }
    ),
    absencesNotMarked,
    exportedOn: exportRunDate(files.map((f) => f.preview)),
    codeFindings,
    termOnlyMatches: countTermOnlyEvents(codeFindings),
    unmatchedCodes: countUnmatchedCodes(codeFindings)
  }
  // The per-file records are now merged into the lists above; the preview is kept in memory until
  // the user commits (a 100k-row import is hundreds of thousands of objects), so let them go.
  for (const f of files) {
    f.patients = []
    f.readings = []
    f.components = []
    f.events = []
    f.ethnicity = []
    f.codeTallies = []
  }
  return assembled
}

/**
 * A patient is marked "not in latest export" only when this import is a complete run of the same
 * report: one file that may be cut short would otherwise mark everyone after the cut as gone.
 */
function absencesNotMarkedBecause(files: readonly FileReadResult[]): string | null {
  const reasons = files.filter((f) => f.incomplete !== null).map((f) => `"${f.preview.name}" ${f.incomplete}`)
  if (reasons.length === 0) return null
  return (
    `Patients missing from this import are not marked "not in latest export", because the export may be incomplete: ${reasons.join('; ')}. ` +
    'Import a complete export of the report to update who is missing.'
  )
}

/** Patient facts that cannot change between two rows of one export without one of them being wrong. */
export type ConflictField = 'dateOfBirth' | 'sex'
const conflictFields: readonly ConflictField[] = ['dateOfBirth', 'sex']
const conflictWords: Record<ConflictField, string> = { dateOfBirth: 'dates of birth', sex: 'sexes' }

/** The file's own caption for each conflict field, so the report names the column the practice sees. */
export function conflictCaptions(file: FileReadResult): Record<ConflictField, string> {
  const caption = (role: string, fallback: string) => file.preview.columns.find((c) => c.role === role)?.caption || fallback
  return { dateOfBirth: caption('patient.dateOfBirth', 'Date of Birth'), sex: caption('patient.sex', 'Gender') }
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const k = key(item)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** At most this many examples of one kind of warning; the rest are counted. */
const warningExamples = 20

function summarise(lines: readonly string[], what: string): string[] {
  if (lines.length === 0) return []
  const shown = lines.slice(0, warningExamples)
  const more = lines.length - shown.length
  return [`${lines.length} ${what}:`, ...shown, ...(more > 0 ? [`… and ${more} more`] : [])]
}

/**
 * Systolic and diastolic rows of one patient, date, setting and kind (e.g. "average" in an ABPM
 * summary) pair in file order. A leftover component is a warning, not a reading: half a blood
 * pressure cannot be judged against a target.
 */
export function pairComponents(components: readonly BpComponentRecord[]): {
  readings: ReadingRecord[]
  rejects: RejectedRowT[]
  unpaired: string[]
} {
  const groups = new Map<string, { systolic: BpComponentRecord[]; diastolic: BpComponentRecord[] }>()
  for (const c of components) {
    const key = `${c.nhsNumber}|${c.date}|${c.setting}|${c.pairingKey}`
    const group = groups.get(key) ?? { systolic: [], diastolic: [] }
    group[c.component].push(c)
    groups.set(key, group)
  }
  const paired: PairedComponents = { readings: [], rejects: [], unpaired: [] }
  for (const { systolic, diastolic } of groups.values()) pairGroup(systolic, diastolic, paired)
  return paired
}

export interface PairedComponents {
  readings: ReadingRecord[]
  rejects: RejectedRowT[]
  unpaired: string[]
}

/** One group's halves (one patient, date, setting and kind), each side in file order, paired into `out`. */
export function pairGroup(systolic: readonly BpComponentRecord[], diastolic: readonly BpComponentRecord[], out: PairedComponents): void {
  const { readings, rejects, unpaired } = out
  const n = Math.max(systolic.length, diastolic.length)
  for (let i = 0; i < n; i++) {
    const s = systolic[i]
    const d = diastolic[i]
    if (s && d) {
      if (s.rejected || d.rejected) continue
      const problem = bloodPressureProblem(s.value, d.value)
      if (problem) {
        rejects.push({ file: s.source.file, row: s.source.row, column: s.column, reason: `${problem} (diastolic from row ${d.source.row}); not imported` })
        continue
      }
      readings.push({ nhsNumber: s.nhsNumber, date: s.date, systolic: s.value, diastolic: d.value, setting: s.setting, measure: s.measure })
      continue
    }
    const lone = s ?? d
    if (!lone || lone.rejected) continue
    const missing = lone.component === 'systolic' ? 'diastolic' : 'systolic'
    unpaired.push(
      `${lone.source.file} row ${lone.source.row}: ${lone.component} ${lone.value} on ${formatDateText(lone.date)} (${lone.setting}) has no ${missing}`
    )
  }
}
