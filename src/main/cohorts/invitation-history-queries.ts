// The reads behind a custom cohort's "invitation state" criterion (invitation-history.ts): the
// invitations sent by a date and each patient's latest kept booking, as plain tuples.
import type { ReadableDb } from '../db/database-access'

/** Every invitation sent on or before asOf, oldest first (ties in the order they were recorded). */
export function invitationsSentBy(db: ReadableDb, asOf: string): [patientId: number, attempt: number, sentOn: string][] {
  return db.prepare('SELECT patient_id, attempt, sent_on FROM invitations WHERE sent_on <= ? ORDER BY sent_on, id').raw().all(asOf) as [
    number,
    number,
    string
  ][]
}

/** Each patient's latest day a booking still booked or attended was made, on or before asOf. */
export function lastKeptBookingDays(db: ReadableDb, asOf: string): [patientId: number, bookedOn: string][] {
  return db
    .prepare(
      `SELECT patient_id, MAX(substr(booked_at, 1, 10)) FROM appointments
        WHERE status IN ('booked', 'attended') AND substr(booked_at, 1, 10) <= ? GROUP BY patient_id`
    )
    .raw()
    .all(asOf) as [number, string][]
}
