// Migration 0009: an index on patients.updated_at, so the check a cohort build makes for changed
// facts (the newest patient update) is one index probe rather than a read of every patient.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { indexColumns, indexNamesOn } from '../../support/schema-inspection'
import { createTestContext, type TestContext } from '../../support/test-context'

let ctx: TestContext | undefined
let old: DatabaseAtVersion | undefined
afterEach(() => {
  ctx?.cleanup()
  ctx = undefined
  old?.cleanup()
  old = undefined
})

const newestUpdatePlan = (db: DatabaseAtVersion['db']): string =>
  (db.prepare('EXPLAIN QUERY PLAN SELECT MAX(updated_at) FROM patients').all() as { detail: string }[]).map((p) => p.detail).join(' ')

describe('migration 0009 (cohort speed)', () => {
  it('migration 0009 indexes patients.updated_at, so checking for changed facts does not read every patient', () => {
    ctx = createTestContext()
    const plan = ctx.db.prepare('EXPLAIN QUERY PLAN SELECT MAX(updated_at) FROM patients').all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/patients_updated_at/)
  })

  it('on a database at version 8 with patients, the newest update is read from the new index instead of every row, with the same answer and rows untouched', () => {
    old = databaseAtVersion(8)
    const { db } = old
    const add = db.prepare("INSERT INTO patients (nhs_number, family_name, created_at, updated_at) VALUES (?, 'TEST', '2026-01-01T09:00:00Z', ?)")
    for (let i = 0; i < 50; i++) add.run(String(9000000000 + i), `2026-${String((i % 12) + 1).padStart(2, '0')}-01T09:00:00Z`)
    const before = db.prepare('SELECT * FROM patients ORDER BY id').all()
    const newestBefore = db.prepare('SELECT MAX(updated_at) FROM patients').pluck().get()
    expect(indexNamesOn(db, 'patients')).toEqual([])
    // No index to read: every patient row is visited.
    expect(newestUpdatePlan(db)).not.toMatch(/USING .*INDEX/)

    applyMigration(db, 9)

    expect(schemaVersion(db)).toBe(9)
    expect(indexNamesOn(db, 'patients')).toEqual(['patients_updated_at'])
    expect(indexColumns(db, 'patients_updated_at')).toEqual(['updated_at'])
    expect(newestUpdatePlan(db)).toMatch(/USING COVERING INDEX patients_updated_at/)
    expect(db.prepare('SELECT MAX(updated_at) FROM patients').pluck().get()).toBe(newestBefore)
    expect(newestBefore).toBe('2026-12-01T09:00:00Z')
    expect(db.prepare('SELECT * FROM patients ORDER BY id').all()).toEqual(before)
  })
})
