// Criterion: at least N long-term conditions from the QOF register list (spec §4.4 cohort 3,
// "Time to Talk"; NICE NG56 multimorbidity). Which conditions count: long-term-conditions.ts.
import { hasPhysicalAndMentalHealth } from '../long-term-conditions'
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'

const reasonValues = ({ conditions }: PatientFacts): ReasonValue[] => [
  conditions.length,
  conditions.map((c) => c.concept).join(', '),
  hasPhysicalAndMentalHealth(conditions) ? 1 : 0
]
const formatReason = ([count, names, both]: readonly ReasonValue[]) => `${count} conditions: ${names || 'none'}${both ? ' (physical and mental health)' : ''}`

export const multipleLongTermConditions: CohortRule = {
  id: 'ltc.multiple',
  kind: 'criterion',
  label: 'Multiple long-term conditions (threshold adjustable, default 2)',
  source: 'NICE NG56; QOF registers',
  test: ({ conditions, params }) => conditions.length >= params.conditionThreshold,
  reasonValues,
  formatReason,
  evaluate: (facts) => {
    const { conditions, params } = facts
    const listed = conditions.length ? `: ${conditions.map((c) => c.label).join('; ')}` : ''
    const both = hasPhysicalAndMentalHealth(conditions) ? ' — physical and mental-health conditions (NICE NG56 priority)' : ''
    return {
      met: conditions.length >= params.conditionThreshold,
      detail: `${conditions.length} long-term condition(s) on QOF registers (threshold ${params.conditionThreshold})${listed}${both}`,
      reason: formatReason(reasonValues(facts))
    }
  }
}
