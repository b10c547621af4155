// The stored cohort snapshots: one `cohorts` row per build, its compact `cohort_entries` rows (one
// per listed patient, in the definition's order) and one `cohort_snapshot_patients` document with
// the listed patients as the build saw them. A snapshot is written once and never updated.
import type { CohortEntryT } from '../../shared/contract'
import type { TargetMode } from '../../shared/domain/bp-targets'
import type { CohortDefinitionId } from '../../shared/domain/cohort-definitions'
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface CohortRow {
  id: number
  definition_id: CohortDefinitionId
  definition_version: number
  name: string
  as_of: string
  mode: TargetMode
  parameters_json: string
  built_at: string
  built_by: string
  member_count: number
  excluded_count: number
  not_eligible_count: number
  exclusion_counts_json: string
  facts_reading_id: number | null
  facts_event_id: number | null
  programme_id: number | null
}

export interface NewCohort {
  programmeId: number
  definitionId: string
  definitionVersion: number
  name: string
  asOf: string
  mode: TargetMode
  parametersJson: string
  builtAt: string
  builtBy: string
  memberCount: number
  excludedCount: number
  notEligibleCount: number
  exclusionCountsJson: string
  factsReadingId: number
  factsEventId: number
}

export function insertCohort(w: WritableDb, cohort: NewCohort): number {
  const info = w
    .prepare(
      `INSERT INTO cohorts (programme_id, definition_id, definition_version, name, as_of, mode, parameters_json, built_at, built_by,
                            member_count, excluded_count, not_eligible_count, exclusion_counts_json, facts_reading_id, facts_event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      cohort.programmeId,
      cohort.definitionId,
      cohort.definitionVersion,
      cohort.name,
      cohort.asOf,
      cohort.mode,
      cohort.parametersJson,
      cohort.builtAt,
      cohort.builtBy,
      cohort.memberCount,
      cohort.excludedCount,
      cohort.notEligibleCount,
      cohort.exclusionCountsJson,
      cohort.factsReadingId,
      cohort.factsEventId
    )
  return Number(info.lastInsertRowid)
}

export function findCohort(db: ReadableDb, cohortId: number): CohortRow | undefined {
  return db.prepare('SELECT * FROM cohorts WHERE id = ?').get(cohortId) as CohortRow | undefined
}

/** Newest first. */
export function allCohorts(db: ReadableDb): CohortRow[] {
  return db.prepare('SELECT * FROM cohorts ORDER BY id DESC').all() as CohortRow[]
}

/** One compact entry as written: cohort, patient, status, priority, rule, severe (0/1), BP as JSON. */
export type NewCohortEntry = [
  cohortId: number,
  patientId: number,
  status: 'member' | 'excluded',
  priority: string | null,
  rule: string | null,
  severe: number,
  bpJson: string | null
]

/**
 * Writes the entries in list order, so rowid order is the definition's ordering. Many rows per
 * statement (a few statements in all) rather than one statement per row: 40k row-by-row inserts
 * were most of a build's time; SQLite's json_each measured slower still. The reasons and the
 * explanation are 'null' on compact rows (migration 4 on): they live in cohort_snapshot_patients.
 */
export function insertCohortEntries(w: WritableDb, entries: readonly NewCohortEntry[]): void {
  const perStatement = 500
  const statement = (n: number) =>
    w.prepare(
      `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, rule, severe, bp_json, reasons_json, explanation_json)
       VALUES ${Array.from({ length: n }, () => `(?, ?, ?, ?, ?, ?, ?, 'null', 'null')`).join(', ')}`
    )
  const full = entries.length >= perStatement ? statement(perStatement) : null
  for (let i = 0; i < entries.length; i += perStatement) {
    const chunk = entries.slice(i, i + perStatement)
    ;(chunk.length === perStatement && full ? full : statement(chunk.length)).run(chunk.flat())
  }
}

export interface EntryRow {
  patient_id: number
  status: 'member' | 'excluded'
  priority: CohortEntryT['priority']
  rule: string | null
  severe: number
  bp_json: string | null
  /** 'null' for compact rows (migration 4 on: the reasons are in cohort_snapshot_patients). */
  reasons_json: string
  /** 'null' for compact rows (migration 4 on); the full explanation for older snapshots. */
  explanation_json: string
  // Current patient details: the fallback for snapshots built before either kept the patient as built.
  nhs_number: string
  given_name: string | null
  family_name: string | null
  sex: string | null
  ethnicity_text: string | null
}

const entrySelect = `SELECT e.patient_id, e.status, e.priority, e.rule, e.severe, e.bp_json, e.reasons_json, e.explanation_json,
                            p.nhs_number, p.given_name, p.family_name, p.sex, p.ethnicity_text
                       FROM cohort_entries e JOIN patients p ON p.id = e.patient_id`

/** Every listed patient in rowid order: the order the build stored them in, the definition's ordering (priority first …). */
export function cohortEntries(db: ReadableDb, cohortId: number): EntryRow[] {
  return db.prepare(`${entrySelect} WHERE e.cohort_id = ? ORDER BY e.rowid`).all(cohortId) as EntryRow[]
}

export function cohortEntry(db: ReadableDb, cohortId: number, patientId: number): EntryRow | undefined {
  return db.prepare(`${entrySelect} WHERE e.cohort_id = ? AND e.patient_id = ?`).get(cohortId, patientId) as EntryRow | undefined
}

export function insertSnapshotPatients(w: WritableDb, cohortId: number, patientsJson: string): void {
  w.prepare('INSERT INTO cohort_snapshot_patients (cohort_id, patients_json) VALUES (?, ?)').run(cohortId, patientsJson)
}

/** The snapshot's patients as built (snapshot-patients.ts reads the format); none before migration 4. */
export function snapshotPatientsJson(db: ReadableDb, cohortId: number): string | undefined {
  return db.prepare('SELECT patients_json FROM cohort_snapshot_patients WHERE cohort_id = ?').pluck().get(cohortId) as string | undefined
}
