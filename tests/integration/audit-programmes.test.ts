// The audit per programme, on a real database: two programmes running on the same practice with
// some patients in both. Each programme's figures are checked against a count written out by hand
// below; the whole practice counts a shared patient once; the BP programme's audit holds none of
// the Time to Talk programme's own patients; and the workbook says which programme it is.
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAuditWorkbook } from '../../src/main/audit/audit-export'
import { auditDataset, auditSummary } from '../../src/main/audit/audit-service'
import { documentPath } from '../../src/main/documents/document-store'
import { errorOf } from '../support/app-error-of'
import { auditSeeder } from '../support/audit-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

const AS_OF = '2026-11-22'

/**
 * BP = "Pharmacist BP review", TTT = "Time to Talk". What happened to each patient:
 *
 *   P1  BP only   invited 1st; BP clinic 15/09 160/95 (attended); import 20/10 150/90
 *   P2  BP only   invited 1st, 2nd, 3rd; never booked; import 20/08 162/96 and 01/11 170/100
 *   P3  BP only   invited 1st and 2nd; booked into a BP clinic on 01/12 (not yet held)
 *   P4  BP only   never invited; attended a BP clinic 15/09 155/95; import 20/10 140/85
 *   S1  both      BP invited 1st 02/09; TTT invited 1st 10/10; TTT clinic 15/10 150/92 (attended);
 *                 imports 25/08 158/94 and 05/11 140/88
 *   S2  both      BP invited 1st; BP clinic 15/09 155/95 and 27/10 145/90 (both attended); TTT never invited
 *   T1  TTT only  invited 1st and 2nd; a TTT appointment, cancelled
 *   T2  TTT only  invited 1st; TTT clinic 15/10 140/85 (attended); import 10/11 142/86
 *   N   TTT only  never invited; import 01/10 150/90 and 01/11 140/85
 *   L   BP        only in a BP snapshot built after the audit date
 */
function seedTwoProgrammes(ctx: TestContext) {
  const s = auditSeeder(ctx)
  const bp = s.programme('Pharmacist BP review', 'hypertension-black-african-caribbean')
  const ttt = s.programme('Time to Talk', 'time-to-talk')
  const p1 = s.patient({ family: 'One', imd: 1 })
  const p2 = s.patient({ family: 'Two', imd: 2 })
  const p3 = s.patient({ family: 'Three', imd: 5 })
  const p4 = s.patient({ family: 'Four', imd: null })
  const s1 = s.patient({ family: 'SharedOne', imd: 9 })
  const s2 = s.patient({ family: 'SharedTwo', imd: 2 })
  const t1 = s.patient({ family: 'TalkOne', imd: 1 })
  const t2 = s.patient({ family: 'TalkTwo', imd: null })
  const n = s.patient({ family: 'TalkNever', imd: 6 })
  const late = s.patient({ family: 'Late' })

  const bpSnapshot = s.snapshot(bp, '2026-09-01', [p1, p2, p3, p4, s1, s2])
  s.snapshot(bp, '2026-12-01', [late])
  const tttSnapshot = s.snapshot(ttt, '2026-10-01', [s1, s2, t1, t2, n])

  for (const p of [p1, p2, p3, s1, s2]) s.invite(bpSnapshot, p, 1, '2026-09-02')
  s.invite(bpSnapshot, p2, 2, '2026-09-20')
  s.invite(bpSnapshot, p3, 2, '2026-09-20')
  s.invite(bpSnapshot, p2, 3, '2026-10-05')
  for (const p of [s1, t1, t2]) s.invite(tttSnapshot, p, 1, '2026-10-10')
  s.invite(tttSnapshot, t1, 2, '2026-10-25')

  const bpClinic = s.clinic('2026-09-15', bp)
  const bpSecond = s.clinic('2026-10-27', bp)
  const bpFuture = s.clinic('2026-12-01', bp)
  const tttClinic = s.clinic('2026-10-15', ttt)

  s.visit(p1, bpClinic, '2026-09-15', bp, 160, 95)
  s.reading(p1, '2026-10-20', 150, 90)
  s.reading(p2, '2026-08-20', 162, 96)
  s.reading(p2, '2026-11-01', 170, 100)
  s.appointment(bpFuture, p3, 'booked', bp, '2026-11-01')
  s.visit(p4, bpClinic, '2026-09-15', bp, 155, 95)
  s.reading(p4, '2026-10-20', 140, 85)
  s.reading(s1, '2026-08-25', 158, 94)
  s.visit(s1, tttClinic, '2026-10-15', ttt, 150, 92)
  s.reading(s1, '2026-11-05', 140, 88)
  s.visit(s2, bpClinic, '2026-09-15', bp, 155, 95)
  s.visit(s2, bpSecond, '2026-10-27', bp, 145, 90)
  s.appointment(tttClinic, t1, 'cancelled', ttt)
  s.visit(t2, tttClinic, '2026-10-15', ttt, 140, 85)
  s.reading(t2, '2026-11-10', 142, 86)
  s.reading(n, '2026-10-01', 150, 90)
  s.reading(n, '2026-11-01', 140, 85)
  return { bp, ttt, ids: { p1, p2, p3, p4, s1, s2, t1, t2, n, late } }
}

