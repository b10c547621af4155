// Migration 0003: which patients each import held, the report identity and run date of an import,
// the cell behind every reject, conflicts beside rejects, the pre-import backup, and "not in the
// latest export" on a patient — added to a database that already has imports and patients.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import * as migrations from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { columnsOf, indexColumns, indexNamesOn } from '../../support/schema-inspection'

const folders: string[] = []
let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

describe('migration 0003 (import safety)', () => {
  test('adds membership, report identity, reject values and "not in latest export" to a database that already has imports', () => {
    const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-0003-'))
    folders.push(folder)
    const raw = new Database(join(folder, 'old.sqlite'))
    const { migrate } = migrations
    migrate(raw, 1)
    raw.exec(`INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count)
              VALUES ('h', 'emis', '2026-01-01T00:00:00Z', 'someone', 1, 0, 0, 0, 0, 1);
              INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason) VALUES (1, 'a.csv', 2, 'NHS Number', 'bad')`)
    migrate(raw, 3)
    expect(raw.prepare('SELECT value, kind FROM import_rejects').get()).toEqual({ value: '', kind: 'rejected' })
    expect(raw.prepare('SELECT report_key, exported_on, conflict_count, patients_not_in_export, backup_file FROM imports').get()).toEqual({
      report_key: null,
      exported_on: null,
      conflict_count: 0,
      patients_not_in_export: 0,
      backup_file: null
    })
    const patientColumns = (raw.prepare('PRAGMA table_info(patients)').all() as { name: string }[]).map((c) => c.name)
    expect(patientColumns).toEqual(expect.arrayContaining(['not_in_export_since_import_id', 'demographics_as_of']))
    expect(raw.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'import_patients'").pluck().get()).toBe(1)
    expect(() =>
      raw.prepare("INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason, kind) VALUES (1, 'a', 1, 'c', 'r', 'other')").run()
    ).toThrow(/CHECK/)
    raw.close()
  })

  test('from version 2: patients keep their details, unmarked; membership is one row per import and patient, each of which must exist', () => {
    old = databaseAtVersion(2)
    const { db } = old
    db.exec(`INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count)
               VALUES ('first', 'emis', '2026-10-01T09:00:00Z', 'Priya Shah', 2, 2, 0, 2, 1, 0),
                      ('second', 'systmone', '2026-11-01T09:00:00Z', 'Priya Shah', 1, 0, 1, 1, 0, 0);
             INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, imd_decile, imd_version, first_import_id, last_import_id, created_at, updated_at)
               VALUES ('9434765919', 'Grace', 'ADEYEMI', '1958-02-10', 3, 'IMD2019', 1, 2, '2026-10-01T09:00:00Z', '2026-11-01T09:00:00Z'),
                      ('9434765870', 'Ivy', 'OKAFOR', '1961-07-04', NULL, NULL, 1, 1, '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')`)

    applyMigration(db, 3)

    expect(migrations.schemaVersion(db)).toBe(3)
    expect(
      db
        .prepare(
          'SELECT nhs_number, given_name, imd_decile, imd_version, last_import_id, not_in_export_since_import_id, demographics_as_of FROM patients ORDER BY id'
        )
        .all()
    ).toEqual([
      {
        nhs_number: '9434765919',
        given_name: 'Grace',
        imd_decile: 3,
        imd_version: 'IMD2019',
        last_import_id: 2,
        not_in_export_since_import_id: null,
        demographics_as_of: null
      },
      {
        nhs_number: '9434765870',
        given_name: 'Ivy',
        imd_decile: null,
        imd_version: null,
        last_import_id: 1,
        not_in_export_since_import_id: null,
        demographics_as_of: null
      }
    ])
    expect(db.prepare('SELECT content_hash, format, rows_read, conflict_count, patients_not_in_export FROM imports ORDER BY id').all()).toEqual([
      { content_hash: 'first', format: 'emis', rows_read: 2, conflict_count: 0, patients_not_in_export: 0 },
      { content_hash: 'second', format: 'systmone', rows_read: 1, conflict_count: 0, patients_not_in_export: 0 }
    ])
    expect(columnsOf(db, 'import_patients').map((c) => [c.name, c.pk])).toEqual([
      ['import_id', 1],
      ['patient_id', 2]
    ])
    expect(indexNamesOn(db, 'import_patients')).toEqual(['import_patients_by_patient'])
    expect(indexColumns(db, 'imports_by_report_key')).toEqual(['report_key'])

    const member = db.prepare('INSERT INTO import_patients (import_id, patient_id) VALUES (?, ?)')
    member.run(1, 1)
    member.run(2, 1)
    expect(() => member.run(1, 1)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => member.run(9, 1)).toThrow(/FOREIGN KEY/)
    expect(() => member.run(1, 9)).toThrow(/FOREIGN KEY/)
    // Marking a patient as missing from a later run names a stored import.
    db.prepare('UPDATE patients SET not_in_export_since_import_id = 2 WHERE id = 2').run()
    expect(() => db.prepare('UPDATE patients SET not_in_export_since_import_id = 9 WHERE id = 1').run()).toThrow(/FOREIGN KEY/)

    const reject = db.prepare(
      "INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason, value, kind) VALUES (2, 'b.csv', 4, 'Date of Birth', 'two dates of birth', '1958-02-11', ?)"
    )
    reject.run('conflict')
    expect(() => reject.run('warning')).toThrow(/CHECK/)
  })
})
