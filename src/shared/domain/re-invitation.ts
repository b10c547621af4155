// What "re-invite" means for one patient, said plainly on their page. Clinic Recall sends no
// invitation to one patient on their own: invitations go out in batches from a cohort snapshot
// (attempt 1, 2 or 3), and each batch leaves out, with the reason, every member who must not get
// one. So re-inviting a patient is making the next batch of the latest snapshot they are a member of;
// this works out which attempt that is, the day it may go, and the reasons the batch would leave them
// out, in the same order and words as the batch's own rule (invitation-eligibility.ts) where they overlap.
import { DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT, nextAttemptFrom } from './invitation-attempts'
import { formatUkLongDate } from './letter-content'

export interface ReInvitationFacts {
  /** The latest snapshot (by as-of date, then build) that lists the patient as a member, or null. */
  snapshot: { cohortId: number; name: string; asOf: string; priority: string | null; severe: boolean } | null
  /** Invitations sent from that snapshot, any order. */
  sentFromSnapshot: readonly { attempt: number; sentOn: string }[]
  noContact: boolean
  /** The registration status says the patient has died or left. */
  noLongerRegistered: boolean
  /** Their first booked clinic from today on, if any. */
  upcomingBookingOn: string | null
  /** Their latest attended clinic on or after the snapshot's as-of date, if any. */
  attendedSinceSnapshotOn: string | null
  today: string
}

export interface ReInvitation {
  /** The snapshot whose invitations panel makes the next batch; null when there is none to use. */
  cohortId: number | null
  /** The attempt the next batch would be (1–3); null when no routine invitation should go. */
  attempt: number | null
  /** The first day that attempt may go (today when it may go now); null with attempt. */
  from: string | null
  explanation: string
}

export const MAX_INVITATION_ATTEMPTS = 3

const none = (cohortId: number | null, explanation: string): ReInvitation => ({ cohortId, attempt: null, from: null, explanation })

export function reInvitation(facts: ReInvitationFacts): ReInvitation {
  if (facts.noLongerRegistered) return none(null, 'The registration status says the patient has died or left the practice: they are not invited.')
  if (facts.noContact) return none(null, 'No contact permitted is recorded for this patient: no invitation goes to them until it is removed below.')
  const snapshot = facts.snapshot
  if (!snapshot) {
    return none(
      null,
      'Not a member of any saved cohort. Invitations go to the members of a cohort: build the programme’s cohort (Cohorts) and, if the patient meets its criteria, invite from there.'
    )
  }
  const named = `“${snapshot.name}” (as of ${formatUkLongDate(snapshot.asOf)})`
  if (snapshot.severe || snapshot.priority === 'P1') {
    return none(snapshot.cohortId, `A severe reading in ${named}: phone the patient for a review within 7 days rather than send a routine invitation.`)
  }
  if (facts.upcomingBookingOn)
    return none(snapshot.cohortId, `Already booked into a clinic on ${formatUkLongDate(facts.upcomingBookingOn)}: no invitation is needed.`)
  if (facts.attendedSinceSnapshotOn) {
    return none(
      snapshot.cohortId,
      `Already seen in clinic on ${formatUkLongDate(facts.attendedSinceSnapshotOn)}, after ${named} was built: no invitation is needed.`
    )
  }
  const last = [...facts.sentFromSnapshot].sort((a, b) => a.attempt - b.attempt || (a.sentOn < b.sentOn ? -1 : 1)).pop()
  if (last && last.attempt >= MAX_INVITATION_ATTEMPTS) {
    return none(
      snapshot.cohortId,
      `All ${MAX_INVITATION_ATTEMPTS} invitations from ${named} were sent, the last on ${formatUkLongDate(last.sentOn)}: no further routine invitation. Phone them, or invite them from the next cohort built.`
    )
  }
  const attempt = last ? last.attempt + 1 : 1
  const earliest = last ? nextAttemptFrom(last.sentOn) : facts.today
  const from = earliest > facts.today ? earliest : facts.today
  const when =
    last && from > facts.today
      ? `It can go from ${formatUkLongDate(from)}, ${DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT} days after invitation ${last.attempt} (${formatUkLongDate(last.sentOn)}).`
      : 'It can go now.'
  return {
    cohortId: snapshot.cohortId,
    attempt,
    from,
    explanation:
      `The next invitation is invitation ${attempt} from ${named}. ${when} ` +
      `Invitations go out in batches: open the cohort’s invitations panel and make invitation ${attempt}; ` +
      'the batch invites every member who is due, this patient among them, and lists anyone it leaves out with the reason.'
  }
}
