// BP targets. Two modes: QOF (default; "≤" counts as achieved, HYP008/HYP009) and NICE
// (NG136 1.4.20–1.4.22; "below"). Out-of-clinic (home/ambulatory) targets are 5 mmHg lower
// (NG136 1.4.18–19; QOF v49+ scores home readings against lower thresholds). The age split is at 80
// in both: QOF HYP008 "aged 79 or under" / HYP009 "80 or over"; NICE "80 and over".
import type { BpSetting } from './patient-record'

export type TargetMode = 'qof' | 'nice'

export interface BpTarget {
  systolic: number
  diastolic: number
  /** '<=' controlled when at or below (QOF); '<' controlled only when below (NICE). */
  comparator: '<=' | '<'
  /** e.g. "QOF HYP008: clinic ≤140/90 (aged 79 or under)". */
  label: string
  source: string
}

export const ELDERLY_TARGET_AGE = 80

// Eight possible targets (mode × age band × clinic or out of clinic), each worked out once and
// found by its position: a build asks for one per patient with a reading, and a string key per ask
// was a measurable share of a 300k-patient preview.
const targets: (BpTarget | undefined)[] = []

export function targetFor(mode: TargetMode, age: number, setting: BpSetting): BpTarget {
  const older = age >= ELDERLY_TARGET_AGE
  const outOfClinic = setting !== 'clinic'
  const at = (mode === 'qof' ? 0 : 4) + (older ? 2 : 0) + (outOfClinic ? 1 : 0)
  let target = targets[at]
  if (!target) {
    target = Object.freeze(makeTarget(mode, older, outOfClinic))
    targets[at] = target
  }
  return target
}

function makeTarget(mode: TargetMode, older: boolean, outOfClinic: boolean): BpTarget {
  // The targets (under 80 | 80 and over): clinic 140/90 | 150/90, home/ambulatory 135/85 | 145/85.
  const systolic = (older ? 150 : 140) - (outOfClinic ? 5 : 0)
  const diastolic = outOfClinic ? 85 : 90
  const where = outOfClinic ? 'home/ambulatory' : 'clinic'
  const ageText = older ? 'aged 80 or over' : 'aged 79 or under'
  if (mode === 'qof') {
    const source = older ? 'QOF HYP009' : 'QOF HYP008'
    return { systolic, diastolic, comparator: '<=', source, label: `${source}: ${where} ≤${systolic}/${diastolic} (${ageText})` }
  }
  const paragraph = outOfClinic ? '1.4.22' : older ? '1.4.21' : '1.4.20'
  const source = `NICE NG136 ${paragraph}`
  return { systolic, diastolic, comparator: '<', source, label: `${source}: ${where} below ${systolic}/${diastolic} (${ageText})` }
}

/** Controlled only when BOTH systolic and diastolic are within target. */
export function isControlled(bp: { systolic: number; diastolic: number }, target: BpTarget): boolean {
  if (target.comparator === '<=') return bp.systolic <= target.systolic && bp.diastolic <= target.diastolic
  return bp.systolic < target.systolic && bp.diastolic < target.diastolic
}
