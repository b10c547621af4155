// Builds, stores and reads cohort snapshots (spec §4.4). A build loads every patient as known on the
// as-of date, runs the pure cohort engine, and stores the result — members and excluded with their
// priority, BP, reasons and the patient as built, exclusion counts, parameters, definition version
// and the last fact ids it could see — in one transaction with its activity-log entry. The full
// explanation is not stored per row (it made a 40k-member build take seconds): cohort-explanation.ts
// re-derives it for one patient from exactly those inputs. A snapshot is never rewritten.
import type { z } from 'zod'
import type {
  CohortDefinitionInfo as CohortDefinitionInfoSchema,
  CohortEntryT,
  CohortSnapshotT,
  CohortSummary as CohortSummarySchema,
  ExplanationT
} from '../../shared/contract'
import type { PatientRecord } from '../../shared/domain/patient-record'
import type { TargetMode } from '../../shared/domain/bp-targets'
import { type CohortDefinitionId, cohortDefinitions, findCohortDefinition } from '../../shared/domain/cohort-definitions'
import { type EvaluatedEntry, type ExclusionCountT, evaluateCohort } from '../../shared/domain/cohort-engine'
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ServiceContext } from '../context'
import { countPatients, latestFactIds, loadPatientRecords } from '../patients/patient-records'

export type CohortDefinitionInfo = z.output<typeof CohortDefinitionInfoSchema>
export type CohortSummary = z.output<typeof CohortSummarySchema>

export interface BuildCohortInput {
  definition: CohortDefinitionId
  asOf?: string
  mode: TargetMode
  /** Parameter overrides (e.g. include mixed D/E, another threshold); the contract does not expose them yet. */
  params?: Partial<CohortParameters>
}

export function listDefinitions(): CohortDefinitionInfo[] {
  return cohortDefinitions.map((d) => ({ id: d.id, name: d.name, description: d.description, version: d.version, sources: [...d.sources] }))
}

/**
 * The snapshot form of an entry: everything but the full explanation (see cohorts.explain). Copies
 * the fields one by one — reading `explanation` would work it out (it is computed on first read).
 */
export function withoutExplanation(entry: EvaluatedEntry): CohortEntryT {
  return {
    patientId: entry.patientId,
    nhsNumber: entry.nhsNumber,
    name: entry.name,
    age: entry.age,
    sex: entry.sex,
    ethnicity: entry.ethnicity,
    priority: entry.priority,
    bp: entry.bp,
    rule: entry.rule,
    reasons: entry.reasons,
    severe: entry.severe,
    bpRule: entry.bpRule
  }
}

export function buildCohort(ctx: ServiceContext, input: BuildCohortInput): CohortSnapshotT {
  const definition = findCohortDefinition(input.definition)
  if (!definition) throw new AppError('invalid_input', `Unknown cohort definition "${input.definition}"`)
  const asOf = input.asOf ?? todayIso(ctx)
  const totalPatients = countPatients(ctx.db)
  const seen = latestFactIds(ctx.db)
  // Only patients who could meet the criteria are evaluated; the rest count as not eligible.
  const canPreselect = definition.candidatesHaveAnyOf !== null && (input.params?.conditionThreshold ?? 1) >= 1
  const patients = loadPatientRecords(ctx.db, asOf, canPreselect ? { withAnyOf: definition.candidatesHaveAnyOf ?? [] } : {})
  const evaluated = evaluateCohort(definition, patients, { asOf, mode: input.mode, params: input.params })
  const result = { ...evaluated, notEligibleCount: evaluated.notEligibleCount + (totalPatients - patients.length) }
  const builtAt = ctx.now().toISOString()
  const builtBy = actorName(ctx)
  const records = new Map(patients.map((p) => [p.patientId, p]))

  const store = ctx.db.transaction(() => {
    const info = ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, parameters_json, built_at, built_by,
                              member_count, excluded_count, not_eligible_count, exclusion_counts_json, facts_reading_id, facts_event_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        definition.id,
        definition.version,
        definition.name,
        asOf,
        input.mode,
        JSON.stringify(result.parameters),
        builtAt,
        builtBy,
        result.members.length,
        result.excluded.length,
        result.notEligibleCount,
        JSON.stringify(result.exclusionCounts),
        seen.readingId,
        seen.eventId
      )
    const cohortId = Number(info.lastInsertRowid)
    insertEntries(ctx, cohortId, result.members, result.excluded, records)
    const severeExcluded = result.excluded.filter((e) => e.severe).length
    logActivity(
      ctx,
      ctx.db,
      'cohorts.build',
      `Built "${definition.name}" as of ${asOf} (${input.mode.toUpperCase()} targets): ${result.members.length} members, ` +
        `${result.excluded.length} excluded${severeExcluded ? ` (${severeExcluded} with a severe reading)` : ''}`,
      {
        cohortId,
        definition: definition.id,
        definitionVersion: definition.version,
        asOf,
        mode: input.mode,
        members: result.members.length,
        excluded: result.excluded.length,
        notEligible: result.notEligibleCount,
        parameters: result.parameters
      }
    )
    return cohortId
  })
  const cohortId = store()

  return {
    cohortId,
    definition: definition.id,
    definitionVersion: definition.version,
    name: definition.name,
    asOf,
    mode: input.mode,
    builtAt,
    builtBy,
    members: result.members.map(withoutExplanation),
    excluded: result.excluded.map(withoutExplanation),
    exclusionCounts: result.exclusionCounts,
    notEligibleCount: result.notEligibleCount
  }
}

