// Priority groups for patients on the hypertension register whose current BP is above target
// — modelled on the UCLPartners proactive-care stratification as implemented publicly, with NICE
// NG136 staging cut-offs. Evaluated top-down, mutually exclusive.
import type { ClinicalConcept } from './clinical-concepts'
import { blackCategories, ethnicCategories, southAsianCategories, type EthnicCategory } from './ethnicity'
import type { BpSetting } from './patient-record'

export type Priority = 'P1' | 'P2' | 'P3' | 'P4'

interface BpWithSetting {
  systolic: number
  diastolic: number
  setting: BpSetting
}

/** The conditions that move an uncontrolled patient into P3. */
export const priorityRiskConditions: readonly ClinicalConcept[] = ['CHD', 'STIA', 'PAD', 'DM', 'CKD']

export interface PriorityRiskFactors {
  /** The patient's active conditions (any concepts; only those in priorityRiskConditions count). */
  conditions: readonly ClinicalConcept[]
  ethnicityCategory: EthnicCategory | null
}

export interface PriorityResult {
  priority: Priority
  /** The rule that matched, in words, naming its source: shown next to the priority. */
  rule: string
  /** The values `rule` is made from (formatPriorityRule): what a snapshot stores instead of the words. */
  values: (string | number)[]
  source: string
}

/**
 * The priority rule in words from its values: [P1|P2, setting, systolic, diastolic], [P3, risks]
 * or [P4]. classifyPriority words its rule with this, and a stored snapshot's reasons are worded
 * with it when read, so both say the same.
 */
export function formatPriorityRule(values: readonly (string | number | null)[]): string {
  const [priority, a, b, c, sameDay, usedSystolic, usedDiastolic] = values
  if (priority === 'P1' || priority === 'P2') {
    const outOfClinic = a !== 'clinic'
    const where = outOfClinic ? `${a} reading` : 'clinic reading'
    if (priority === 'P1') {
      const cut = outOfClinic ? '≥170 systolic or ≥115 diastolic' : '≥180 systolic or ≥120 diastolic'
      const decided =
        sameDay === SEVERE_ON_LATEST_DAY
          ? ` on the latest reading day, though the day's BP is ${usedSystolic}/${usedDiastolic}: a severe reading decides, whichever reading the lowest-of-the-day rule uses (nothing hides a severe reading)`
          : ''
      return `P1 severe: ${where} ${b}/${c} is ${cut}${decided} (NICE NG136 1.5.1: review within 7 days, not a routine letter)`
    }
    const cut = outOfClinic ? '≥150 systolic or ≥95 diastolic' : '≥160 systolic or ≥100 diastolic'
    return `P2 stage 2: ${where} ${b}/${c} is ${cut} (NICE NG136 stage 2)`
  }
  if (priority === 'P3') return `P3 higher risk: above target with ${a} (UCLPartners proactive care)`
  return 'P4: above target, no higher-risk condition or ethnicity recorded (UCLPartners proactive care)'
}

function isOutOfClinic(setting: BpSetting): boolean {
  return setting !== 'clinic'
}

/**
 * Severe hypertension, NICE NG136 1.5.1: clinic systolic ≥ 180 or diastolic ≥ 120. Home/ambulatory
 * readings use ≥ 170 / ≥ 115 (the NICE rule that out-of-clinic equivalents are lower, 1.4.18–19, as
 * applied by the public UCLPartners-shaped implementation). A severe reading is
 * never a routine letter: review within 7 days.
 */
export function isSevereReading(bp: BpWithSetting): boolean {
  return severeMargin(bp) >= 0
}

/** The severe (P1) cut-offs for a reading's own kind: clinic 180/120, home/ambulatory 170/115. */
export function severeCutOffs(setting: BpSetting): { systolic: number; diastolic: number } {
  return isOutOfClinic(setting) ? { systolic: 170, diastolic: 115 } : { systolic: 180, diastolic: 120 }
}

