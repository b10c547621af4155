// The wellbeing table, adherence at baseline and referrals of the audit, on a real database with
// every visit recorded through the real appointments.attend service on its clinic's form (and the
// referrals through the real referrals service). A Time to Talk programme and a pharmacist BP review
// programme are scripted below and their figures counted by hand: reliable change exactly at and
// just below each threshold, baseline = the first visit recording the measure, follow-up = the latest
// later one, the uninvited left out, referrals by outcome as of the audit date, adherence from the
// first visit only; then the summary's breakdowns, the workbooks and the command line's JSON.
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAuditWorkbook } from '../../src/main/audit/audit-export'
import { auditSummary } from '../../src/main/audit/audit-service'
import { bookAppointment } from '../../src/main/clinics/booking'
import { createClinic } from '../../src/main/clinics/clinic-sessions'
import { attendAppointment, type VisitInput } from '../../src/main/clinics/visits'
import { documentPath } from '../../src/main/documents/document-store'
import { listLocalServices } from '../../src/main/local-services/local-services'
import { createReferral, setReferralOutcome } from '../../src/main/local-services/referrals'
import type { ServiceContext } from '../../src/main/context'
import { auditSeeder } from '../support/audit-seeder'
import { validNhsNumber } from '../support/export-text'
import { runCliCaptured, runCliJson } from '../support/run-cli'
import { createTestContext, type TestContext } from '../support/test-context'

const AS_OF = '2026-11-22'

let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext({ now: `${AS_OF}T10:00:00Z` })
})
afterEach(() => ctx.cleanup())

/** The services as they run on `day` (a visit is recorded on its clinic's day). */
const on = (day: string): ServiceContext => ({ ...ctx, now: () => new Date(`${day}T12:00:00Z`) })

type TimeToTalk = Extract<VisitInput, { form: 'time-to-talk' }>
type BpReview = Extract<VisitInput, { form: 'bp-review' }>

/** A PHQ-9 entered as a total (item 9 must still be answered: here "not at all"). */
const phq9 = (total: number) => ({ items: [null, null, null, null, null, null, null, null, 0], total })
const ttt = (over: Partial<TimeToTalk> = {}): VisitInput => ({ form: 'time-to-talk', concerns: ['low-mood'], ...over })
const bpReview = (over: Partial<BpReview> = {}): VisitInput => ({ form: 'bp-review', readings: [{ systolic: 150, diastolic: 92 }], ...over })

