// Rows for cohort tests, written straight into a real test database: a patient, a BP reading, a
// coded event, a booking and an invitation — the facts and programme state the cohort rules read.
// The database is fetched at call time because each test opens a fresh one.
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

  /** An invitation sent from Clinic Recall on sentOn, with the cohort and batch it belongs to; returns its id. */
  function recordInvitation(patientId: number, sentOn: string): number {
    const cohort = db()
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
         VALUES ('uncontrolled-hypertension', 1, 'earlier', ?, 'qof', ?, 'Test', 1, 0, 0)`
      )
      .run(sentOn, `${sentOn}T09:00:00Z`)
    const cohortId = Number(cohort.lastInsertRowid)
    const batch = db()
      .prepare(
        `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, 1, ?, 'Test', 'bp-invite', 1)`
      )
      .run(cohortId, sentOn)
    const invitation = db()
      .prepare(
        `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
         VALUES (?, ?, ?, 1, 'letter', ?, 'bp-invite', 1, 'Test')`
      )
      .run(Number(batch.lastInsertRowid), cohortId, patientId, sentOn)
    return Number(invitation.lastInsertRowid)
  }

  return { addPatient, addReading, addEvent, bookIntoClinic, recordInvitation }
}
