// The invitation history a custom cohort's "invitation state" criterion reads (invitation-state.ts):
// each patient's invitations sent from Clinic Recall on or before the as-of date, and the day their
// latest kept booking (still booked, or attended) was made. Read only when a cohort asks about it.
import type { InvitationHistory } from '../../shared/domain/invitation-state'
import type { WritableDb } from '../db/database-access'

export function invitationHistories(db: WritableDb, asOf: string): Map<number, InvitationHistory> {
  const histories = new Map<number, { sent: { attempt: number; sentOn: string }[]; lastAnsweredOn: string | null }>()
  const of = (patientId: number) => {
    let h = histories.get(patientId)
    if (!h) histories.set(patientId, (h = { sent: [], lastAnsweredOn: null }))
    return h
  }
  const sent = db.prepare('SELECT patient_id, attempt, sent_on FROM invitations WHERE sent_on <= ? ORDER BY sent_on, id').raw().all(asOf) as [
    number,
    number,
    string
  ][]
  for (const [patientId, attempt, sentOn] of sent) of(patientId).sent.push({ attempt, sentOn })
  const answered = db
    .prepare(
      `SELECT patient_id, MAX(substr(booked_at, 1, 10)) FROM appointments
        WHERE status IN ('booked', 'attended') AND substr(booked_at, 1, 10) <= ? GROUP BY patient_id`
    )
    .raw()
    .all(asOf) as [number, string][]
  for (const [patientId, on] of answered) of(patientId).lastAnsweredOn = on
  return histories
}

export const noInvitationHistory: InvitationHistory = { sent: [], lastAnsweredOn: null }
