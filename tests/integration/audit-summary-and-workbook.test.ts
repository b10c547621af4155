import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAuditWorkbook } from '../../src/main/audit/audit-export'
import { auditSummary } from '../../src/main/audit/audit-service'
import { documentPath } from '../../src/main/documents/document-store'
import { createTestContext, type TestContext } from '../support/test-context'

/** A small programme written straight into the schema, with every path through the funnel. */
function seedProgramme(ctx: TestContext) {
  const db = ctx.db
  const now = ctx.now().toISOString()
  const patient = (nhs: string, given: string, family: string, dob: string, sex: string, ethnicity: string | null, imd: number | null) =>
    Number(
      db
        .prepare(
          `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_category, imd_decile, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(nhs, given, family, dob, sex, ethnicity, imd, now, now).lastInsertRowid
    )
  const cohort = (asOf: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
           VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled', ?, 'qof', ?, 'x', 0, 0, 0)`
        )
        .run(asOf, now).lastInsertRowid
    )
  const member = (cohortId: number, patientId: number) =>
    db
      .prepare(`INSERT INTO cohort_entries (cohort_id, patient_id, status, reasons_json, explanation_json) VALUES (?, ?, 'member', '[]', '{}')`)
      .run(cohortId, patientId)
  const batch = (cohortId: number) =>
    Number(
      db
        .prepare(
          `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, 1, '2026-09-02', 'x', 'hypertension-review', 1)`
        )
        .run(cohortId).lastInsertRowid
    )
  const invite = (batchId: number, cohortId: number, patientId: number, on: string) =>
    db
      .prepare(
        `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
         VALUES (?, ?, ?, 1, 'letter', ?, 'hypertension-review', 1, 'x')`
      )
      .run(batchId, cohortId, patientId, on)
  const clinic = (date: string) =>
    Number(
      db
        .prepare(`INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('HT', ?, '09:00', 15, 20, 'x', 'x')`)
        .run(date).lastInsertRowid
    )
  let slot = 0
  const appointment = (clinicId: number, patientId: number, status: string, bookedAt = '2026-09-05T09:00:00Z') =>
    Number(
      db
        .prepare(`INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, ?, ?, ?, ?, 'x')`)
        .run(clinicId, slot++, patientId, status, bookedAt).lastInsertRowid
    )
  const reading = (patientId: number, on: string, sys: number, dia: number, source: 'import' | 'visit', appointmentId: number | null = null) =>
    db
      .prepare(
        `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, appointment_id, recorded_at) VALUES (?, ?, ?, ?, 'clinic', ?, ?, ?)`
      )
      .run(patientId, on, sys, dia, source, appointmentId, now)

  const a = patient('9990000018', 'Kwame', 'Mensah', '1960-05-01', 'M', 'N', 1)
  const b = patient('9990000026', '=HYPERLINK("http://evil.example","click")', 'Campbell', '1950-02-03', 'F', 'M', 2)
  const c = patient('9990000034', 'Susan', 'Taylor', '1985-07-09', 'F', 'A', 7)
  const d = patient('9990000042', 'Winston', 'Brown', '1940-01-01', 'M', 'M', null)
  const e = patient('9990000050', 'Amina', 'Hassan', '1972-03-03', 'F', null, 3)
  const f = patient('9990000069', 'Later', 'Cohort', '1970-01-01', 'M', 'A', 5)

  const first = cohort('2026-09-01')
  for (const p of [a, b, c, d, e]) member(first, p)
  member(cohort('2026-12-01'), f) // built after the audit date: not yet eligible

  const b1 = batch(first)
  for (const p of [a, b, c, d]) invite(b1, first, p, '2026-09-02')

  const clinic1 = clinic('2026-09-15')
  const clinic2 = clinic('2026-10-27')
  const future = clinic('2026-12-01')
  // A: first visit 160/95 and 156/97 (baseline 156/95), follow-up visit 144/88: reduced.
  const a1 = appointment(clinic1, a, 'attended')
  reading(a, '2026-09-15', 160, 95, 'visit', a1)
  reading(a, '2026-09-15', 156, 97, 'visit', a1)
  const a2 = appointment(clinic2, a, 'attended')
  reading(a, '2026-10-27', 144, 88, 'visit', a2)
  reading(a, '2026-11-30', 120, 80, 'import') // after the audit date: ignored
  // B: visit 150/90, then an imported reading 150/92: no change.
  const bVisit = appointment(clinic1, b, 'attended')
  reading(b, '2026-09-15', 150, 90, 'visit', bVisit)
  reading(b, '2026-10-20', 150, 92, 'import')
  // C: never booked; reading before the invitation 162/96, later imported 170/100: increased.
  reading(c, '2026-08-20', 162, 96, 'import')
  reading(c, '2026-11-01', 170, 100, 'import')
  // D: booked into a future clinic, a cancelled one too; no follow-up reading.
  appointment(future, d, 'booked')
  appointment(clinic1, d, 'cancelled')
  reading(d, '2026-08-01', 158, 92, 'import')
  return { a, b, c, d, e, f }
}

