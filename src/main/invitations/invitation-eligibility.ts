// Which cohort members get a letter in a batch, and why not for the others (spec §4.3, §5). Pure:
// the service gathers each member's facts from the database and asks this one function, so every
// reason a patient is left out is written here, in words staff can act on.
import { addDaysIso } from '../../shared/domain/iso-date'
import { hasPostalAddress } from '../../shared/domain/letter-content'

/** Spec §5: the 2nd (and 3rd) invitation goes at least 14 days after the previous one. */
export const MIN_DAYS_BETWEEN_INVITATIONS = 14

export const SEVERE_NOT_A_LETTER_REASON =
  'Severe reading: contact by phone for review within 7 days (NICE NG136 1.5.1) — not a routine letter'

export interface MemberInvitationFacts {
  priority: string | null
  severe: boolean
  addressLines: readonly string[]
  postcode: string | null
  /** Earliest live booking on or after the letter date, if any. */
  upcomingAppointmentOn: string | null
  /** Latest attended appointment on or after the cohort's as-of date, if any. */
  attendedSinceCohortOn: string | null
  /** When this cohort's invitation of this attempt number was already sent to them, if it was. */
  sameAttemptSentOn: string | null
  /** Their latest invitation (any cohort) sent on or before the letter date. */
  previousInvitation: { attempt: number; sentOn: string } | null
}

/** Null when the member gets a letter; otherwise the reason they do not. */
export function reasonNotInvited(facts: MemberInvitationFacts, attempt: number, letterDate: string): string | null {
  // Safety first: a severe reading is never left to the post (NICE NG136 1.5.1).
  if (facts.severe || facts.priority === 'P1') return SEVERE_NOT_A_LETTER_REASON
  if (facts.upcomingAppointmentOn) return `Already booked into a clinic on ${facts.upcomingAppointmentOn}`
  if (facts.attendedSinceCohortOn) return `Already seen in clinic on ${facts.attendedSinceCohortOn}`
  if (facts.sameAttemptSentOn) return `Invitation ${attempt} from this cohort was already sent on ${facts.sameAttemptSentOn}`
  if (attempt > 1) {
    const previous = facts.previousInvitation
    if (!previous) return `No earlier invitation is recorded: send invitation 1 before invitation ${attempt}`
    const earliest = addDaysIso(previous.sentOn, MIN_DAYS_BETWEEN_INVITATIONS)
    if (letterDate < earliest) {
      return `Invitation ${previous.attempt} was sent on ${previous.sentOn}; invitation ${attempt} can go from ${earliest} (at least ${MIN_DAYS_BETWEEN_INVITATIONS} days later)`
    }
  }
  if (!hasPostalAddress(facts)) {
    return 'No postal address in the export: check the address in the clinical system, or contact by phone'
  }
  return null
}
