import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../support/test-context'
import { createClinic, getClinic, listClinics } from '../../src/main/clinics/clinic-sessions'
import { bookAppointment } from '../../src/main/clinics/booking'
import { errorOf } from '../support/app-error-of'

function addPatient(ctx: TestContext, nhsNumber: string, given: string, family: string): number {
  const info = ctx.db
    .prepare(`INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES (?, ?, ?, '2026-11-01', '2026-11-01')`)
    .run(nhsNumber, given, family)
  return Number(info.lastInsertRowid)
}

const clinicInput = { type: 'Hypertension review', date: '2026-11-25', start: '09:00', slots: 3, slotMinutes: 15, clinician: 'Pharmacist A' }

describe('clinic sessions and booking', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext()
    addPatient(ctx, '9434765919', 'Ada', 'Lovelace')
    addPatient(ctx, '9990000018', 'Ben', 'Okafor')
    addPatient(ctx, '9990000026', 'Chitra', 'Patel')
    addPatient(ctx, '9990000034', 'Dan', 'Smith')
  })
  afterEach(() => ctx.cleanup())

  it('creates a clinic whose slots start one slot length apart, and logs it', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    const detail = getClinic(ctx, clinicId)
    expect(detail.clinic).toMatchObject({ clinicId, type: 'Hypertension review', clinician: 'Pharmacist A', booked: 0 })
    expect(detail.clinic.location).toBeUndefined()
    expect(detail.slots.map((s) => [s.slotIndex, s.start, s.appointment])).toEqual([
      [0, '09:00', null],
      [1, '09:15', null],
      [2, '09:30', null]
    ])
    const log = ctx.db.prepare("SELECT user_name FROM activity_log WHERE action = 'clinics.create'").all()
    expect(log).toEqual([{ user_name: 'Test Pharmacist' }])
  })

  it('refuses a clinic that would run past midnight and stores nothing', () => {
    const error = errorOf(() => createClinic(ctx, { ...clinicInput, start: '23:30', slots: 3, slotMinutes: 15 }))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/midnight/)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM clinics').get()).toEqual({ n: 0 })
  })

  it('books the first free slot when no slot is given, accepting a spaced NHS number', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    bookAppointment(ctx, { clinicId, nhsNumber: '9990000018', slotIndex: 0 })
    const booked = bookAppointment(ctx, { clinicId, nhsNumber: '943 476 5919' })
    expect(booked).toMatchObject({ slotIndex: 1, start: '09:15' })
    const slot = getClinic(ctx, clinicId).slots[1]
    expect(slot?.appointment).toMatchObject({
      appointmentId: booked.appointmentId,
      nhsNumber: '9434765919',
      name: 'Ada Lovelace',
      status: 'booked',
      bp: null,
      followUpDue: null
    })
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM activity_log WHERE action = 'appointments.book'").get()).toEqual({ n: 2 })
  })

  it('refuses a slot that is already taken', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    bookAppointment(ctx, { clinicId, nhsNumber: '9990000018', slotIndex: 2 })
    const error = errorOf(() => bookAppointment(ctx, { clinicId, nhsNumber: '9990000026', slotIndex: 2 }))
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(/09:30 slot .* already taken/)
  })

  it('refuses to book the same patient twice into one clinic', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    bookAppointment(ctx, { clinicId, nhsNumber: '9990000018' })
    const error = errorOf(() => bookAppointment(ctx, { clinicId, nhsNumber: '999 000 0018', slotIndex: 2 }))
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(/already booked into this clinic at 09:00/)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM appointments').get()).toEqual({ n: 1 })
  })

  it('refuses to book into a full clinic', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    for (const nhs of ['9434765919', '9990000018', '9990000026']) bookAppointment(ctx, { clinicId, nhsNumber: nhs })
    const error = errorOf(() => bookAppointment(ctx, { clinicId, nhsNumber: '9990000034' }))
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(/full/)
  })

  it('refuses an NHS number that is not in the database, saying to import it first', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    const error = errorOf(() => bookAppointment(ctx, { clinicId, nhsNumber: '9990000042' }))
    expect(error.code).toBe('not_found')
    expect(error.message).toBe('No patient with NHS number 999 000 0042 in the database — import an export that includes them first')
  })

  it('refuses a slot number outside the clinic and an unknown clinic', () => {
    const { clinicId } = createClinic(ctx, clinicInput)
    expect(errorOf(() => bookAppointment(ctx, { clinicId, nhsNumber: '9990000018', slotIndex: 3 })).code).toBe('invalid_input')
    expect(errorOf(() => bookAppointment(ctx, { clinicId: clinicId + 99, nhsNumber: '9990000018' })).code).toBe('not_found')
  })

  it('lists upcoming clinics soonest first, then past clinics most recent first, with booking counts', () => {
    const past = createClinic(ctx, { ...clinicInput, date: '2026-10-01' }).clinicId
    const recentPast = createClinic(ctx, { ...clinicInput, date: '2026-11-20' }).clinicId
    const later = createClinic(ctx, { ...clinicInput, date: '2026-12-10' }).clinicId
    const today = createClinic(ctx, { ...clinicInput, date: '2026-11-22' }).clinicId
    bookAppointment(ctx, { clinicId: later, nhsNumber: '9990000018' })
    bookAppointment(ctx, { clinicId: later, nhsNumber: '9990000026' })
    const clinics = listClinics(ctx)
    expect(clinics.map((c) => c.clinicId)).toEqual([today, later, recentPast, past])
    expect(clinics[1]).toMatchObject({ booked: 2, attended: 0, didNotAttend: 0 })
  })
})
