// Every cohort rule by id: definitions refer to rules by these ids.
import { adult } from './adult'
import { alreadyBooked } from './already-booked'
import { blackAfricanCaribbean } from './black-ethnicity'
import { bpAboveTarget } from './bp-above-target'
import { bpDeclined } from './bp-declined'
import type { CohortRule } from './cohort-rule'
import { deceasedOrLeft } from './deceased-or-left'
import { informedDissentOrUnsuitable } from './informed-dissent'
import { maximalTherapy } from './maximal-therapy'
import { multipleLongTermConditions } from './multiple-long-term-conditions'
import { noContactPermitted } from './no-contact-permitted'
import { noRecentBp } from './no-recent-bp'
import { palliativeCare } from './palliative-care'
import { recentDiagnosis } from './recent-diagnosis'
import { recentRegistration } from './recent-registration'
import { recentlyInvited } from './recently-invited'
import { onHypertensionRegister } from './register-hypertension'

export type { CohortRule, ReasonValue, RuleOutcome } from './cohort-rule'

export const cohortRules = {
  'register.hypertension': onHypertensionRegister,
  'age.adult': adult,
  'bp.above-target': bpAboveTarget,
  'bp.none-recent': noRecentBp,
  'ethnicity.black-african-caribbean': blackAfricanCaribbean,
  'ltc.multiple': multipleLongTermConditions,
  'exclude.deceased-or-left': deceasedOrLeft,
  'exclude.palliative-care': palliativeCare,
  'exclude.informed-dissent': informedDissentOrUnsuitable,
  'exclude.bp-declined': bpDeclined,
  'exclude.maximal-therapy': maximalTherapy,
  'exclude.recent-diagnosis': recentDiagnosis,
  'exclude.recent-registration': recentRegistration,
  'exclude.already-booked': alreadyBooked,
  'exclude.recently-invited': recentlyInvited,
  'exclude.no-contact-permitted': noContactPermitted
} as const satisfies Record<string, CohortRule>

export type CohortRuleId = keyof typeof cohortRules
