// Migration 0012: an interpreter need recorded in the app beside the other contact preferences.
// Nothing recorded (NULL) leaves the export's language and interpreter flag to decide.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { latestSchemaVersion, migrate, schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, removeTempDatabases, tempDatabasePath, type DatabaseAtVersion } from '../../support/migrate-to'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
  removeTempDatabases()
})

describe('migration 0012 (contact interpreter)', () => {
  it('migration 0012 adds an empty interpreter record to contact preferences made before it, keeping the rest', () => {
    const path = tempDatabasePath()
    const raw = new Database(path)
    migrate(raw, 11)
    raw
      .prepare(
        "INSERT INTO patients (nhs_number, main_language, interpreter_required, created_at, updated_at) VALUES ('9434765919', 'Polish', 1, 'now', 'now')"
      )
      .run()
    raw
      .prepare(
        "INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, no_contact, updated_at, updated_by) VALUES (1, 1, 1, 'letter', 0, 'now', 'Priya Shah')"
      )
      .run()
    raw.close()
    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(latestSchemaVersion)
    // No record in the app: the export's columns are untouched and still decide.
    expect(db.prepare('SELECT sms_declined, large_print, preferred_channel, interpreter_language FROM contact_preferences').get()).toEqual({
      sms_declined: 1,
      large_print: 1,
      preferred_channel: 'letter',
      interpreter_language: null
    })
    expect(db.prepare('SELECT main_language, interpreter_required FROM patients').get()).toEqual({ main_language: 'Polish', interpreter_required: 1 })
    const record = db.prepare('UPDATE contact_preferences SET interpreter_language = ? WHERE patient_id = 1')
    expect(() => record.run('Kurdish (Sorani)')).not.toThrow()
    expect(() => record.run('')).toThrow(/CHECK/)
    expect(() => record.run('   ')).toThrow(/CHECK/)
    expect(() => record.run('x'.repeat(61))).toThrow(/CHECK/)
    expect(() => record.run(null)).not.toThrow()
    db.close()
  })

  it('applied alone to a database at version 11, keeps every preference (no contact included) and accepts a language of up to 60 characters', () => {
    old = databaseAtVersion(11)
    const { db } = old
    db.exec(`INSERT INTO patients (nhs_number, main_language, interpreter_required, created_at, updated_at)
               VALUES ('9434765919', 'Polish', 1, 'now', 'now'), ('9434765870', NULL, NULL, 'now', 'now');
             INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, no_contact, updated_at, updated_by)
               VALUES (1, 0, 1, 'phone', 0, '2026-11-01T09:00:00Z', 'Priya Shah'), (2, 1, 0, 'any', 1, '2026-11-02T09:00:00Z', 'Priya Shah')`)
    const before = db.prepare('SELECT * FROM contact_preferences ORDER BY patient_id').all() as object[]

    applyMigration(db, 12)

    expect(schemaVersion(db)).toBe(12)
    expect(db.prepare('SELECT * FROM contact_preferences ORDER BY patient_id').all()).toEqual(before.map((p) => ({ ...p, interpreter_language: null })))
    const record = db.prepare('UPDATE contact_preferences SET interpreter_language = ? WHERE patient_id = 2')
    expect(() => record.run('x'.repeat(60))).not.toThrow()
    // Surrounding spaces do not count towards the length the CHECK allows.
    expect(() => record.run(`  ${'y'.repeat(60)}  `)).not.toThrow()
  })
})
