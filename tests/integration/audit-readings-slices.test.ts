// The audit reads the eligible patients' BP readings a slice of patients at a time (so the read's
// JSON text stays small however long a programme has run: audit-queries.ts). A practice larger than
// one slice checks that no patient's readings are lost or doubled at a slice's edges, and that only
// the readings that can be a baseline or a follow-up are read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readAuditRows } from '../../src/main/audit/audit-queries'
import { auditDataset } from '../../src/main/audit/audit-service'
import { createTestContext, type TestContext } from '../support/test-context'

// More than two slices of 20,000 eligible patients, the last one part-full.
const PATIENTS = 45_001

function seedPractice(ctx: TestContext): void {
  const db = ctx.db
  const now = ctx.now().toISOString()
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO patients (id, nhs_number, given_name, family_name, date_of_birth, sex, created_at, updated_at)
       SELECT i, CAST(9000000000 + i AS TEXT), 'Given' || i, 'Family' || i, '1960-05-01', 'F', ?, ? FROM n`
    ).run(PATIENTS, now, now)
    const cohortId = Number(
      db
        .prepare(
          `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
           VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled', '2026-08-01', 'qof', ?, 'x', 0, 0, 0)`
        )
        .run(now).lastInsertRowid
    )
    db.prepare(
      `INSERT INTO cohort_entries (cohort_id, patient_id, status, reasons_json, explanation_json) SELECT ?, id, 'member', '[]', '{}' FROM patients`
    ).run(cohortId)
    const batchId = Number(
      db
        .prepare(
          `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, 1, '2026-08-05', 'x', 'hypertension-review', 1)`
        )
        .run(cohortId).lastInsertRowid
    )
    db.prepare(
      `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
       SELECT ?, ?, id, 1, 'letter', '2026-08-05', 'hypertension-review', 1, 'x' FROM patients`
    ).run(batchId, cohortId)
    // Per patient: one reading long before the baseline's look-back (never read), one in the year
    // before the invitation (the baseline) and one after it (the follow-up), each with its own values.
    for (const [takenOn, systolic, diastolic] of [
      ['2024-01-10', '200', '110'],
      ['2026-03-01', '150 + id % 20', '90 + id % 7'],
      ['2026-10-01', '130 + id % 25', '80 + id % 9']
    ] as const) {
      db.prepare(
        `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at)
         SELECT id, ?, ${systolic}, ${diastolic}, 'clinic', 'import', ? FROM patients`
      ).run(takenOn, now)
    }
  })()
}

describe('audit readings read a slice of patients at a time', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
    seedPractice(ctx)
  })
  afterEach(() => ctx.cleanup())

  it('reads each eligible patient’s baseline and follow-up readings once, across every slice edge, and none older', () => {
    const rows = readAuditRows(ctx.db, '2026-11-01')
    expect(rows.patients).toHaveLength(PATIENTS)
    expect(rows.readings.size).toBe(PATIENTS)
    for (const id of [1, 19_999, 20_000, 20_001, 40_000, 40_001, PATIENTS]) {
      expect(rows.readings.get(id)?.map((r) => r[1])).toEqual(['2026-03-01', '2026-10-01'])
    }
    expect([...rows.readings.values()].every((list) => list.length === 2 && list.every((r) => r[1] !== '2024-01-10'))).toBe(true)
  })

  it('gives every patient their own baseline and follow-up, whichever slice they were read in', () => {
    const patients = auditDataset(ctx, '2026-11-01').patients
    expect(patients).toHaveLength(PATIENTS)
    const wrong = patients.filter((p) => {
      const id = p.patientId
      return (
        p.baseline?.date !== '2026-03-01' ||
        p.baseline.systolic !== 150 + (id % 20) ||
        p.baseline.diastolic !== 90 + (id % 7) ||
        p.followUp?.date !== '2026-10-01' ||
        p.followUp.systolic !== 130 + (id % 25) ||
        p.followUp.diastolic !== 80 + (id % 9)
      )
    })
    expect(wrong.map((p) => p.patientId)).toEqual([])
  })
})