function scripted() {
  const s = auditSeeder(ctx)
  const talk = s.programme('Time to Talk', 'time-to-talk')
  const bp = s.programme('Pharmacist BP review', 'hypertension-black-african-caribbean')
  let n = 0
  const patient = (family: string, sex = 'F') => {
    const id = s.patient({ family, sex })
    const nhsNumber = validNhsNumber(500 + 10 * n++)
    ctx.db.prepare('UPDATE patients SET nhs_number = ? WHERE id = ?').run(nhsNumber, id)
    return { id, nhsNumber }
  }
  const clinics = new Map<string, number>()
  const clinic = (type: string, date: string, programmeId: number) => {
    const key = `${type} ${date}`
    let id = clinics.get(key)
    if (id === undefined) {
      id = createClinic(on(date), { type, date, start: '09:00', slots: 20, slotMinutes: 20, programmeId }).clinicId
      clinics.set(key, id)
    }
    return id
  }
  /** Books and records the visit on the clinic's day, through the real services. */
  const visit = (who: { nhsNumber: string }, type: string, date: string, programmeId: number, record: VisitInput) => {
    const { appointmentId } = bookAppointment(on(date), { clinicId: clinic(type, date, programmeId), nhsNumber: who.nhsNumber })
    return { appointmentId, result: attendAppointment(on(date), { appointmentId, visit: record }) }
  }
  const legacyVisit = (who: { nhsNumber: string }, date: string, programmeId: number) => {
    const { appointmentId } = bookAppointment(on(date), { clinicId: clinic('Pharmacist BP clinic', date, programmeId), nhsNumber: who.nhsNumber })
    attendAppointment(on(date), { appointmentId, readings: [{ systolic: 148, diastolic: 90 }] })
  }
  const serviceId = (name: string) => {
    const found = listLocalServices(ctx).find((x) => x.name === name)
    if (!found) throw new Error(`no service ${name}`)
    return found.serviceId
  }
  const talkingTherapies = serviceId('NHS Talking Therapies')
  const socialPrescribing = serviceId('Social prescribing link worker (GP-based)')
  const navigation = serviceId('Community navigation service')

  // --- Time to Talk ------------------------------------------------------------------------------
  const [a, b, c, d, e, f, g] = ['Adeyemi', 'Brown', 'Clarke', 'Dube', 'Evans', 'Fofana', 'Green'].map((x, i) => patient(x, i % 2 === 0 ? 'F' : 'M'))
  if (!a || !b || !c || !d || !e || !f || !g) throw new Error('seven patients')
  const talkSnapshot = s.snapshot(
    talk,
    '2026-09-01',
    [a, b, c, d, e, f, g].map((p) => p.id)
  )
  for (const p of [a, b, c, d, e, f]) s.invite(talkSnapshot, p.id, 1, '2026-09-02')
  const T = 'Time to Talk'

  // A: PHQ-9 16 → 10 (down exactly 6: reliable improvement); GAD-7 12 → 9 (down 3: no reliable change);
  //    ONS4 4/5/4/7 → 6/6/6/5; UCLA-3 7 (lonely) → 5 (not lonely). Referred at the first visit.
  const a1 = visit(a, T, '2026-09-15', talk, {
    ...ttt({ phq9: phq9(16), gad7: { total: 12 }, ons4: { lifeSatisfaction: 4, worthwhile: 5, happiness: 4, anxiety: 7 }, ucla3: { total: 7 } }),
    referrals: [
      { serviceId: talkingTherapies, kind: 'sent' },
      { serviceId: socialPrescribing, kind: 'sent' }
    ]
  })
  visit(
    a,
    T,
    '2026-11-10',
    talk,
    ttt({ phq9: phq9(10), gad7: { total: 9 }, ons4: { lifeSatisfaction: 6, worthwhile: 6, happiness: 6, anxiety: 5 }, ucla3: { total: 5 } })
  )
  const [toTalkingTherapies] = a1.result.visit?.referrals ?? []
  if (!toTalkingTherapies) throw new Error('referral made at the visit')
  setReferralOutcome(on('2026-10-01'), { referralId: toTalkingTherapies.referralId, outcome: 'attended', outcomeOn: '2026-10-01' })

  // B: PHQ-9 5 → 11 → 10: the follow-up is the latest (up 5: no reliable change, though the middle
  //    visit was up 6); GAD-7 3 → 7 (up exactly 4: reliable deterioration), asked at the middle visit only.
  visit(b, T, '2026-09-15', talk, ttt({ phq9: phq9(5), gad7: { total: 3 } }))
  visit(b, T, '2026-10-20', talk, ttt({ phq9: phq9(11), gad7: { total: 7 } }))
  visit(b, T, '2026-11-12', talk, ttt({ phq9: phq9(10) }))

  // C: one visit only (no follow-up); two referrals with outcomes, one recorded after an earlier audit date.
  visit(c, T, '2026-09-15', talk, ttt({ phq9: phq9(20) }))
  const declined = createReferral(on('2026-09-20'), { nhsNumber: c.nhsNumber, serviceId: socialPrescribing, kind: 'sent', programmeId: talk }).referral
  setReferralOutcome(on('2026-10-05'), { referralId: declined.referralId, outcome: 'declined', outcomeOn: '2026-10-05' })
  const accepted = createReferral(on('2026-09-20'), { nhsNumber: c.nhsNumber, serviceId: navigation, kind: 'self-referral', programmeId: talk }).referral
  setReferralOutcome(on('2026-11-20'), { referralId: accepted.referralId, outcome: 'accepted', outcomeOn: '2026-11-20' })

  // D: no questionnaire at the first visit; PHQ-9 12 → 5 from the first visit that asked it (down 7: improved).
  visit(d, T, '2026-09-15', talk, ttt())
  visit(d, T, '2026-10-20', talk, ttt({ phq9: phq9(12) }))
  visit(d, T, '2026-11-12', talk, ttt({ phq9: phq9(5) }))

  // E: UCLA-3 only, 6 → 8 (lonely at both).
  visit(e, T, '2026-09-15', talk, ttt({ ucla3: { items: [2, 2, 2] } }))
  visit(e, T, '2026-11-10', talk, ttt({ ucla3: { items: [3, 3, 2] } }))

  // F: invited, never seen. G: seen twice but never invited by the programme, so not in its outcome.
  visit(g, T, '2026-09-15', talk, ttt({ phq9: phq9(20) }))
  visit(g, T, '2026-11-10', talk, ttt({ phq9: phq9(2) }))

  // --- Pharmacist BP review: adherence at the first visit -----------------------------------------
  const [p, q, r, u, legacy, uninvited] = ['Perry', 'Quaye', 'Reid', 'Usman', 'Legg', 'Unwin'].map((x) => patient(x))
  if (!p || !q || !r || !u || !legacy || !uninvited) throw new Error('six patients')
  const bpSnapshot = s.snapshot(
    bp,
    '2026-09-01',
    [p, q, r, u, legacy, uninvited].map((x) => x.id)
  )
  for (const x of [p, q, r, u, legacy]) s.invite(bpSnapshot, x.id, 1, '2026-09-02')
  const B = 'Pharmacist BP clinic'
  // P stopped (side effects, other) at the first visit; "taking" at the second is not the baseline.
  visit(p, B, '2026-09-16', bp, bpReview({ adherence: { status: 'stopped', reasons: ['side-effects', 'other'], otherReason: 'Ankles swelled' } }))
  visit(p, B, '2026-10-28', bp, bpReview({ adherence: { status: 'taking', reasons: [] }, readings: [{ systolic: 136, diastolic: 84 }] }))
  visit(q, B, '2026-09-16', bp, bpReview({ adherence: { status: 'taking', reasons: [] } }))
  // R was not asked at the first visit: not counted, whatever the second recorded.
  visit(r, B, '2026-09-16', bp, bpReview())
  visit(r, B, '2026-10-28', bp, bpReview({ adherence: { status: 'forgets', reasons: ['forgets'] } }))
  visit(u, B, '2026-09-16', bp, bpReview({ adherence: { status: 'forgets', reasons: ['forgets', 'prescription-cost'] } }))
  // Recorded the old way (no form): no adherence at baseline.
  legacyVisit(legacy, '2026-09-16', bp)
  legacyVisit(legacy, '2026-10-28', bp)
  // Never invited by the programme: not counted.
  visit(uninvited, B, '2026-09-16', bp, bpReview({ adherence: { status: 'not-collected', reasons: ['practical-difficulty'] } }))

  return { talk, bp }
}

