// Criterion: aged 18 or over on the as-of date (QOF hypertension register age as applied by NCL ICB;
// CVDP001HYP "age ≥18"; Time to Talk is for adults).
import { ADULT_AGE } from '../age'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([age]: readonly ReasonValue[]) => (age === null || age === undefined ? 'Age unknown' : `Age ${age}`)

export const adult: CohortRule = {
  id: 'age.adult',
  kind: 'criterion',
  label: `Aged ${ADULT_AGE} or over`,
  source: 'QOF HYP001 register age; CVDP001HYP',
  test: ({ age }) => age !== null && age >= ADULT_AGE,
  reasonValues: ({ age }) => [age],
  formatReason,
  evaluate: ({ age, asOf }) => {
    if (age === null) return { met: false, detail: 'No date of birth recorded, so age cannot be worked out', reason: 'Age unknown' }
    return {
      met: age >= ADULT_AGE,
      detail: `Age ${age} on ${formatDateText(asOf)} (must be ${ADULT_AGE} or over)`,
      reason: formatReason([age])
    }
  }
}
