// Exclusion, QOF mode only: first hypertension diagnosis within the last 9 months — QOF HYP008/HYP009
// denominator rule 8: practices are given time to reach target. NICE mode
// has no such grace period, so the rule is skipped there.
import { addMonthsIso } from '../iso-date'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([first, months]: readonly ReasonValue[]) => `Excluded: diagnosed ${formatDateText(String(first))} (QOF ${months}-month rule)`

export const recentDiagnosis: CohortRule = {
  id: 'exclude.recent-diagnosis',
  kind: 'exclusion',
  label: 'First diagnosed with hypertension in the last 9 months',
  source: 'QOF HYP008/HYP009 (rule 8)',
  qofOnly: true,
  test: ({ register, asOf, params }) => {
    const first = register.firstDiagnosedOn
    return first !== null && first > addMonthsIso(asOf, -params.recentDiagnosisMonths) && first <= asOf
  },
  reasonValues: ({ register, params }) => [register.firstDiagnosedOn, params.recentDiagnosisMonths],
  formatReason,
  evaluate: ({ register, asOf, params }) => {
    const first = register.firstDiagnosedOn
    const from = addMonthsIso(asOf, -params.recentDiagnosisMonths)
    if (first && first > from && first <= asOf) {
      return {
        met: true,
        detail: `First hypertension diagnosis ${formatDateText(first)}, within ${params.recentDiagnosisMonths} months of ${formatDateText(asOf)}`,
        reason: formatReason([first, params.recentDiagnosisMonths])
      }
    }
    return { met: false, detail: first ? `First diagnosed ${formatDateText(first)}` : 'No dated diagnosis (register flag only)', reason: '' }
  }
}