const score = (patients: number, meanBaseline: number | null, meanFollowUp: number | null, meanChange: number | null) => ({
  patients,
  meanBaseline,
  meanFollowUp,
  meanChange
})

const expectedWellbeing = {
  // A, B, D and E (C has no follow-up, F no visit, G was never invited).
  patients: 4,
  phq9: { patients: 3, improved: 2, unchanged: 1, worse: 0 },
  gad7: { patients: 2, improved: 0, unchanged: 1, worse: 1 },
  ons4: {
    lifeSatisfaction: score(1, 4, 6, 2),
    worthwhile: score(1, 5, 6, 1),
    happiness: score(1, 4, 6, 2),
    anxiety: score(1, 7, 5, -2)
  },
  ucla3: { ...score(2, 6.5, 6.5, 0), lonelyAtBaseline: 2, lonelyAtFollowUp: 1, noLongerLonely: 1 }
}

const referral = (service: string, counts: Partial<Record<'referred' | 'accepted' | 'attended' | 'declined' | 'unknown' | 'noOutcome', number>>) => ({
  service,
  referred: 0,
  accepted: 0,
  attended: 0,
  declined: 0,
  unknown: 0,
  noOutcome: 0,
  ...counts
})

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}
const rowsOf = (wb: ExcelJS.Workbook, sheet: string) => (wb.getWorksheet(sheet)?.getSheetValues().filter(Boolean) ?? []) as unknown[][]

