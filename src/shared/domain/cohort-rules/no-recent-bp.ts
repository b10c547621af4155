// Criterion: no BP reading in the look-back window (spec §4.4 cohort 4, recall for measurement;
// QOF HYP008/HYP009 need a BP in the preceding 12 months).
import type { CohortRule } from './cohort-rule'

export const noRecentBp: CohortRule = {
  id: 'bp.none-recent',
  kind: 'criterion',
  label: 'No BP in the look-back window',
  source: 'QOF HYP008/HYP009 (BP in the preceding 12 months)',
  test: ({ current }) => current.bp === null,
  evaluate: ({ current, patient, asOf, params }) => {
    if (current.bp) {
      return {
        met: false,
        detail: `Has a BP in the ${params.lookbackMonths} months to ${asOf}: ${current.bp.systolic}/${current.bp.diastolic} on ${current.bp.date}`,
        reason: 'Recent BP recorded'
      }
    }
    const earlier = patient.readings.filter((r) => r.date <= asOf).map((r) => r.date).sort()
    const last = earlier[earlier.length - 1]
    const when = last ? `last reading ${last}` : 'no reading on record'
    return {
      met: true,
      detail: `No BP in the ${params.lookbackMonths} months to ${asOf} (${when})`,
      reason: `No BP in ${params.lookbackMonths} months (${when})`
    }
  }
}
