// Rows for audit tests, written straight into a real test database so each test says exactly what
// happened: programmes (through the real service), patients, cohort snapshots of a programme,
// invitations with their attempt, clinics and appointments with the programme they were booked
// for, and BP readings (imported, or taken at a visit).
import { createProgramme } from '../../src/main/programmes/programmes'
import type { TestContext } from './test-context'

export type AppointmentStatus = 'booked' | 'attended' | 'did-not-attend' | 'cancelled'

export function auditSeeder(ctx: TestContext) {
  const db = ctx.db
  const now = ctx.now().toISOString()
  let nhs = 9991200000
  let slot = 0
  const batches = new Map<string, number>()

  function programme(name: string, definition: 'hypertension-black-african-caribbean' | 'time-to-talk' | 'uncontrolled-hypertension'): number {
    return createProgramme(ctx, { name, definition }).programmeId
  }

  function patient(fields: { family?: string; dob?: string; sex?: string; ethnicity?: string | null; imd?: number | null } = {}): number {
    const number = String(nhs++)
    return Number(
      db
        .prepare(
          `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_category, imd_decile, created_at, updated_at)
           VALUES (?, 'Test', ?, ?, ?, ?, ?, ?, ?)`
        )
        // A field given as null is stored as not recorded; a field left out takes the default.
        .run(
          number,
          fields.family ?? `Patient${number}`,
          fields.dob ?? '1960-05-01',
          fields.sex ?? 'F',
          fields.ethnicity === undefined ? 'N' : fields.ethnicity,
          fields.imd === undefined ? 3 : fields.imd,
          now,
          now
        ).lastInsertRowid
    )
  }

  /** A snapshot of `programmeId` as of `asOf` listing `members`. */
  function snapshot(programmeId: number, asOf: string, members: readonly number[]): number {
    const cohortId = Number(
      db
        .prepare(
          `INSERT INTO cohorts (programme_id, definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
           VALUES (?, (SELECT definition_id FROM programmes WHERE id = ?), 1, 'Snapshot', ?, 'qof', ?, 'Test', ?, 0, 0)`
        )
        .run(programmeId, programmeId, asOf, now, members.length).lastInsertRowid
    )
    for (const p of members) {
      db.prepare(`INSERT INTO cohort_entries (cohort_id, patient_id, status, reasons_json, explanation_json) VALUES (?, ?, 'member', '[]', '{}')`).run(
        cohortId,
        p
      )
    }
    return cohortId
  }

  /** An invitation of the snapshot's batch for `attempt` (one batch per snapshot and attempt). */
  function invite(cohortId: number, patientId: number, attempt: 1 | 2 | 3, sentOn: string): void {
    const key = `${cohortId}:${attempt}`
    let batchId = batches.get(key)
    if (batchId === undefined) {
      batchId = Number(
        db
          .prepare(
            `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, ?, ?, 'Test', 'hypertension-review', 1)`
          )
          .run(cohortId, attempt, sentOn).lastInsertRowid
      )
      batches.set(key, batchId)
    }
    db.prepare(
      `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
       VALUES (?, ?, ?, ?, 'letter', ?, 'hypertension-review', 1, 'Test')`
    ).run(batchId, cohortId, patientId, attempt, sentOn)
  }

  function clinic(date: string, programmeId: number | null): number {
    return Number(
      db
        .prepare(
          `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, programme_id, created_at, created_by) VALUES ('Pharmacist BP clinic', ?, '09:00', 15, 500, ?, ?, 'Test')`
        )
        .run(date, programmeId, now).lastInsertRowid
    )
  }

  /** An appointment booked for `programmeId` (null: booked while the patient was in no programme). */
  function appointment(clinicId: number, patientId: number, status: AppointmentStatus, programmeId: number | null, bookedOn = '2026-09-05'): number {
    return Number(
      db
        .prepare(`INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by, programme_id) VALUES (?, ?, ?, ?, ?, 'Test', ?)`)
        .run(clinicId, slot++, patientId, status, `${bookedOn}T09:00:00Z`, programmeId).lastInsertRowid
    )
  }

  function reading(patientId: number, on: string, systolic: number, diastolic: number, appointmentId: number | null = null): void {
    db.prepare(
      `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, appointment_id, recorded_at) VALUES (?, ?, ?, ?, 'clinic', ?, ?, ?)`
    ).run(patientId, on, systolic, diastolic, appointmentId === null ? 'import' : 'visit', appointmentId, now)
  }

  /** An attended visit for `programmeId` with one BP reading taken at it; returns the appointment id. */
  function visit(patientId: number, clinicId: number, date: string, programmeId: number | null, systolic: number, diastolic: number): number {
    const appointmentId = appointment(clinicId, patientId, 'attended', programmeId)
    reading(patientId, date, systolic, diastolic, appointmentId)
    return appointmentId
  }

  return { programme, patient, snapshot, invite, clinic, appointment, reading, visit }
}
