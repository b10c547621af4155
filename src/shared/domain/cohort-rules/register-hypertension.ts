// Criterion: on the hypertension register — latest HYP_COD not followed by HYPRES_COD, or a
// register flag (QOF HYP001; spec §4.4 cohort 1). The logic lives in hypertension-register.ts.
import type { CohortRule } from './cohort-rule'

export const onHypertensionRegister: CohortRule = {
  id: 'register.hypertension',
  kind: 'criterion',
  label: 'On the hypertension register',
  source: 'QOF HYP001',
  test: ({ register }) => register.onRegister,
  evaluate: ({ register }) => {
    const diagnosis = register.evidence.find((e) => e.concept === 'HYP')
    return {
      met: register.onRegister,
      detail: register.detail,
      reason: `On hypertension register (${diagnosis?.date ? `diagnosed ${diagnosis.date}` : 'register flag'})`
    }
  }
}
