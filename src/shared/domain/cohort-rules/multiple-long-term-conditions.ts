// Criterion: at least N long-term conditions from the QOF register list (the Time to Talk cohort;
// NICE NG56 multimorbidity). Which conditions count, by which register rule: long-term-conditions.ts
// and qof-registers.ts. A condition recognised only by its exported term is marked "check".
import { hasPhysicalAndMentalHealth } from '../long-term-conditions'
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'
import { registerName } from '../qof-registers'

const reasonValues = ({ conditions }: PatientFacts): ReasonValue[] => [
  conditions.length,
  conditions.map((c) => (c.matchedByTerm ? `${registerName(c.concept)} (matched by term — check)` : registerName(c.concept))).join(', '),
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
    const listed = conditions.length ? `: ${conditions.map((c) => c.detail).join('; ')}` : ''
    const both = hasPhysicalAndMentalHealth(conditions) ? ' — physical and mental-health conditions (NICE NG56 priority)' : ''
    return {
      met: conditions.length >= params.conditionThreshold,
      detail: `${conditions.length} long-term condition(s) on QOF registers (threshold ${params.conditionThreshold})${listed}${both}`,
      reason: formatReason(reasonValues(facts))
    }
  }
}
