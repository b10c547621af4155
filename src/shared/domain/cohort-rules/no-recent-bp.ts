// Criterion: no BP reading in the look-back window (recall for measurement;
// QOF HYP008/HYP009 need a BP in the preceding 12 months).
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'
import { formatDateText } from '../../format/staff-text'

function lastReadingOn({ patient, asOf }: PatientFacts): string | null {
  const earlier = patient.readings
    .filter((r) => r.date <= asOf)
    .map((r) => r.date)
    .sort()
  return earlier[earlier.length - 1] ?? null
}
const whenText = (last: ReasonValue | undefined) => (last ? `last reading ${last}` : 'no reading on record')
const formatReason = ([months, last]: readonly ReasonValue[]) => `No BP in ${months} months (${whenText(last)})`

export const noRecentBp: CohortRule = {
  id: 'bp.none-recent',
  kind: 'criterion',
  label: 'No BP in the look-back window',
  source: 'QOF HYP008/HYP009 (BP in the preceding 12 months)',
  test: ({ current }) => current.bp === null,
  reasonValues: (facts) => [facts.params.lookbackMonths, lastReadingOn(facts)],
  formatReason,
  evaluate: (facts) => {
    const { current, asOf, params } = facts
    if (current.bp) {
      return {
        met: false,
        detail: `Has a BP in the ${params.lookbackMonths} months to ${formatDateText(asOf)}: ${current.bp.systolic}/${current.bp.diastolic} on ${formatDateText(current.bp.date)}`,
        reason: 'Recent BP recorded'
      }
    }
    const last = lastReadingOn(facts)
    const when = whenText(last)
    return {
      met: true,
      detail: `No BP in the ${params.lookbackMonths} months to ${formatDateText(asOf)} (${when})`,
      reason: formatReason([params.lookbackMonths, last])
    }
  }
}
