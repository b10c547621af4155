// The visit on its clinic's form through the real services on a real database: a Time to Talk
// review (no BP needed, questionnaires scored and stored one row per score, PHQ-9 item 9 above 0
// flagged and logged), a BP review (a reading needed unless declined, non-adherence and a medicine
// change kept, the old action ticks set from the record), referrals made in the same transaction,
// register conditions confirmed, every refusal naming its field, and the record read back with the
// appointment. Visits recorded the old way keep working and read back as BP reviews.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listActivity } from '../../src/main/activity-log'
import { bookAppointment } from '../../src/main/clinics/booking'
import { createClinic, getClinic } from '../../src/main/clinics/clinic-sessions'
import { visitContext } from '../../src/main/clinics/visit-context'
import { attendAppointment, type VisitInput } from '../../src/main/clinics/visits'
import { setContactPreferences } from '../../src/main/invitations/contact-preferences-store'
import { dispatch } from '../../src/main/dispatch'
import { listLocalServices, saveLocalService } from '../../src/main/local-services/local-services'
import { createProgramme } from '../../src/main/programmes/programmes'
import { createServices } from '../../src/main/services'
import { errorOf } from '../support/app-error-of'
import { cohortSeeder } from '../support/cohort-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
const seed = cohortSeeder(() => ctx.db)
let kwame: number

beforeEach(() => {
  ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  kwame = seed.addPatient('9434765919', { given: 'Kwame', family: 'Mensah', dob: '1960-01-01' })
  seed.addPatient('9434765870', { given: 'Grace', family: 'Campbell', dob: '1955-05-05' })
  seed.addEvent(kwame, '2015-03-01', 'HYP', '59621000', 'Essential hypertension')
  seed.addEvent(kwame, '2019-06-01', 'DM', '44054006', 'Type 2 diabetes mellitus')
})
afterEach(() => ctx.cleanup())

function booked(type: string, nhsNumber = '9434765919', date = '2026-11-22', programmeId?: number): number {
  const { clinicId } = createClinic(ctx, { type, date, start: '09:00', slots: 4, slotMinutes: 30, ...(programmeId ? { programmeId } : {}) })
  return bookAppointment(ctx, { clinicId, nhsNumber }).appointmentId
}

const serviceId = (name: string) => {
  const found = listLocalServices(ctx).find((s) => s.name === name)
  if (!found) throw new Error(`no service ${name}`)
  return found.serviceId
}

const timeToTalk = (over: Partial<Extract<VisitInput, { form: 'time-to-talk' }>> = {}): VisitInput => ({
  form: 'time-to-talk',
  concerns: ['low-mood', 'loneliness'],
  phq9: { items: [2, 2, 1, 2, 1, 1, 1, 1, 0] },
  gad7: { total: 8 },
  ons4: { lifeSatisfaction: 4, worthwhile: 6, happiness: 5, anxiety: 7 },
  ucla3: { items: [3, 2, 2] },
  agreedPlan: 'Try the walking group on Tuesdays. Call Talking Therapies this week.',
  ...over
})

const bpReview = (over: Partial<Extract<VisitInput, { form: 'bp-review' }>> = {}): VisitInput => ({
  form: 'bp-review',
  readings: [
    { systolic: 158, diastolic: 96 },
    { systolic: 152, diastolic: 98 }
  ],
  adherence: { status: 'stopped', reasons: ['side-effects', 'other'], otherReason: 'Ankles swelled on amlodipine' },
  medicineChanges: [{ kind: 'switched', drug: 'amlodipine to lercanidipine 10 mg' }],
  homeBpMonitoring: 'started',
  mecc: { smoking: 'declined', 'physical-activity': 'given' },
  ...over
})

const count = (table: string) => ctx.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()

