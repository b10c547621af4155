// "Why is this patient in (or out)?" for one patient of a stored snapshot.
// Snapshots store compact rows (snapshot-patients.ts); the full explanation — every rule checked, the
// readings considered and which one supplied the BP, the target, the priority rule, each exclusion —
// is re-derived here by running the same engine over the same inputs the build had: the snapshot's
// definition, as-of date, mode and parameters; the patient's demographics and programme state as
// stored in the row; and the readings and events stored before the build (ids up to the snapshot's
// facts_reading_id / facts_event_id — facts are append-only, so that is exactly what the build read).
import type { z } from 'zod'
import type { CohortPatientExplanation, CohortPreviewExplanation, ExplanationT } from '../../shared/contract'
import { isCustomCohortId } from '../../shared/custom-cohort-schema'
import { evaluateCohort } from '../../shared/domain/cohort-engine'
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import { isEthnicCategory } from '../../shared/domain/ethnicity'
import { AppError } from '../../shared/result'
import type { ReadingContext } from '../context'
import { loadPatientRecordAsBuilt } from '../patients/patient-records'
import { cohortEntry } from './cohort-snapshot-queries'
import { type BuildCohortInput, buildInputs } from './cohort-service'
import { entryFromRow, findCohortRow } from './cohort-snapshots'
import { reasonTables, snapshotPatientFromRow } from './snapshot-patients'
import { resolveDefinition } from './definition-catalog'
import { formatDateText } from '../../shared/format/staff-text'

export type CohortPatientExplanationT = z.output<typeof CohortPatientExplanation>

export function explainCohortEntry(ctx: ReadingContext, cohortId: number, patientId: number): CohortPatientExplanationT {
  const cohort = findCohortRow(ctx, cohortId)
  const row = cohortEntry(ctx.db, cohortId, patientId)
  if (!row) {
    throw new AppError(
      'not_found',
      `This patient is not listed in "${cohort.name}" (as of ${formatDateText(cohort.as_of)}): they did not meet its criteria on that date (counted as not eligible)`
    )
  }
  const asBuilt = snapshotPatientFromRow(row, reasonTables(cohort))
  const stored = entryFromRow(row, asBuilt)
  // Snapshots built before compact rows stored the explanation itself.
  if (stored.explanation) {
    return { cohortId, status: row.status, entry: { ...stored, explanation: stored.explanation }, basis: 'Stored with the snapshot when it was built.' }
  }

  // The version the snapshot was built with (custom cohorts keep every version; built-ins have one).
  const definition = resolveDefinition(ctx, cohort.definition_id, isCustomCohortId(cohort.definition_id) ? cohort.definition_version : undefined)?.definition
  const unavailable = (why: string): CohortPatientExplanationT => ({
    cohortId,
    status: row.status,
    entry: { ...stored, explanation: placeholderExplanation(stored.bpRule, why) },
    basis: why
  })
  if (!definition) return unavailable(`The definition "${cohort.definition_id}" is no longer known, so the explanation cannot be re-derived.`)
  if (!asBuilt) return unavailable('This snapshot did not keep the patient as built, so the explanation cannot be re-derived.')

  const category = asBuilt.ethnicityCategory
  const record = loadPatientRecordAsBuilt(
    ctx.db,
    patientId,
    cohort.as_of,
    { readingId: cohort.facts_reading_id ?? Number.MAX_SAFE_INTEGER, eventId: cohort.facts_event_id ?? Number.MAX_SAFE_INTEGER },
    {
      nhsNumber: stored.nhsNumber,
      dateOfBirth: asBuilt.dateOfBirth,
      sex: asBuilt.sex,
      ethnicityText: asBuilt.ethnicityText,
      ethnicityCategory: category && isEthnicCategory(category) ? category : null,
      registrationStatus: asBuilt.registrationStatus,
      imdDecile: asBuilt.imdDecile,
      nextBookedAppointmentOn: asBuilt.nextBookedOn,
      lastInvitedOn: asBuilt.lastInvitedOn,
      noContactPermitted: asBuilt.noContactPermitted
    },
    { title: null, givenName: stored.name, familyName: null }
  )
  // Custom cohorts asking about invitation state stored the history the build read.
  if (asBuilt.invitationHistory) record.invitationHistory = asBuilt.invitationHistory
  const params = JSON.parse(cohort.parameters_json) as Partial<CohortParameters>
  const result = evaluateCohort(definition, [record], { asOf: cohort.as_of, mode: cohort.mode, params })
  const again = result.members[0] ?? result.excluded[0]
  if (!again) return unavailable('Re-evaluating this patient with the snapshot’s inputs no longer lists them; the stored reasons stand.')

  let basis =
    `Re-derived with definition "${definition.name}" version ${definition.version}, as of ${formatDateText(cohort.as_of)}, ` +
    `${cohort.mode.toUpperCase()} mode, the snapshot’s parameters, and the readings and coded events stored before the build.`
  const sameOutcome = again.rule === stored.rule && again.priority === stored.priority && (result.members.length === 1) === (row.status === 'member')
  if (definition.version !== cohort.definition_version) {
    basis += ` The snapshot was built with version ${cohort.definition_version}; the rules shown are version ${definition.version}.`
  }
  if (!sameOutcome) basis += ' The re-derived outcome differs from the stored one; the stored status, priority and reasons are what the build decided.'
  return { cohortId, status: row.status, entry: { ...stored, explanation: again.explanation }, basis }
}

