import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { latestSchemaVersion, migrate, migrations, schemaVersion } from '../../src/main/db/migrations'

const folders: string[] = []
function tempDb(): string {
  const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-mig-'))
  folders.push(folder)
  return join(folder, 'practice.sqlite')
}
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

describe('database migrations', () => {
  it('are numbered 1, 2, 3… with no gap, each file name starting with its number', () => {
    // The runner skips every version at or below user_version: a gap later filled would never run.
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    for (const m of migrations) expect(m.name.startsWith(String(m.version).padStart(4, '0') + '_')).toBe(true)
  })

  it('creates the schema at the latest version, in WAL mode with foreign keys on', () => {
    const db = openDatabase(tempDb())
    expect(schemaVersion(db)).toBe(latestSchemaVersion)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)
    for (const t of ['patients', 'bp_readings', 'coded_events', 'imports', 'cohorts', 'cohort_entries', 'invitations', 'clinics', 'appointments', 'follow_ups', 'activity_log']) {
      expect(tables).toContain(t)
    }
    db.close()
  })

  it('migration 0001 applies to an empty database and is not re-applied on reopen', () => {
    const path = tempDb()
    const raw = new Database(path)
    migrate(raw, 1)
    expect(schemaVersion(raw)).toBe(1)
    raw.prepare("INSERT INTO settings (key, value_json) VALUES ('k', '1')").run()
    raw.close()
    const db = openDatabase(path)
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 })
    db.close()
  })

  it('migration 0011 adds the unmatched-codes table and a term-only count of 0 to imports made before it', () => {
    const path = tempDb()
    const raw = new Database(path)
    migrate(raw, 10)
    raw
      .prepare(
        `INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count)
         VALUES ('h', 'emis', '2026-11-01T09:00:00Z', 'Priya Shah', 10, 1, 0, 2, 3, 0)`
      )
      .run()
    raw.close()
    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(latestSchemaVersion)
    expect(db.prepare('SELECT term_only_matches, rows_read FROM imports').get()).toEqual({ term_only_matches: 0, rows_read: 10 })
    const insert = db.prepare('INSERT INTO import_unmatched_codes (import_id, code, term, matched_as, events, patients) VALUES (?, ?, ?, ?, ?, ?)')
    insert.run(1, '1082641000000106', 'Medication review done', null, 3, 2)
    insert.run(1, '', 'Essential hypertension', 'HYP', 1, 1)
    expect(db.prepare('SELECT code, matched_as, events, patients FROM import_unmatched_codes ORDER BY id').all()).toEqual([
      { code: '1082641000000106', matched_as: null, events: 3, patients: 2 },
      { code: '', matched_as: 'HYP', events: 1, patients: 1 }
    ])
    // Every row belongs to a stored import and counts something.
    expect(() => insert.run(99, 'x', 'y', null, 1, 1)).toThrow(/FOREIGN KEY/)
    expect(() => insert.run(1, 'x', 'y', null, 0, 1)).toThrow(/CHECK/)
    db.close()
  })

  it('migration 0012 adds an empty interpreter record to contact preferences made before it, keeping the rest', () => {
    const path = tempDb()
    const raw = new Database(path)
    migrate(raw, 11)
    raw.prepare("INSERT INTO patients (nhs_number, main_language, interpreter_required, created_at, updated_at) VALUES ('9434765919', 'Polish', 1, 'now', 'now')").run()
    raw
      .prepare("INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, no_contact, updated_at, updated_by) VALUES (1, 1, 1, 'letter', 0, 'now', 'Priya Shah')")
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

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const path = tempDb()
    const raw = new Database(path)
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`)
    raw.close()
    expect(() => openDatabase(path)).toThrow(/newer version of Clinic Recall/)
    const check = new Database(path)
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1)
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 })
    check.close()
  })

  it('refuses to store an implausible reading even if a service tried', () => {
    const db = openDatabase(tempDb())
    db.prepare("INSERT INTO patients (nhs_number, created_at, updated_at) VALUES ('9434765919', 'now', 'now')").run()
    const insert = db.prepare(
      "INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (1, '2026-01-01', ?, ?, 'clinic', 'import', 'now')"
    )
    expect(() => insert.run(90, 120)).toThrow()
    expect(() => insert.run(400, 90)).toThrow()
    expect(() => insert.run(140, 90)).not.toThrow()
    db.close()
  })
})
