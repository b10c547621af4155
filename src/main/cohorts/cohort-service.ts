// Builds, stores and reads cohort snapshots. A build loads every patient as known on the
// as-of date, runs the pure cohort engine, and stores the result — members and excluded with their
// priority, BP, reasons and the patient as built, exclusion counts, parameters, definition version
// and the last fact ids it could see — in one transaction with its activity-log entry. The full
// explanation is not stored per row (it made a 40k-member build take seconds): cohort-explanation.ts
// re-derives it for one patient from exactly those inputs. A snapshot is never rewritten.
// previewCohort gives a build's counts and first patients without storing anything (the live
// rebuild as parameters change); buildCohort is what invitations and the audit need.
import type { z } from 'zod'
import type { CohortEntryT, CohortSnapshotT, CohortSummary as CohortSummarySchema, ExplanationT } from '../../shared/contract'
import type { TargetMode } from '../../shared/domain/bp-targets'
import { type CohortDefinitionId, cohortDefinitions } from '../../shared/domain/cohort-definitions'
import type { InvitationHistory } from '../../shared/domain/invitation-state'
import { type ExclusionCountT, type SnapshotListing, evaluateCohortForSnapshot, evaluateCohortPreview } from '../../shared/domain/cohort-engine'
import { type ReasonCode, type ReasonValue, formatReasonCode } from '../../shared/domain/cohort-reason-codes'
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ServiceContext } from '../context'
import { countPatients, latestFactIds, loadPatientRecords } from '../patients/patient-records'
import { type CohortDefinitionInfo, definitionInfo, definitionToBuild, listDefinitionInfos } from './definition-catalog'
import { invitationHistories, noInvitationHistory } from './invitation-history'

export type { CohortDefinitionInfo }
export type CohortSummary = z.output<typeof CohortSummarySchema>

export interface BuildCohortInput {
  definition: CohortDefinitionId
  asOf?: string
  mode: TargetMode
  /** Parameter overrides (e.g. include mixed D/E, another threshold, exclusions switched off). */
  params?: Partial<CohortParameters>
  /** Return each listed patient's full explanation too (not stored: cohorts.explain re-derives it). */
  explain?: boolean
}

/** The built-ins and, given the database, the practice's saved custom cohorts (definition-catalog.ts). */
export function listDefinitions(ctx?: Pick<ServiceContext, 'db'>): CohortDefinitionInfo[] {
  return ctx ? listDefinitionInfos(ctx) : cohortDefinitions.map((definition) => definitionInfo({ definition, custom: null }))
}

/**
 * A build's evaluation without storing it: what a live preview needs (the bench times it as
 * "evaluate"). buildCohort stores it as a snapshot, which invitations and the audit read.
 */
export function evaluateBuild(ctx: ServiceContext, input: BuildCohortInput) {
  const { definition, asOf, seen, patients, notLoaded } = buildInputs(ctx, input)
  const evaluated = evaluateCohortForSnapshot(definition, patients, { asOf, mode: input.mode, params: input.params }, input.explain === true)
  const result = { ...evaluated, notEligibleCount: evaluated.notEligibleCount + notLoaded }
  return { definition, asOf, seen, result }
}

/**
 * A live preview (cohorts.preview): the counts a parameter change gives — members,
 * each exclusion, not eligible, per priority group — and the first members with their reasons,
 * nothing stored. Building stores the snapshot that invitations and the audit use.
 */
export function previewCohort(ctx: ServiceContext, input: BuildCohortInput & { limit?: number }) {
  const { definition, asOf, patients, notLoaded } = buildInputs(ctx, input)
  const preview = evaluateCohortPreview(definition, patients, { asOf, mode: input.mode, params: input.params }, input.limit ?? 50)
  return {
    definition: definition.id,
    definitionVersion: definition.version,
    name: definition.name,
    asOf,
    mode: input.mode,
    memberCount: preview.memberCount,
    excludedCount: preview.excludedCount,
    severeExcludedCount: preview.severeExcludedCount,
    notEligibleCount: preview.notEligibleCount + notLoaded,
    priorityCounts: preview.priorityCounts,
    exclusionCounts: preview.exclusionCounts,
    parameters: preview.parameters,
    members: preview.members,
    excluded: preview.excluded
  }
}