describe('audit summary', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  })
  afterEach(() => ctx.cleanup())

  it('counts the funnel among patients who were in a cohort snapshot by the audit date', () => {
    seedProgramme(ctx)
    // Followed up is A and B only: C has a baseline and a follow-up (so is in the BP table) but never
    // booked, and each stage counts only patients who reached the one before it.
    expect(auditSummary(ctx, { asOf: '2026-11-22' }).funnel).toEqual({
      eligible: 5,
      invited: 4,
      invited1: 4,
      invited2: 0,
      invited3: 0,
      booked: 3,
      attended: 2,
      followedUp: 2
    })
  })

  it('builds the seed table from first-visit or pre-invitation baselines and later readings', () => {
    seedProgramme(ctx)
    const s = auditSummary(ctx, {})
    expect(s.asOf).toBe('2026-11-22')
    expect(s.bpOutcome).toEqual({
      patients: 3,
      reduced: 1,
      unchanged: 1,
      increased: 1,
      reducedPercent: 33.3,
      unchangedPercent: 33.3,
      increasedPercent: 33.3,
      meanSystolicChange: -1.3, // (-12 + 0 + 8) / 3
      meanDiastolicChange: -0.3, // (-7 + 2 + 4) / 3
      medianSystolicChange: 0, // -12, 0, +8
      medianDiastolicChange: 2, // -7, +2, +4
      // QOF targets (all under 80, clinic readings): A 156/95 → 144/88, B 150/90 → 150/92, C 162/96 → 170/100.
      atTargetBefore: 0,
      atTargetAfter: 0,
      atTargetBeforePercent: 0,
      atTargetAfterPercent: 0
    })
    const byNhs = new Map(s.patients.map((p) => [p.nhsNumber, p]))
    expect(byNhs.get('9990000018')).toMatchObject({
      baseline: { systolic: 156, diastolic: 95, date: '2026-09-15' },
      followUp: { systolic: 144, diastolic: 88, date: '2026-10-27' },
      systolicChange: -12,
      outcome: 'reduced',
      ageBand: '60–79',
      sex: 'Male',
      ethnicity: 'Black or Black British – African'
    })
    expect(byNhs.get('9990000034')).toMatchObject({ baseline: { systolic: 162, date: '2026-08-20' }, outcome: 'increased' })
  })

  it('sees nothing recorded after an earlier as-of date', () => {
    seedProgramme(ctx)
    const s = auditSummary(ctx, { asOf: '2026-10-01' })
    expect(s.funnel).toEqual({ eligible: 5, invited: 4, invited1: 4, invited2: 0, invited3: 0, booked: 3, attended: 2, followedUp: 0 })
    expect(s.bpOutcome.patients).toBe(0)
    expect(s.bpOutcome.reducedPercent).toBe(0)
  })

  it('is all zeros for a database with no programme yet', () => {
    const s = auditSummary(ctx, {})
    expect(s.funnel).toEqual({ eligible: 0, invited: 0, invited1: 0, invited2: 0, invited3: 0, booked: 0, attended: 0, followedUp: 0 })
    expect(s.bpOutcome.meanSystolicChange).toBeNull()
    expect(s.patients).toEqual([])
  })
})

async function readWorkbook(path: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

function allCellValues(wb: ExcelJS.Workbook): string[] {
  const out: string[] = []
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        out.push(cell.value instanceof Date ? cell.value.toISOString() : String(cell.value))
      })
    )
  )
  return out
}

