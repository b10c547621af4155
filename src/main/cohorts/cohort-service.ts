// Builds and stores cohort snapshots. A build loads every patient as known on the as-of date, runs
// the pure cohort engine, and stores the result — members and excluded with their priority, BP,
// reasons and the patient as built, exclusion counts, parameters, definition version and the last
// fact ids it could see — in one transaction with its activity-log entry. The full explanation is
// not stored per row (it made a 40k-member build take seconds): cohort-explanation.ts re-derives it
// for one patient from exactly those inputs. A snapshot is never rewritten; cohort-snapshots.ts
// reads them back. previewCohort gives a build's counts and first patients without storing anything
// (the live rebuild as parameters change); buildCohort is what invitations and the audit need.
import type { CohortSnapshotT } from '../../shared/contract'
import type { TargetMode } from '../../shared/domain/bp-targets'
import { type CohortDefinitionId, cohortDefinitions } from '../../shared/domain/cohort-definitions'
import { evaluateCohortForSnapshot, evaluateCohortPreview } from '../../shared/domain/cohort-engine'
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import type { CohortDefinition } from '../../shared/domain/cohort-definitions'
import { emptyCohortReason } from '../../shared/domain/empty-cohort'
import type { NotEligibleTally } from '../../shared/domain/cohort-engine'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ReadingContext, type ServiceContext } from '../context'
import { loadPatientRecords, patientsWithCurrentVersion } from '../patients/patient-records'
import { countPatients, latestFactIds } from '../patients/patient-fact-queries'
import { addPatientVersions, insertCohort, insertCohortEntries, setCohortReasonValues } from './cohort-snapshot-queries'
import { type CohortDefinitionInfo, definitionInfo, definitionToBuild, listDefinitionInfos } from './definition-catalog'
import { programmeForBuild } from '../programmes/programmes'
import { invitationHistories, noInvitationHistory } from './invitation-history'
import { encodeSnapshotListings } from './snapshot-patients'
import { formatCount, formatDateText } from '../../shared/format/staff-text'

export type { CohortDefinitionInfo }

export interface BuildCohortInput {
  definition: CohortDefinitionId
  asOf?: string
  mode: TargetMode
  /** Parameter overrides (e.g. include mixed D/E, another threshold, exclusions switched off). */
  params?: Partial<CohortParameters>
  /** Return each listed patient's full explanation too (not stored: cohorts.explain re-derives it). */
  explain?: boolean
  /** The programme the snapshot is for (programmes.ts decides when none is named). */
  programmeId?: number
  /** False refuses a build with no members (saying why) instead of saving it; left out, it is saved (in-process callers). */
  saveIfEmpty?: boolean
}

/** The built-ins and, given the database, the practice's saved custom cohorts (definition-catalog.ts). */
export function listDefinitions(ctx?: Pick<ReadingContext, 'db'>): CohortDefinitionInfo[] {
  return ctx ? listDefinitionInfos(ctx) : cohortDefinitions.map((definition) => definitionInfo({ definition, custom: null }))
}

/**
 * A build's evaluation without storing it: what a live preview needs (the bench times it as
 * "evaluate"). buildCohort stores it as a snapshot, which invitations and the audit read.
 */
export function evaluateBuild(ctx: ReadingContext, input: BuildCohortInput) {
  const { definition, asOf, seen, patients, notLoaded } = buildInputs(ctx, input)
  const evaluated = evaluateCohortForSnapshot(definition, patients, { asOf, mode: input.mode, params: input.params }, input.explain === true)
  const result = {
    ...evaluated,
    notEligibleCount: evaluated.notEligibleCount + notLoaded,
    notEligibleBy: withNotLoaded(definition, evaluated.notEligibleBy, notLoaded)
  }
  return { definition, asOf, seen, result }
}

/**
 * The patients a build never loaded (no event of a concept its criteria need) failed the criterion
 * that needs it: the register, or the long-term conditions. Counted there, so an empty cohort's
 * reason adds up to every patient imported.
 */
function withNotLoaded(definition: CohortDefinition, tallies: readonly NotEligibleTally[], notLoaded: number): NotEligibleTally[] {
  const copy = tallies.map((t) => ({ ...t }))
  if (notLoaded === 0) return copy
  const needs = copy.find((t) => t.rule.startsWith('register.') || t.rule === 'ltc.multiple') ?? copy.find((t) => t.rule.startsWith('custom'))
  if (needs) needs.count += notLoaded
  else copy.push({ rule: 'candidates', label: 'Has a condition this cohort needs', count: notLoaded, withoutRecentReading: 0 })
  return copy
}

/** Why a build has no members (empty-cohort.ts), or null. */
function whyEmpty(
  ctx: ReadingContext,
  asOf: string,
  result: {
    members: readonly unknown[]
    excluded: readonly unknown[]
    notEligibleBy: readonly NotEligibleTally[]
    exclusionCounts: readonly { label: string; count: number }[]
  }
) {
  return emptyCohortReason(
    {
      patientsImported: countPatients(ctx.db),
      members: result.members.length,
      excluded: result.excluded.length,
      notEligibleBy: result.notEligibleBy,
      exclusionCounts: result.exclusionCounts
    },
    asOf
  )
}

