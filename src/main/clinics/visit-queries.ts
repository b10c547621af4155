// Named queries of the BP readings taken at a clinic visit (bp_readings rows with source 'visit',
// each pointing at its appointment).
import type { ReadableDb, WritableDb } from '../db/database-access'
import { lowestOfReadings } from '../../shared/domain/current-bp'

/**
 * The BP recorded at a visit: lowest systolic and lowest diastolic of the visit's readings (NICE NG136
 * 1.2.2), or null when none were stored against it.
 */
export function visitBloodPressure(db: ReadableDb, appointmentId: number): { systolic: number; diastolic: number } | null {
  const readings = db.prepare("SELECT systolic, diastolic FROM bp_readings WHERE appointment_id = ? AND source = 'visit'").all(appointmentId) as {
    systolic: number
    diastolic: number
  }[]
  return readings.length > 0 ? lowestOfReadings(readings) : null
}

export interface VisitOfReadings {
  patientId: number
  /** The clinic's date: the day the readings were taken. */
  takenOn: string
  appointmentId: number
  recordedAt: string
}

/**
 * Stores the readings taken at a visit, in clinic setting. Two identical readings hit the
 * bp_readings_once index and are stored once.
 */
export function insertVisitReadings(w: WritableDb, visit: VisitOfReadings, readings: readonly { systolic: number; diastolic: number }[]): void {
  const insert = w.prepare(
    `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, appointment_id, recorded_at)
     VALUES (?, ?, ?, ?, 'clinic', 'visit', ?, ?) ON CONFLICT DO NOTHING`
  )
  for (const r of readings) insert.run(visit.patientId, visit.takenOn, r.systolic, r.diastolic, visit.appointmentId, visit.recordedAt)
}
