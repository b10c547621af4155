// Reading stored cohort snapshots back: the list of builds, one snapshot with its members and
// excluded patients, and each entry as the build listed it. Entries prefer the patient as the build
// saw them (their version at the snapshot's bound, snapshot-patients.ts) over the patient's current
// details, so a later correction of a name or date of birth does not change what an old snapshot says.
import type { z } from 'zod'
import type { CohortEntryT, CohortSnapshotT, CohortSummary as CohortSummarySchema, ExplanationT } from '../../shared/contract'
import type { ExclusionCountT } from '../../shared/domain/cohort-engine'
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import { AppError } from '../../shared/result'
import type { ReadingContext } from '../context'
import { allCohorts, cohortEntries, cohortEntry, type CohortRow, type EntryRow, findCohort } from './cohort-snapshot-queries'
import { reasonTables, type SnapshotPatient, snapshotPatientFromRow } from './snapshot-patients'

export type CohortSummary = z.output<typeof CohortSummarySchema>

// Snapshots built before migration 4 kept the patient as listed inside explanation_json.
interface LegacyExplanation extends ExplanationT {
  patientAsBuilt?: { nhsNumber: string; name: string; age: number | null; sex: string | null; ethnicity: string | null }
}

/** The listed patients as the build saw them; empty for snapshots built before migration 4. */
export function snapshotPatients(ctx: Pick<ReadingContext, 'db'>, cohortId: number): Map<number, SnapshotPatient> {
  const tables = reasonTables(findCohortRow(ctx, cohortId))
  const map = new Map<number, SnapshotPatient>()
  for (const row of cohortEntries(ctx.db, cohortId)) {
    const patient = snapshotPatientFromRow(row, tables)
    if (patient) map.set(row.patient_id, patient)
  }
  return map
}

/** One listed patient as the build saw them (undefined when not listed, or the snapshot kept no such record). */
export function snapshotPatient(ctx: Pick<ReadingContext, 'db'>, cohortId: number, patientId: number): SnapshotPatient | undefined {
  const cohort = findCohort(ctx.db, cohortId)
  const row = cohort ? cohortEntry(ctx.db, cohortId, patientId) : undefined
  return cohort && row ? snapshotPatientFromRow(row, reasonTables(cohort)) : undefined
}

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

export function findCohortRow(ctx: Pick<ReadingContext, 'db'>, cohortId: number): CohortRow {
  const cohort = findCohort(ctx.db, cohortId)
  if (!cohort) throw new AppError('not_found', `Cohort ${cohortId} does not exist`)
  return cohort
}

export function getCohort(ctx: Pick<ReadingContext, 'db'>, cohortId: number): CohortSnapshotT {
  const cohort = findCohortRow(ctx, cohortId)
  const rows = cohortEntries(ctx.db, cohortId)
  const tables = reasonTables(cohort)
  const members: CohortEntryT[] = []
  const excluded: CohortEntryT[] = []
  for (const row of rows) (row.status === 'member' ? members : excluded).push(entryFromRow(row, snapshotPatientFromRow(row, tables)))
  return {
    cohortId: cohort.id,
    programmeId: cohort.programme_id,
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
    notEligibleCount: cohort.not_eligible_count,
    parameters: JSON.parse(cohort.parameters_json) as Partial<CohortParameters>
  }
}

export function listCohorts(ctx: Pick<ReadingContext, 'db'>): CohortSummary[] {
  return allCohorts(ctx.db).map((c) => ({
    cohortId: c.id,
    programmeId: c.programme_id,
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
