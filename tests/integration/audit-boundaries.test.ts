// Audit boundaries the audit rules name and the main audit test does not pin down: the median with an
// even number of patients, "no change" meaning exactly the same systolic, the as-of cut-off day
// itself, the 12-month look-back for a baseline taken before the invitation (the audit reads only
// the readings that can matter, so its edge is checked here), and a pseudonymised workbook read back
// cell by cell: aggregates only, with no patient-level sheet.
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAuditWorkbook } from '../../src/main/audit/audit-export'
import { auditDataset, auditSummary } from '../../src/main/audit/audit-service'
import { documentPath } from '../../src/main/documents/document-store'
import { createTestContext, type TestContext } from '../support/test-context'

function seeder(ctx: TestContext) {
  const db = ctx.db
  const now = ctx.now().toISOString()
  let nhs = 9990001000
  let slot = 0
  return {
    patient(given: string, family: string, dob = '1960-05-01') {
      return Number(
        db
          .prepare(
            `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_category, imd_decile, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'F', 'N', 3, ?, ?)`
          )
          .run(String(nhs++), given, family, dob, now, now).lastInsertRowid
      )
    },
    cohort(asOf: string, patients: number[]) {
      const id = Number(
        db
          .prepare(
            `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
             VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled', ?, 'qof', ?, 'x', 0, 0, 0)`
          )
          .run(asOf, now).lastInsertRowid
      )
      for (const p of patients) {
        db.prepare(`INSERT INTO cohort_entries (cohort_id, patient_id, status, reasons_json, explanation_json) VALUES (?, ?, 'member', '[]', '{}')`).run(id, p)
      }
      return id
    },
    invite(cohortId: number, patientId: number, on: string) {
      const batch = db
        .prepare(
          `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, 1, ?, 'x', 'hypertension-review', 1)`
        )
        .run(cohortId, on).lastInsertRowid
      db.prepare(
        `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
         VALUES (?, ?, ?, 1, 'letter', ?, 'hypertension-review', 1, 'x')`
      ).run(batch, cohortId, patientId, on)
    },
    visit(patientId: number, date: string, sys: number, dia: number) {
      const clinic = db
        .prepare(`INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('HT', ?, '09:00', 15, 20, 'x', 'x')`)
        .run(date).lastInsertRowid
      const appointment = db
        .prepare(`INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, ?, ?, 'attended', ?, 'x')`)
        .run(clinic, slot++, patientId, `${date}T09:00:00Z`).lastInsertRowid
      this.reading(patientId, date, sys, dia, Number(appointment))
    },
    reading(patientId: number, on: string, sys: number, dia: number, appointmentId: number | null = null) {
      db.prepare(
        `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, appointment_id, recorded_at) VALUES (?, ?, ?, ?, 'clinic', ?, ?, ?)`
      ).run(patientId, on, sys, dia, appointmentId === null ? 'import' : 'visit', appointmentId, now)
    }
  }
}

