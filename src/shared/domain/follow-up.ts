// The follow-up date proposed after a clinic visit.
// - Severe BP at the visit (clinic ≥180/120, see bp-priority.ts): NICE NG136 1.5.1 — repeat clinic BP
//   or clinical review within 7 days.
// - Otherwise a routine review after a number of weeks: 6 by default, adjustable 4–12. This interval
//   is a local programme choice (the seed programme used 1–3 months); NICE NG136 sets no national
//   interval for titration reviews, so the reason text
//   says so rather than citing a source that does not exist.
import { AppError } from '../result'
import { addDaysIso } from './iso-date'

export const DEFAULT_FOLLOW_UP_WEEKS = 6
export const MIN_FOLLOW_UP_WEEKS = 4
export const MAX_FOLLOW_UP_WEEKS = 12
/** NICE NG136 1.5.1: severe hypertension is reviewed within 7 days. */
export const SEVERE_FOLLOW_UP_DAYS = 7

export interface FollowUpProposal {
  /** YYYY-MM-DD */
  dueOn: string
  /** Why this date, naming the rule; shown to staff and in the follow-ups worklist beside the visit date. */
  reason: string
}

/**
 * The follow-up after a visit on `visitDate`. `weeks` is the clinic type's interval (clinic-types.ts,
 * default 6, 4–12); `clinicType` only names it in the reason. Severe BP (P1) overrides the interval.
 */
export function proposeFollowUp(input: { visitDate: string; severe: boolean; weeks?: number; clinicType?: string }): FollowUpProposal {
  const weeks = input.weeks ?? DEFAULT_FOLLOW_UP_WEEKS
  if (!Number.isInteger(weeks) || weeks < MIN_FOLLOW_UP_WEEKS || weeks > MAX_FOLLOW_UP_WEEKS) {
    throw new AppError(
      'invalid_input',
      `weeks: the follow-up interval must be a whole number of weeks from ${MIN_FOLLOW_UP_WEEKS} to ${MAX_FOLLOW_UP_WEEKS} (got ${weeks})`,
      { field: 'weeks' }
    )
  }
  if (input.severe) {
    return {
      dueOn: addDaysIso(input.visitDate, SEVERE_FOLLOW_UP_DAYS),
      reason: `Severe BP at the visit: repeat clinic BP or clinical review within ${SEVERE_FOLLOW_UP_DAYS} days (NICE NG136 1.5.1)`
    }
  }
  return {
    dueOn: addDaysIso(input.visitDate, weeks * 7),
    // In words a pharmacist acts on: whose interval, where it is changed, and that it is local.
    reason: `Routine BP review ${weeks} weeks after the visit (${input.clinicType ? `${input.clinicType} interval` : 'programme interval'}, adjustable ${MIN_FOLLOW_UP_WEEKS}–${MAX_FOLLOW_UP_WEEKS} weeks in Settings; a local choice — NICE NG136 sets a national interval, 7 days, only for severe BP)`
  }
}
