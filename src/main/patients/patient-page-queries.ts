// The reads behind one patient's page: the stored patient row, their BP readings, the cohort
// snapshots that listed them, the invitations sent, their appointments and follow-ups. Each is one
// statement by patient id on an index that starts with it (or, for snapshots, a probe of each
// snapshot's primary key), so a page costs the same in a practice of 100 or 100,000.
import type { ReadableDb } from '../db/database-access'
import type { AppointmentStatus } from '../clinics/appointment-queries'

export interface PatientDetailsRow {
  id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  sex: string | null
  address_lines_json: string
  postcode: string | null
  mobile: string | null
  home_phone: string | null
  email: string | null
  usual_gp: string | null
  ethnicity_text: string | null
  ethnicity_category: string | null
  imd_decile: number | null
  registration_status: string | null
  not_in_export_since_import_id: number | null
  demographics_as_of: string | null
}

export function patientDetailsRow(db: ReadableDb, patientId: number): PatientDetailsRow | undefined {
  return db
    .prepare(
      `SELECT id, nhs_number, title, given_name, family_name, date_of_birth, sex, address_lines_json, postcode, mobile, home_phone, email,
              usual_gp, ethnicity_text, ethnicity_category, imd_decile, registration_status, not_in_export_since_import_id, demographics_as_of
         FROM patients WHERE id = ?`
    )
    .get(patientId) as PatientDetailsRow | undefined
}

export interface PatientReadingRow {
  id: number
  taken_on: string
  systolic: number
  diastolic: number
  setting: 'clinic' | 'home' | 'ambulatory'
  measure: string | null
  source: 'import' | 'visit'
  appointment_id: number | null
}

/** Every stored BP reading of the patient, oldest first. */
export function patientReadings(db: ReadableDb, patientId: number): PatientReadingRow[] {
  return db
    .prepare(
      `SELECT id, taken_on, systolic, diastolic, setting, measure, source, appointment_id FROM bp_readings
        WHERE patient_id = ? ORDER BY taken_on, id`
    )
    .all(patientId) as PatientReadingRow[]
}

export interface PatientSnapshotRow {
  cohort_id: number
  name: string
  definition_id: string
  programme_id: number | null
  programme_name: string | null
  as_of: string
  built_at: string
  exclusion_counts_json: string
  status: 'member' | 'excluded'
  priority: 'P1' | 'P2' | 'P3' | 'P4' | null
  rule: string | null
  severe: number
  bp_json: string | null
  /** 'null' on compact rows (the reasons are codes on the entry, snapshot-patients.ts). */
  reasons_json: string
}

/**
 * Every snapshot that listed the patient, newest first. The snapshots are few (one per build) and
 * their entries many, so each snapshot's (cohort, patient) key is probed rather than every entry read.
 */
export function patientSnapshotRows(db: ReadableDb, patientId: number): PatientSnapshotRow[] {
  return db
    .prepare(
      `SELECT c.id AS cohort_id, c.name, c.definition_id, c.programme_id, pr.name AS programme_name, c.as_of, c.built_at, c.exclusion_counts_json,
              e.status, e.priority, e.rule, e.severe, e.bp_json, e.reasons_json
         FROM cohorts c CROSS JOIN cohort_entries e ON e.cohort_id = c.id AND e.patient_id = ?
         LEFT JOIN programmes pr ON pr.id = c.programme_id
        ORDER BY c.as_of DESC, c.id DESC`
    )
    .all(patientId) as PatientSnapshotRow[]
}

export interface PatientInvitationRow {
  id: number
  batch_id: number
  cohort_id: number
  cohort_name: string
  programme_id: number | null
  programme_name: string | null
  attempt: number
  channel: 'letter' | 'sms' | 'phone'
  sent_on: string
}

/** Every invitation sent to the patient, newest first. */
export function patientInvitationRows(db: ReadableDb, patientId: number): PatientInvitationRow[] {
  return db
    .prepare(
      `SELECT i.id, i.batch_id, i.cohort_id, c.name AS cohort_name, c.programme_id, pr.name AS programme_name, i.attempt, i.channel, i.sent_on
         FROM invitations i JOIN cohorts c ON c.id = i.cohort_id LEFT JOIN programmes pr ON pr.id = c.programme_id
        WHERE i.patient_id = ? ORDER BY i.sent_on DESC, i.id DESC`
    )
    .all(patientId) as PatientInvitationRow[]
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
  clinician: string | null
  location: string | null
  status: AppointmentStatus
  programme_id: number | null
  programme_name: string | null
  booked_at: string
  booked_by: string
  outcome_at: string | null
  outcome_by: string | null
  actions_json: string | null
  note: string | null
}

/** Every appointment of the patient (any status) with its clinic, newest clinic first. */
export function patientAppointmentRows(db: ReadableDb, patientId: number): PatientAppointmentRow[] {
  return db
    .prepare(
      `SELECT a.id, a.clinic_id, c.type, c.date, c.start_time, c.slot_minutes, c.slots, a.slot_index, c.clinician, c.location, a.status,
              a.programme_id, pr.name AS programme_name, a.booked_at, a.booked_by, a.outcome_at, a.outcome_by, a.actions_json, a.note
         FROM appointments a JOIN clinics c ON c.id = a.clinic_id LEFT JOIN programmes pr ON pr.id = a.programme_id
        WHERE a.patient_id = ? ORDER BY c.date DESC, a.slot_index DESC, a.id DESC`
    )
    .all(patientId) as PatientAppointmentRow[]
}

export interface PatientFollowUpRow {
  appointment_id: number
  due_on: string
  reason: string
  status: 'due' | 'done' | 'cancelled'
}

/** The follow-ups proposed after the patient's visits, latest due date first. */
export function patientFollowUpRows(db: ReadableDb, patientId: number): PatientFollowUpRow[] {
  return db
    .prepare('SELECT appointment_id, due_on, reason, status FROM follow_ups WHERE patient_id = ? ORDER BY due_on DESC, id DESC')
    .all(patientId) as PatientFollowUpRow[]
}