async function readWorkbook(path: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

function summaryRows(wb: ExcelJS.Workbook): unknown[][] {
  return wb.getWorksheet('Summary')?.getSheetValues().filter(Boolean) as unknown[][]
}

describe('audit boundaries', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  })
  afterEach(() => ctx.cleanup())

  it('gives the median of an even number of changes as the mean of the middle two, in the workbook', async () => {
    const s = seeder(ctx)
    // Systolic changes -12, -3, 0, +5 → median -1.5; diastolic changes -6, -1, +2, +4 → median 0.5.
    const changes: [number, number][] = [
      [-12, -6],
      [-3, -1],
      [0, 2],
      [5, 4]
    ]
    const patients = changes.map((_, i) => s.patient(`P${i}`, `Even${i}`))
    const cohortId = s.cohort('2026-09-01', patients)
    patients.forEach((p, i) => {
      const [sys, dia] = changes[i] ?? [0, 0]
      s.invite(cohortId, p, '2026-09-02')
      s.visit(p, '2026-09-15', 150, 90)
      s.reading(p, '2026-10-20', 150 + sys, 90 + dia)
    })
    const summary = auditSummary(ctx, { asOf: '2026-11-01' })
    expect(summary.bpOutcome).toMatchObject({ patients: 4, reduced: 2, unchanged: 1, increased: 1, meanSystolicChange: -2.5, meanDiastolicChange: -0.3 })
    const file = await exportAuditWorkbook(ctx, { asOf: '2026-11-01', pseudonymised: false })
    const rows = summaryRows(await readWorkbook(documentPath(ctx, file.fileId)))
    expect(rows.find((r) => r[2] === 'Median change in systolic (mmHg)')?.[3]).toBe(-1.5)
    expect(rows.find((r) => r[2] === 'Median change in diastolic (mmHg)')?.[3]).toBe(0.5)
  })

  it('counts "no change" only for exactly the same systolic, whatever the diastolic did; 1 mmHg either way is reduced or increased', () => {
    const s = seeder(ctx)
    const same = s.patient('Same', 'Systolic')
    const down = s.patient('Down', 'One')
    const up = s.patient('Up', 'One')
    const cohortId = s.cohort('2026-09-01', [same, down, up])
    for (const [p, follow] of [
      [same, 150],
      [down, 149],
      [up, 151]
    ] as const) {
      s.invite(cohortId, p, '2026-09-02')
      s.visit(p, '2026-09-15', 150, 90)
      s.reading(p, '2026-10-20', follow, p === same ? 70 : 90)
    }
    const o = auditSummary(ctx, { asOf: '2026-11-01' }).bpOutcome
    expect(o).toMatchObject({ patients: 3, reduced: 1, unchanged: 1, increased: 1 })
    expect(auditSummary(ctx, { asOf: '2026-11-01' }).patients.find((p) => p.name.includes('Same'))).toMatchObject({
      outcome: 'unchanged',
      diastolicChange: -20
    })
  })

  it('counts what happened on the as-of day itself and nothing from the day after', () => {
    const s = seeder(ctx)
    const onTheDay = s.patient('On', 'TheDay')
    const dayAfter = s.patient('Day', 'After')
    const first = s.cohort('2026-09-01', [onTheDay])
    s.cohort('2026-11-02', [dayAfter]) // a snapshot built the day after: not yet eligible
    s.invite(first, onTheDay, '2026-09-02')
    s.visit(onTheDay, '2026-09-15', 160, 95)
    s.reading(onTheDay, '2026-11-01', 140, 85) // on the as-of day: the follow-up
    s.reading(onTheDay, '2026-11-02', 120, 75) // the day after: not seen
    const summary = auditSummary(ctx, { asOf: '2026-11-01' })
    expect(summary.funnel).toEqual({ eligible: 1, invited: 1, invited1: 1, invited2: 0, invited3: 0, booked: 1, attended: 1, followedUp: 1 })
    expect(summary.patients[0]).toMatchObject({ followUp: { systolic: 140, date: '2026-11-01' }, systolicChange: -20 })
    // A day earlier the follow-up reading had not happened yet.
    expect(auditSummary(ctx, { asOf: '2026-10-31' }).funnel.followedUp).toBe(0)
    // The later snapshot's patient counts once the audit date reaches it.
    expect(auditSummary(ctx, { asOf: '2026-11-02' }).funnel.eligible).toBe(2)
  })

  it('takes a before-invitation baseline from the 12 months up to the invitation, never from older readings', () => {
    const s = seeder(ctx)
    const inWindow = s.patient('In', 'Window')
    const tooOld = s.patient('Too', 'Old')
    const neverInvited = s.patient('Never', 'Invited')
    const cohortId = s.cohort('2026-09-01', [inWindow, tooOld, neverInvited])
    s.invite(cohortId, inWindow, '2026-09-02')
    s.invite(cohortId, tooOld, '2026-09-02')
    s.reading(inWindow, '2025-09-03', 162, 96) // 12 months less a day before the invitation: counts
    s.reading(inWindow, '2026-10-20', 150, 90)
    s.reading(tooOld, '2025-09-02', 170, 100) // exactly 12 months before: outside the look-back
    s.reading(tooOld, '2026-10-20', 150, 90)
    s.reading(neverInvited, '2026-08-01', 170, 100) // neither invited nor seen: no baseline at all
    s.reading(neverInvited, '2026-10-20', 150, 90)
    const byName = new Map(auditDataset(ctx, '2026-11-01').patients.map((p) => [p.name, p]))
    const inside = [...byName.values()].find((p) => p.name.includes('Window'))
    expect(inside?.baseline).toMatchObject({ systolic: 162, date: '2025-09-03', source: 'before-invitation' })
    expect(inside?.followUp).toMatchObject({ systolic: 150, date: '2026-10-20' })
    expect([...byName.values()].find((p) => p.name.includes('Old'))?.baseline).toBeNull()
    expect([...byName.values()].find((p) => p.name.includes('Never'))).toMatchObject({ baseline: null, followUp: null, outcome: null })
  })

  it('pseudonymised workbook read back: no NHS number, name or date of birth in any cell, and no patient-level sheet', async () => {
    const s = seeder(ctx)
    const names = ['Adaeze', 'Okonkwo', 'Marcus', 'Lindqvist', 'Beatrice', 'Fairweather']
    const patients = [
      s.patient('Adaeze', 'Okonkwo', '1958-03-14'),
      s.patient('Marcus', 'Lindqvist', '1949-12-01'),
      s.patient('Beatrice', 'Fairweather', '1971-07-30')
    ]
    const cohortId = s.cohort('2026-09-01', patients)
    for (const p of patients) {
      s.invite(cohortId, p, '2026-09-02')
      s.visit(p, '2026-09-15', 158, 94)
      s.reading(p, '2026-10-20', 146, 88)
    }
    const file = await exportAuditWorkbook(ctx, { asOf: '2026-11-01', pseudonymised: true })
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    const cells: unknown[] = []
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))))
    const text = cells.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('\n')
    for (const nhs of ['9990001000', '9990001001', '9990001002']) expect(text).not.toContain(nhs)
    for (const name of names) expect(text).not.toContain(name)
    const dobs = ['1958-03-14', '1949-12-01', '1971-07-30']
    for (const dob of dobs) expect(text).not.toContain(dob)
    // No sheet with a row per patient: a list of patients, however pseudonymised, lets every
    // suppressed count be counted back.
    expect(wb.getWorksheet('Patients')).toBeUndefined()
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'By ethnic group', 'By age band', 'By sex', 'By IMD quintile', 'By Core20'])
    // No date of care either: the only date is the audit's own.
    const dates = cells.filter((v): v is Date => v instanceof Date).map((d) => d.toISOString().slice(0, 10))
    expect(dates).toEqual(['2026-11-01'])
    for (const day of ['2026-09-02', '2026-09-15', '2026-10-20']) expect(text).not.toContain(day)
    // Three patients: every count is small, so each is shown as <5.
    expect(summaryRows(wb).find((r) => r[2] === 'Reduced')?.[3]).toBe('<5')
  })
})

