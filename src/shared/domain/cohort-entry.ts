// What a cohort build says about one patient: where they are (member or excluded, priority, current
// BP), the short reasons, and — when asked — the whole "why" (every rule checked, every reading
// considered, the target). The cohort engine produces these; the contract's schemas check them on
// the way out to a front end (they `satisfies` these types), so the domain never depends on the wire.
import type { BpMeasure } from './bp-measures'
import type { Priority } from './bp-priority'
import type { BpSetting } from './patient-record'

export interface BloodPressure {
  systolic: number
  diastolic: number
  date: string
  setting: BpSetting
}

export interface ExplanationStep {
  /** Stable rule id, e.g. `register.hypertension`, `exclude.bp-declined`. */
  rule: string
  label: string
  /** The published source the rule follows, e.g. `QOF HYP008`, `NICE NG136 1.2.2`. */
  source: string
  outcome: 'pass' | 'fail' | 'info'
  detail: string
}

export interface ConsideredReading {
  date: string
  systolic: number
  diastolic: number
  setting: BpSetting
  /** Whether this reading supplied the systolic, the diastolic, both or neither of the current BP. */
  used: 'both' | 'systolic' | 'diastolic' | 'none'
  /** What the code measured: clinic reading, home average, ABPM daytime/24-hour/night-time average, summary. */
  measure?: BpMeasure
  /** Set when the reading was recorded but cannot be the current BP: why. */
  notUsedBecause?: string
  /** The reading is at severe (P1) level for its own kind (clinic ≥ 180/120, home/ABPM ≥ 170/115). */
  severe?: boolean
}

export interface Explanation {
  steps: ExplanationStep[]
  readingsConsidered: ConsideredReading[]
  bpRule: string
  target: { systolic: number; diastolic: number; comparator: '<=' | '<'; label: string } | null
}

export interface CohortEntry {
  patientId: number
  nhsNumber: string
  name: string
  age: number | null
  sex: string | null
  ethnicity: string | null
  priority: Priority | null
  bp: BloodPressure | null
  /** For excluded patients: the exclusion rule id that applied. */
  rule: string | null
  /** Short human-readable reasons, in order: the `cohort build --json` interface. */
  reasons: string[]
  /** A severe (P1) reading: listed even when excluded, because no exclusion may hide a severe reading. */
  severe: boolean
  /** The rule that chose the current BP, in words (shown next to every computed BP). */
  bpRule: string
  /** The full "why"; snapshots leave it out (tens of megabytes for 40k patients) and ask for one patient at a time. */
  explanation?: Explanation
}

export interface ExplainedCohortEntry extends CohortEntry {
  explanation: Explanation
}

/** How many patients one exclusion rule took out of a build. */
export interface ExclusionCount {
  rule: string
  label: string
  source: string
  count: number
  /** Whether it was applied in this build: switched off by the user, or skipped as QOF-only in NICE mode (absent in older snapshots). */
  state?: 'on' | 'switched-off' | 'qof-only'
  /** Applies in QOF mode only (the 9-month rules). */
  qofOnly?: boolean
}
