// Migration 0001: the first schema, on an empty file. Every table and index exists, the version is
// 1, and the constraints that keep implausible or duplicated facts out refuse them at the database.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { migrate, schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, removeTempDatabases, tempDatabasePath, type DatabaseAtVersion } from '../../support/migrate-to'
import { columnsOf, indexColumns, indexNamesOn, tableNames } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
  removeTempDatabases()
})

describe('migration 0001 (initial schema)', () => {
  it('migration 0001 applies to an empty database and is not re-applied on reopen', () => {
    const path = tempDatabasePath()
    const raw = new Database(path)
    migrate(raw, 1)
    expect(schemaVersion(raw)).toBe(1)
    raw.prepare("INSERT INTO settings (key, value_json) VALUES ('k', '1')").run()
    raw.close()
    const db = openDatabase(path)
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 })
    db.close()
  })

  it('creates every table and index of the first schema, at version 1', () => {
    old = databaseAtVersion(0)
    const { db } = old
    expect(tableNames(db)).toEqual([])
    applyMigration(db, 1)
    expect(schemaVersion(db)).toBe(1)
    expect(tableNames(db)).toEqual([
      'activity_log',
      'appointments',
      'bp_readings',
      'clinics',
      'coded_events',
      'cohort_entries',
      'cohorts',
      'documents',
      'follow_ups',
      'import_files',
      'import_rejects',
      'imports',
      'invitation_batch_documents',
      'invitation_batches',
      'invitations',
      'patient_history',
      'patients',
      'settings'
    ])
    expect(indexNamesOn(db, 'bp_readings')).toEqual(['bp_readings_by_patient_date', 'bp_readings_once'])
    expect(indexColumns(db, 'bp_readings_once')).toEqual(['patient_id', 'taken_on', 'systolic', 'diastolic', 'setting', 'source'])
    expect(indexNamesOn(db, 'coded_events')).toEqual(['coded_events_by_patient', 'coded_events_once'])
    expect(indexNamesOn(db, 'import_rejects')).toEqual(['import_rejects_by_import'])
    expect(indexNamesOn(db, 'invitations')).toEqual(['invitations_by_patient'])
    expect(indexNamesOn(db, 'appointments')).toEqual(['appointments_by_patient', 'appointments_one_per_slot'])
    expect(indexNamesOn(db, 'follow_ups')).toEqual(['follow_ups_by_due'])
    // The NHS number is text: a leading 0 must survive.
    expect(columnsOf(db, 'patients').find((c) => c.name === 'nhs_number')).toMatchObject({ type: 'TEXT', notnull: 1 })
  })

  it('keeps a patient with a leading-zero NHS number once, with empty address and warning lists by default', () => {
    old = databaseAtVersion(0)
    const { db } = old
    applyMigration(db, 1)
    const addPatient = db.prepare(
      "INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES (?, 'Grace', 'ADEYEMI', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')"
    )
    addPatient.run('0123456789')
    expect(() => addPatient.run('0123456789')).toThrow(/UNIQUE/)
    expect(db.prepare('SELECT nhs_number, address_lines_json FROM patients').get()).toEqual({ nhs_number: '0123456789', address_lines_json: '[]' })
    const addImport = db.prepare(
      `INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count)
       VALUES (?, 'emis', '2026-11-01T09:00:00Z', 'Priya Shah', 1, 1, 0, 0, 0, 0)`
    )
    addImport.run('sha-of-files')
    // The same files again are the same import.
    expect(() => addImport.run('sha-of-files')).toThrow(/UNIQUE/)
    expect(db.prepare('SELECT warnings_json FROM imports').get()).toEqual({ warnings_json: '[]' })
  })

  it('refuses implausible, duplicated or orphaned readings and events', () => {
    old = databaseAtVersion(0)
    const { db } = old
    applyMigration(db, 1)
    db.prepare("INSERT INTO patients (nhs_number, created_at, updated_at) VALUES ('9434765919', 'now', 'now')").run()
    const reading = db.prepare(
      "INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, '2026-10-01', ?, ?, ?, ?, 'now')"
    )
    reading.run(1, 152, 94, 'clinic', 'import')
    expect(() => reading.run(1, 152, 94, 'clinic', 'import')).toThrow(/UNIQUE/)
    expect(() => reading.run(1, 94, 152, 'clinic', 'import')).toThrow(/CHECK/)
    expect(() => reading.run(1, 351, 90, 'clinic', 'import')).toThrow(/CHECK/)
    expect(() => reading.run(1, 120, 19, 'clinic', 'import')).toThrow(/CHECK/)
    expect(() => reading.run(1, 140, 90, 'pharmacy', 'import')).toThrow(/CHECK/)
    expect(() => reading.run(1, 140, 90, 'clinic', 'email')).toThrow(/CHECK/)
    expect(() => reading.run(99, 140, 90, 'clinic', 'import')).toThrow(/FOREIGN KEY/)
    reading.run(1, 152, 94, 'home', 'import')
    expect(db.prepare('SELECT COUNT(*) FROM bp_readings').pluck().get()).toBe(2)

    const event = db.prepare("INSERT INTO coded_events (patient_id, event_date, concept, recorded_at) VALUES (1, ?, 'HYP', 'now')")
    event.run(null)
    // A dateless flag stored twice is still one fact: the unique index reads NULL as ''.
    expect(() => event.run(null)).toThrow(/UNIQUE/)
    event.run('2015-01-01')
    expect(db.prepare('SELECT code, term FROM coded_events WHERE event_date IS NULL').get()).toEqual({ code: '', term: '' })
  })

  it('holds one live appointment per slot, frees a cancelled slot, and allows only known statuses, modes and attempts', () => {
    old = databaseAtVersion(0)
    const { db } = old
    applyMigration(db, 1)
    db.exec(`INSERT INTO patients (nhs_number, created_at, updated_at) VALUES ('9434765919', 'now', 'now'), ('9434765870', 'now', 'now');
             INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('BP review', '2026-12-01', '09:00', 15, 8, 'now', 'Priya Shah')`)
    const book = db.prepare(
      "INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (1, 0, ?, ?, 'now', 'Priya Shah')"
    )
    book.run(1, 'cancelled')
    book.run(1, 'booked')
    expect(() => book.run(2, 'booked')).toThrow(/UNIQUE/)
    expect(() => book.run(2, 'no-show')).toThrow(/CHECK/)
    expect(db.prepare("SELECT actions_json, note FROM appointments WHERE status = 'booked'").get()).toEqual({ actions_json: '[]', note: '' })

    const cohort = db.prepare(
      `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
       VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-11-22', ?, 'now', 'Priya Shah', 1, 0, 0)`
    )
    cohort.run('qof')
    expect(() => cohort.run('local')).toThrow(/CHECK/)
    const entry = db.prepare("INSERT INTO cohort_entries (cohort_id, patient_id, status, reasons_json, explanation_json) VALUES (1, ?, ?, '[]', '{}')")
    entry.run(1, 'member')
    expect(() => entry.run(2, 'maybe')).toThrow(/CHECK/)
    expect(() => entry.run(1, 'excluded')).toThrow(/UNIQUE|PRIMARY KEY/)

    const batch = db.prepare(
      "INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (1, ?, '2026-11-22', 'Priya Shah', 'bp-invite', 1)"
    )
    batch.run(3)
    expect(() => batch.run(4)).toThrow(/CHECK/)
    const invite = db.prepare(
      "INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by) VALUES (1, 1, 1, 3, ?, '2026-11-22', 'bp-invite', 1, 'Priya Shah')"
    )
    invite.run('sms')
    expect(() => invite.run('email')).toThrow(/CHECK/)
    const followUp = db.prepare(
      "INSERT INTO follow_ups (patient_id, appointment_id, due_on, reason, status, created_at) VALUES (1, 2, '2027-01-01', 'Recheck BP', ?, 'now')"
    )
    followUp.run('due')
    expect(() => followUp.run('overdue')).toThrow(/CHECK/)
  })
})
