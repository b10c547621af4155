// Rows for cohort tests, written straight into a real test database: a patient, a BP reading, a
// coded event and a booking — the facts the cohort rules read. The database is fetched at call time
// because each test opens a fresh one.
import type Database from 'better-sqlite3'

export function cohortSeeder(db: () => Database.Database) {
  function addPatient(nhsNumber: string, fields: { given: string; family: string; dob: string; ethnicity?: string; status?: string }): number {
    const info = db()
      .prepare(
        `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_category, registration_status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'F', ?, ?, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`
      )
      .run(nhsNumber, fields.given, fields.family, fields.dob, fields.ethnicity ?? null, fields.status ?? 'Regular')
    return Number(info.lastInsertRowid)
  }

  function addReading(patientId: number, date: string, systolic: number, diastolic: number, setting = 'clinic'): void {
    db()
      .prepare(
        `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at)
         VALUES (?, ?, ?, ?, ?, 'import', '2026-11-01T09:00:00Z')`
      )
      .run(patientId, date, systolic, diastolic, setting)
  }

  function addEvent(patientId: number, date: string | null, concept: string, code = '', term = ''): void {
    db()
      .prepare(`INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, ?, ?, ?, ?, '2026-11-01T09:00:00Z')`)
      .run(patientId, date, concept, code, term)
  }

  function bookIntoClinic(patientId: number, clinicDate: string, status = 'booked'): void {
    const clinic = db()
      .prepare(
        `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by)
         VALUES ('BP review', ?, '09:00', 15, 10, '2026-11-01T09:00:00Z', 'Test')`
      )
      .run(clinicDate)
    db()
      .prepare(`INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, 0, ?, ?, '2026-11-01T09:00:00Z', 'Test')`)
      .run(Number(clinic.lastInsertRowid), patientId, status)
  }

  return { addPatient, addReading, addEvent, bookIntoClinic }
}
