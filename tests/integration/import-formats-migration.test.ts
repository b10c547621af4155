// Migration 0002: saved column mappings and the IMD version beside each patient's decile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrations'

const folders: string[] = []
afterEach(() => {
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
  expect(() => db.prepare("INSERT INTO column_mappings (layout_hash, captions_json, roles_json, saved_at, saved_by) VALUES ('h', '[]', '[]', 'now', 'me')").run()).not.toThrow()
  expect(() => db.prepare("INSERT INTO column_mappings (layout_hash, captions_json, roles_json, saved_at, saved_by) VALUES ('h', '[]', '[]', 'now', 'me')").run()).toThrow(/UNIQUE/)
  db.close()
})