// One compact row per listed patient — what invitations and the audit query (status, priority,
// severe, BP) — and one JSON document per snapshot with each listed patient's reasons and the
// patient as the build saw them (see migration 0004), so a later correction of a name or date of
// birth does not change what the snapshot says, and cohorts.explain can re-derive the "why".
function insertEntries(
  ctx: ServiceContext,
  cohortId: number,
  members: readonly EvaluatedEntry[],
  excluded: readonly EvaluatedEntry[],
  records: ReadonlyMap<number, PatientRecord>
): void {
  const insert = ctx.db.prepare(
    `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, rule, severe, bp_json, reasons_json, explanation_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'null', 'null')`
  )
  const asBuilt: SnapshotPatientTuple[] = []
  const write = (entry: EvaluatedEntry, status: 'member' | 'excluded') => {
    const bp = entry.bp
    insert.run(
      cohortId,
      entry.patientId,
      status,
      entry.priority,
      entry.rule,
      entry.severe ? 1 : 0,
      bp ? `{"systolic":${bp.systolic},"diastolic":${bp.diastolic},"date":"${bp.date}","setting":"${bp.setting}"}` : null
    )
    const p = records.get(entry.patientId)
    asBuilt.push([
      entry.patientId,
      entry.nhsNumber,
      entry.name,
      entry.age,
      entry.sex,
      entry.ethnicity,
      entry.bpRule,
      entry.reasons,
      p?.dateOfBirth ?? null,
      p?.ethnicityText ?? null,
      p?.ethnicityCategory ?? null,
      p?.registrationStatus ?? null,
      p?.imdDecile ?? null,
      p?.nextBookedAppointmentOn ?? null,
      p?.lastInvitedOn ?? null
    ])
  }
  for (const entry of members) write(entry, 'member')
  for (const entry of excluded) write(entry, 'excluded')
  ctx.db.prepare('INSERT INTO cohort_snapshot_patients (cohort_id, patients_json) VALUES (?, ?)').run(cohortId, JSON.stringify(asBuilt))
}

/** A listed patient as the build saw them (one element of cohort_snapshot_patients.patients_json). */
type SnapshotPatientTuple = [
  patientId: number,
  nhsNumber: string,
  name: string,
  age: number | null,
  sex: string | null,
  ethnicity: string | null,
  bpRule: string,
  reasons: string[],
  dateOfBirth: string | null,
  ethnicityText: string | null,
  ethnicityCategory: string | null,
  registrationStatus: string | null,
  imdDecile: number | null,
  nextBookedOn: string | null,
  lastInvitedOn: string | null
]

export interface SnapshotPatient {
  nhsNumber: string
  name: string
  age: number | null
  sex: string | null
  ethnicity: string | null
  bpRule: string
  reasons: string[]
  dateOfBirth: string | null
  ethnicityText: string | null
  ethnicityCategory: string | null
  registrationStatus: string | null
  imdDecile: number | null
  nextBookedOn: string | null
  lastInvitedOn: string | null
}

/** The listed patients as the build saw them; empty for snapshots built before migration 4. */
export function snapshotPatients(ctx: ServiceContext, cohortId: number): Map<number, SnapshotPatient> {
  const row = ctx.db.prepare('SELECT patients_json FROM cohort_snapshot_patients WHERE cohort_id = ?').get(cohortId) as
    | { patients_json: string }
    | undefined
  const map = new Map<number, SnapshotPatient>()
  if (!row) return map
  for (const t of JSON.parse(row.patients_json) as SnapshotPatientTuple[]) {
    map.set(t[0], {
      nhsNumber: t[1],
      name: t[2],
      age: t[3],
      sex: t[4],
      ethnicity: t[5],
      bpRule: t[6],
      reasons: t[7],
      dateOfBirth: t[8],
      ethnicityText: t[9],
      ethnicityCategory: t[10],
      registrationStatus: t[11],
      imdDecile: t[12],
      nextBookedOn: t[13],
      lastInvitedOn: t[14]
    })
  }
  return map
}

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

