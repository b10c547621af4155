// Named queries of the appointments table: a patient in a clinic slot, from booking to the
// outcome (attended, did not attend, cancelled). A cancelled row stays as history; only the
// statuses other than cancelled hold a slot (the partial unique index on appointments).
import type { ReadableDb, WritableDb } from '../db/database-access'

export type AppointmentStatus = 'booked' | 'attended' | 'did-not-attend' | 'cancelled'

export interface AppointmentRow {
  id: number
  clinic_id: number
  slot_index: number
  patient_id: number
  status: AppointmentStatus
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  /** The visit's actions (JSON array of VisitAction) and note; empty until the visit is recorded. */
  actions_json: string | null
  note: string | null
}

const appointmentColumns = `a.id, a.clinic_id, a.slot_index, a.patient_id, a.status, a.actions_json, a.note,
  p.nhs_number, p.title, p.given_name, p.family_name`

export function findAppointment(db: ReadableDb, appointmentId: number): AppointmentRow | undefined {
  return db.prepare(`SELECT ${appointmentColumns} FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`).get(appointmentId) as
    AppointmentRow | undefined
}

/** The appointments that hold a slot (every status but cancelled), in slot order. */
export function liveAppointmentsOfClinic(db: ReadableDb, clinicId: number): AppointmentRow[] {
  return db
    .prepare(
      `SELECT ${appointmentColumns} FROM appointments a JOIN patients p ON p.id = a.patient_id
       WHERE a.clinic_id = ? AND a.status <> 'cancelled' ORDER BY a.slot_index`
    )
    .all(clinicId) as AppointmentRow[]
}

export interface PatientAppointmentRow {
  id: number
  clinic_id: number
  type: string
  date: string
  start_time: string
  slot_minutes: number
  slots: number
  slot_index: number
  status: AppointmentStatus
}

/** Every appointment of the patient (any status) with its clinic, by clinic date. */
export function appointmentsOfPatientWithClinics(db: ReadableDb, patientId: number): PatientAppointmentRow[] {
  return db
    .prepare(
      `SELECT a.id, a.clinic_id, c.type, c.date, c.start_time, c.slot_minutes, c.slots, a.slot_index, a.status
       FROM appointments a JOIN clinics c ON c.id = a.clinic_id WHERE a.patient_id = ? ORDER BY c.date, a.id`
    )
    .all(patientId) as PatientAppointmentRow[]
}

/** The date of the patient's next booked clinic after `date`, or null when none is booked. */
export function nextBookedClinicDateAfter(db: ReadableDb, patientId: number, date: string): string | null {
  const row = db
    .prepare(
      `SELECT MIN(c.date) AS date FROM appointments a JOIN clinics c ON c.id = a.clinic_id
       WHERE a.patient_id = ? AND a.status = 'booked' AND c.date > ?`
    )
    .get(patientId, date) as { date: string | null }
  return row.date
}

export interface NewBooking {
  clinicId: number
  slotIndex: number
  patientId: number
  bookedAt: string
  bookedBy: string
  programmeId: number | null
}

/** Inserts a booked appointment and returns its id; a taken slot throws SQLITE_CONSTRAINT_UNIQUE. */
export function insertBooking(w: WritableDb, booking: NewBooking): number {
  const info = w
    .prepare(
      `INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by, programme_id)
       VALUES (?, ?, ?, 'booked', ?, ?, ?)`
    )
    .run(booking.clinicId, booking.slotIndex, booking.patientId, booking.bookedAt, booking.bookedBy, booking.programmeId)
  return Number(info.lastInsertRowid)
}

/** When and by whom an appointment's outcome (or cancellation) was recorded. */
export interface OutcomeStamp {
  at: string
  by: string
}

/** Cancels the appointment if it is still booked, keeping the reason. */
export function cancelBookedAppointment(w: WritableDb, appointmentId: number, reason: string, stamp: OutcomeStamp): void {
  w.prepare(`UPDATE appointments SET status = 'cancelled', cancel_reason = ?, outcome_at = ?, outcome_by = ? WHERE id = ? AND status = 'booked'`).run(
    reason,
    stamp.at,
    stamp.by,
    appointmentId
  )
}

/** Cancels the appointment as "Rebooked", freeing its slot for the booking that replaces it. */
export function cancelAsRebooked(w: WritableDb, appointmentId: number, stamp: OutcomeStamp): void {
  w.prepare(`UPDATE appointments SET status = 'cancelled', cancel_reason = 'Rebooked', outcome_at = ?, outcome_by = ? WHERE id = ?`).run(
    stamp.at,
    stamp.by,
    appointmentId
  )
}

/** Points a rebooked (cancelled) appointment at the appointment that replaced it. */
export function linkRebooking(w: WritableDb, fromAppointmentId: number, toAppointmentId: number): void {
  w.prepare('UPDATE appointments SET rebooked_to = ? WHERE id = ?').run(toAppointmentId, fromAppointmentId)
}

/** Records a booked appointment as attended, with the visit's actions (a JSON array) and note. */
export function recordAttended(w: WritableDb, appointmentId: number, visit: { actionsJson: string; note: string }, stamp: OutcomeStamp): void {
  w.prepare(
    `UPDATE appointments SET status = 'attended', actions_json = ?, note = ?, outcome_at = ?, outcome_by = ?
     WHERE id = ? AND status = 'booked'`
  ).run(visit.actionsJson, visit.note, stamp.at, stamp.by, appointmentId)
}

export function recordDidNotAttend(w: WritableDb, appointmentId: number, stamp: OutcomeStamp): void {
  w.prepare(`UPDATE appointments SET status = 'did-not-attend', outcome_at = ?, outcome_by = ? WHERE id = ? AND status = 'booked'`).run(
    stamp.at,
    stamp.by,
    appointmentId
  )
}

/** When and by whom the appointment's outcome was recorded (null for a booking with no outcome yet). */
export function outcomeStampOf(db: ReadableDb, appointmentId: number): { at: string | null; by: string | null } | undefined {
  return db.prepare('SELECT outcome_at AS at, outcome_by AS by FROM appointments WHERE id = ?').get(appointmentId) as
    { at: string | null; by: string | null } | undefined
}

/**
 * Puts a did-not-attend back to booked, as it was before the outcome was recorded; returns false when
 * the appointment was no longer a did-not-attend. The did-not-attend itself is kept in the activity log.
 */
export function restoreBookingFromDidNotAttend(w: WritableDb, appointmentId: number): boolean {
  return (
    w.prepare(`UPDATE appointments SET status = 'booked', outcome_at = NULL, outcome_by = NULL WHERE id = ? AND status = 'did-not-attend'`).run(appointmentId)
      .changes === 1
  )
}
