// Exclusion: on the palliative care register (PALCARE; spec §4.4; QOF PC001 register). Any record
// on or before the as-of date counts: the register has no resolution code here.
import { describeEvent } from '../condition-status'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { latestEventEver } from './recent-event'

const formatReason = ([date]: readonly ReasonValue[]) => `Excluded: palliative care (${date ?? 'register flag'})`

export const palliativeCare: CohortRule = {
  id: 'exclude.palliative-care',
  kind: 'exclusion',
  label: 'On the palliative care register',
  source: 'QOF PC001 (palliative care register)',
  test: ({ patient, asOf }) => latestEventEver(patient.events, ['PALCARE'], asOf) !== null,
  reasonValues: ({ patient, asOf }) => [latestEventEver(patient.events, ['PALCARE'], asOf)?.date ?? null],
  formatReason,
  evaluate: ({ patient, asOf }) => {
    const event = latestEventEver(patient.events, ['PALCARE'], asOf)
    if (!event) return { met: false, detail: 'No palliative care record', reason: '' }
    return { met: true, detail: `Palliative care: ${describeEvent(event)}`, reason: formatReason([event.date]) }
  }
}
