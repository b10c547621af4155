import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../support/test-context'
import { createClinic, getClinic, listClinics } from '../../src/main/clinics/clinic-sessions'
import { bookAppointment } from '../../src/main/clinics/booking'
import { attendAppointment, markDidNotAttend } from '../../src/main/clinics/visits'
import { followUpsDue } from '../../src/main/followups/followup-service'
import { errorOf } from '../support/app-error-of'

function addPatient(ctx: TestContext, nhsNumber: string, given: string, family: string): number {
  const info = ctx.db
    .prepare(`INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES (?, ?, ?, '2026-11-01', '2026-11-01')`)
    .run(nhsNumber, given, family)
  return Number(info.lastInsertRowid)
}

function addImportedReading(ctx: TestContext, patientId: number, takenOn: string, systolic: number, diastolic: number): void {
  ctx.db
    .prepare(
      `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at)
       VALUES (?, ?, ?, ?, 'clinic', 'import', '2026-11-22T09:00:00Z')`
    )
    .run(patientId, takenOn, systolic, diastolic)
}

/** A clinic on `date` with the patient booked into it; returns the appointment id. */
function bookedVisit(ctx: TestContext, date: string, nhsNumber: string): number {
  const { clinicId } = createClinic(ctx, { type: 'Hypertension review', date, start: '14:00', slots: 4, slotMinutes: 20 })
  return bookAppointment(ctx, { clinicId, nhsNumber }).appointmentId
}

function createClinicWithBooking(ctx: TestContext): number {
  const { clinicId } = createClinic(ctx, { type: 'Follow-up', date: '2026-12-01', start: '09:00', slots: 2, slotMinutes: 15 })
  bookAppointment(ctx, { clinicId, nhsNumber: '9990000018' })
  return clinicId
}

