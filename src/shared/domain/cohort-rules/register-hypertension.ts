// Criterion: on the hypertension register — latest HYP_COD not followed by HYPRES_COD, or a
// register flag (QOF HYP001). The logic lives in hypertension-register.ts.
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'
import { formatDateText } from '../../format/staff-text'

const diagnosedOn = (register: PatientFacts['register']) => register.evidence.find((e) => e.concept === 'HYP')?.date ?? null
const formatReason = ([diagnosed]: readonly ReasonValue[]) =>
  `On hypertension register (${diagnosed ? `diagnosed ${formatDateText(String(diagnosed))}` : 'register flag'})`

export const onHypertensionRegister: CohortRule = {
  id: 'register.hypertension',
  kind: 'criterion',
  label: 'On the hypertension register',
  source: 'QOF HYP001',
  test: ({ register }) => register.onRegister,
  reasonValues: ({ register }) => [diagnosedOn(register)],
  formatReason,
  evaluate: ({ register }) => ({ met: register.onRegister, detail: register.detail, reason: formatReason([diagnosedOn(register)]) })
}