// Snapshots built before migration 4 kept the patient as listed inside explanation_json.
interface LegacyExplanation extends ExplanationT {
  patientAsBuilt?: { nhsNumber: string; name: string; age: number | null; sex: string | null; ethnicity: string | null }
}

export const entrySelect = `SELECT e.patient_id, e.status, e.priority, e.rule, e.severe, e.bp_json, e.reasons_json, e.explanation_json,
                                   p.nhs_number, p.given_name, p.family_name, p.sex, p.ethnicity_text
                              FROM cohort_entries e JOIN patients p ON p.id = e.patient_id`

/** The entry as stored; `explanation` only for snapshots that stored it (before migration 4). */
export function entryFromRow(row: EntryRow, asBuilt: SnapshotPatient | undefined): CohortEntryT {
  const legacy = row.explanation_json === 'null' ? null : (JSON.parse(row.explanation_json) as LegacyExplanation)
  const old = legacy?.patientAsBuilt
  const currentName = [row.given_name, row.family_name].filter((x): x is string => !!x && x.trim() !== '').join(' ')
  const entry: CohortEntryT = {
    patientId: row.patient_id,
    nhsNumber: asBuilt?.nhsNumber ?? old?.nhsNumber ?? row.nhs_number,
    name: asBuilt?.name ?? old?.name ?? (currentName || '(name not in export)'),
    age: asBuilt ? asBuilt.age : (old?.age ?? null),
    sex: asBuilt ? asBuilt.sex : (old?.sex ?? row.sex),
    ethnicity: asBuilt ? asBuilt.ethnicity : (old?.ethnicity ?? row.ethnicity_text),
    priority: row.priority,
    bp: row.bp_json ? (JSON.parse(row.bp_json) as CohortEntryT['bp']) : null,
    rule: row.rule,
    reasons: asBuilt?.reasons ?? (JSON.parse(row.reasons_json) as string[] | null) ?? [],
    severe: row.severe === 1,
    bpRule: asBuilt?.bpRule ?? legacy?.bpRule ?? ''
  }
  if (legacy) {
    const { patientAsBuilt: _asBuilt, ...explanation } = legacy
    entry.explanation = explanation
  }
  return entry
}

export function findCohortRow(ctx: ServiceContext, cohortId: number): CohortRow {
  const cohort = ctx.db.prepare('SELECT * FROM cohorts WHERE id = ?').get(cohortId) as CohortRow | undefined
  if (!cohort) throw new AppError('not_found', `Cohort ${cohortId} does not exist`)
  return cohort
}

export function getCohort(ctx: ServiceContext, cohortId: number): CohortSnapshotT {
  const cohort = findCohortRow(ctx, cohortId)
  // rowid order is the order the build stored them in: the definition's ordering (priority first …).
  const rows = ctx.db.prepare(`${entrySelect} WHERE e.cohort_id = ? ORDER BY e.rowid`).all(cohortId) as EntryRow[]
  const asBuilt = snapshotPatients(ctx, cohortId)
  const members: CohortEntryT[] = []
  const excluded: CohortEntryT[] = []
  for (const row of rows) (row.status === 'member' ? members : excluded).push(entryFromRow(row, asBuilt.get(row.patient_id)))
  return {
    cohortId: cohort.id,
    definition: cohort.definition_id,
    definitionVersion: cohort.definition_version,
    name: cohort.name,
    asOf: cohort.as_of,
    mode: cohort.mode,
    builtAt: cohort.built_at,
    builtBy: cohort.built_by,
    members,
    excluded,
    exclusionCounts: JSON.parse(cohort.exclusion_counts_json) as ExclusionCountT[],
    notEligibleCount: cohort.not_eligible_count
  }
}

export function listCohorts(ctx: ServiceContext): CohortSummary[] {
  const rows = ctx.db.prepare('SELECT * FROM cohorts ORDER BY id DESC').all() as CohortRow[]
  return rows.map((c) => ({
    cohortId: c.id,
    definition: c.definition_id,
    name: c.name,
    asOf: c.as_of,
    mode: c.mode,
    builtAt: c.built_at,
    builtBy: c.built_by,
    memberCount: c.member_count,
    excludedCount: c.excluded_count
  }))
}
