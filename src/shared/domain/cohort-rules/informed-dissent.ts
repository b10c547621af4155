// Exclusion: informed dissent from, or unsuitable for, hypertension quality-indicator care
// (HYPPCADEC_COD, HYPPCAPU_COD) in the last 12 months — QOF HYP008/HYP009 denominator rules 4 and 6.
import { describeEvent } from '../condition-status'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { latestEventWithin } from './recent-event'
import { formatDateText } from '../../format/staff-text'

const whatOf = (concept: ReasonValue | undefined) => (concept === 'HYPPCADEC' ? 'informed dissent' : 'patient unsuitable')
const formatReason = ([concept, date]: readonly ReasonValue[]) => `Excluded: ${whatOf(concept)} (${formatDateText(String(date))})`

export const informedDissentOrUnsuitable: CohortRule = {
  id: 'exclude.informed-dissent',
  kind: 'exclusion',
  label: 'Informed dissent or unsuitable (hypertension)',
  source: 'QOF HYP008/HYP009 (HYPPCADEC_COD, HYPPCAPU_COD)',
  test: ({ patient, asOf, params }) => latestEventWithin(patient.events, ['HYPPCADEC', 'HYPPCAPU'], asOf, params.exceptionLookbackMonths) !== null,
  reasonValues: ({ patient, asOf, params }) => {
    const event = latestEventWithin(patient.events, ['HYPPCADEC', 'HYPPCAPU'], asOf, params.exceptionLookbackMonths)
    return [event?.concept ?? null, event?.date ?? null]
  },
  formatReason,
  evaluate: ({ patient, asOf, params }) => {
    const event = latestEventWithin(patient.events, ['HYPPCADEC', 'HYPPCAPU'], asOf, params.exceptionLookbackMonths)
    if (!event)
      return {
        met: false,
        detail: `No informed dissent or unsuitable code in the ${params.exceptionLookbackMonths} months to ${formatDateText(asOf)}`,
        reason: ''
      }
    const what = whatOf(event.concept)
    return { met: true, detail: `${what}: ${describeEvent(event)}`, reason: formatReason([event.concept, event.date]) }
  }
}
