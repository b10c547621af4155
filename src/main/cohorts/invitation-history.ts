// The invitation history a custom cohort's "invitation state" criterion reads (invitation-state.ts):
// each patient's invitations sent from Clinic Recall on or before the as-of date, and the day their
// latest kept booking (still booked, or attended) was made. Read only when a cohort asks about it.
import type { InvitationHistory } from '../../shared/domain/invitation-state'
import type { ReadableDb } from '../db/database-access'
import { invitationsSentBy, lastKeptBookingDays } from './invitation-history-queries'

export function invitationHistories(db: ReadableDb, asOf: string): Map<number, InvitationHistory> {
  const histories = new Map<number, { sent: { attempt: number; sentOn: string }[]; lastAnsweredOn: string | null }>()
  const of = (patientId: number) => {
    let h = histories.get(patientId)
    if (!h) histories.set(patientId, (h = { sent: [], lastAnsweredOn: null }))
    return h
  }
  for (const [patientId, attempt, sentOn] of invitationsSentBy(db, asOf)) of(patientId).sent.push({ attempt, sentOn })
  for (const [patientId, on] of lastKeptBookingDays(db, asOf)) of(patientId).lastAnsweredOn = on
  return histories
}

export const noInvitationHistory: InvitationHistory = { sent: [], lastAnsweredOn: null }