async function readWorkbook(path: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

const rowsOf = (wb: ExcelJS.Workbook, sheet: string) => wb.getWorksheet(sheet)?.getSheetValues().filter(Boolean) as unknown[][]

describe('the audit of two overlapping programmes', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  })
  afterEach(() => ctx.cleanup())

  it('counts the BP programme by hand: its own snapshots, invitations and appointments only', () => {
    const { bp } = seedTwoProgrammes(ctx)
    const s = auditSummary(ctx, { asOf: AS_OF, programmeId: bp })
    expect(s).toMatchObject({ programmeId: bp, programmeName: 'Pharmacist BP review' })
    // Eligible P1 P2 P3 P4 S1 S2 (L's snapshot is later). Invited: all but P4. 2nd: P2 P3; 3rd: P2.
    // Booked: P1 P3 S2 (P4 was never invited; S1's booking was Time to Talk's). Attended and followed
    // up: P1 S2.
    expect(s.funnel).toEqual({ eligible: 6, invited: 5, invited1: 5, invited2: 2, invited3: 1, booked: 3, attended: 2, followedUp: 2 })
    // BP table, invited only: P1 160→150, P2 162→170, S1 158→140 (baseline before its BP invitation:
    // its only visit was Time to Talk's), S2 155→145. P4's fall is not the programme's outcome.
    expect(s.bpOutcome).toMatchObject({ patients: 4, reduced: 3, unchanged: 0, increased: 1, meanSystolicChange: -7.5 })
    expect(s.patients.map((p) => [p.name.replace('Test ', ''), p.systolicChange]).sort()).toEqual([
      ['One', -10],
      ['SharedOne', -18],
      ['SharedTwo', -10],
      ['Two', 8]
    ])
    expect(s.programmes).toEqual([
      expect.objectContaining({ programmeId: bp, name: 'Pharmacist BP review', outcome: 'bp', status: 'active', funnel: s.funnel })
    ])
    const bands = Object.fromEntries(s.systolicChangeBands.filter((b) => b.patients > 0).map((b) => [b.label, b.patients]))
    expect(bands).toEqual({ '−20 to −11': 1, '−10 to −1': 2, '1 to 10': 1 })
    const core20 = s.breakdowns.find((b) => b.dimension === 'core20')
    expect(core20?.groups.map((g) => [g.group, g.funnel.eligible, g.funnel.invited, g.bpOutcome.patients])).toEqual([
      ['Core20 (IMD deciles 1–2)', 3, 3, 3], // P1 P2 S2
      ['Not Core20 (IMD deciles 3–10)', 2, 2, 1], // P3 S1
      ['Unknown', 1, 0, 0] // P4
    ])
  })

  it('counts the Time to Talk programme by hand, and the BP programme holds none of its own patients', () => {
    const { bp, ttt, ids } = seedTwoProgrammes(ctx)
    const s = auditSummary(ctx, { asOf: AS_OF, programmeId: ttt })
    // Eligible S1 S2 T1 T2 N. Invited S1 T1 T2; 2nd T1. Booked and attended S1 T2 (T1's was
    // cancelled; S2's visits were the BP programme's). Followed up S1 (150→140) and T2 (140→142).
    expect(s.funnel).toEqual({ eligible: 5, invited: 3, invited1: 3, invited2: 1, invited3: 0, booked: 2, attended: 2, followedUp: 2 })
    expect(s.bpOutcome).toMatchObject({ patients: 2, reduced: 1, unchanged: 0, increased: 1 })

    const bpPatients = new Set(auditDataset(ctx, AS_OF, bp).patients.map((p) => p.patientId))
    for (const own of [ids.t1, ids.t2, ids.n]) expect(bpPatients.has(own)).toBe(false)
    expect([...bpPatients].sort((a, b) => a - b)).toEqual([ids.p1, ids.p2, ids.p3, ids.p4, ids.s1, ids.s2].sort((a, b) => a - b))
    expect(auditSummary(ctx, { asOf: AS_OF, programmeId: bp }).patients.map((p) => p.name)).not.toContain('Test TalkTwo')
  })

  it('counts a patient in both programmes once for the whole practice, with what either did for them', () => {
    const { bp, ttt } = seedTwoProgrammes(ctx)
    const s = auditSummary(ctx, { asOf: AS_OF })
    expect(s).toMatchObject({ programmeId: null, programmeName: null })
    // Eligible: 6 + 5 less S1 and S2 counted twice = 9. Invited P1 P2 P3 S1 S2 T1 T2; 2nd P2 P3 T1;
    // 3rd P2. Booked P1 P3 S1 S2 T2; attended and followed up P1 S1 S2 T2.
    expect(s.funnel).toEqual({ eligible: 9, invited: 7, invited1: 7, invited2: 3, invited3: 1, booked: 5, attended: 4, followedUp: 4 })
    // BP table: P1 −10, P2 +8, S1 −10 (its first visit of any programme is now the baseline), S2 −10, T2 +2.
    expect(s.bpOutcome).toMatchObject({ patients: 5, reduced: 3, unchanged: 0, increased: 2 })
    // Each programme's own figures, as its own audit gives them: they add up to more than the practice.
    const own = (id: number) => auditSummary(ctx, { asOf: AS_OF, programmeId: id })
    expect(s.programmes.map((p) => p.programmeId)).toEqual([bp, ttt])
    expect(s.programmes.map((p) => p.funnel)).toEqual([own(bp).funnel, own(ttt).funnel])
    expect(s.programmes.map((p) => p.bpOutcome)).toEqual([own(bp).bpOutcome, own(ttt).bpOutcome])
    expect(s.programmes.reduce((n, p) => n + p.funnel.eligible, 0)).toBe(11)
    expect(s.rules.map((r) => r.measure)).toEqual(expect.arrayContaining(['Whole practice', 'BP table (systolic outcome)', 'Funnel: Followed up']))
    expect(s.rules.find((r) => r.measure === 'BP table (systolic outcome)')?.rule).toMatch(/never invited has no place/)
  })

  it('refuses a programme that does not exist, naming it', async () => {
    seedTwoProgrammes(ctx)
    expect(errorOf(() => auditSummary(ctx, { asOf: AS_OF, programmeId: 999 }))).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no programme 999')
    })
    await expect(exportAuditWorkbook(ctx, { asOf: AS_OF, pseudonymised: false, programmeId: 999 })).rejects.toMatchObject({ code: 'not_found' })
  })

  it("names the programme in the workbook's file name and Summary, with the 2nd and 3rd invitations in the funnel", async () => {
    const { bp } = seedTwoProgrammes(ctx)
    const file = await exportAuditWorkbook(ctx, { asOf: AS_OF, pseudonymised: false, programmeId: bp })
    expect(file.name).toBe('audit-pharmacist-bp-review-2026-11-22.xlsx')
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'By ethnic group', 'By age band', 'By sex', 'By IMD quintile', 'By Core20', 'Patients'])
    const summary = rowsOf(wb, 'Summary')
    const find = (measure: string) => summary.find((r) => r[1] === 'Uptake funnel' && r[2] === measure)
    expect(summary.find((r) => r[2] === 'Programme')?.[3]).toBe('Pharmacist BP review')
    expect(
      ['Eligible', 'Invited', 'Invited (2nd invitation)', 'Invited (3rd invitation)', 'Booked', 'Attended', 'Followed up'].map((m) => find(m)?.[3])
    ).toEqual([6, 5, 2, 1, 3, 2, 2])
    expect(summary.find((r) => r[2] === 'Patients with a baseline and a follow-up reading')?.[3]).toBe(4)
    const core20 = rowsOf(wb, 'By Core20').slice(1)
    expect(core20.map((r) => [r[1], r[2]])).toEqual([
      ['Core20 (IMD deciles 1–2)', 3],
      ['Not Core20 (IMD deciles 3–10)', 2],
      ['Unknown', 1]
    ])
  })

  it("lists each programme's own figures on the whole-practice workbook's Programmes sheet", async () => {
    const { bp, ttt } = seedTwoProgrammes(ctx)
    const file = await exportAuditWorkbook(ctx, { asOf: AS_OF, pseudonymised: false })
    expect(file.name).toBe('audit-2026-11-22.xlsx')
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    expect(rowsOf(wb, 'Summary').find((r) => r[2] === 'Programme')?.[3]).toBe('Whole practice')
    const [header, ...rows] = rowsOf(wb, 'Programmes')
    const column = (name: string) => (header ?? []).indexOf(name)
    expect(
      rows.map((r) => [
        r[column('Programme id')],
        r[column('Programme')],
        r[column('Eligible')],
        r[column('Followed up')],
        r[column('With baseline and follow-up')]
      ])
    ).toEqual([
      [bp, 'Pharmacist BP review', 6, 2, 4],
      [ttt, 'Time to Talk', 5, 2, 2]
    ])
  })
})