describe('a Time to Talk review', () => {
  it('needs no BP, scores each questionnaire with its band, stores one row per score and reads the record back with the appointment', () => {
    const appointmentId = booked('Time to Talk')
    const result = attendAppointment(ctx, { appointmentId, visit: timeToTalk(), note: 'Lives alone since June.' })

    expect(result).toMatchObject({ status: 'attended', bp: null, priority: null, followUpDue: '2027-01-03' })
    expect(result.visit).toMatchObject({ form: 'time-to-talk', riskPrompt: false, riskPromptText: null, referrals: [], warnings: [] })
    expect(result.visit?.scores.map((s) => [s.measure, s.score, s.bandLabel])).toEqual([
      ['phq9', 11, 'Moderate'],
      ['gad7', 8, 'Mild'],
      ['ons4-life-satisfaction', 4, 'Low'],
      ['ons4-worthwhile', 6, 'Medium'],
      ['ons4-happiness', 5, 'Medium'],
      ['ons4-anxiety', 7, 'High'],
      ['ucla3', 7, 'Lonely (6–9)']
    ])
    expect(count('bp_readings')).toBe(0)

    // Set-based, as an audit would read them.
    expect(
      ctx.db.prepare('SELECT measure, score, band, items_json, entered_as FROM visit_measures WHERE appointment_id = ? ORDER BY id').all(appointmentId)
    ).toEqual([
      { measure: 'phq9', score: 11, band: 'moderate', items_json: '[2,2,1,2,1,1,1,1,0]', entered_as: 'items' },
      { measure: 'gad7', score: 8, band: 'mild', items_json: null, entered_as: 'total' },
      { measure: 'ons4-life-satisfaction', score: 4, band: 'low', items_json: null, entered_as: 'answer' },
      { measure: 'ons4-worthwhile', score: 6, band: 'medium', items_json: null, entered_as: 'answer' },
      { measure: 'ons4-happiness', score: 5, band: 'medium', items_json: null, entered_as: 'answer' },
      { measure: 'ons4-anxiety', score: 7, band: 'high', items_json: null, entered_as: 'answer' },
      { measure: 'ucla3', score: 7, band: 'lonely', items_json: '[3,2,2]', entered_as: 'items' }
    ])
    expect(ctx.db.prepare('SELECT form, risk_prompt, recorded_by FROM visit_records WHERE appointment_id = ?').get(appointmentId)).toEqual({
      form: 'time-to-talk',
      risk_prompt: 0,
      recorded_by: 'Test Pharmacist'
    })

    const clinicId = ctx.db.prepare('SELECT clinic_id FROM appointments WHERE id = ?').pluck().get(appointmentId) as number
    const shown = getClinic(ctx, clinicId).slots[0]?.appointment
    expect(shown).toMatchObject({ status: 'attended', note: 'Lives alone since June.', bp: null, followUpDue: '2027-01-03' })
    expect(shown?.visit).toMatchObject({
      recordId: result.visit?.recordId,
      form: 'time-to-talk',
      formLabel: 'Time to Talk review',
      riskPrompt: false,
      recordedBy: 'Test Pharmacist',
      record: { form: 'time-to-talk', concerns: ['low-mood', 'loneliness'], gad7: { total: 8 }, agreedPlan: expect.stringContaining('walking group') }
    })
    expect(shown?.visit?.scores).toEqual(result.visit?.scores)
    expect(listActivity(ctx.db, 1)[0]?.summary).toBe(
      'Recorded the visit of 943 476 5919 (Time to Talk clinic 22 Nov 2026) on the Time to Talk form: 0 reading(s), PHQ-9 11 (Moderate), GAD-7 8 (Mild), ' +
        'ONS4 life satisfaction 4 (Low), ONS4 worthwhile 6 (Medium), ONS4 happiness 5 (Medium), ONS4 anxiety 7 (High), UCLA-3 7 (Lonely (6–9)), follow-up due 3 Jan 2027'
    )
  })

  it('flags PHQ-9 item 9 above 0 in the output, the stored record and the activity log', () => {
    const appointmentId = booked('Time to Talk')
    const result = attendAppointment(ctx, {
      appointmentId,
      visit: timeToTalk({ phq9: { items: [null, null, null, null, null, null, null, null, 1], total: 14 } })
    })
    expect(result.visit?.riskPrompt).toBe(true)
    expect(result.visit?.riskPromptText).toMatch(/^PHQ-9 item 9 .* was answered “Several days”\. Assess the risk today, before the patient leaves/)
    expect(result.visit?.scores[0]).toMatchObject({
      measure: 'phq9',
      score: 14,
      bandLabel: 'Moderate',
      enteredAs: 'total',
      items: [null, null, null, null, null, null, null, null, 1]
    })
    expect(ctx.db.prepare('SELECT risk_prompt FROM visit_records WHERE appointment_id = ?').pluck().get(appointmentId)).toBe(1)
    const logged = ctx.db.prepare("SELECT user_name, summary, details_json FROM activity_log WHERE action = 'visits.riskPrompt'").all() as {
      user_name: string
      summary: string
      details_json: string
    }[]
    expect(logged).toHaveLength(1)
    expect(logged[0]?.summary).toBe(
      'PHQ-9 item 9 answered above 0 at the visit of 943 476 5919 (Time to Talk clinic 22 Nov 2026): the same-day risk assessment was prompted'
    )
    expect(logged[0]?.user_name).toBe('Test Pharmacist')
    expect(JSON.parse(logged[0]?.details_json ?? '{}')).toMatchObject({ appointmentId, item9: 1 })
  })

  it('refuses a PHQ-9 total without item 9, naming the field, and writes nothing', () => {
    const appointmentId = booked('Time to Talk')
    const error = errorOf(() => attendAppointment(ctx, { appointmentId, visit: timeToTalk({ phq9: { total: 12 } }) }))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/^phq9\.items\[8\]: PHQ-9 item 9 .* is not answered/)
    expect(error.details).toMatchObject({ field: 'phq9.items[8]', riskPrompt: false })
    expect([count('visit_records'), count('visit_measures'), count('follow_ups')]).toEqual([0, 0, 0])
    expect(ctx.db.prepare('SELECT status FROM appointments WHERE id = ?').pluck().get(appointmentId)).toBe('booked')
  })

  it('still says a refused record needs a same-day risk assessment when item 9 is above 0', () => {
    const appointmentId = booked('Time to Talk')
    const error = errorOf(() =>
      attendAppointment(ctx, { appointmentId, visit: timeToTalk({ phq9: { items: [0, 0, 0, 0, 0, 0, 0, 0, 2] }, gad7: { total: 30 } }) })
    )
    expect(error.message).toMatch(/^gad7\.total: GAD-7 total 30 is outside 0–21/)
    expect(error.message).toMatch(/Same-day risk: PHQ-9 item 9 .* “More than half the days”/)
    expect(error.details).toMatchObject({ field: 'gad7.total', riskPrompt: true })
    expect(count('visit_records')).toBe(0)
  })

  it('lists every problem of a record, the first in the message', () => {
    const appointmentId = booked('Time to Talk')
    const error = errorOf(() =>
      attendAppointment(ctx, { appointmentId, visit: timeToTalk({ ons4: { lifeSatisfaction: 11 }, ucla3: { items: [0, 2, 2] }, concerns: ['other'] }) })
    )
    expect(error.message).toMatch(/^otherConcern: Concern “Something else” is chosen/)
    expect(error.message).toMatch(/\(and 2 more: ons4\.lifeSatisfaction, ucla3\.items\[0\]\)/)
    expect((error.details as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual([
      'otherConcern',
      'ons4.lifeSatisfaction',
      'ucla3.items[0]'
    ])
  })

  it('refuses the BP review form at a Time to Talk clinic, and the other way round', () => {
    expect(errorOf(() => attendAppointment(ctx, { appointmentId: booked('Time to Talk'), visit: bpReview() })).message).toBe(
      'form: A Time to Talk clinic uses the Time to Talk review form, but this record is a BP review.'
    )
    expect(errorOf(() => attendAppointment(ctx, { appointmentId: booked('Hypertension review', '9434765870'), visit: timeToTalk() })).message).toMatch(
      /^form: A Hypertension review clinic uses the BP review form/
    )
  })
})

describe('a BP review', () => {
  it('needs a reading unless the patient declined, naming the field', () => {
    const appointmentId = booked('Pharmacist BP clinic')
    expect(errorOf(() => attendAppointment(ctx, { appointmentId, visit: bpReview({ readings: [] }) })).message).toBe(
      'readings: A BP review needs at least one BP reading; record one, or record that the patient declined.'
    )
    expect(errorOf(() => attendAppointment(ctx, { appointmentId, visit: bpReview({ bpDeclined: true }) })).message).toMatch(/^bpDeclined: /)
    expect(errorOf(() => attendAppointment(ctx, { appointmentId, visit: bpReview({ readings: [{ systolic: 90, diastolic: 150 }] }) })).message).toMatch(
      /^readings\[0\]: BP reading 1: .*systolic must be higher than diastolic/
    )
    const declined = attendAppointment(ctx, { appointmentId, visit: bpReview({ readings: [], bpDeclined: true }) })
    expect(declined).toMatchObject({ status: 'attended', bp: null, visit: { form: 'bp-review', scores: [] } })
  })

  it('keeps non-adherence with its reasons, the medicine changed, home monitoring and MECC, and sets the old ticks from them', () => {
    const appointmentId = booked('Pharmacist BP clinic')
    const result = attendAppointment(ctx, { appointmentId, visit: bpReview({ conditionsConfirmed: ['HYP'] }), note: 'Swapped for ankle swelling.' })
    expect(result).toMatchObject({ status: 'attended', bp: { systolic: 152, diastolic: 96 }, priority: null, visit: { form: 'bp-review', scores: [] } })
    expect(ctx.db.prepare('SELECT actions_json, note FROM appointments WHERE id = ?').get(appointmentId)).toEqual({
      actions_json: '["medication-change","lifestyle-advice","home-bp-monitoring"]',
      note: 'Swapped for ankle swelling.'
    })
    const clinicId = ctx.db.prepare('SELECT clinic_id FROM appointments WHERE id = ?').pluck().get(appointmentId) as number
    const shown = getClinic(ctx, clinicId).slots[0]?.appointment
    expect(shown?.actions).toEqual(['medication-change', 'lifestyle-advice', 'home-bp-monitoring'])
    expect(shown?.visit?.record).toEqual({
      form: 'bp-review',
      readings: [
        { systolic: 158, diastolic: 96 },
        { systolic: 152, diastolic: 98 }
      ],
      bpDeclined: false,
      adherence: { status: 'stopped', reasons: ['side-effects', 'other'], otherReason: 'Ankles swelled on amlodipine' },
      medicineChanges: [{ kind: 'switched', drug: 'amlodipine to lercanidipine 10 mg' }],
      homeBpMonitoring: 'started',
      mecc: { smoking: 'declined', 'physical-activity': 'given' },
      conditionsConfirmed: ['HYP'],
      agreedPlan: ''
    })
    // The conditions the form showed are kept, confirmed or not.
    expect(shown?.visit?.conditions).toEqual([
      { concept: 'HYP', name: 'Hypertension', confirmed: true },
      { concept: 'DM', name: 'Diabetes', confirmed: false }
    ])
  })

  it('refuses an adherence reason beside "taking as prescribed", and a condition not on the patient’s registers', () => {
    const appointmentId = booked('Pharmacist BP clinic')
    expect(
      errorOf(() => attendAppointment(ctx, { appointmentId, visit: bpReview({ adherence: { status: 'taking', reasons: ['forgets'] } }) })).message
    ).toMatch(/^adherence\.reasons: Reasons for not taking medicines are given, but adherence says “Taking as prescribed”/)
    expect(errorOf(() => attendAppointment(ctx, { appointmentId, visit: bpReview({ conditionsConfirmed: ['COPD'] }) })).message).toBe(
      'conditionsConfirmed[0]: “COPD” is not one of the patient’s register conditions on 22 Nov 2026 (Hypertension, Diabetes); confirm only conditions on their registers.'
    )
  })
})

describe('referrals made at the visit', () => {
  it('are made in the same transaction through the referrals service, for the visit’s programme, with its warnings', () => {
    const programme = createProgramme(ctx, { name: 'Time to Talk 2026', definition: 'time-to-talk' })
    const appointmentId = booked('Time to Talk', '9434765919', '2026-11-20', programme.programmeId)
    const result = attendAppointment(ctx, {
      appointmentId,
      visit: timeToTalk({
        referrals: [
          { serviceId: serviceId('NHS Talking Therapies'), kind: 'self-referral' },
          { serviceId: serviceId('Social prescribing link worker (GP-based)'), kind: 'sent', note: 'Lonely since retiring' }
        ]
      })
    })
    expect(result.visit?.referrals.map((r) => [r.service, r.kind, r.appointmentId, r.programmeId, r.referredOn])).toEqual([
      ['NHS Talking Therapies', 'self-referral', appointmentId, programme.programmeId, '2026-11-20'],
      ['Social prescribing link worker (GP-based)', 'sent', appointmentId, programme.programmeId, '2026-11-20']
    ])
    expect(result.visit?.warnings).toEqual([
      expect.stringMatching(/^NHS Talking Therapies is a shipped example/),
      'Social prescribing link worker (GP-based) has no contact details: patients cannot be told how to reach it. Add a phone number, web address or address.',
      expect.stringMatching(/^Social prescribing link worker \(GP-based\) is a shipped example/)
    ])
    expect(ctx.db.prepare('SELECT actions_json FROM appointments WHERE id = ?').pluck().get(appointmentId)).toBe('["referral"]')
    const clinicId = ctx.db.prepare('SELECT clinic_id FROM appointments WHERE id = ?').pluck().get(appointmentId) as number
    expect(getClinic(ctx, clinicId).slots[0]?.appointment?.visit?.referrals.map((r) => r.service)).toEqual([
      'NHS Talking Therapies',
      'Social prescribing link worker (GP-based)'
    ])
  })

  it('refuses the whole visit when a referral is refused, naming that referral', () => {
    const selfOnly = saveLocalService(ctx, {
      name: 'Hackney Carers Centre',
      category: 'carers',
      selfReferral: true,
      practiceReferral: false,
      phone: '020 7946 0123'
    })
    const appointmentId = booked('Time to Talk')
    const error = errorOf(() =>
      attendAppointment(ctx, {
        appointmentId,
        visit: timeToTalk({
          referrals: [
            { serviceId: serviceId('NHS Talking Therapies'), kind: 'self-referral' },
            { serviceId: selfOnly.serviceId, kind: 'sent' }
          ]
        })
      })
    )
    expect(error.message).toBe(
      'referrals[1].kind: Hackney Carers Centre does not take referrals from the practice: signpost the patient to refer themselves, or edit the service if that has changed'
    )
    expect(error.details).toMatchObject({ field: 'referrals[1].kind' })
    expect([count('referrals'), count('visit_records'), count('follow_ups')]).toEqual([0, 0, 0])
    expect(ctx.db.prepare('SELECT status FROM appointments WHERE id = ?').pluck().get(appointmentId)).toBe('booked')
  })
})

describe('the visit form’s context, the contract, and visits recorded the old way', () => {
  it('gives the form the clinic’s type uses, what it requires, the register conditions and large print', () => {
    const appointmentId = booked('Time to Talk')
    setContactPreferences(ctx, { nhsNumber: '9434765919', smsDeclined: false, largePrint: true, preferredChannel: 'letter' })
    expect(visitContext(ctx, appointmentId)).toEqual({
      appointmentId,
      status: 'booked',
      clinicId: expect.any(Number),
      clinicType: 'Time to Talk',
      clinicDate: '2026-11-22',
      form: 'time-to-talk',
      formLabel: 'Time to Talk review',
      requires: 'No BP is needed. Each questionnaire recorded must be complete; PHQ-9 item 9 must be answered.',
      needsBp: false,
      patient: { nhsNumber: '9434765919', name: 'Kwame Mensah' },
      conditions: [
        { concept: 'HYP', name: 'Hypertension', since: '2015-03-01', matchedByTerm: false },
        { concept: 'DM', name: 'Diabetes', since: '2019-06-01', matchedByTerm: false }
      ],
      largePrint: true
    })
    expect(visitContext(ctx, booked('Follow-up', '9434765870'))).toMatchObject({ form: 'bp-review', needsBp: true, conditions: [], largePrint: false })
    expect(errorOf(() => visitContext(ctx, 999)).message).toBe('No appointment with id 999')
  })

  it('refuses through the contract a visit with readings beside it, and a visit with neither', async () => {
    const services = createServices(ctx)
    const appointmentId = booked('Time to Talk')
    const both = await dispatch(services, 'appointments.attend', { appointmentId, readings: [{ systolic: 150, diastolic: 90 }], visit: timeToTalk() })
    expect(both).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/readings: a visit sent on its form carries its readings inside it/) }
    })
    const neither = await dispatch(services, 'appointments.attend', { appointmentId })
    expect(neither).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/readings: record at least one BP reading, or send the visit on its form/) }
    })
    const typo = await dispatch(services, 'appointments.attend', { appointmentId, visit: { ...timeToTalk(), phq: { total: 3 } } })
    expect(typo).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/visit/) } })
    const ok = await dispatch(services, 'appointments.attend', { appointmentId, visit: timeToTalk() })
    expect(ok).toMatchObject({ ok: true, value: { status: 'attended', visit: { form: 'time-to-talk' } } })
  })

  it('records a visit the old way (readings, ticks, note) with no record, read back as a BP review with its actions', () => {
    const appointmentId = booked('Time to Talk')
    const result = attendAppointment(ctx, { appointmentId, readings: [{ systolic: 150, diastolic: 90 }], actions: ['referral'], note: 'Old way' })
    expect(result.visit).toBeUndefined()
    expect(count('visit_records')).toBe(0)
    const clinicId = ctx.db.prepare('SELECT clinic_id FROM appointments WHERE id = ?').pluck().get(appointmentId) as number
    expect(getClinic(ctx, clinicId).slots[0]?.appointment).toMatchObject({
      actions: ['referral'],
      note: 'Old way',
      visit: { recordId: null, form: 'bp-review', record: null, scores: [] }
    })
  })
})
