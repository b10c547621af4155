// Named queries of follow_ups: the BP review a clinic visit proposes (written when the visit is
// recorded), and the readings that show whether it was met.
import type { ReadableDb, WritableDb } from '../db/database-access'

/** The follow-up proposed at a visit (the newest, should there ever be more than one). */
export function followUpOfAppointment(db: ReadableDb, appointmentId: number): { due_on: string; reason: string; status: string } | undefined {
  return db.prepare('SELECT due_on, reason, status FROM follow_ups WHERE appointment_id = ? ORDER BY id DESC LIMIT 1').get(appointmentId) as
    { due_on: string; reason: string; status: string } | undefined
}

export interface NewFollowUp {
  patientId: number
  appointmentId: number
  dueOn: string
  reason: string
  createdAt: string
}

/** Stores a visit's proposed follow-up as due. */
export function insertFollowUp(w: WritableDb, followUp: NewFollowUp): void {
  w.prepare(`INSERT INTO follow_ups (patient_id, appointment_id, due_on, reason, status, created_at) VALUES (?, ?, ?, ?, 'due', ?)`).run(
    followUp.patientId,
    followUp.appointmentId,
    followUp.dueOn,
    followUp.reason,
    followUp.createdAt
  )
}

/** Marks done every follow-up of the patient still due that a clinic before `visitDate` proposed. */
export function closeFollowUpsProposedBefore(w: WritableDb, patientId: number, visitDate: string): void {
  w.prepare(
    `UPDATE follow_ups SET status = 'done'
     WHERE patient_id = ? AND status = 'due'
       AND appointment_id IN (SELECT a.id FROM appointments a JOIN clinics c ON c.id = a.clinic_id WHERE c.date < ?)`
  ).run(patientId, visitDate)
}

export interface FollowUpRow {
  id: number
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  due_on: string
  reason: string
  visit_date: string
  clinic_type: string
}

/** Follow-ups not cancelled that a visit on or before `asOf` proposed, soonest due first, then by patient name. */
export function followUpsProposedBy(db: ReadableDb, asOf: string): FollowUpRow[] {
  return db
    .prepare(
      `SELECT f.id, f.patient_id, p.nhs_number, p.title, p.given_name, p.family_name, f.due_on, f.reason,
              c.date AS visit_date, c.type AS clinic_type
       FROM follow_ups f
       JOIN appointments a ON a.id = f.appointment_id
       JOIN clinics c ON c.id = a.clinic_id
       JOIN patients p ON p.id = f.patient_id
       WHERE f.status <> 'cancelled' AND c.date <= ? ORDER BY f.due_on, p.family_name, p.given_name, f.id`
    )
    .all(asOf) as FollowUpRow[]
}

/** The first day after `after`, up to and including `upTo`, on which the patient has a BP reading; null if none. */
export function firstReadingDayBetween(db: ReadableDb, patientId: number, after: string, upTo: string): string | null {
  const first = db
    .prepare('SELECT MIN(taken_on) AS day FROM bp_readings WHERE patient_id = ? AND taken_on > ? AND taken_on <= ?')
    .get(patientId, after, upTo) as {
    day: string | null
  }
  return first.day
}

export interface DayReadingRow {
  systolic: number
  diastolic: number
  source: 'import' | 'visit'
}

/** Every BP reading of the patient taken on `day`, imported or from a visit. */
export function readingsOnDay(db: ReadableDb, patientId: number, day: string): DayReadingRow[] {
  return db.prepare('SELECT systolic, diastolic, source FROM bp_readings WHERE patient_id = ? AND taken_on = ?').all(patientId, day) as DayReadingRow[]
}
