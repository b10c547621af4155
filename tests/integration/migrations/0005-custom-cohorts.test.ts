// Migration 0005: saved custom cohorts, as data. A custom cohort row and its versions, which are
// never rewritten, so a snapshot built with version N can always be explained with those criteria.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

describe('migration 0005 (custom cohorts)', () => {
  it('adds the custom cohort tables to a database at version 4, keeping its snapshots', () => {
    const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-mig5-'))
    try {
      const raw = new Database(join(folder, 'practice.sqlite'))
      migrate(raw, 4)
      raw
        .prepare(
          `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
                  VALUES ('no-recent-bp', 1, 'kept', '2026-01-01', 'qof', '2026-01-01T09:00:00Z', 'Test', 0, 0, 0)`
        )
        .run()
      migrate(raw, 5)
      expect(schemaVersion(raw)).toBe(5)
      const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'custom_cohort%'").all() as { name: string }[]).map(
        (t) => t.name
      )
      expect(tables.sort()).toEqual(['custom_cohort_versions', 'custom_cohorts'])
      expect(raw.prepare('SELECT name FROM cohorts').all()).toEqual([{ name: 'kept' }])
      raw.prepare("INSERT INTO custom_cohorts (created_at, created_by) VALUES ('2026-01-01T09:00:00Z', 'Test')").run()
      // Versions start at 1 and one number is one version.
      const insert = raw.prepare(
        "INSERT INTO custom_cohort_versions (custom_cohort_id, version, name, criteria_json, saved_at, saved_by) VALUES (1, ?, 'x', '[]', '2026-01-01', 'Test')"
      )
      expect(() => insert.run(0)).toThrow(/CHECK/)
      insert.run(1)
      expect(() => insert.run(1)).toThrow(/UNIQUE|PRIMARY KEY/)
      raw.close()
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('a new custom cohort is live, with an empty description and no exclusions switched off, and its versions belong to a stored cohort', () => {
    old = databaseAtVersion(4)
    const { db } = old
    db.prepare(
      `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count, facts_reading_id, facts_event_id)
       VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-11-01', 'nice', '2026-11-01T09:30:00Z', 'Priya Shah', 12, 3, 40, 120, 88)`
    ).run()
    const cohortBefore = db.prepare('SELECT * FROM cohorts').get()

    applyMigration(db, 5)

    expect(schemaVersion(db)).toBe(5)
    expect(db.prepare('SELECT * FROM cohorts').get()).toEqual(cohortBefore)
    db.prepare("INSERT INTO custom_cohorts (created_at, created_by) VALUES ('2026-11-20T09:00:00Z', 'Priya Shah')").run()
    expect(db.prepare('SELECT archived_at, archived_by FROM custom_cohorts').get()).toEqual({ archived_at: null, archived_by: null })
    const version = db.prepare(
      "INSERT INTO custom_cohort_versions (custom_cohort_id, version, name, criteria_json, saved_at, saved_by) VALUES (?, ?, 'Over-80s with high BP', ?, '2026-11-20T09:00:00Z', 'Priya Shah')"
    )
    version.run(1, 1, JSON.stringify([{ field: 'age', op: '>=', value: 80 }]))
    version.run(1, 2, JSON.stringify([{ field: 'age', op: '>=', value: 85 }]))
    expect(db.prepare('SELECT version, description, exclusions_json FROM custom_cohort_versions ORDER BY version').all()).toEqual([
      { version: 1, description: '', exclusions_json: '[]' },
      { version: 2, description: '', exclusions_json: '[]' }
    ])
    expect(() => version.run(7, 1, '[]')).toThrow(/FOREIGN KEY/)
    expect(() => version.run(1, 3, null)).toThrow(/NOT NULL/)
  })
})