/** The definition and the candidate records a build or preview evaluates (also one previewed patient's "why"). */
export function buildInputs(ctx: ServiceContext, input: BuildCohortInput) {
  const { definition } = definitionToBuild(ctx, input.definition)
  const asOf = input.asOf ?? todayIso(ctx)
  const totalPatients = countPatients(ctx.db)
  const seen = latestFactIds(ctx.db)
  // Only patients who could meet the criteria are evaluated; the rest count as not eligible.
  const canPreselect = definition.candidatesHaveAnyOf !== null && (input.params?.conditionThreshold ?? 1) >= 1
  let patients = loadPatientRecords(ctx.db, asOf, canPreselect ? { withAnyOf: definition.candidatesHaveAnyOf ?? [] } : {})
  // A custom cohort asking about invitation state reads the invitation history (invitation-state.ts).
  // Copies: the loaded records are shared with later builds and must not be changed.
  if (definition.customCriteria?.some((c) => c.kind === 'invitation')) {
    const histories = invitationHistories(ctx.db, asOf)
    patients = patients.map((p) => ({ ...p, invitationHistory: histories.get(p.patientId) ?? noInvitationHistory }))
  }
  return { definition, asOf, seen, patients, notLoaded: totalPatients - patients.length }
}

export function buildCohort(ctx: ServiceContext, input: BuildCohortInput): CohortSnapshotT {
  const { definition, asOf, seen, result } = evaluateBuild(ctx, input)
  const builtAt = ctx.now().toISOString()
  const builtBy = actorName(ctx)

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
    insertEntries(ctx, cohortId, result.members, result.excluded)
    const severeExcluded = result.excluded.filter((e) => e.entry.severe).length
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
    members: result.members.map((m) => m.entry),
    excluded: result.excluded.map((m) => m.entry),
    exclusionCounts: result.exclusionCounts,
    notEligibleCount: result.notEligibleCount,
    parameters: result.parameters
  }
}

// One compact row per listed patient — what invitations and the audit query (status, priority,
// severe, BP) — and one JSON document per snapshot with each listed patient's reasons (as codes,
// worded when read: cohort-reason-codes.ts) and the patient as the build saw them (see migration 0004), so a later correction of a name or date of
// birth does not change what the snapshot says, and cohorts.explain can re-derive the "why".
function insertEntries(ctx: ServiceContext, cohortId: number, members: readonly SnapshotListing[], excluded: readonly SnapshotListing[]): void {
  // All rows go in with one statement from one JSON array (SQLite's json_each), not one statement
  // per row: 40k row-by-row inserts were most of a build's time.
  const rows: [number, number, 'member' | 'excluded', string | null, string | null, number, string | null][] = []
  const asBuilt: SnapshotPatientTuple[] = []
  // The BP rule and reasons are stored as codes — the rule id and the few values its words need
  // (cohort-reason-codes.ts) — and worded when read: storing 40k members' sentences took over a
  // second and 12 MB per build. Each distinct value (a rule id, a date, a reading, a target) is
  // stored once in `values` and the codes refer to it by index; null is -1.
  const values: ReasonValue[] = []
  const valueIndex = new Map<ReasonValue, number>()
  const ref = (value: ReasonValue): number => {
    if (value === null) return -1
    let index = valueIndex.get(value)
    if (index === undefined) {
      index = values.length
      values.push(value)
      valueIndex.set(value, index)
    }
    return index
  }
  const encode = (code: ReasonCode): number[] => code.map(ref)
  const write = ({ entry, patient: p, reasonCodes, bpRuleCode }: SnapshotListing, status: 'member' | 'excluded') => {
    const bp = entry.bp
    rows.push([
      cohortId,
      entry.patientId,
      status,
      entry.priority,
      entry.rule,
      entry.severe ? 1 : 0,
      bp ? `{"systolic":${bp.systolic},"diastolic":${bp.diastolic},"date":"${bp.date}","setting":"${bp.setting}"}` : null
    ])
    asBuilt.push([
      entry.patientId,
      entry.nhsNumber,
      entry.name,
      entry.age,
      entry.sex,
      // Few distinct ethnicity labels, repeated on tens of thousands of rows: by index too.
      entry.ethnicity === null ? null : ref(entry.ethnicity),
      encode(bpRuleCode),
      reasonCodes.map(encode),
      p.dateOfBirth,
      p.ethnicityText === null ? null : ref(p.ethnicityText),
      p.ethnicityCategory,
      p.registrationStatus,
      p.imdDecile,
      p.nextBookedAppointmentOn,
      p.lastInvitedOn,
      p.noContactPermitted === true,
      p.invitationHistory ?? null
    ])
  }
  for (const listing of members) write(listing, 'member')
  for (const listing of excluded) write(listing, 'excluded')
  // Many rows per statement (a few statements in all) rather than one statement per row: 40k
  // row-by-row inserts were most of a build's time; SQLite's json_each measured
  // slower still. Rows go in in list order, so rowid order is the definition's ordering.
  const perStatement = 500
  const statement = (n: number) =>
    ctx.db.prepare(
      `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, rule, severe, bp_json, reasons_json, explanation_json)
       VALUES ${Array.from({ length: n }, () => `(?, ?, ?, ?, ?, ?, ?, 'null', 'null')`).join(', ')}`
    )
  const full = rows.length >= perStatement ? statement(perStatement) : null
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    ;(chunk.length === perStatement && full ? full : statement(chunk.length)).run(chunk.flat())
  }
  const stored: StoredSnapshotPatients = { values, patients: asBuilt }
  ctx.db.prepare('INSERT INTO cohort_snapshot_patients (cohort_id, patients_json) VALUES (?, ?)').run(cohortId, JSON.stringify(stored))
}