describe('clinic visits, did-not-attend and the follow-ups worklist', () => {
  let ctx: TestContext
  let ada: number
  let ben: number
  beforeEach(() => {
    ctx = createTestContext() // today is 2026-11-22
    ada = addPatient(ctx, '9434765919', 'Ada', 'Lovelace')
    ben = addPatient(ctx, '9990000018', 'Ben', 'Okafor')
  })
  afterEach(() => ctx.cleanup())

  it('stores every visit reading and reports the lowest systolic and lowest diastolic as the visit BP', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-20', '9434765919')
    const result = attendAppointment(ctx, {
      appointmentId,
      readings: [
        { systolic: 152, diastolic: 88 },
        { systolic: 146, diastolic: 94 }
      ],
      actions: ['lifestyle-advice', 'home-bp-monitoring'],
      note: 'Second reading after 5 minutes rest'
    })
    expect(result).toEqual({
      status: 'attended',
      bp: { systolic: 146, diastolic: 88, date: '2026-11-20', setting: 'clinic' },
      priority: null,
      followUpDue: '2027-01-01',
      followUpReason: expect.stringMatching(/6 weeks/)
    })
    const stored = ctx.db.prepare('SELECT taken_on, systolic, diastolic, setting, source, appointment_id FROM bp_readings ORDER BY systolic').all()
    expect(stored).toEqual([
      { taken_on: '2026-11-20', systolic: 146, diastolic: 94, setting: 'clinic', source: 'visit', appointment_id: appointmentId },
      { taken_on: '2026-11-20', systolic: 152, diastolic: 88, setting: 'clinic', source: 'visit', appointment_id: appointmentId }
    ])
    const appointment = ctx.db.prepare('SELECT status, actions_json, note, outcome_by FROM appointments WHERE id = ?').get(appointmentId)
    expect(appointment).toEqual({
      status: 'attended',
      actions_json: '["lifestyle-advice","home-bp-monitoring"]',
      note: 'Second reading after 5 minutes rest',
      outcome_by: 'Test Pharmacist'
    })
    const slot = getClinic(ctx, listClinics(ctx)[0]!.clinicId).slots[0]
    expect(slot?.appointment).toMatchObject({ status: 'attended', bp: { systolic: 146, diastolic: 88 }, followUpDue: '2027-01-01' })
  })

  it('stores two identical readings once and still reports that reading as the visit BP', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-22', '9434765919')
    const result = attendAppointment(ctx, {
      appointmentId,
      readings: [
        { systolic: 148, diastolic: 92 },
        { systolic: 148, diastolic: 92 }
      ]
    })
    expect(result.bp).toMatchObject({ systolic: 148, diastolic: 92 })
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings').get()).toEqual({ n: 1 })
  })

  it('refuses to record a visit or a did-not-attend before the clinic day, with a clear message, and changes nothing', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-23', '9434765919') // tomorrow
    const attend = errorOf(() => attendAppointment(ctx, { appointmentId, readings: [{ systolic: 150, diastolic: 90 }] }))
    expect(attend.code).toBe('invalid_input')
    expect(attend.message).toBe(
      `Appointment ${appointmentId}: The Hypertension review clinic on 23 November 2026 has not happened yet (today is 22 November 2026): record the visit or a did-not-attend on or after the clinic day`
    )
    expect(errorOf(() => markDidNotAttend(ctx, { appointmentId })).message).toMatch(/has not happened yet/)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings').get()).toEqual({ n: 0 })
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM follow_ups').get()).toEqual({ n: 0 })
    expect(ctx.db.prepare('SELECT status FROM appointments WHERE id = ?').get(appointmentId)).toEqual({ status: 'booked' })
    // On the day itself it is recorded.
    const today = bookedVisit(ctx, '2026-11-22', '9990000018')
    expect(attendAppointment(ctx, { appointmentId: today, readings: [{ systolic: 150, diastolic: 90 }] }).status).toBe('attended')
  })

  it('shows the visit’s actions and note back in the clinic’s slots', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-20', '9434765919')
    attendAppointment(ctx, {
      appointmentId,
      readings: [{ systolic: 150, diastolic: 90 }],
      actions: ['medication-change', 'home-bp-monitoring', 'referral'],
      note: 'Amlodipine 5 mg started; home monitor lent.'
    })
    const clinicId = (ctx.db.prepare('SELECT clinic_id FROM appointments WHERE id = ?').get(appointmentId) as { clinic_id: number }).clinic_id
    const shown = getClinic(ctx, clinicId).slots[0]?.appointment
    expect(shown).toMatchObject({
      status: 'attended',
      actions: ['medication-change', 'home-bp-monitoring', 'referral'],
      note: 'Amlodipine 5 mg started; home monitor lent.'
    })
    const booked = getClinic(ctx, createClinicWithBooking(ctx)).slots[0]?.appointment
    expect(booked).toMatchObject({ status: 'booked', actions: [], note: null })
  })

  it('proposes review within 7 days and reports P1 when the visit BP is severe', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-22', '9434765919')
    const result = attendAppointment(ctx, { appointmentId, readings: [{ systolic: 186, diastolic: 104 }] })
    expect(result.priority).toBe('P1')
    expect(result.followUpDue).toBe('2026-11-29')
    expect(result.followUpReason).toMatch(/NICE NG136 1\.5\.1/)
    expect(ctx.db.prepare('SELECT due_on, status FROM follow_ups').all()).toEqual([{ due_on: '2026-11-29', status: 'due' }])
  })

  it('is not severe when only one of two readings is severe and the lower ones are not', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-22', '9434765919')
    const result = attendAppointment(ctx, {
      appointmentId,
      readings: [
        { systolic: 184, diastolic: 102 },
        { systolic: 168, diastolic: 98 }
      ]
    })
    expect(result.bp).toMatchObject({ systolic: 168, diastolic: 98 })
    expect(result.priority).toBe('P2')
    expect(result.followUpDue).toBe('2027-01-03')
  })

  it('records a did-not-attend with no BP and no follow-up, and counts it on the clinic', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-21', '9990000018')
    expect(markDidNotAttend(ctx, { appointmentId })).toEqual({
      status: 'did-not-attend',
      bp: null,
      priority: null,
      followUpDue: null,
      followUpReason: null
    })
    expect(listClinics(ctx)[0]).toMatchObject({ booked: 1, attended: 0, didNotAttend: 1 })
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM follow_ups').get()).toEqual({ n: 0 })
  })

  it('refuses to record an outcome twice, and writes nothing the second time', () => {
    const attended = bookedVisit(ctx, '2026-11-22', '9434765919')
    attendAppointment(ctx, { appointmentId: attended, readings: [{ systolic: 150, diastolic: 90 }] })
    expect(errorOf(() => attendAppointment(ctx, { appointmentId: attended, readings: [{ systolic: 130, diastolic: 80 }] })).code).toBe('conflict')
    expect(errorOf(() => markDidNotAttend(ctx, { appointmentId: attended })).code).toBe('conflict')
    const dna = bookedVisit(ctx, '2026-11-22', '9990000018')
    markDidNotAttend(ctx, { appointmentId: dna })
    expect(errorOf(() => attendAppointment(ctx, { appointmentId: dna, readings: [{ systolic: 130, diastolic: 80 }] })).code).toBe('conflict')
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings').get()).toEqual({ n: 1 })
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM follow_ups').get()).toEqual({ n: 1 })
  })

  it('refuses a reading whose systolic is not above its diastolic, naming the reading', () => {
    const appointmentId = bookedVisit(ctx, '2026-11-22', '9434765919')
    const error = errorOf(() =>
      attendAppointment(ctx, {
        appointmentId,
        readings: [
          { systolic: 140, diastolic: 90 },
          { systolic: 80, diastolic: 120 }
        ]
      })
    )
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/readings\[1\]/)
    expect(ctx.db.prepare('SELECT status FROM appointments WHERE id = ?').get(appointmentId)).toEqual({ status: 'booked' })
  })

  it('lists follow-ups due within the week, soonest first, flagging the overdue ones', () => {
    // Ada: severe on 2026-11-12 → due 2026-11-19 (overdue on 2026-11-22).
    attendAppointment(ctx, { appointmentId: bookedVisit(ctx, '2026-11-12', '9434765919'), readings: [{ systolic: 190, diastolic: 100 }] })
    // Ben: routine on 2026-10-17 → due 2026-11-28 (due this week).
    attendAppointment(ctx, { appointmentId: bookedVisit(ctx, '2026-10-17', '9990000018'), readings: [{ systolic: 150, diastolic: 92 }] })
    const carol = addPatient(ctx, '9990000026', 'Carol', 'Jones')
    // Carol: routine on 2026-10-20 → due 2026-12-01, beyond the week.
    attendAppointment(ctx, { appointmentId: bookedVisit(ctx, '2026-10-20', '9990000026'), readings: [{ systolic: 150, diastolic: 92 }] })

    const { asOf, due } = followUpsDue(ctx, {})
    expect(asOf).toBe('2026-11-22')
    expect(due.map((d) => [d.patientId, d.nhsNumber, d.name, d.dueOn, d.overdue])).toEqual([
      [ada, '9434765919', 'Ada Lovelace', '2026-11-19', true],
      [ben, '9990000018', 'Ben Okafor', '2026-11-28', false]
    ])
    expect(due[0]?.reason).toMatch(/NICE NG136 1\.5\.1/)
    expect(followUpsDue(ctx, { asOf: '2026-11-24' }).due.map((d) => d.patientId)).toEqual([ada, ben, carol])
  })

  it('closes a follow-up when a later reading arrives from an import, but not for a reading on the visit day', () => {
    attendAppointment(ctx, { appointmentId: bookedVisit(ctx, '2026-11-12', '9434765919'), readings: [{ systolic: 190, diastolic: 100 }] })
    addImportedReading(ctx, ada, '2026-11-12', 188, 101)
    expect(followUpsDue(ctx).due.map((d) => d.patientId)).toEqual([ada])

    addImportedReading(ctx, ada, '2026-11-18', 162, 96)
    expect(followUpsDue(ctx).due).toEqual([])
    // As of a date before that reading was taken, the follow-up was still open.
    expect(followUpsDue(ctx, { asOf: '2026-11-17' }).due.map((d) => d.patientId)).toEqual([ada])
  })

  it('marks an earlier follow-up done when the patient attends a later clinic, and proposes the next one', () => {
    attendAppointment(ctx, { appointmentId: bookedVisit(ctx, '2026-10-01', '9434765919'), readings: [{ systolic: 158, diastolic: 92 }] })
    const second = attendAppointment(ctx, {
      appointmentId: bookedVisit(ctx, '2026-11-10', '9434765919'),
      readings: [{ systolic: 144, diastolic: 86 }]
    })
    expect(ctx.db.prepare('SELECT due_on, status FROM follow_ups ORDER BY id').all()).toEqual([
      { due_on: '2026-11-12', status: 'done' },
      { due_on: second.followUpDue, status: 'due' }
    ])
    expect(followUpsDue(ctx, { asOf: '2026-12-20' }).due.map((d) => d.dueOn)).toEqual(['2026-12-22'])
  })
})
