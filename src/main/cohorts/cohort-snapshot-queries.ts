// The stored cohort snapshots: one `cohorts` row per build (with the distinct values its reason
// codes refer to), its `cohort_entries` rows (one per listed patient, in the definition's order:
// status, priority, BP, reason codes, age and programme state as columns) and the patients' details
// as the build saw them in `cohort_patient_versions`, shared by every snapshot (migration 0017). A
// snapshot is written once and never updated; versions are only ever added.
import type { CohortEntryT } from '../../shared/contract'
import type { TargetMode } from '../../shared/domain/bp-targets'
import type { CohortDefinitionId } from '../../shared/domain/cohort-definitions'
import type { Statement } from 'better-sqlite3'
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
  /** The highest patient version id when built (migration 0017); null before, or for snapshots that kept no patients. */
  patient_version_bound: number | null
  /** The distinct values the entries' reason codes refer to by index (snapshot-patients.ts). */
  reason_values_json: string | null
  /** Sentences referred to by index, in snapshots converted from the format before reason codes. */
  reason_strings_json: string | null
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

/** The snapshot's row; its reason values are set once its entries are written (setCohortReasonValues, same transaction). */
export function insertCohort(w: WritableDb, cohort: NewCohort): number {
  const info = w
    .prepare(
      `INSERT INTO cohorts (programme_id, definition_id, definition_version, name, as_of, mode, parameters_json, built_at, built_by,
                            member_count, excluded_count, not_eligible_count, exclusion_counts_json, facts_reading_id, facts_event_id,
                            reason_values_json, patient_version_bound)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', (SELECT MAX(id) FROM cohort_patient_versions))`
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

/**
 * Adds a version for each of these patients whose stored details differ from their latest version
 * (or who have none), copied in SQL from their patient row: what a build about to be stored saw.
 * Run before insertCohort, whose bound then covers them. Most builds add none.
 */
export function addPatientVersions(w: WritableDb, patientIds: readonly number[]): number {
  if (patientIds.length === 0) return 0
  return w
    .prepare(
      `INSERT INTO cohort_patient_versions (patient_id, nhs_number, title, given_name, family_name, date_of_birth, sex, ethnicity_text,
                                            ethnicity_category, registration_status, imd_decile)
       SELECT p.id, p.nhs_number, p.title, p.given_name, p.family_name, p.date_of_birth, p.sex, p.ethnicity_text,
              p.ethnicity_category, p.registration_status, p.imd_decile
         FROM json_each(?) j JOIN patients p ON p.id = j.value
        WHERE NOT EXISTS (
                SELECT 1 FROM cohort_patient_versions v
                 WHERE v.id = (SELECT MAX(id) FROM cohort_patient_versions WHERE patient_id = p.id)
                   AND v.listed_name IS NULL AND v.nhs_number = p.nhs_number AND v.title IS p.title AND v.given_name IS p.given_name
                   AND v.family_name IS p.family_name AND v.date_of_birth IS p.date_of_birth AND v.sex IS p.sex
                   AND v.ethnicity_text IS p.ethnicity_text AND v.ethnicity_category IS p.ethnicity_category
                   AND v.registration_status IS p.registration_status AND v.imd_decile IS p.imd_decile)`
    )
    .run(JSON.stringify(patientIds)).changes
}

export function findCohort(db: ReadableDb, cohortId: number): CohortRow | undefined {
  return db.prepare('SELECT * FROM cohorts WHERE id = ?').get(cohortId) as CohortRow | undefined
}

/** Newest first. */
export function allCohorts(db: ReadableDb): CohortRow[] {
  return db.prepare('SELECT * FROM cohorts ORDER BY id DESC').all() as CohortRow[]
}

/**
 * The columns of one entry row as written, in this order (encodeSnapshotListings hands them over
 * flat, a batch of rows at a time): cohort, patient, status, priority, rule, severe (0/1), BP as
 * JSON, then the codes and state (snapshot-patients.ts).
 */
export const ENTRY_COLUMNS = [
  'cohort_id',
  'patient_id',
  'status',
  'priority',
  'rule',
  'severe',
  'bp_json',
  'age',
  'bp_rule_code',
  'reason_codes',
  'next_booked_on',
  'last_invited_on',
  'no_contact_permitted',
  'invitation_history_json'
] as const

/**
 * Writes a batch of entry rows (`values`: ENTRY_COLUMNS for each row, flat) in one statement, in
 * list order, so rowid order is the definition's ordering. Many rows per statement rather than one
 * statement per row: 40k row-by-row inserts were most of a build's time. reasons_json and
 * explanation_json are 'null' on compact rows (migration 4 on): the reasons are the codes, the
 * explanation is re-derived (cohort-explanation.ts).
 */
export function insertCohortEntries(w: WritableDb, values: readonly unknown[], rows: number): void {
  if (rows === 0) return
  if (values.length !== rows * ENTRY_COLUMNS.length) throw new Error(`insertCohortEntries: ${values.length} values for ${rows} rows`)
  entriesStatement(w, rows).run(values)
}

// The statement for the usual (full) batch size, kept per connection: a 500-row statement is long
// to parse, and a big build writes a hundred of them.
const fullBatchStatements = new WeakMap<WritableDb, { rows: number; statement: Statement }>()

function entriesStatement(w: WritableDb, rows: number): Statement {
  const kept = fullBatchStatements.get(w)
  if (kept?.rows === rows) return kept.statement
  const row = `(${ENTRY_COLUMNS.map(() => '?').join(', ')}, 'null', 'null')`
  const statement = w.prepare(
    `INSERT INTO cohort_entries (${ENTRY_COLUMNS.join(', ')}, reasons_json, explanation_json)
     VALUES ${Array.from({ length: rows }, () => row).join(', ')}`
  )
  if (rows >= (kept?.rows ?? 0)) fullBatchStatements.set(w, { rows, statement })
  return statement
}

/** The values the snapshot's reason codes refer to, known once its last entry row is written (in the build's transaction). */
export function setCohortReasonValues(w: WritableDb, cohortId: number, reasonValuesJson: string): void {
  w.prepare('UPDATE cohorts SET reason_values_json = ? WHERE id = ?').run(reasonValuesJson, cohortId)
}

export interface EntryRow {
  patient_id: number
  status: 'member' | 'excluded'
  priority: CohortEntryT['priority']
  rule: string | null
  severe: number
  bp_json: string | null
  /** 'null' for compact rows (migration 4 on: the reasons are the codes below, snapshot-patients.ts). */
  reasons_json: string
  /** 'null' for compact rows (migration 4 on); the full explanation for older snapshots. */
  explanation_json: string
  // Current patient details: the fallback for snapshots built before either kept the patient as built.
  nhs_number: string
  given_name: string | null
  family_name: string | null
  sex: string | null
  ethnicity_text: string | null
  // What the build stored (migration 0017; null on older rows, where the converted values are).
  age: number | null
  bp_rule_code: string | null
  reason_codes: string | null
  next_booked_on: string | null
  last_invited_on: string | null
  no_contact_permitted: number
  invitation_history_json: string | null
  // The patient as the build saw them: their latest version at or below the snapshot's bound (null when it kept none).
  v_nhs_number: string | null
  v_title: string | null
  v_given_name: string | null
  v_family_name: string | null
  v_listed_name: string | null
  v_date_of_birth: string | null
  v_sex: string | null
  v_ethnicity_text: string | null
  v_ethnicity_category: string | null
  v_registration_status: string | null
  v_imd_decile: number | null
}

const entrySelect = `SELECT e.patient_id, e.status, e.priority, e.rule, e.severe, e.bp_json, e.reasons_json, e.explanation_json,
                            p.nhs_number, p.given_name, p.family_name, p.sex, p.ethnicity_text,
                            e.age, e.bp_rule_code, e.reason_codes, e.next_booked_on, e.last_invited_on, e.no_contact_permitted,
                            e.invitation_history_json,
                            v.nhs_number AS v_nhs_number, v.title AS v_title, v.given_name AS v_given_name, v.family_name AS v_family_name,
                            v.listed_name AS v_listed_name, v.date_of_birth AS v_date_of_birth, v.sex AS v_sex,
                            v.ethnicity_text AS v_ethnicity_text, v.ethnicity_category AS v_ethnicity_category,
                            v.registration_status AS v_registration_status, v.imd_decile AS v_imd_decile
                       FROM cohort_entries e JOIN cohorts c ON c.id = e.cohort_id JOIN patients p ON p.id = e.patient_id
                       LEFT JOIN cohort_patient_versions v
                              ON v.id = (SELECT MAX(id) FROM cohort_patient_versions
                                          WHERE patient_id = e.patient_id AND id <= c.patient_version_bound)`

/** Every listed patient in rowid order: the order the build stored them in, the definition's ordering (priority first …). */
export function cohortEntries(db: ReadableDb, cohortId: number): EntryRow[] {
  return db.prepare(`${entrySelect} WHERE e.cohort_id = ? ORDER BY e.rowid`).all(cohortId) as EntryRow[]
}

export function cohortEntry(db: ReadableDb, cohortId: number, patientId: number): EntryRow | undefined {
  return db.prepare(`${entrySelect} WHERE e.cohort_id = ? AND e.patient_id = ?`).get(cohortId, patientId) as EntryRow | undefined
}
