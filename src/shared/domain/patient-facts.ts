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

class LazyPatientFacts implements PatientFacts {
  private cache = new Map<string, unknown>()

  constructor(
    readonly patient: PatientRecord,
    readonly asOf: string,
    readonly mode: TargetMode,
    readonly params: CohortParameters
  ) {}

  private once<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T
    const value = compute()
    this.cache.set(key, value)
    return value
  }

  get age(): number | null {
    return this.once('age', () => ageOn(this.patient.dateOfBirth, this.asOf))
  }

  get current(): CurrentBp {
    return this.once('current', () => currentBloodPressure(this.patient.readings, this.asOf, this.params.lookbackMonths))
  }

  get register(): HypertensionRegisterStatus {
    return this.once('register', () => hypertensionRegisterStatus(this.patient.events, this.asOf))
  }

  get conditions(): ActiveCondition[] {
    return this.once('conditions', () => activeLongTermConditions(this.patient.events, this.asOf))
  }

  get target(): BpTarget | null {
    return this.once('target', () => {
      const bp = this.current.bp
      const age = this.age
      return bp && age !== null ? targetFor(this.mode, age, bp.setting) : null
    })
  }

  get controlled(): boolean | null {
    const bp = this.current.bp
    const target = this.target
    return bp && target ? isControlled(bp, target) : null
  }

  get priority(): PriorityResult | null {
    return this.once('priority', () => {
      const bp = this.current.bp
      if (!bp || this.controlled !== false) return null
      return classifyPriority(bp, { conditions: this.conditions.map((c) => c.concept), ethnicityCategory: this.patient.ethnicityCategory })
    })
  }
}

export function patientFacts(patient: PatientRecord, asOf: string, mode: TargetMode, params: CohortParameters): PatientFacts {
  return new LazyPatientFacts(patient, asOf, mode, params)
}
