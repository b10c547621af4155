// Exclusion: on maximal tolerated antihypertensive therapy (HTMAX_COD) in the last 12 months —
// QOF HYP008/HYP009 denominator rule 3.
import { describeEvent } from '../condition-status'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { latestEventWithin } from './recent-event'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([date]: readonly ReasonValue[]) => `Excluded: maximal tolerated therapy (${formatDateText(String(date))})`

export const maximalTherapy: CohortRule = {
  id: 'exclude.maximal-therapy',
  kind: 'exclusion',
  label: 'Maximal tolerated therapy in the last 12 months',
  source: 'QOF HYP008/HYP009 (HTMAX_COD)',
  test: ({ patient, asOf, params }) => latestEventWithin(patient.events, ['HTMAX'], asOf, params.exceptionLookbackMonths) !== null,
  reasonValues: ({ patient, asOf, params }) => [latestEventWithin(patient.events, ['HTMAX'], asOf, params.exceptionLookbackMonths)?.date ?? null],
  formatReason,
  evaluate: ({ patient, asOf, params }) => {
    const event = latestEventWithin(patient.events, ['HTMAX'], asOf, params.exceptionLookbackMonths)
    if (!event)
      return { met: false, detail: `No maximal tolerated therapy code in the ${params.exceptionLookbackMonths} months to ${formatDateText(asOf)}`, reason: '' }
    return { met: true, detail: `Maximal tolerated therapy: ${describeEvent(event)}`, reason: formatReason([event.date]) }
  }
}