/**
 * One patient's "why" in an unsaved preview (cohorts.explainPreview): the live rebuild shows a
 * preview, not a snapshot, so there is no snapshot to re-derive from. The patient is evaluated now
 * with the same definition, as-of date, mode and parameters as the preview — the same records and
 * rules, so the same outcome the preview listed.
 */
export function explainPreviewEntry(
  ctx: ReadingContext,
  input: Omit<BuildCohortInput, 'explain'> & { patientId: number }
): z.output<typeof CohortPreviewExplanation> {
  const { definition, asOf, patients } = buildInputs(ctx, input)
  const record = patients.find((p) => p.patientId === input.patientId)
  const result = record ? evaluateCohort(definition, [record], { asOf, mode: input.mode, params: input.params }) : null
  const entry = result?.members[0] ?? result?.excluded[0]
  if (!result || !entry) {
    throw new AppError(
      'not_found',
      `Patient ${input.patientId} is not listed in this preview: they do not meet its criteria on ${asOf} (counted as not eligible)`
    )
  }
  return {
    status: result.members.length === 1 ? 'member' : 'excluded',
    entry: { ...entry, explanation: entry.explanation },
    basis: `Evaluated now with definition "${definition.name}" version ${definition.version}, as of ${asOf}, ${input.mode.toUpperCase()} mode and the preview’s settings (an unsaved preview).`
  }
}

function placeholderExplanation(bpRule: string, why: string): ExplanationT {
  return {
    steps: [{ rule: 'snapshot', label: 'Explanation', source: 'Stored snapshot', outcome: 'info', detail: why }],
    readingsConsidered: [],
    bpRule,
    target: null
  }
}

/**
 * One listed patient's "why" as `cohort build --explain --json` prints it: the
 * readings considered (each marked with what it supplied), the rule that chose the current BP, the
 * target applied (mode, age band, clinic or home), the priority rule that matched, every exclusion
 * checked with its outcome, and all the steps in order.
 */
export function explanationSummary(explanation: ExplanationT) {
  const priority = explanation.steps.find((s) => s.rule === 'priority')
  return {
    readingsConsidered: explanation.readingsConsidered,
    bpRule: explanation.bpRule,
    target: explanation.target,
    priorityRule: priority ? priority.detail : null,
    criteria: explanation.steps
      .filter((s) => !s.rule.startsWith('exclude.') && s.rule !== 'priority' && !s.rule.startsWith('bp.current') && s.rule !== 'bp.target')
      .map((s) => ({ rule: s.rule, label: s.label, source: s.source, outcome: s.outcome, detail: s.detail })),
    exclusionsChecked: explanation.steps
      .filter((s) => s.rule.startsWith('exclude.'))
      .map((s) => ({
        rule: s.rule,
        label: s.label,
        source: s.source,
        outcome: s.outcome === 'fail' ? 'applies' : s.outcome === 'pass' ? 'does not apply' : 'not applied',
        detail: s.detail
      })),
    steps: explanation.steps
  }
}