/**
 * A live preview (cohorts.preview): the counts a parameter change gives — members,
 * each exclusion, not eligible, per priority group — and the first members with their reasons,
 * nothing stored. Building stores the snapshot that invitations and the audit use.
 */
export function previewCohort(ctx: ReadingContext, input: BuildCohortInput & { limit?: number }) {
  const { definition, asOf, patients, notLoaded } = buildInputs(ctx, input)
  const preview = evaluateCohortPreview(definition, patients, { asOf, mode: input.mode, params: input.params }, input.limit ?? 50)
  const emptyReason =
    preview.memberCount === 0
      ? emptyCohortReason(
          {
            patientsImported: countPatients(ctx.db),
            members: 0,
            excluded: preview.excludedCount,
            notEligibleBy: withNotLoaded(definition, preview.notEligibleBy, notLoaded),
            exclusionCounts: preview.exclusionCounts
          },
          asOf
        )
      : null
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
    excluded: preview.excluded,
    emptyReason
  }
}

/** The definition and the candidate records a build or preview evaluates (also one previewed patient's "why"). */
export function buildInputs(ctx: ReadingContext, input: BuildCohortInput) {
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
  const builtAt = ctx.now().toISOString()
  const builtBy = actorName(ctx)

  // One transaction from choosing the programme to the last entry: a programme started for this
  // build exists only if the build is stored.
  const versioned: number[] = []
  const store = ctx.db.transaction(() => {
    const programme = programmeForBuild(ctx, definitionToBuild(ctx, input.definition).definition, input.programmeId)
    // The programme's own parameters, with this build's overrides on top.
    const params = { ...programme.parameters, ...input.params }
    const { definition, asOf, seen, result } = evaluateBuild(ctx, { ...input, params })
    const emptyReason = whyEmpty(ctx, asOf, result)
    // Refused inside the transaction, so a programme started for this build goes with it.
    if (emptyReason !== null && input.saveIfEmpty === false) {
      throw new AppError('conflict', `This cohort is empty, so it was not saved. ${emptyReason}`, { emptyReason })
    }
    // The listed patients' details as this build saw them, as versions shared with other snapshots;
    // only those not already known current for these facts are checked (patient-records.ts).
    const known = patientsWithCurrentVersion(ctx.db)
    for (const listings of [result.members, result.excluded]) for (const { entry } of listings) if (!known.has(entry.patientId)) versioned.push(entry.patientId)
    addPatientVersions(ctx.db, versioned)
    const cohortId = insertCohort(ctx.db, {
      programmeId: programme.programmeId,
      definitionId: definition.id,
      definitionVersion: definition.version,
      name: definition.name,
      asOf,
      mode: input.mode,
      parametersJson: JSON.stringify(result.parameters),
      builtAt,
      builtBy,
      memberCount: result.members.length,
      excludedCount: result.excluded.length,
      notEligibleCount: result.notEligibleCount,
      exclusionCountsJson: JSON.stringify(result.exclusionCounts),
      factsReadingId: seen.readingId,
      factsEventId: seen.eventId
    })
    // The entries go in batch by batch as they are encoded; the values their codes refer to are
    // complete after the last, and stored with the snapshot in the same transaction.
    const { reasonValuesJson } = encodeSnapshotListings(cohortId, result.members, result.excluded, (values, rows) => insertCohortEntries(ctx.db, values, rows))
    setCohortReasonValues(ctx.db, cohortId, reasonValuesJson)
    const severeExcluded = result.excluded.filter((e) => e.entry.severe).length
    logActivity(
      ctx,
      ctx.db,
      'cohorts.build',
      `Built "${definition.name}" as of ${formatDateText(asOf)} (${input.mode.toUpperCase()} targets): ${formatCount(result.members.length)} members, ` +
        `${formatCount(result.excluded.length)} excluded${severeExcluded ? ` (${formatCount(severeExcluded)} with a severe reading)` : ''}`,
      {
        cohortId,
        definition: definition.id,
        definitionVersion: definition.version,
        asOf,
        mode: input.mode,
        members: result.members.length,
        excluded: result.excluded.length,
        notEligible: result.notEligibleCount,
        parameters: result.parameters,
        programmeId: programme.programmeId
      }
    )
    return { cohortId, programme, definition, asOf, result, emptyReason }
  })
  const { cohortId, programme, definition, asOf, result, emptyReason } = store()
  // Committed: these patients' current details now have a version.
  const known = patientsWithCurrentVersion(ctx.db)
  for (const id of versioned) known.add(id)

  return {
    cohortId,
    programmeId: programme.programmeId,
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
    parameters: result.parameters,
    // Only on an empty build: a snapshot with members reads back (cohorts.get) exactly as built.
    ...(emptyReason !== null ? { emptyReason } : {})
  }
}
