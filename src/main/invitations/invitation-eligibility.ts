// Which cohort members are invited in a batch, and why not for the others. Pure:
// the service gathers each member's facts from the database and asks this one function, so every
// reason a patient is left out is written here, in words staff can act on. How an invited member is
// contacted (SMS, letter, phone) is the channel rule's job (shared/domain/contact-channel.ts).
import { NO_CONTACT_REASON } from '../../shared/domain/contact-channel'
import { formatUkLongDate } from '../../shared/domain/letter-content'
import { DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT, nextAttemptTooSoon } from '../../shared/domain/invitation-attempts'

/** The 2nd (and 3rd) invitation goes at least 14 days after the previous one by default. */
export const MIN_DAYS_BETWEEN_INVITATIONS = DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT

export const SEVERE_NOT_A_LETTER_REASON = 'Severe reading: contact by phone for review within 7 days (NICE NG136 1.5.1) — not a routine letter'

export interface MemberInvitationFacts {
  priority: string | null
  severe: boolean
  /** Contact preferences say "no contact permitted", recorded after the cohort was built. */
  noContactPermitted?: boolean
  /** Earliest live booking on or after the letter date, if any. */
  upcomingAppointmentOn: string | null
  /** Latest attended appointment on or after the cohort's as-of date, if any. */
  attendedSinceCohortOn: string | null
  /** When this cohort's invitation of this attempt number was already sent to them, if it was. */
  sameAttemptSentOn: string | null
  /** Their latest invitation (any cohort) sent on or before the letter date. */
  previousInvitation: { attempt: number; sentOn: string } | null
}

/** Null when the member is invited; otherwise the reason they are not. */
export function reasonNotInvited(
  facts: MemberInvitationFacts,
  attempt: number,
  letterDate: string,
  waitDays: number = MIN_DAYS_BETWEEN_INVITATIONS
): string | null {
  // Safety first: a severe reading is never left to the post (NICE NG136 1.5.1).
  if (facts.severe || facts.priority === 'P1') return SEVERE_NOT_A_LETTER_REASON
  // Before any timing reason: it does not pass with time, and the batch sheet should say so.
  if (facts.noContactPermitted === true) return NO_CONTACT_REASON
  if (facts.upcomingAppointmentOn) return `Already booked into a clinic on ${formatUkLongDate(facts.upcomingAppointmentOn)}`
  if (facts.attendedSinceCohortOn) return `Already seen in clinic on ${formatUkLongDate(facts.attendedSinceCohortOn)}`
  if (facts.sameAttemptSentOn) return `Invitation ${attempt} from this cohort was already sent on ${formatUkLongDate(facts.sameAttemptSentOn)}`
  if (attempt > 1) {
    const previous = facts.previousInvitation
    if (!previous) return `No earlier invitation is recorded: send invitation 1 before invitation ${attempt}`
    return nextAttemptTooSoon(previous, attempt, letterDate, waitDays)
  }
  return null
}
