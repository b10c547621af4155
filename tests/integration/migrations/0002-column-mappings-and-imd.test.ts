// Migration 0002: saved column mappings and the IMD version beside each patient's decile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { migrate, schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { columnsOf } from '../../support/schema-inspection'

const folders: string[] = []
let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

test('0002 adds column_mappings and patients.imd_version to a database at 0001, keeping its patients', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-0002-'))
  folders.push(folder)
  const path = join(folder, 'practice.sqlite')
  const raw = new Database(path)
  migrate(raw, 1)
  raw.prepare("INSERT INTO patients (nhs_number, lsoa, imd_decile, created_at, updated_at) VALUES ('9990000018', 'E01000001', 9, 'now', 'now')").run()
  raw.close()

  const db = openDatabase(path)
  expect(db.prepare('SELECT nhs_number, imd_decile, imd_version FROM patients').all()).toEqual([{ nhs_number: '9990000018', imd_decile: 9, imd_version: null }])
  const columns = (db.prepare('PRAGMA table_info(column_mappings)').all() as { name: string }[]).map((c) => c.name)
  expect(columns).toEqual(['layout_hash', 'captions_json', 'roles_json', 'saved_at', 'saved_by'])
  expect(() =>
    db.prepare("INSERT INTO column_mappings (layout_hash, captions_json, roles_json, saved_at, saved_by) VALUES ('h', '[]', '[]', 'now', 'me')").run()
  ).not.toThrow()
  expect(() =>
    db.prepare("INSERT INTO column_mappings (layout_hash, captions_json, roles_json, saved_at, saved_by) VALUES ('h', '[]', '[]', 'now', 'me')").run()
  ).toThrow(/UNIQUE/)
  db.close()
})

test('0002 alone brings a database at 0001 to version 2, every patient field kept, the IMD version unknown until an import sets it', () => {
  old = databaseAtVersion(1)
  const { db } = old
  db.prepare(
    `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, postcode, lsoa, imd_decile, registration_status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Regular', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')`
  ).run('9434765919', 'Grace', 'ADEYEMI', '1958-02-10', 'F', 'LS6 2AB', 'E01011352', 3)
  db.prepare("INSERT INTO patients (nhs_number, created_at, updated_at) VALUES ('9434765870', 'now', 'now')").run()
  const before = db.prepare('SELECT * FROM patients ORDER BY id').all()

  applyMigration(db, 2)

  expect(schemaVersion(db)).toBe(2)
  const after = db.prepare('SELECT * FROM patients ORDER BY id').all() as Record<string, unknown>[]
  expect(after.map(({ imd_version: _v, ...rest }) => rest)).toEqual(before)
  expect(after.map((p) => p.imd_version)).toEqual([null, null])
  expect(columnsOf(db, 'patients').find((c) => c.name === 'imd_version')).toEqual({ name: 'imd_version', type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 })
  db.prepare("UPDATE patients SET imd_version = 'IMD2019' WHERE nhs_number = '9434765919'").run()
  expect(db.prepare("SELECT imd_decile, imd_version FROM patients WHERE nhs_number = '9434765919'").get()).toEqual({ imd_decile: 3, imd_version: 'IMD2019' })
  // A mapping is only useful with its roles: none is stored without them.
  expect(() =>
    db.prepare("INSERT INTO column_mappings (layout_hash, captions_json, saved_at, saved_by) VALUES ('h2', '[\"NHS Number\"]', 'now', 'Priya Shah')").run()
  ).toThrow(/NOT NULL/)
})
