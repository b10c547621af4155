// Builds, stores and reads cohort snapshots (spec §4.4). A build loads every patient as known on the
// as-of date, runs the pure cohort engine, and stores the result — members, excluded, reasons,
// explanations, exclusion counts, parameters and definition version — in one transaction with its
// activity-log entry. A snapshot is never rewritten: later imports change patients, not snapshots.
import type { z } from 'zod'
import type {
  CohortDefinitionInfo as CohortDefinitionInfoSchema,
  CohortEntryT,
  CohortSnapshotT,
  CohortSummary as CohortSummarySchema,
  ExplanationT
} from '../../shared/contract'
import type { TargetMode } from '../../shared/domain/bp-targets'
import { type CohortDefinitionId, cohortDefinitions, findCohortDefinition } from '../../shared/domain/cohort-definitions'
import { type ExclusionCountT, evaluateCohort } from '../../shared/domain/cohort-engine'
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ServiceContext } from '../context'
import { countPatients, loadPatientRecords } from '../patients/patient-records'

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

// The patient as listed when the snapshot was built. Kept inside explanation_json under its own key
// (cohort_entries has no demographic columns) so a later name or date-of-birth correction does not
// change what the snapshot says was sent to whom; consumers parsing the Explanation schema ignore it.
interface PatientAsBuilt {
  nhsNumber: string
  name: string
  age: number | null
  sex: string | null
  ethnicity: string | null
}

interface StoredExplanation extends ExplanationT {
  patientAsBuilt?: PatientAsBuilt
}

export function buildCohort(ctx: ServiceContext, input: BuildCohortInput): CohortSnapshotT {
  const definition = findCohortDefinition(input.definition)
  if (!definition) throw new AppError('invalid_input', `Unknown cohort definition "${input.definition}"`)
  const asOf = input.asOf ?? todayIso(ctx)
  const totalPatients = countPatients(ctx.db)
  // Only patients who could meet the criteria are loaded; the rest count as not eligible.
  const canPreselect = definition.candidatesHaveAnyOf !== null && (input.params?.conditionThreshold ?? 1) >= 1
  const patients = loadPatientRecords(ctx.db, asOf, canPreselect ? { withAnyOf: definition.candidatesHaveAnyOf ?? [] } : {})
  const evaluated = evaluateCohort(definition, patients, { asOf, mode: input.mode, params: input.params })
  const result = { ...evaluated, notEligibleCount: evaluated.notEligibleCount + (totalPatients - patients.length) }
  const builtAt = ctx.now().toISOString()
  const builtBy = actorName(ctx)

  const store = ctx.db.transaction(() => {
    const info = ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, parameters_json, built_at, built_by,
                              member_count, excluded_count, not_eligible_count, exclusion_counts_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
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
        JSON.stringify(result.exclusionCounts)
      )
    const cohortId = Number(info.lastInsertRowid)
    const insertEntry = ctx.db.prepare(
      `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, rule, severe, bp_json, reasons_json, explanation_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    const insert = (entry: CohortEntryT, status: 'member' | 'excluded') => {
      const stored: StoredExplanation = {
        ...entry.explanation,
        patientAsBuilt: { nhsNumber: entry.nhsNumber, name: entry.name, age: entry.age, sex: entry.sex, ethnicity: entry.ethnicity }
      }
      insertEntry.run(
        cohortId,
        entry.patientId,
        status,
        entry.priority,
        entry.rule,
        entry.severe ? 1 : 0,
        entry.bp ? JSON.stringify(entry.bp) : null,
        JSON.stringify(entry.reasons),
        JSON.stringify(stored)
      )
    }
    for (const entry of result.members) insert(entry, 'member')
    for (const entry of result.excluded) insert(entry, 'excluded')
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
    members: result.members,
    excluded: result.excluded,
    exclusionCounts: result.exclusionCounts,
    notEligibleCount: result.notEligibleCount
  }
}

interface CohortRow {
  id: number
  definition_id: CohortDefinitionId
  definition_version: number
  name: string
  as_of: string
  mode: TargetMode
  built_at: string
  built_by: string
  member_count: number
  excluded_count: number
  not_eligible_count: number
  exclusion_counts_json: string
}

interface EntryRow {
  patient_id: number
  status: 'member' | 'excluded'
  priority: CohortEntryT['priority']
  rule: string | null
  severe: number
  bp_json: string | null
  reasons_json: string
  explanation_json: string
  // Current patient details: the fallback when a snapshot predates patientAsBuilt.
  nhs_number: string
  given_name: string | null
  family_name: string | null
  sex: string | null
  ethnicity_text: string | null
}

function entryFromRow(row: EntryRow): CohortEntryT {
  const { patientAsBuilt, ...explanation } = JSON.parse(row.explanation_json) as StoredExplanation
  const currentName = [row.given_name, row.family_name].filter((x): x is string => !!x && x.trim() !== '').join(' ')
  return {
    patientId: row.patient_id,
    nhsNumber: patientAsBuilt?.nhsNumber ?? row.nhs_number,
    name: patientAsBuilt?.name ?? (currentName || '(name not in export)'),
    age: patientAsBuilt?.age ?? null,
    sex: patientAsBuilt?.sex ?? row.sex,
    ethnicity: patientAsBuilt?.ethnicity ?? row.ethnicity_text,
    priority: row.priority,
    bp: row.bp_json ? (JSON.parse(row.bp_json) as CohortEntryT['bp']) : null,
    rule: row.rule,
    reasons: JSON.parse(row.reasons_json) as string[],
    severe: row.severe === 1,
    explanation
  }
}

export function getCohort(ctx: ServiceContext, cohortId: number): CohortSnapshotT {
  const cohort = ctx.db.prepare('SELECT * FROM cohorts WHERE id = ?').get(cohortId) as CohortRow | undefined
  if (!cohort) throw new AppError('not_found', `Cohort ${cohortId} does not exist`)
  // rowid order is the order the build stored them in: the definition's ordering (priority first …).
  const rows = ctx.db
    .prepare(
      `SELECT e.patient_id, e.status, e.priority, e.rule, e.severe, e.bp_json, e.reasons_json, e.explanation_json,
              p.nhs_number, p.given_name, p.family_name, p.sex, p.ethnicity_text
         FROM cohort_entries e JOIN patients p ON p.id = e.patient_id
        WHERE e.cohort_id = ? ORDER BY e.rowid`
    )
    .all(cohortId) as EntryRow[]
  const entries = rows.map((r) => ({ status: r.status, entry: entryFromRow(r) }))
  return {
    cohortId: cohort.id,
    definition: cohort.definition_id,
    definitionVersion: cohort.definition_version,
    name: cohort.name,
    asOf: cohort.as_of,
    mode: cohort.mode,
    builtAt: cohort.built_at,
    builtBy: cohort.built_by,
    members: entries.filter((e) => e.status === 'member').map((e) => e.entry),
    excluded: entries.filter((e) => e.status === 'excluded').map((e) => e.entry),
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