describe('the wellbeing audit of a Time to Talk programme', () => {
  it('counts reliable change at the thresholds, pairs each measure from its first to its latest visit, and leaves out the uninvited', () => {
    const { talk } = scripted()
    const summary = auditSummary(ctx, { asOf: AS_OF, programmeId: talk })
    expect(summary.wellbeingOutcome).toEqual(expectedWellbeing)
    // No visit of the programme was a BP review, so it has no adherence.
    expect(summary.adherence).toBeNull()
    expect(summary.rules.map((x) => x.measure)).toEqual(expect.arrayContaining(['Wellbeing table', 'PHQ-9 and GAD-7 reliable change', 'Referrals']))
  })

  it('counts the referrals by service and outcome as recorded by the audit date', () => {
    const { talk } = scripted()
    const referrals = auditSummary(ctx, { asOf: AS_OF, programmeId: talk }).referrals
    expect(referrals.map(({ serviceId: _, ...rest }) => rest)).toEqual([
      referral('Community navigation service', { referred: 1, accepted: 1 }),
      referral('NHS Talking Therapies', { referred: 1, attended: 1 }),
      referral('Social prescribing link worker (GP-based)', { referred: 2, declined: 1, noOutcome: 1 })
    ])
    // On 15/11 the acceptance (recorded 20/11) had not happened: no outcome yet. Nothing after the date is seen.
    const earlier = auditSummary(ctx, { asOf: '2026-11-15', programmeId: talk })
    expect(earlier.referrals.find((x) => x.service === 'Community navigation service')).toMatchObject({ referred: 1, accepted: 0, noOutcome: 1 })
    // The follow-ups of 10/11 and 12/11 are not seen on 01/11 either: only B's and D's October visits follow a baseline.
    expect(auditSummary(ctx, { asOf: '2026-11-01', programmeId: talk }).wellbeingOutcome).toMatchObject({
      patients: 1,
      phq9: { patients: 1, improved: 0, unchanged: 0, worse: 1 },
      gad7: { patients: 1, worse: 1 }
    })
  })

  it('gives each equity group its wellbeing counts, the groups adding up to the whole', () => {
    const { talk } = scripted()
    const summary = auditSummary(ctx, { asOf: AS_OF, programmeId: talk })
    for (const breakdown of summary.breakdowns) {
      const groups = breakdown.groups.map((x) => x.wellbeingOutcome)
      expect(groups.every((x) => x !== null)).toBe(true)
      const total = (pick: (w: NonNullable<(typeof groups)[number]>) => number) => groups.reduce((sum, w) => sum + (w ? pick(w) : 0), 0)
      expect([total((w) => w.patients), total((w) => w.phq9.improved), total((w) => w.gad7.worse), total((w) => w.ucla3.noLongerLonely)]).toEqual([4, 2, 1, 1])
    }
    const bySex = summary.breakdowns.find((x) => x.dimension === 'sex')?.groups
    // A (F), B (M), D (M), E (F).
    expect(bySex?.map((x) => [x.group, x.wellbeingOutcome?.patients, x.wellbeingOutcome?.phq9.patients])).toEqual([
      ['Female', 2, 1],
      ['Male', 2, 2]
    ])
  })

  it('writes Wellbeing and Referrals sheets; pseudonymised, their small counts are <5 or withheld and the means of a handful withheld', async () => {
    const { talk } = scripted()
    const file = await exportAuditWorkbook(ctx, { asOf: AS_OF, pseudonymised: false, programmeId: talk })
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    expect(wb.worksheets.map((x) => x.name)).toEqual([
      'Summary',
      'Wellbeing',
      'Referrals',
      'By ethnic group',
      'By age band',
      'By sex',
      'By IMD quintile',
      'By Core20',
      'Patients'
    ])
    const wellbeing = rowsOf(wb, 'Wellbeing')
    const value = (section: string, measure: string) => wellbeing.find((x) => x[1] === section && x[2] === measure)?.slice(3, 5)
    expect(value('Wellbeing table', 'Patients with a baseline and a follow-up score')?.[0]).toBe(4)
    expect(value('PHQ-9 (depression)', 'Reliable improvement')).toEqual([2, 66.7])
    expect(value('GAD-7 (anxiety)', 'Reliable deterioration')).toEqual([1, 50])
    expect(value('ONS4 anxiety', 'Mean change')?.[0]).toBe(-2)
    expect(value('UCLA-3 (loneliness)', 'Mean at baseline')?.[0]).toBe(6.5)
    expect(value('UCLA-3 (loneliness)', 'No longer lonely')).toEqual([1, 50])
    const referrals = rowsOf(wb, 'Referrals')
    expect(referrals.map((x) => x.slice(1, 8))).toEqual([
      ['Service', 'Referred', 'Accepted', 'Attended', 'Declined', 'Outcome not known', 'No outcome recorded'],
      ['Community navigation service', 1, 1, 0, 0, 0, 0],
      ['NHS Talking Therapies', 1, 0, 1, 0, 0, 0],
      ['Social prescribing link worker (GP-based)', 2, 0, 0, 1, 0, 1],
      ['All services', 4, 1, 1, 1, 0, 1]
    ])
    const patients = rowsOf(wb, 'Patients')
    const header = patients[0] ?? []
    const adeyemi = patients.find((x) => String(x[2]).includes('Adeyemi')) ?? []
    expect(['PHQ-9 baseline', 'PHQ-9 follow-up', 'PHQ-9 reliable change'].map((h) => adeyemi[header.indexOf(h)])).toEqual([16, 10, 'Reliable improvement'])
    const bySex = rowsOf(wb, 'By sex')
    const column = (bySex[0] ?? []).indexOf('PHQ-9: reliable improvement')
    expect(bySex.slice(1).map((x) => [x[1], x[column]])).toEqual([
      ['Female', 1],
      ['Male', 1]
    ])

    const shared = await exportAuditWorkbook(ctx, { asOf: AS_OF, pseudonymised: true, programmeId: talk })
    const pwb = await readWorkbook(documentPath(ctx, shared.fileId))
    expect(pwb.worksheets.map((x) => x.name)).toEqual([
      'Summary',
      'Wellbeing',
      'Referrals',
      'By ethnic group',
      'By age band',
      'By sex',
      'By IMD quintile',
      'By Core20'
    ])
    for (const [, section, measure, shown] of rowsOf(pwb, 'Wellbeing').slice(1)) {
      if (String(measure).startsWith('Mean')) expect(shown, `${section} ${measure}`).toSatisfy((x: unknown) => x === 'withheld' || x === null)
      else expect(shown, `${section} ${measure}`).toSatisfy((x: unknown) => x === 0 || x === '<5' || x === 'withheld' || (typeof x === 'number' && x % 5 === 0))
    }
    expect(rowsOf(pwb, 'Wellbeing').find((x) => x[2] === 'Patients with a baseline and a follow-up score')?.[3]).toSatisfy(
      (x: unknown) => x === '<5' || x === 'withheld'
    )
    for (const row of rowsOf(pwb, 'Referrals').slice(1)) {
      for (const shown of row.slice(2, 8))
        expect(shown).toSatisfy((x: unknown) => x === 0 || x === '<5' || x === 'withheld' || (typeof x === 'number' && x % 5 === 0))
    }
    const text = JSON.stringify(rowsOf(pwb, 'Wellbeing')) + JSON.stringify(rowsOf(pwb, 'Referrals'))
    expect(text).not.toMatch(/Adeyemi|Brown|Clarke|999\d{7}/)
  })
})

