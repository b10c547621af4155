// Named reads behind the clinic worklists (worklists.ts): patients who missed their appointment,
// and appointments nobody closed after the clinic day.
import type { ReadableDb } from '../db/database-access'

export interface DidNotAttendRow {
  appointment_id: number
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  clinic_type: string
  clinic_date: string
  invitations_since: number
}

/**
 * Did-not-attend appointments with no later appointment of the patient (booked, attended or
 * did-not-attend), each with the invitations sent since; latest clinic first, then by patient name.
 */
export function didNotAttendsNotBookedSince(db: ReadableDb): DidNotAttendRow[] {
  return db
    .prepare(
      `SELECT a.id AS appointment_id, a.patient_id, p.nhs_number, p.title, p.given_name, p.family_name,
              c.type AS clinic_type, c.date AS clinic_date,
              (SELECT COUNT(*) FROM invitations i WHERE i.patient_id = a.patient_id AND i.sent_on >= c.date) AS invitations_since
       FROM appointments a
       JOIN clinics c ON c.id = a.clinic_id
       JOIN patients p ON p.id = a.patient_id
       WHERE a.status = 'did-not-attend'
         AND NOT EXISTS (
           SELECT 1 FROM appointments later JOIN clinics lc ON lc.id = later.clinic_id
           WHERE later.patient_id = a.patient_id AND later.status IN ('booked', 'attended', 'did-not-attend')
             AND (lc.date > c.date OR (lc.date = c.date AND later.id > a.id))
         )
       ORDER BY c.date DESC, LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, ''))`
    )
    .all() as DidNotAttendRow[]
}

export interface LeftOpenRow {
  appointment_id: number
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  clinic_id: number
  clinic_type: string
  clinic_date: string
  start_time: string
  slot_minutes: number
  slots: number
  slot_index: number
}

/** Appointments still booked in a clinic dated before `asOf`, oldest clinic first, in slot order. */
export function appointmentsLeftOpenBefore(db: ReadableDb, asOf: string): LeftOpenRow[] {
  return db
    .prepare(
      `SELECT a.id AS appointment_id, a.patient_id, p.nhs_number, p.title, p.given_name, p.family_name,
              c.id AS clinic_id, c.type AS clinic_type, c.date AS clinic_date, c.start_time, c.slot_minutes, c.slots, a.slot_index
       FROM appointments a
       JOIN clinics c ON c.id = a.clinic_id
       JOIN patients p ON p.id = a.patient_id
       WHERE a.status = 'booked' AND c.date < ?
       ORDER BY c.date, c.start_time, c.id, a.slot_index`
    )
    .all(asOf) as LeftOpenRow[]
}
