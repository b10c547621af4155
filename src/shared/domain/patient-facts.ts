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
  /** Priority of the current BP when it is above target; null otherwise. */
  readonly priority: PriorityResult | null
}

// Each fact is computed on first use and kept in its own field (a Map per patient was a measurable
// share of a 100k-patient build).
const NOT_YET = Symbol('not computed')
type Slot<T> = T | typeof NOT_YET

/**
 * The facts that depend only on the record and the as-of date (and the look-back window), not on
 * the mode or the other parameters: kept per record object between builds. Main hands the same
 * record objects to every build of a database state and as-of date (patient-records.ts), so a
 * rebuild after a parameter or mode change — the live rebuild — reads them instead of
 * working them out again for 100k patients. They are pure functions of (record, asOf, lookback), so
 * remembering them changes no answer; a record whose facts change is a new object.
 */
interface RecordMemo {
  asOf: string
  lookbackMonths: number
  age: Slot<number | null>
  current: Slot<CurrentBp>
  register: Slot<HypertensionRegisterStatus>
  conditions: Slot<ActiveCondition[]>
  /** The priority group the current BP would have if above target (mode-independent: the priority cut-offs are the same in QOF and NICE mode). */
  priorityIfAbove: Slot<PriorityResult | null>
}
// Kept on the record itself under a symbol, non-enumerable: a WeakMap lookup per candidate was a
// measurable share of a build, and a non-enumerable property is neither copied by `{ ...record }`
// (a copy may carry other facts) nor seen by serialisation or equality.
const MEMO = Symbol('patient facts memo')
type MemoHolder = { [MEMO]?: RecordMemo }

function memoOf(patient: PatientRecord, asOf: string, lookbackMonths: number): RecordMemo {
  const holder = patient as MemoHolder
  const known = holder[MEMO]
  if (known === undefined) {
    const memo: RecordMemo = { asOf, lookbackMonths, age: NOT_YET, current: NOT_YET, register: NOT_YET, conditions: NOT_YET, priorityIfAbove: NOT_YET }
    // A frozen record (or one that cannot take properties) simply goes without the memo.
    if (Object.isExtensible(patient)) Object.defineProperty(patient, MEMO, { value: memo, writable: true, enumerable: false })
    return memo
  }
  if (known.asOf !== asOf || known.lookbackMonths !== lookbackMonths) {
    known.asOf = asOf
    known.lookbackMonths = lookbackMonths
    known.age = NOT_YET
    known.current = NOT_YET
    known.register = NOT_YET
    known.conditions = NOT_YET
    known.priorityIfAbove = NOT_YET
  }
  return known
}

class LazyPatientFacts implements PatientFacts {
  private targetValue: Slot<BpTarget | null> = NOT_YET
  private priorityValue: Slot<PriorityResult | null> = NOT_YET

  constructor(
    readonly patient: PatientRecord,
    readonly asOf: string,
    readonly mode: TargetMode,
    readonly params: CohortParameters
  ) {}

  // Looked up on each read, not kept: the record's memo is re-aimed when the same record is
  // evaluated as of another date, and this instance must never read another date's facts.
  private get memo(): RecordMemo {
    return memoOf(this.patient, this.asOf, this.params.lookbackMonths)
  }

  get age(): number | null {
    const memo = this.memo
    if (memo.age === NOT_YET) memo.age = ageOn(this.patient.dateOfBirth, this.asOf)
    return memo.age
  }

  get current(): CurrentBp {
    const memo = this.memo
    if (memo.current === NOT_YET) memo.current = currentBloodPressure(this.patient.readings, this.asOf, this.params.lookbackMonths)
    return memo.current
  }

  get register(): HypertensionRegisterStatus {
    const memo = this.memo
    if (memo.register === NOT_YET) memo.register = hypertensionRegisterStatus(this.patient.events, this.asOf)
    return memo.register
  }

  get conditions(): ActiveCondition[] {
    const memo = this.memo
    if (memo.conditions === NOT_YET) memo.conditions = activeLongTermConditions(this.patient.events, this.asOf, this.patient.dateOfBirth)
    return memo.conditions
  }

  get target(): BpTarget | null {
    if (this.targetValue === NOT_YET) {
      const bp = this.current.bp
      const age = this.age
      this.targetValue = bp && age !== null ? targetFor(this.mode, age, bp.setting) : null
    }
    return this.targetValue
  }

  // Nothing hides a severe reading: a reading of the latest day at severe level for its own kind
  // makes the patient uncontrolled even when the lowest-of-the-day reading is within target.
  get controlled(): boolean | null {
    const current = this.current
    const bp = current.bp
    const target = this.target
    if (!bp || !target) return null
    return current.severeReading === null && isControlled(bp, target)
  }

  get priority(): PriorityResult | null {
    if (this.priorityValue === NOT_YET) this.priorityValue = this.controlled === false ? this.priorityIfAbove() : null
    return this.priorityValue
  }

  // The group depends on the reading, conditions and ethnicity only, not on the mode's target, so it
  // is remembered with the record's other facts: a QOF/NICE switch does not classify 40k again.
  private priorityIfAbove(): PriorityResult | null {
    const memo = this.memo
    if (memo.priorityIfAbove === NOT_YET) {
      const bp = this.current.bp
      memo.priorityIfAbove = bp
        ? classifyPriority(
            bp,
            () => ({ conditions: this.conditions.map((c) => c.concept), ethnicityCategory: this.patient.ethnicityCategory }),
            this.current.severeReading
          )
        : null
    }
    return memo.priorityIfAbove
  }
}

export function patientFacts(patient: PatientRecord, asOf: string, mode: TargetMode, params: CohortParameters): PatientFacts {
  return new LazyPatientFacts(patient, asOf, mode, params)
}