describe('adherence at baseline of a BP programme', () => {
  it('counts each answer and reason of the first visit only, of invited patients whose first visit asked', async () => {
    const { bp } = scripted()
    const summary = auditSummary(ctx, { asOf: AS_OF, programmeId: bp })
    // P (stopped), Q (taking) and U (forgets); R not asked at the first visit, Legg recorded without a form, Unwin never invited.
    expect(summary.adherence).toEqual({
      patients: 3,
      notTakingAsPrescribed: 2,
      status: { taking: 1, forgets: 1, stopped: 1, 'side-effects': 0, 'not-collected': 0 },
      reasons: { forgets: 1, 'side-effects': 1, 'prescription-cost': 1, 'not-needed': 0, 'practical-difficulty': 0, other: 1 }
    })
    // No questionnaire at its visits and not a wellbeing programme: no wellbeing table; no referrals.
    expect(summary.wellbeingOutcome).toBeNull()
    expect(summary.referrals).toEqual([])
    expect(summary.breakdowns[0]?.groups.reduce((n, x) => n + (x.adherence?.patients ?? 0), 0)).toBe(3)

    const file = await exportAuditWorkbook(ctx, { asOf: AS_OF, pseudonymised: false, programmeId: bp })
    const wb = await readWorkbook(documentPath(ctx, file.fileId))
    expect(wb.worksheets.map((x) => x.name)).toEqual([
      'Summary',
      'Adherence',
      'By ethnic group',
      'By age band',
      'By sex',
      'By IMD quintile',
      'By Core20',
      'Patients'
    ])
    const adherence = rowsOf(wb, 'Adherence')
    const value = (measure: string) => adherence.find((x) => x[2] === measure)?.slice(3, 5)
    expect(value('Patients whose first visit recorded adherence')?.[0]).toBe(3)
    expect(value('Has stopped taking it')).toEqual([1, 33.3])
    expect(value('Cost of the prescription')).toEqual([1, 33.3])
    const patients = rowsOf(wb, 'Patients')
    const header = patients[0] ?? []
    const perry = patients.find((x) => String(x[2]).includes('Perry')) ?? []
    expect(perry[header.indexOf('Adherence at first visit')]).toBe('Has stopped taking it')
    expect(perry[header.indexOf('Reasons given at first visit')]).toBe('Side effects; Other')
  })
})

