// The kinds of clinic session a practice runs and each one's default
// follow-up interval. Every built-in type starts at the programme default of 6 weeks (follow-up.ts);
// the practice may set each one from 4 to 12 weeks in the Clinics screen. A free-text type (a
// practice's own name for a session) is allowed and uses the programme default until set.
import { DEFAULT_FOLLOW_UP_WEEKS } from './follow-up'

export const builtInClinicTypes = [
  { type: 'Hypertension review', hint: 'uncontrolled hypertension cohort' },
  { type: 'Pharmacist BP clinic', hint: 'pharmacist-led BP clinic, e.g. Black African / African-Caribbean cohort' },
  { type: 'Time to Talk', hint: 'several long-term conditions review' },
  { type: 'Follow-up', hint: 'repeat BP after a visit' }
] as const

export interface ClinicTypeInterval {
  type: string
  weeks: number
  /** True when the practice chose this interval; false for the programme default. */
  practiceSet: boolean
}

/**
 * The follow-up interval for a clinic of this type: the practice's choice when it made one, else
 * the programme default. Types compare without regard to case or surrounding spaces, so
 * "hypertension review " and "Hypertension review" share one setting.
 */
export function followUpWeeksForType(type: string, practiceChoices: ReadonlyMap<string, number>): ClinicTypeInterval {
  const key = clinicTypeKey(type)
  for (const [chosenType, weeks] of practiceChoices) {
    if (clinicTypeKey(chosenType) === key) return { type: chosenType, weeks, practiceSet: true }
  }
  return { type: type.trim(), weeks: DEFAULT_FOLLOW_UP_WEEKS, practiceSet: false }
}

export function clinicTypeKey(type: string): string {
  return type.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** "Hypertension review" → "Hypertension review clinic"; a type already ending in "clinic" is kept as is. */
export function clinicName(type: string): string {
  const trimmed = type.trim()
  return /\bclinic$/i.test(trimmed) ? trimmed : `${trimmed} clinic`
}
