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
  /**
   * An invitation sent within the recent-invitation window by another programme (or by this
   * programme from another snapshot at this attempt or later), naming the programme.
   */
  recentInvitationElsewhere?: { programme: string; sentOn: string } | null
}

/** Default window: a patient invited by any programme in the last 28 days is left out of a new batch. */
export const DEFAULT_RECENT_INVITATION_DAYS = 28

export interface RecentInvitationRule {
  days: number
  /** Staff chose to invite them anyway (the batch sheet still names the other programme). */
  includeAnyway: boolean
}

/** The reason a recently invited patient is left out, naming the programme that invited them. */
export function recentInvitationReason(recent: { programme: string; sentOn: string }, days: number): string {
  return `Invited by the programme “${recent.programme}” on ${formatUkLongDate(recent.sentOn)}, within the last ${days} days: left out so they do not get two invitations at once (choose “invite anyway” to include them)`
}

/** The batch's warning about members another programme had invited recently; null when there are none. */
export function recentlyInvitedWarning(members: readonly { programme: string; leftOut: boolean }[], days: number): string | null {
  if (members.length === 0) return null
  const programmes = [...new Set(members.map((m) => `“${m.programme}”`))].join(', ')
  const leftOut = members.filter((m) => m.leftOut).length
  const who = members.length === 1 ? '1 member was' : `${members.length} members were`
  return leftOut === members.length
    ? `${who} invited by ${programmes} in the last ${days} days and left out of this batch so they do not get two invitations at once; the batch sheet names them. Choose “invite anyway” to include them.`
    : `${who} invited by ${programmes} in the last ${days} days and are invited again because “invite anyway” was chosen.`
}

/** Null when the member is invited; otherwise the reason they are not. */
export function reasonNotInvited(
  facts: MemberInvitationFacts,
  attempt: number,
  letterDate: string,
  waitDays: number = MIN_DAYS_BETWEEN_INVITATIONS,
  recentRule: RecentInvitationRule = { days: DEFAULT_RECENT_INVITATION_DAYS, includeAnyway: false }
): string | null {
  // Safety first: a severe reading is never left to the post (NICE NG136 1.5.1).
  if (facts.severe || facts.priority === 'P1') return SEVERE_NOT_A_LETTER_REASON
  // Before any timing reason: it does not pass with time, and the batch sheet should say so.
  if (facts.noContactPermitted === true) return NO_CONTACT_REASON
  if (facts.upcomingAppointmentOn) return `Already booked into a clinic on ${formatUkLongDate(facts.upcomingAppointmentOn)}`
  if (facts.attendedSinceCohortOn) return `Already seen in clinic on ${formatUkLongDate(facts.attendedSinceCohortOn)}`
  if (facts.sameAttemptSentOn) return `Invitation ${attempt} from this cohort was already sent on ${formatUkLongDate(facts.sameAttemptSentOn)}`
  if (facts.recentInvitationElsewhere && !recentRule.includeAnyway) return recentInvitationReason(facts.recentInvitationElsewhere, recentRule.days)
  if (attempt > 1) {
    const previous = facts.previousInvitation
    if (!previous) return `No earlier invitation is recorded: send invitation 1 before invitation ${attempt}`
    return nextAttemptTooSoon(previous, attempt, letterDate, waitDays)
  }
  return null
}
