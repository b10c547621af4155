// Exclusion: blood pressure procedure refused (BPDEC_COD) in the last 12 months — QOF HYP008/HYP009
// denominator rule 5.
import { describeEvent } from '../condition-status'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { latestEventWithin } from './recent-event'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([date]: readonly ReasonValue[]) => `Excluded: BP declined (${formatDateText(String(date))})`

export const bpDeclined: CohortRule = {
  id: 'exclude.bp-declined',
  kind: 'exclusion',
  label: 'BP measurement declined in the last 12 months',
  source: 'QOF HYP008/HYP009 (BPDEC_COD)',
  test: ({ patient, asOf, params }) => latestEventWithin(patient.events, ['BPDEC'], asOf, params.exceptionLookbackMonths) !== null,
  reasonValues: ({ patient, asOf, params }) => [latestEventWithin(patient.events, ['BPDEC'], asOf, params.exceptionLookbackMonths)?.date ?? null],
  formatReason,
  evaluate: ({ patient, asOf, params }) => {
    const event = latestEventWithin(patient.events, ['BPDEC'], asOf, params.exceptionLookbackMonths)
    if (!event) return { met: false, detail: `No BP declined code in the ${params.exceptionLookbackMonths} months to ${formatDateText(asOf)}`, reason: '' }
    return { met: true, detail: `BP declined: ${describeEvent(event)}`, reason: formatReason([event.date]) }
  }
}
