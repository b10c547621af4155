// Migration 0018: a partial index of member entries by snapshot and patient, so reading who was a
// member of which snapshot (the audit's eligible patients and their programmes, one patient's
// memberships) reads two integers an entry instead of every entry row.
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

// The shape of the audit's first read: every member of every snapshot up to the as-of date.
const membersUpTo = `SELECT DISTINCT ce.patient_id, c.programme_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
                      WHERE ce.status = 'member' AND c.as_of <= ? ORDER BY ce.patient_id, c.programme_id`
const onePatientsMemberships = `SELECT ce.cohort_id FROM cohort_entries ce WHERE ce.patient_id = ? AND ce.status = 'member' ORDER BY ce.cohort_id`
const plan = (db: DatabaseAtVersion['db'], sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' | ')

/** Two snapshots over six patients: members and excluded patients in each, one patient in both. */
function seedSnapshots(db: DatabaseAtVersion['db']): void {
  const patient = db.prepare(
    "INSERT INTO patients (nhs_number, family_name, created_at, updated_at) VALUES (?, 'TEST', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
  )
  for (let i = 0; i < 6; i++) patient.run(String(9000000000 + i))
  const cohort = db.prepare(
    `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, parameters_json, built_at, built_by, member_count, excluded_count,
                          not_eligible_count, exclusion_counts_json)
     VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', ?, 'qof', '{}', '2026-01-01T09:00:00Z', 'Test', 0, 0, 0, '[]')`
  )
  const entry = db.prepare(
    "INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, bp_json, reasons_json, explanation_json) VALUES (?, ?, ?, 'P2', ?, 'null', 'null')"
  )
  const first = Number(cohort.run('2026-03-01').lastInsertRowid)
  const second = Number(cohort.run('2026-09-01').lastInsertRowid)
  const bp = '{"systolic":162,"diastolic":94,"date":"2026-02-01","setting":"clinic"}'
  entry.run(first, 3, 'member', bp)
  entry.run(first, 1, 'member', bp)
  entry.run(first, 2, 'excluded', bp)
  entry.run(second, 5, 'member', bp)
  entry.run(second, 1, 'member', bp)
  entry.run(second, 6, 'excluded', bp)
}

describe('migration 0018 (cohort members index)', () => {
  it('a new database reads members across snapshots from the index alone', () => {
    ctx = createTestContext()
    expect(plan(ctx.db, membersUpTo, '2026-12-01')).toMatch(/SCAN ce USING COVERING INDEX cohort_entries_members/)
  })

  it('on a database at version 17 with snapshots, members are read from the new index with the same answers, excluded patients left out of it, rows untouched', () => {
    old = databaseAtVersion(17)
    const { db } = old
    seedSnapshots(db)
    const entriesBefore = db.prepare('SELECT * FROM cohort_entries ORDER BY rowid').all()
    const membersBefore = db.prepare(membersUpTo).all('2026-12-01')
    const earlierBefore = db.prepare(membersUpTo).all('2026-06-01')
    const patientBefore = db.prepare(onePatientsMemberships).pluck().all(1)
    // Before: every entry row is read.
    expect(plan(db, membersUpTo, '2026-12-01')).toMatch(/SCAN ce(?! USING)/)

    applyMigration(db, 18)

    expect(schemaVersion(db)).toBe(18)
    expect(indexNamesOn(db, 'cohort_entries')).toEqual(['cohort_entries_members'])
    expect(indexColumns(db, 'cohort_entries_members')).toEqual(['cohort_id', 'patient_id'])
    expect(plan(db, membersUpTo, '2026-12-01')).toMatch(/SCAN ce USING COVERING INDEX cohort_entries_members/)
    expect(plan(db, onePatientsMemberships, 1)).toMatch(/COVERING INDEX cohort_entries_members/)
    expect(db.prepare(membersUpTo).all('2026-12-01')).toEqual(membersBefore)
    expect(membersBefore).toEqual([
      { patient_id: 1, programme_id: null },
      { patient_id: 3, programme_id: null },
      { patient_id: 5, programme_id: null }
    ])
    expect(db.prepare(membersUpTo).all('2026-06-01')).toEqual(earlierBefore)
    expect(earlierBefore.map((r) => (r as { patient_id: number }).patient_id)).toEqual([1, 3])
    expect(db.prepare(onePatientsMemberships).pluck().all(1)).toEqual(patientBefore)
    expect(patientBefore).toEqual([1, 2])
    // Only member entries are in the index (a partial index): it holds four entries of the six.
    expect(db.prepare("SELECT name, partial FROM pragma_index_list('cohort_entries') WHERE origin = 'c'").all()).toEqual([
      { name: 'cohort_entries_members', partial: 1 }
    ])
    expect(db.prepare("SELECT COUNT(*) FROM cohort_entries INDEXED BY cohort_entries_members WHERE status = 'member'").pluck().get()).toBe(4)
    expect(db.prepare('SELECT * FROM cohort_entries ORDER BY rowid').all()).toEqual(entriesBefore)
  })
})
