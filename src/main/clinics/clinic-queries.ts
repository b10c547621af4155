// Named reads for clinics and appointments: the service composes these; nothing else writes SQL
// against these tables for the clinic screens.
import type { WritableDb } from '../db/database-access'
import { lowestOfReadings } from '../../shared/domain/current-bp'

export interface ClinicRow {
  id: number
  type: string
  date: string
  start_time: string
  slot_minutes: number
  slots: number
  clinician: string | null
  location: string | null
}

export interface AppointmentRow {
  id: number
  clinic_id: number
  slot_index: number
  patient_id: number
  status: 'booked' | 'attended' | 'did-not-attend' | 'cancelled'
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  /** The visit's actions (JSON array of VisitAction) and note; empty until the visit is recorded. */
  actions_json: string | null
  note: string | null
}

export function findClinic(db: WritableDb, clinicId: number): ClinicRow | undefined {
  return db.prepare('SELECT id, type, date, start_time, slot_minutes, slots, clinician, location FROM clinics WHERE id = ?').get(clinicId) as
    ClinicRow | undefined
}

const appointmentColumns = `a.id, a.clinic_id, a.slot_index, a.patient_id, a.status, a.actions_json, a.note,
  p.nhs_number, p.title, p.given_name, p.family_name`

export function findAppointment(db: WritableDb, appointmentId: number): AppointmentRow | undefined {
  return db.prepare(`SELECT ${appointmentColumns} FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`).get(appointmentId) as
    AppointmentRow | undefined
}

/** The appointments that hold a slot (every status but cancelled), in slot order. */
export function liveAppointmentsOfClinic(db: WritableDb, clinicId: number): AppointmentRow[] {
  return db
    .prepare(
      `SELECT ${appointmentColumns} FROM appointments a JOIN patients p ON p.id = a.patient_id
       WHERE a.clinic_id = ? AND a.status <> 'cancelled' ORDER BY a.slot_index`
    )
    .all(clinicId) as AppointmentRow[]
}

/**
 * The BP recorded at a visit: lowest systolic and lowest diastolic of the visit's readings (NICE NG136
 * 1.2.2), or null when none were stored against it.
 */
export function visitBloodPressure(db: WritableDb, appointmentId: number): { systolic: number; diastolic: number } | null {
  const readings = db.prepare("SELECT systolic, diastolic FROM bp_readings WHERE appointment_id = ? AND source = 'visit'").all(appointmentId) as {
    systolic: number
    diastolic: number
  }[]
  return readings.length > 0 ? lowestOfReadings(readings) : null
}

/** The follow-up proposed at a visit (the newest, should there ever be more than one). */
export function followUpOfAppointment(db: WritableDb, appointmentId: number): { due_on: string; reason: string; status: string } | undefined {
  return db.prepare('SELECT due_on, reason, status FROM follow_ups WHERE appointment_id = ? ORDER BY id DESC LIMIT 1').get(appointmentId) as
    { due_on: string; reason: string; status: string } | undefined
}
