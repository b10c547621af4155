// Migration 0011: what each import could not match to a shipped code list, and how many events an
// import read from their term alone — older imports counted none.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { latestSchemaVersion, migrate, schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, removeTempDatabases, tempDatabasePath, type DatabaseAtVersion } from '../../support/migrate-to'
import { indexColumns, indexNamesOn } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
  removeTempDatabases()
})

describe('migration 0011 (unmatched codes)', () => {
  it('migration 0011 adds the unmatched-codes table and a term-only count of 0 to imports made before it', () => {
    const path = tempDatabasePath()
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

  it('applied alone to a database at version 10, keeps each import and its counts, indexes the findings by import and by code', () => {
    old = databaseAtVersion(10)
    const { db } = old
    db.exec(`INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count, report_key, exported_on, conflict_count)
               VALUES ('first', 'emis', '2026-10-01T09:00:00Z', 'Priya Shah', 120, 40, 0, 80, 200, 2, 'Hypertension recall', '2026-09-30', 1),
                      ('second', 'emis', '2026-11-01T09:00:00Z', 'Priya Shah', 118, 0, 5, 12, 9, 0, 'Hypertension recall', '2026-10-31', 0)`)
    const before = db.prepare('SELECT * FROM imports ORDER BY id').all() as object[]

    applyMigration(db, 11)

    expect(schemaVersion(db)).toBe(11)
    expect(db.prepare('SELECT * FROM imports ORDER BY id').all()).toEqual(before.map((i) => ({ ...i, term_only_matches: 0 })))
    expect(indexNamesOn(db, 'import_unmatched_codes')).toEqual(['import_unmatched_codes_by_code', 'import_unmatched_codes_by_import'])
    expect(indexColumns(db, 'import_unmatched_codes_by_import')).toEqual(['import_id'])
    expect(indexColumns(db, 'import_unmatched_codes_by_code')).toEqual(['code'])
    const insert = db.prepare('INSERT INTO import_unmatched_codes (import_id, code, term, matched_as, events, patients) VALUES (?, ?, ?, ?, ?, ?)')
    insert.run(2, '1082641000000106', 'Medication review done', null, 4, 3)
    // An export without a code records '' — never NULL — so every finding groups by one code value.
    expect(() => insert.run(2, null, 'Essential hypertension', 'HYP', 1, 1)).toThrow(/NOT NULL/)
    expect(() => insert.run(2, '', null, 'HYP', 1, 1)).toThrow(/NOT NULL/)
    expect(() => insert.run(2, 'x', 'y', null, 1, 0)).toThrow(/CHECK/)
  })
})
