// What the cohort rules need to know about one patient on the as-of date, worked out once per
// patient so every rule reads the same current BP, target and register status.
import { ageOn } from './age'
import { type PriorityResult, classifyPriority } from './bp-priority'
import { type BpTarget, type TargetMode, isControlled, targetFor } from './bp-targets'
import type { CohortParameters } from './cohort-parameters'
import { type CurrentBp, currentBloodPressure } from './current-bp'
import { type HypertensionRegisterStatus, hypertensionRegisterStatus } from './hypertension-register'
import { type ActiveCondition, activeLongTermConditions } from './long-term-conditions'
import type { PatientRecord } from './patient-record'

export interface PatientFacts {
  patient: PatientRecord
  asOf: string
  mode: TargetMode
  params: CohortParameters
  age: number | null
  current: CurrentBp
  register: HypertensionRegisterStatus
  /** Null when there is no current BP or no age to pick a target with. */
  target: BpTarget | null
  /** Null when it cannot be said: no recent BP ("no recent BP" is never "controlled") or no age. */
  controlled: boolean | null
  conditions: ActiveCondition[]
  /** Priority of the current BP when it is above target (spec §4.3); null otherwise. */
  priority: PriorityResult | null
}

export function patientFacts(patient: PatientRecord, asOf: string, mode: TargetMode, params: CohortParameters): PatientFacts {
  const age = ageOn(patient.dateOfBirth, asOf)
  const current = currentBloodPressure(patient.readings, asOf, params.lookbackMonths)
  const register = hypertensionRegisterStatus(patient.events, asOf)
  const conditions = activeLongTermConditions(patient.events, asOf)
  const target = current.bp && age !== null ? targetFor(mode, age, current.bp.setting) : null
  const controlled = current.bp && target ? isControlled(current.bp, target) : null
  const priority =
    current.bp && controlled === false
      ? classifyPriority(current.bp, { conditions: conditions.map((c) => c.concept), ethnicityCategory: patient.ethnicityCategory })
      : null
  return { patient, asOf, mode, params, age, current, register, target, controlled, conditions, priority }
}
