// Where a patient stands with invitations on the as-of date, for the custom cohort
// builder's "invitation state" criterion. The same meaning as the Invitations worklists
// (src/main/invitations/invitation-worklists.ts): an invitation is answered by a booking made on or
// after it that was kept (still booked or attended) — a did-not-attend or a cancellation is not an
// answer; a non-responder has two unanswered invitations at least 7 days apart (QOF HYP008/HYP009
// rule 7, invitation-attempts.ts). Invitations recorded in the practice system (HYPINVITE_COD in
// the export) count as invitations too, so "never invited" means never invited by anyone.
import { upcomingBookingOn } from './cohort-rules/already-booked'
import { unansweredPair, type SentInvitation } from './invitation-attempts'
import type { InvitationHistory } from './invitation-history'
import type { CodedEvent } from './patient-record'
import { formatDateText } from '../format/staff-text'

export type { InvitationHistory }

export type InvitationState = 'never-invited' | 'invited-not-booked' | 'booked' | 'non-responder' | 'responded'

export const invitationStateLabels: Record<InvitationState, string> = {
  'never-invited': 'Never invited',
  'invited-not-booked': 'Invited, not booked',
  booked: 'Booked into an upcoming clinic',
  'non-responder': 'Non-responder (two unanswered invitations ≥ 7 days apart)',
  responded: 'Invited before and booked or attended; not invited since'
}

/** What main reads for the state: the app's invitations and the latest kept booking, both up to as-of. */
export interface InvitationStateResult {
  state: InvitationState
  /** In words, with the dates that decided it. */
  detail: string
}

export function invitationStateOn(
  patient: { events: readonly CodedEvent[]; nextBookedAppointmentOn: string | null; invitationHistory?: InvitationHistory },
  asOf: string
): InvitationStateResult | null {
  const history = patient.invitationHistory
  if (!history) return null
  // The same test as the "already booked" exclusion: an appointment left open in a past clinic is not a booking.
  const upcoming = upcomingBookingOn(patient, asOf)
  if (upcoming !== null) return { state: 'booked', detail: `Booked into a clinic on ${formatDateText(upcoming)}` }
  const coded = patient.events
    .filter((e) => e.concept === 'HYPINVITE' && e.date !== null && e.date <= asOf)
    .map((e, index): SentInvitation => ({ attempt: index + 1, channel: 'letter', sentOn: e.date as string }))
  const all: SentInvitation[] = [...history.sent.map((s): SentInvitation => ({ attempt: s.attempt, channel: 'letter', sentOn: s.sentOn })), ...coded]
  if (all.length === 0) return { state: 'never-invited', detail: `No invitation sent or recorded on or before ${formatDateText(asOf)}` }
  const answered = history.lastAnsweredOn
  const unanswered = all.filter((i) => answered === null || i.sentOn > answered)
  const dates = (list: SentInvitation[]) => [...new Set(list.map((i) => i.sentOn))].sort().map(formatDateText).join(', ')
  if (unanswered.length === 0) {
    return {
      state: 'responded',
      detail: `Invited ${dates(all)}; booked on ${answered === null ? 'an unknown date' : formatDateText(answered)}; no invitation since`
    }
  }
  const pair = unansweredPair(unanswered, null)
  if (pair) {
    return {
      state: 'non-responder',
      detail: `Unanswered invitations ${formatDateText(pair[0].sentOn)} and ${formatDateText(pair[1].sentOn)} (at least 7 days apart)`
    }
  }
  return { state: 'invited-not-booked', detail: `Invited ${dates(unanswered)}, not booked since` }
}