/**
 * cohort_snapshot_patients.patients_json: a bare tuple array before the string table; then
 * `strings` (each distinct sentence once, referred to by index); since reason codes, `values` (each
 * distinct code value once) with each reason an array of indices.
 */
interface StoredSnapshotPatients {
  strings?: string[]
  values?: ReasonValue[]
  patients: SnapshotPatientTuple[]
}

/** A stored reason: the sentence (oldest), its index in `strings`, or a code as indices into `values`. */
type StoredReason = string | number | number[]

/** A listed patient as the build saw them (one element of cohort_snapshot_patients.patients_json). */
type SnapshotPatientTuple = [
  patientId: number,
  nhsNumber: string,
  name: string,
  age: number | null,
  sex: string | null,
  /** The label, or its index in `values` (since reason codes). */
  ethnicity: string | number | null,
  bpRule: StoredReason,
  reasons: StoredReason[],
  dateOfBirth: string | null,
  /** The text, or its index in `values` (since reason codes). */
  ethnicityText: string | number | null,
  ethnicityCategory: string | null,
  registrationStatus: string | null,
  imdDecile: number | null,
  nextBookedOn: string | null,
  lastInvitedOn: string | null,
  /** Added with migration 0008; absent in older snapshots (= false). */
  noContactPermitted?: boolean,
  /** Custom cohorts with an invitation-state criterion only (migration 0005); null otherwise. */
  invitationHistory?: InvitationHistory | null
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
  noContactPermitted: boolean
  invitationHistory: InvitationHistory | null
}

/** The listed patients as the build saw them; empty for snapshots built before migration 4. */
export function snapshotPatients(ctx: ServiceContext, cohortId: number): Map<number, SnapshotPatient> {
  const row = ctx.db.prepare('SELECT patients_json FROM cohort_snapshot_patients WHERE cohort_id = ?').get(cohortId) as { patients_json: string } | undefined
  const map = new Map<number, SnapshotPatient>()
  if (!row) return map
  const parsed = JSON.parse(row.patients_json) as SnapshotPatientTuple[] | StoredSnapshotPatients
  const { strings = [], values = [], patients } = Array.isArray(parsed) ? { patients: parsed } : parsed
  const value = (index: number): ReasonValue => (index < 0 ? null : (values[index] ?? null))
  const text = (stored: StoredReason): string => {
    if (typeof stored === 'string') return stored
    if (typeof stored === 'number') return strings[stored] ?? ''
    const [kind, ...rest] = stored.map(value)
    return formatReasonCode([String(kind), ...rest])
  }
  const label = (stored: string | number | null): string | null => (typeof stored === 'number' ? String(value(stored)) : stored)
  for (const t of patients) {
    map.set(t[0], {
      nhsNumber: t[1],
      name: t[2],
      age: t[3],
      sex: t[4],
      ethnicity: label(t[5]),
      bpRule: text(t[6]),
      reasons: t[7].map(text),
      dateOfBirth: t[8],
      ethnicityText: label(t[9]),
      ethnicityCategory: t[10],
      registrationStatus: t[11],
      imdDecile: t[12],
      nextBookedOn: t[13],
      lastInvitedOn: t[14],
      noContactPermitted: t[15] === true,
      invitationHistory: t[16] ?? null
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
    notEligibleCount: cohort.not_eligible_count,
    parameters: JSON.parse(cohort.parameters_json) as Partial<CohortParameters>
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