describe('the whole practice and the command line', () => {
  it('the whole practice has both programmes’ wellbeing and adherence, each patient once', () => {
    scripted()
    const summary = auditSummary(ctx, { asOf: AS_OF })
    expect(summary.wellbeingOutcome).toEqual(expectedWellbeing)
    // The Time to Talk visits asked nothing about medicines; the BP patients are the same five.
    expect(summary.adherence).toMatchObject({ patients: 3, notTakingAsPrescribed: 2 })
    expect(summary.referrals.reduce((n, x) => n + x.referred, 0)).toBe(4)
  })

  it('audit --json adds wellbeingOutcome, adherence and referrals, and the text says them', async () => {
    const { talk, bp } = scripted()
    const db = ctx.databasePath
    const out = await runCliJson(['--db', db, 'audit', '--programme', String(talk), '--as-of', AS_OF])
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['asOf', 'bpOutcome', 'funnel', 'workbook', 'programmes', 'wellbeingOutcome', 'adherence', 'referrals'])
    )
    const wellbeing = out.wellbeingOutcome as Record<string, unknown>
    expect(Object.keys(wellbeing)).toEqual(expect.arrayContaining(['patients', 'phq9', 'gad7', 'ons4', 'ucla3']))
    expect(Object.keys(wellbeing.phq9 as object).sort()).toEqual(['improved', 'patients', 'unchanged', 'worse'])
    expect(wellbeing).toMatchObject({ patients: 4, phq9: { improved: 2, unchanged: 1, worse: 0 }, gad7: { improved: 0, unchanged: 1, worse: 1 } })
    const referrals = out.referrals as Record<string, unknown>[]
    expect(referrals.map((x) => [x.service, x.referred, x.attended])).toEqual([
      ['Community navigation service', 1, 0],
      ['NHS Talking Therapies', 1, 1],
      ['Social prescribing link worker (GP-based)', 2, 0]
    ])
    expect(out.adherence).toBeNull()
    expect((await runCliJson(['--db', db, 'audit', '--programme', String(bp), '--as-of', AS_OF])).adherence).toMatchObject({ patients: 3 })

    const text = await runCliCaptured(['--db', db, 'audit', '--programme', String(talk), '--as-of', AS_OF])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Wellbeing: invited patients with a baseline and a follow-up score: 4')
    expect(text.stdout).toContain('  PHQ-9: 3 with both — reliable improvement 2, no reliable change 1, reliable deterioration 0')
    expect(text.stdout).toContain('  NHS Talking Therapies: referred 1 — accepted 0, attended 1, declined 0, not known 0, no outcome yet 0')
    const whole = await runCliCaptured(['--db', db, 'audit', '--as-of', AS_OF])
    expect(whole.stdout).toMatch(/Adherence at the first visit: 3 asked; not taking as prescribed 2/)
  })
})
