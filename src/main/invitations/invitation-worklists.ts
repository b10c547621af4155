// The two invitation worklists: non-responders — two unanswered
// invitations at least 7 days apart (QOF HYP008/009 rule 7), listed with the HYPINVITE_COD codes to
// record in the clinical system — and patients invited but not yet booked, with the date the next
// attempt may go. "Answered" means a booking made on or after the first invitation that is still
// booked or was attended: a did-not-attend or a cancellation is not an answer. Invitations sent before
// a patient's latest kept booking were answered by it; only later ones count (a new round next year).
// The next attempt may go after the wait the last batch was sent with (default 14 days).
import type { OperationOutput } from '../../shared/contract'
import type { ContactChannel } from '../../shared/domain/contact-channel'
import { invitationCode, nextAttemptFrom, unansweredPair, type SentInvitation } from '../../shared/domain/invitation-attempts'
import { displayName } from '../../shared/domain/patient-record'
import { isNoLongerRegistered } from '../../shared/domain/registration-status'
import type { ServiceContext } from '../context'

type Worklists = OperationOutput<'invitations.worklists'>
type WorklistPatient = Worklists['nonResponders'][number]

interface Row {
  patient_id: number
  registration_status: string | null
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  cohort_id: number
  attempt: number
  channel: ContactChannel
  sent_on: string
  /** The wait the batch was sent with (its "days since the last invitation"); null for old batches. */
  wait_days: number | null
  no_contact: number | null
}

export function invitationWorklists(ctx: Pick<ServiceContext, 'db'>): Worklists {
  const rows = ctx.db
    .prepare(
      `SELECT i.patient_id, p.registration_status, p.nhs_number, p.title, p.given_name, p.family_name, i.cohort_id, i.attempt, i.channel, i.sent_on,
              (SELECT json_extract(b.options_json, '$.waitDays') FROM invitation_batches b WHERE b.id = i.batch_id) AS wait_days,
              cp.no_contact
       FROM invitations i JOIN patients p ON p.id = i.patient_id
       LEFT JOIN contact_preferences cp ON cp.patient_id = i.patient_id
       -- Invitations answered by a later booking (kept or attended) are done with.
       WHERE i.sent_on > IFNULL((SELECT MAX(substr(a.booked_at, 1, 10)) FROM appointments a
                                  WHERE a.patient_id = i.patient_id AND a.status IN ('booked', 'attended')), '')
       ORDER BY LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, '')), p.nhs_number, i.sent_on, i.id`
    )
    .all() as Row[]
  const byPatient = new Map<number, Row[]>()
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
