// What the cohort rules need to know about one patient on the as-of date, worked out once per
// patient so every rule reads the same current BP, target and register status. Each fact is worked
// out on first use: most patients fail the first criterion of a cohort (e.g. not on the register),
// and a build over 100k patients should not compute a current BP for all of them.
import { ageOn } from './age'
import { type PriorityResult, classifyPriority } from './bp-priority'
import { type BpTarget, type TargetMode, isControlled, targetFor } from './bp-targets'
import type { CohortParameters } from './cohort-parameters'
import { type CurrentBp, currentBloodPressure } from './current-bp'
import { type HypertensionRegisterStatus, hypertensionRegisterStatus } from './hypertension-register'
import { type ActiveCondition, activeLongTermConditions } from './long-term-conditions'
import type { PatientRecord } from './patient-record'

export interface PatientFacts {
  readonly patient: PatientRecord
  readonly asOf: string
  readonly mode: TargetMode
  readonly params: CohortParameters
  readonly age: number | null
  readonly current: CurrentBp
  readonly register: HypertensionRegisterStatus
  /** Null when there is no current BP or no age to pick a target with. */
  readonly target: BpTarget | null
  /** Null when it cannot be said: no recent BP ("no recent BP" is never "controlled") or no age. */
  readonly controlled: boolean | null
  readonly conditions: ActiveCondition[]
  /** Priority of the current BP when it is above target (spec §4.3); null otherwise. */
  readonly priority: PriorityResult | null
}

// Each fact is computed on first use and kept in its own field (a Map per patient was a measurable
// share of a 100k-patient build).
const NOT_YET = Symbol('not computed')
type Slot<T> = T | typeof NOT_YET

class LazyPatientFacts implements PatientFacts {
  private ageValue: Slot<number | null> = NOT_YET
  private currentValue: Slot<CurrentBp> = NOT_YET
  private registerValue: Slot<HypertensionRegisterStatus> = NOT_YET
  private conditionsValue: Slot<ActiveCondition[]> = NOT_YET
  private targetValue: Slot<BpTarget | null> = NOT_YET
  private priorityValue: Slot<PriorityResult | null> = NOT_YET

  constructor(
    readonly patient: PatientRecord,
    readonly asOf: string,
    readonly mode: TargetMode,
    readonly params: CohortParameters
  ) {}

  get age(): number | null {
    if (this.ageValue === NOT_YET) this.ageValue = ageOn(this.patient.dateOfBirth, this.asOf)
    return this.ageValue
  }

  get current(): CurrentBp {
    if (this.currentValue === NOT_YET) this.currentValue = currentBloodPressure(this.patient.readings, this.asOf, this.params.lookbackMonths)
    return this.currentValue
  }

  get register(): HypertensionRegisterStatus {
    if (this.registerValue === NOT_YET) this.registerValue = hypertensionRegisterStatus(this.patient.events, this.asOf)
    return this.registerValue
  }

  get conditions(): ActiveCondition[] {
    if (this.conditionsValue === NOT_YET) this.conditionsValue = activeLongTermConditions(this.patient.events, this.asOf)
    return this.conditionsValue
  }

  get target(): BpTarget | null {
    if (this.targetValue === NOT_YET) {
      const bp = this.current.bp
      const age = this.age
      this.targetValue = bp && age !== null ? targetFor(this.mode, age, bp.setting) : null
    }
    return this.targetValue
  }

  get controlled(): boolean | null {
    const bp = this.current.bp
    const target = this.target
    return bp && target ? isControlled(bp, target) : null
  }

  get priority(): PriorityResult | null {
    if (this.priorityValue === NOT_YET) {
      const bp = this.current.bp
      this.priorityValue =
        !bp || this.controlled !== false
          ? null
          : classifyPriority(bp, () => ({ conditions: this.conditions.map((c) => c.concept), ethnicityCategory: this.patient.ethnicityCategory }))
    }
    return this.priorityValue
  }
}

export function patientFacts(patient: PatientRecord, asOf: string, mode: TargetMode, params: CohortParameters): PatientFacts {
  return new LazyPatientFacts(patient, asOf, mode, params)
}