describe('proportion at target before and after', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  })
  afterEach(() => ctx.cleanup())

  it('uses the QOF target for the age on the reading day, both numbers within target, and shows it in the workbook', async () => {
    const s = seeder(ctx)
    const reachesTarget = s.patient('Reaches', 'Target', '1970-01-01') // 56: ≤140/90
    const diastolicStillHigh = s.patient('Diastolic', 'High', '1970-01-01') // 140/91 is not at target
    const turnsEighty = s.patient('Turns', 'Eighty', '1946-10-01') // 79 at baseline, 80 at follow-up: ≤150/90
    const cohortId = s.cohort('2026-09-01', [reachesTarget, diastolicStillHigh, turnsEighty])
    const programme: [number, [number, number], [number, number]][] = [
      [reachesTarget, [152, 92], [140, 90]],
      [diastolicStillHigh, [150, 95], [140, 91]],
      [turnsEighty, [148, 88], [148, 88]]
    ]
    for (const [p, [bs, bd], [fs, fd]] of programme) {
      s.invite(cohortId, p, '2026-09-02')
      s.visit(p, '2026-09-15', bs, bd)
      s.reading(p, '2026-10-20', fs, fd)
    }
    const o = auditSummary(ctx, { asOf: '2026-11-01' }).bpOutcome
    // Baseline: only none (148/88 at 79 is above 140). Follow-up: Reaches (140/90) and Turns (148/88 at 80).
    expect(o).toMatchObject({ patients: 3, atTargetBefore: 0, atTargetAfter: 2, atTargetBeforePercent: 0, atTargetAfterPercent: 66.7 })
    const file = await exportAuditWorkbook(ctx, { asOf: '2026-11-01', pseudonymised: false })
    const rows = summaryRows(await readWorkbook(documentPath(ctx, file.fileId)))
    expect(rows.find((r) => r[2] === 'At target at follow-up')?.slice(3, 5)).toEqual([2, 66.7])
    expect(rows.find((r) => r[2] === 'At target at baseline')?.slice(3, 5)).toEqual([0, 0])
  })
})
