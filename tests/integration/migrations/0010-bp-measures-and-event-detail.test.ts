// Migration 0010: what each BP reading measured (so a minimum and an average of one recording can
// both be kept), and the value and way each coded event was recognised — added to a database whose
// readings and events stay as stored, counting as their setting's usual kind.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { indexColumns, indexNamesOn } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

/** A version-9 database with one imported patient: clinic and home readings, a diagnosis and a dateless flag. */
function factsBeforeMeasures(): DatabaseAtVersion {
  const at9 = databaseAtVersion(9)
  at9.db
    .exec(`INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count)
                 VALUES ('h', 'emis', '2026-10-01T09:00:00Z', 'Priya Shah', 4, 1, 0, 2, 2, 0);
               INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES ('9434765919', 'Grace', 'ADEYEMI', 'now', 'now');
               INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, import_id, recorded_at)
                 VALUES (1, '2026-09-14', 152, 94, 'clinic', 'import', 1, '2026-10-01T09:00:00Z'),
                        (1, '2026-09-20', 141, 88, 'home', 'import', 1, '2026-10-01T09:00:00Z');
               INSERT INTO coded_events (patient_id, event_date, concept, code, term, import_id, recorded_at)
                 VALUES (1, '2015-03-02', 'HYP', '38341003', 'Hypertensive disorder', 1, '2026-10-01T09:00:00Z'),
                        (1, NULL, 'DM', '', 'Diabetes register: Yes', 1, '2026-10-01T09:00:00Z')`)
  return at9
}

const addReading = (db: DatabaseAtVersion['db']) =>
  db.prepare(
    "INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, measure, recorded_at) VALUES (1, ?, ?, ?, ?, 'import', ?, 'now')"
  )

describe('migration 0010 (BP measures and event detail)', () => {
  it('keeps every reading and event as stored, with no measure, value or matching recorded', () => {
    old = factsBeforeMeasures()
    const { db } = old
    const readings = db.prepare('SELECT * FROM bp_readings ORDER BY id').all() as object[]
    const events = db.prepare('SELECT * FROM coded_events ORDER BY id').all() as object[]

    applyMigration(db, 10)

    expect(schemaVersion(db)).toBe(10)
    expect(db.prepare('SELECT * FROM bp_readings ORDER BY id').all()).toEqual(readings.map((r) => ({ ...r, measure: null })))
    expect(db.prepare('SELECT * FROM coded_events ORDER BY id').all()).toEqual(events.map((e) => ({ ...e, value: null, matched_by: null })))
  })

  it('stores a minimum and an average with the same values as two readings, but the same measure (or none) only once', () => {
    old = factsBeforeMeasures()
    const { db } = old
    applyMigration(db, 10)
    expect(indexNamesOn(db, 'bp_readings')).toEqual(['bp_readings_by_patient_date', 'bp_readings_once'])
    // The unique index was rebuilt with the measure (an expression, which SQLite lists as null).
    expect(indexColumns(db, 'bp_readings_once')).toEqual(['patient_id', 'taken_on', 'systolic', 'diastolic', 'setting', 'source', null])
    const insert = addReading(db)
    insert.run('2026-10-05', 138, 86, 'ambulatory', 'abpm-daytime')
    insert.run('2026-10-05', 138, 86, 'ambulatory', 'summary')
    expect(() => insert.run('2026-10-05', 138, 86, 'ambulatory', 'abpm-daytime')).toThrow(/UNIQUE/)
    // A reading stored before the column, exported again without a measure, is still one reading.
    expect(() => insert.run('2026-09-14', 152, 94, 'clinic', null)).toThrow(/UNIQUE/)
    insert.run('2026-09-14', 152, 94, 'clinic', 'clinic')
    expect(db.prepare('SELECT COUNT(*) FROM bp_readings').pluck().get()).toBe(5)
  })

  it('refuses a measure or a way of matching it does not know, and keeps a decimal value', () => {
    old = factsBeforeMeasures()
    const { db } = old
    applyMigration(db, 10)
    const insert = addReading(db)
    for (const measure of ['clinic', 'home-average', 'abpm-daytime', 'abpm-24-hour', 'abpm-night', 'summary']) {
      expect(() => insert.run('2026-11-01', 150, 90, 'clinic', measure)).not.toThrow()
    }
    expect(() => insert.run('2026-11-02', 150, 90, 'clinic', 'office')).toThrow(/CHECK/)

    const event = db.prepare(
      "INSERT INTO coded_events (patient_id, event_date, concept, code, term, value, matched_by, recorded_at) VALUES (1, '2026-10-01', 'BMI', '60621009', ?, ?, ?, 'now')"
    )
    event.run('Body mass index', 31.4, 'code')
    event.run('BMI 31', null, 'term')
    event.run('Obesity register', null, 'flag')
    expect(() => event.run('BMI (guess)', null, 'guess')).toThrow(/CHECK/)
    expect(db.prepare("SELECT value, matched_by FROM coded_events WHERE term = 'Body mass index'").get()).toEqual({ value: 31.4, matched_by: 'code' })
  })
})
