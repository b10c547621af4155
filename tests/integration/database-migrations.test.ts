import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { latestSchemaVersion, migrations, schemaVersion } from '../../src/main/db/migrations'

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
    for (const t of [
      'patients',
      'bp_readings',
      'coded_events',
      'imports',
      'cohorts',
      'cohort_entries',
      'invitations',
      'clinics',
      'appointments',
      'follow_ups',
      'activity_log'
    ]) {
      expect(tables).toContain(t)
    }
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