/** How far (mmHg) a reading is at or above its severe cut-off; negative below it. Ranks severe readings. */
export function severeMargin(bp: BpWithSetting): number {
  const cut = severeCutOffs(bp.setting)
  return Math.max(bp.systolic - cut.systolic, bp.diastolic - cut.diastolic)
}

/** Stage 2 hypertension (NICE NG136 "Terms used"): clinic ≥ 160 or ≥ 100; home/ambulatory ≥ 150 or ≥ 95. */
export function isStage2Reading(bp: BpWithSetting): boolean {
  return isOutOfClinic(bp.setting) ? bp.systolic >= 150 || bp.diastolic >= 95 : bp.systolic >= 160 || bp.diastolic >= 100
}

/** Marks a P1 decided by a severe reading of the latest day that the day's BP rule did not pick. */
export const SEVERE_ON_LATEST_DAY = 'latest-day'

/**
 * The priority group of a patient whose current BP is above target. Callers decide "above target"
 * (bp-targets.ts); this function does not, because the P1/P2 cut-offs are above every target anyway
 * and P3/P4 only mean anything for an uncontrolled patient. `riskFactors` may be a function, called
 * only when the reading is below stage 2. `severeOnLatestDay` is the latest day's most severe
 * reading for its own kind (current-bp.ts): when the day's BP is not itself severe, that reading
 * still makes the patient P1 — nothing hides a severe reading.
 */
export function classifyPriority(
  bp: BpWithSetting,
  riskFactors: PriorityRiskFactors | (() => PriorityRiskFactors),
  severeOnLatestDay: BpWithSetting | null = null
): PriorityResult {
  const worded = (values: (string | number)[]) => ({ values, rule: formatPriorityRule(values) })
  if (!isSevereReading(bp) && severeOnLatestDay && isSevereReading(severeOnLatestDay)) {
    const s = severeOnLatestDay
    return {
      priority: 'P1',
      ...worded(['P1', s.setting, s.systolic, s.diastolic, SEVERE_ON_LATEST_DAY, bp.systolic, bp.diastolic]),
      source: 'NICE NG136 1.5.1; a severe reading is never hidden by the same-day rule'
    }
  }
  if (isSevereReading(bp)) {
    return { priority: 'P1', ...worded(['P1', bp.setting, bp.systolic, bp.diastolic]), source: 'NICE NG136 1.5.1' }
  }
  if (isStage2Reading(bp)) {
    return { priority: 'P2', ...worded(['P2', bp.setting, bp.systolic, bp.diastolic]), source: 'NICE NG136 stage 2; UCLPartners proactive care' }
  }
  // Risk factors are only needed below stage 2; a caller may pass them lazily (working out a
  // patient's conditions is the costly part of a build).
  const risks = riskFactorLabels(typeof riskFactors === 'function' ? riskFactors() : riskFactors)
  if (risks.length > 0) {
    return { priority: 'P3', ...worded(['P3', risks.join(', ')]), source: 'UCLPartners proactive care' }
  }
  return { priority: 'P4', ...worded(['P4']), source: 'UCLPartners proactive care' }
}

const conditionNames: Partial<Record<ClinicalConcept, string>> = {
  CHD: 'coronary heart disease',
  STIA: 'stroke/TIA',
  PAD: 'peripheral arterial disease',
  DM: 'diabetes',
  CKD: 'chronic kidney disease'
}

/** The P3 risk factors present, in words; empty when none. */
export function riskFactorLabels(riskFactors: PriorityRiskFactors): string[] {
  const labels: string[] = []
  for (const concept of priorityRiskConditions) {
    if (riskFactors.conditions.includes(concept)) labels.push(conditionNames[concept] ?? concept)
  }
  const ethnicity = riskFactors.ethnicityCategory
  if (ethnicity && blackCategories.includes(ethnicity)) labels.push(`Black ethnicity (${ethnicCategories[ethnicity]})`)
  if (ethnicity && southAsianCategories.includes(ethnicity)) labels.push(`South Asian ethnicity (${ethnicCategories[ethnicity]})`)
  return labels
}
