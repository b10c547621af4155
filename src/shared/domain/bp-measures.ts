// What a blood pressure code measures, and which kinds can be a patient's current BP.
//
// BP_COD holds every way a practice records a pressure: a clinic reading, a home (HBPM) average, an
// ABPM daytime, 24-hour or night-time average, and summaries of a recording — minimum, maximum,
// baseline and the like. NICE NG136 uses the clinic reading (1.2.2, 1.4.15) or the waking-hours
// average of ABPM or HBPM (1.2.6–1.2.7, 1.4.22) to judge control; a night-time average is lower by
// nature, and a minimum is the lowest single reading of a recording, so taking either as the
// current BP would call an uncontrolled patient "controlled". They are kept and shown in the
// explanation as "recorded, not used", with the reason below. The kind is read from the
// reference-set term (the refsets name it in words: "Average night interval systolic blood
// pressure", "Minimum 24 hour diastolic blood pressure"), so it needs no separate list.
import type { BpSetting } from './bp-setting'

export const bpMeasures = {
  clinic: 'clinic reading',
  'home-average': 'home (HBPM) average',
  'abpm-daytime': 'ABPM daytime average',
  'abpm-24-hour': 'ABPM 24-hour average',
  'abpm-night': 'ABPM night-time average',
  summary: 'summary value'
} as const
export type BpMeasure = keyof typeof bpMeasures
/** The kinds as a list, for schemas (contract.ts) and checks. */
export const bpMeasureIds = Object.keys(bpMeasures) as [BpMeasure, ...BpMeasure[]]

export function isBpMeasure(value: unknown): value is BpMeasure {
  return typeof value === 'string' && Object.hasOwn(bpMeasures, value)
}

/** The kinds that can be the current BP, in both QOF and NICE mode (NICE NG136 1.2.6, 1.4.22). */
export const currentBpMeasures: readonly BpMeasure[] = ['clinic', 'home-average', 'abpm-daytime', 'abpm-24-hour']

export function canBeCurrentBp(measure: BpMeasure): boolean {
  return currentBpMeasures.includes(measure)
}

/** Why a reading of this kind is recorded but not used as the current BP; null when it can be. */
export function notUsedBecause(measure: BpMeasure): string | null {
  if (measure === 'abpm-night') {
    return 'it is an ABPM night-time average: control is judged on the daytime (waking-hours) or 24-hour average (NICE NG136 1.2.6, 1.4.22)'
  }
  if (measure === 'summary') {
    return 'it is a summary value (a minimum, maximum, baseline or similar), not a reading or an average (NICE NG136 1.2.2, 1.2.6)'
  }
  return null
}

export interface BpMeasureClass {
  measure: BpMeasure
  /** For a summary: which one, in words from the term ("minimum"); '' otherwise. */
  summary: string
  /** Where it was taken, for a summary (its targets are never applied; shown in the explanation). */
  setting: BpSetting
}

/** A term in lower case with single spaces: how every term rule here and in clinical-codes.ts reads it. */
export const lowerTerm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * The kind of measurement a BP term describes. Order matters: a "Minimum night interval" value is a
 * summary (its night-ness is beside the point), a "Maximum day interval" value too.
 */
export function bpMeasureFromTerm(term: string): BpMeasureClass {
  const t = lowerTerm(term)
  const home = /\bhome\b|self[- ]measured|self[- ]monitor|by patient/.test(t)
  const ambulatory = /ambulatory|\babpm\b|24 ?hour|24-hour|24hr|day interval|night interval|daytime|day time|night[- ]?time/.test(t)
  const setting: BpSetting = home ? 'home' : ambulatory ? 'ambulatory' : 'clinic'
  const summary = /\b(minimum|maximum|baseline|lowest|highest|peak|range|variability|post[- ]vasodilatation|post exercise|on admission)\b/.exec(t)
  if (summary) return { measure: 'summary', summary: summary[1] ?? 'summary', setting }
  if (/night/.test(t)) return { measure: 'abpm-night', summary: '', setting: 'ambulatory' }
  if (home) return { measure: 'home-average', summary: '', setting: 'home' }
  if (/day interval|daytime|day time|waking/.test(t)) return { measure: 'abpm-daytime', summary: '', setting: 'ambulatory' }
  if (/24 ?hour|24-hour|24hr/.test(t)) return { measure: 'abpm-24-hour', summary: '', setting: 'ambulatory' }
  // "Ambulatory systolic blood pressure" names no period: NICE's ABPM measure is the daytime average.
  if (ambulatory) return { measure: 'abpm-daytime', summary: '', setting: 'ambulatory' }
  // "Average blood pressure", "Average systolic blood pressure": NICE defines averages only for
  // ABPM and HBPM (a clinic BP is the lower of the last two readings), so an average that names no
  // setting is read as an out-of-clinic 24-hour average and judged against the lower targets.
  if (/\baverage\b/.test(t)) return { measure: 'abpm-24-hour', summary: '', setting: 'ambulatory' }
  return { measure: 'clinic', summary: '', setting: 'clinic' }
}

/** The usual setting of a kind, for readings stored before kinds were recorded. */
export function measureForSetting(setting: BpSetting): BpMeasure {
  if (setting === 'home') return 'home-average'
  if (setting === 'ambulatory') return 'abpm-daytime'
  return 'clinic'
}