describe('audit workbook', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
    seedProgramme(ctx)
  })
  afterEach(() => ctx.cleanup())

  it('writes Summary, breakdown and Patients sheets with frozen, filterable headers and UK dates', async () => {
    const file = await exportAuditWorkbook(ctx, { pseudonymised: false })
    expect(file).toMatchObject({ name: 'audit-2026-11-22.xlsx', kind: 'audit-xlsx' })
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'By ethnic group',
      'By age band',
      'By sex',
      'By IMD quintile',
      'By Core20',
      'Programmes',
      'Patients'
    ])
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(sheet.autoFilter).toBeTruthy()
    }
    const summary = wb.getWorksheet('Summary')
    const rows = summary?.getSheetValues().filter(Boolean) as unknown[][]
    const find = (measure: string) => rows.find((r) => r[2] === measure)
    expect(find('Patients with a baseline and a follow-up reading')?.[3]).toBe(3)
    expect(find('Reduced')?.slice(3, 5)).toEqual([1, 33.3])
    expect(find('Eligible')?.[3]).toBe(5)

    const patients = wb.getWorksheet('Patients')
    const header = (patients?.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['NHS number', 'Name', 'Date of birth'])
    const dobCell = patients?.getRow(2).getCell(3)
    expect(dobCell?.value).toBeInstanceOf(Date)
    expect(dobCell?.numFmt).toBe('dd/mm/yyyy')
  })

  it('writes a formula-looking name as text, never as a formula', async () => {
    const file = await exportAuditWorkbook(ctx, { pseudonymised: false })
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    const patients = wb.getWorksheet('Patients')
    let found: ExcelJS.Cell | undefined
    patients?.eachRow((row) =>
      row.eachCell((cell) => {
        if (String(cell.value).includes('HYPERLINK')) found = cell
      })
    )
    expect(found?.type).toBe(ExcelJS.ValueType.String)
    expect(String(found?.value).startsWith("'")).toBe(true)
    expect(readFileSync(documentPath(ctx, file.fileId)).includes(Buffer.from('<f>'))).toBe(false)
  })

  it('pseudonymised: aggregates only — no Patients sheet, names, NHS numbers or dates of birth — and counts of 1 to 4 shown as <5', async () => {
    const file = await exportAuditWorkbook(ctx, { pseudonymised: true })
    expect(file.kind).toBe('audit-xlsx-pseudonymised')
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'By ethnic group', 'By age band', 'By sex', 'By IMD quintile', 'By Core20'])
    const values = allCellValues(wb)
    const text = values.join('\n')
    for (const nhs of ['9990000018', '9990000026', '9990000034', '9990000042', '9990000050']) expect(text).not.toContain(nhs)
    for (const name of ['Mensah', 'HYPERLINK', 'Campbell', 'Taylor', 'Brown', 'Hassan', 'Kwame', 'Susan']) expect(text).not.toContain(name)
    for (const dob of ['1960-05-01', '1950-02-03', '1985-07-09']) expect(text).not.toContain(dob)
    const summary = wb.getWorksheet('Summary')?.getSheetValues().filter(Boolean) as unknown[][]
    const find = (measure: string) => summary.find((r) => r[2] === measure)
    // Reduced is 1 of 3 and Invited 4 of 5: never shown as themselves ("<5", or withheld where even
    // that would let a small count be worked out), nor their percentages.
    expect(['<5', 'withheld']).toContain(find('Reduced')?.[3])
    expect(find('Reduced')?.[4]).toBe('withheld')
    expect(['<5', 'withheld']).toContain(find('Invited')?.[3])
    expect(values).toContain('<5')
    // Every count is a multiple of 5, "<5" or withheld: no true count of 1 to 4 anywhere.
    for (const sheet of wb.worksheets.slice(1)) {
      const headers = (sheet.getRow(1).values as unknown[]).map(String)
      const countColumns = headers.flatMap((h, col) => (col > 1 && !h.endsWith('%') && !h.startsWith('Mean') ? [col] : []))
      expect(countColumns.length).toBeGreaterThanOrEqual(10)
      sheet.eachRow((row, n) => {
        if (n === 1) return
        for (const col of countColumns) {
          const v = row.getCell(col).value
          expect(typeof v === 'number' ? v % 5 : v).toSatisfy((x: unknown) => x === 0 || x === '<5' || x === 'withheld')
        }
      })
    }
    // Three patients with both readings: their means and medians are withheld.
    expect(find('Mean change in systolic (mmHg)')?.[3]).toBe('withheld')
    expect(find('Median change in diastolic (mmHg)')?.[3]).toBe('withheld')
    const protection = summary.filter((r) => r[1] === 'How this was protected')
    expect(protection.map((r) => r[2])).toContain('Practice followed')
    expect(protection.map((r) => String(r[5])).join(' ')).toContain('Hospital Episode Statistics (HES)')
  })

  it('records the workbook as a document and logs the export', async () => {
    const file = await exportAuditWorkbook(ctx, { pseudonymised: true })
    const doc = ctx.db.prepare('SELECT kind, mime_type FROM documents WHERE id = ?').get(file.fileId)
    expect(doc).toEqual({ kind: 'audit-xlsx-pseudonymised', mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    const log = ctx.db.prepare("SELECT summary FROM activity_log WHERE action = 'audit.exportWorkbook'").all() as { summary: string }[]
    expect(log).toHaveLength(1)
    expect(log[0]?.summary).toContain('pseudonymised')
  })
})
