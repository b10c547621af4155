// The two invitation worklists: non-responders — two unanswered
// invitations at least 7 days apart (QOF HYP008/009 rule 7), listed with the HYPINVITE_COD codes to
// record in the clinical system — and patients invited but not yet booked, with the date the next
// attempt may go. "Answered" means a booking made on or after the first invitation that is still
// booked or was attended: a did-not-attend or a cancellation is not an answer. Invitations sent before
// a patient's latest kept booking were answered by it; only later ones count (a new round next year).
// The next attempt may go after the wait the last batch was sent with (default 14 days).
import type { OperationOutput } from '../../shared/contract'
import { invitationCode, nextAttemptFrom, unansweredPair, type SentInvitation } from '../../shared/domain/invitation-attempts'
import { displayName } from '../../shared/domain/patient-record'
import { isNoLongerRegistered } from '../../shared/domain/registration-status'
import type { ReadingContext } from '../context'
import { unansweredInvitations, type UnansweredInvitationRow } from './invitation-worklist-queries'

type Worklists = OperationOutput<'invitations.worklists'>
type WorklistPatient = Worklists['nonResponders'][number]

export function invitationWorklists(ctx: Pick<ReadingContext, 'db'>): Worklists {
  const rows = unansweredInvitations(ctx.db)
  const byPatient = new Map<number, UnansweredInvitationRow[]>()
  for (const r of rows) {
    // Patients who have died or left are no longer anyone's work.
    if (isNoLongerRegistered(r.registration_status)) continue
    const list = byPatient.get(r.patient_id) ?? []
    list.push(r)
    byPatient.set(r.patient_id, list)
  }
  const nonResponders: WorklistPatient[] = []
  const invitedNotBooked: WorklistPatient[] = []
  for (const list of byPatient.values()) {
    const first = list[0]
    const last = list[list.length - 1]
    if (!first || !last) continue
    const sent: SentInvitation[] = list.map((r) => ({ attempt: r.attempt, channel: r.channel, sentOn: r.sent_on }))
    const patient = {
      nhsNumber: first.nhs_number,
      name: displayName({ title: first.title, givenName: first.given_name, familyName: first.family_name }),
      cohortId: last.cohort_id,
      invitations: sent.map((s) => ({ ...s, ...invitationCode(s.channel, s.attempt) })),
      noContact: first.no_contact === 1
    }
    if (unansweredPair(sent, null)) {
      nonResponders.push({ ...patient, nextAttemptFrom: null })
    } else {
      // No further attempt for a patient who has since asked not to be contacted.
      const noMoreAttempts = last.attempt >= 3 || patient.noContact
      invitedNotBooked.push({ ...patient, nextAttemptFrom: noMoreAttempts ? null : nextAttemptFrom(last.sent_on, last.wait_days ?? undefined) })
    }
  }
  return { nonResponders, invitedNotBooked }
}
