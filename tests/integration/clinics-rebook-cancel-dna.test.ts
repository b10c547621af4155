import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../support/test-context'
import { createClinic, getClinic } from '../../src/main/clinics/clinic-sessions'
import { bookAppointment, cancelAppointment, rebookAppointment } from '../../src/main/clinics/booking'
import { attendAppointment, markDidNotAttend } from '../../src/main/clinics/visits'
import { listClinicTypeIntervals, setClinicTypeInterval } from '../../src/main/clinics/follow-up-intervals'
import { followUpsDue } from '../../src/main/followups/followup-service'
import { didNotAttendWorklist, worklistCounts } from '../../src/main/followups/worklists'
import { importFiles } from '../../src/main/import/import-service'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { auditSummary } from '../../src/main/audit/audit-service'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { errorOf } from '../support/app-error-of'
import { withPracticeDetails } from '../support/practice-details'

function addPatient(ctx: TestContext, nhsNumber: string, given: string, family: string): number {
  return Number(
    ctx.db
      .prepare(`INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES (?, ?, ?, '2026-11-01', '2026-11-01')`)
      .run(nhsNumber, given, family).lastInsertRowid
  )
}

function clinic(ctx: TestContext, date: string, type = 'Pharmacist BP clinic', slots = 3): number {
  return createClinic(ctx, { type, date, start: '09:00', slots, slotMinutes: 15, clinician: 'Pharmacist A' }).clinicId
}

const count = (ctx: TestContext, sql: string): number => (ctx.db.prepare(sql).get() as { n: number }).n

describe('cancel, rebook and did-not-attend', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext()
    addPatient(ctx, '9434765919', 'Ada', 'Lovelace')
    addPatient(ctx, '9990000018', 'Ben', 'Okafor')
  })
  afterEach(() => ctx.cleanup())

  it('cancelling frees the slot, keeps the row as history with the reason, and lets the patient book again', () => {
    const first = clinic(ctx, '2026-11-25')
    const { appointmentId } = bookAppointment(ctx, { clinicId: first, nhsNumber: '9434765919', slotIndex: 1 })
    expect(cancelAppointment(ctx, { appointmentId, reason: 'Patient on holiday' })).toEqual({ status: 'cancelled' })
    expect(getClinic(ctx, first).slots[1]?.appointment).toBeNull()
    expect(ctx.db.prepare('SELECT status, cancel_reason FROM appointments WHERE id = ?').get(appointmentId)).toEqual({
      status: 'cancelled',
      cancel_reason: 'Patient on holiday'
    })
    // Ben takes the freed slot; Ada books again into another.
    expect(bookAppointment(ctx, { clinicId: first, nhsNumber: '9990000018', slotIndex: 1 }).slotIndex).toBe(1)
    expect(bookAppointment(ctx, { clinicId: first, nhsNumber: '9434765919' }).slotIndex).toBe(0)
    expect(count(ctx, "SELECT COUNT(*) AS n FROM activity_log WHERE action = 'appointments.cancel'")).toBe(1)
    expect(errorOf(() => cancelAppointment(ctx, { appointmentId })).message).toMatch(/already cancelled; only a booked appointment can be cancelled/)
  })

  it('rebooking moves the appointment to another clinic in one step and links the old to the new', () => {
    const first = clinic(ctx, '2026-11-25')
    const second = clinic(ctx, '2026-12-02')
    const { appointmentId } = bookAppointment(ctx, { clinicId: first, nhsNumber: '9434765919' })
    const moved = rebookAppointment(ctx, { appointmentId, clinicId: second, slotIndex: 2 })
    expect(moved).toMatchObject({ start: '09:30', slotIndex: 2 })
    expect(ctx.db.prepare('SELECT status, cancel_reason, rebooked_to FROM appointments WHERE id = ?').get(appointmentId)).toEqual({
      status: 'cancelled',
      cancel_reason: 'Rebooked',
      rebooked_to: moved.appointmentId
    })
    expect(getClinic(ctx, first).clinic.booked).toBe(0)
    expect(getClinic(ctx, second).slots[2]?.appointment?.name).toMatch(/Lovelace/)
  })

  it('a refused rebooking changes nothing: the original appointment stays booked', () => {
    const first = clinic(ctx, '2026-11-25')
    const second = clinic(ctx, '2026-12-02')
    const { appointmentId } = bookAppointment(ctx, { clinicId: first, nhsNumber: '9434765919' })
    bookAppointment(ctx, { clinicId: second, nhsNumber: '9990000018', slotIndex: 0 })
    const before = count(ctx, 'SELECT COUNT(*) AS n FROM appointments')
    const error = errorOf(() => rebookAppointment(ctx, { appointmentId, clinicId: second, slotIndex: 0 }))
    expect(error.message).toBe('The 09:00 slot of this clinic is already taken')
    expect(count(ctx, 'SELECT COUNT(*) AS n FROM appointments')).toBe(before)
    expect(ctx.db.prepare('SELECT status, rebooked_to FROM appointments WHERE id = ?').get(appointmentId)).toEqual({ status: 'booked', rebooked_to: null })
  })

  it('refuses a second open booking on another day and a second clinic the same day, with messages that say what to do', () => {
    const monday = clinic(ctx, '2026-11-30')
    const mondayPm = createClinic(ctx, { type: 'Time to Talk', date: '2026-11-30', start: '14:00', slots: 2, slotMinutes: 20 }).clinicId
    const later = clinic(ctx, '2026-12-07')
    bookAppointment(ctx, { clinicId: monday, nhsNumber: '9434765919' })
    expect(errorOf(() => bookAppointment(ctx, { clinicId: mondayPm, nhsNumber: '9434765919' })).message).toMatch(
      /already has an appointment that day: Pharmacist BP clinic at 09:00/
    )
    expect(errorOf(() => bookAppointment(ctx, { clinicId: later, nhsNumber: '943 476 5919' })).message).toMatch(
      /already has an open booking: Pharmacist BP clinic on 30 Nov 2026 at 09:00 .*Rebook or cancel that one instead/
    )
  })

  it('a did-not-attend goes on the re-invite worklist until the patient is booked again, and cannot then be cancelled', () => {
    const first = clinic(ctx, '2026-11-18')
    const { appointmentId } = bookAppointment(ctx, { clinicId: first, nhsNumber: '9990000018' })
    markDidNotAttend(ctx, { appointmentId })
    expect(didNotAttendWorklist(ctx).patients).toEqual([
      expect.objectContaining({ appointmentId, nhsNumber: '9990000018', name: expect.stringMatching(/Okafor/), clinicDate: '2026-11-18', invitationsSince: 0 })
    ])
    expect(worklistCounts(ctx, { asOf: '2026-11-22' }).didNotAttend).toBe(1)
    expect(errorOf(() => cancelAppointment(ctx, { appointmentId })).message).toMatch(/already recorded as did-not-attend/)

    bookAppointment(ctx, { clinicId: clinic(ctx, '2026-12-02'), nhsNumber: '9990000018' })
    expect(didNotAttendWorklist(ctx).patients).toEqual([])
  })
})

describe('follow-up interval per clinic type, and follow-ups booked or left due', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext()
    addPatient(ctx, '9434765919', 'Ada', 'Lovelace')
  })
  afterEach(() => ctx.cleanup())

  it("uses the practice's interval for the clinic's type, and refuses one outside 4–12 weeks", () => {
    expect(listClinicTypeIntervals(ctx).find((t) => t.type === 'Time to Talk')).toEqual({ type: 'Time to Talk', weeks: 6, practiceSet: false })
    setClinicTypeInterval(ctx, { type: 'time to talk', weeks: 12 })
    expect(listClinicTypeIntervals(ctx).find((t) => t.type === 'Time to Talk')).toEqual({ type: 'Time to Talk', weeks: 12, practiceSet: true })
    expect(errorOf(() => setClinicTypeInterval(ctx, { type: 'Time to Talk', weeks: 13 })).message).toMatch(/4 to 12/)

    const c = clinic(ctx, '2026-11-20', 'Time to Talk')
    const { appointmentId } = bookAppointment(ctx, { clinicId: c, nhsNumber: '9434765919' })
    const result = attendAppointment(ctx, { appointmentId, readings: [{ systolic: 150, diastolic: 90 }] })
    expect(result.followUpDue).toBe('2027-02-12')
    expect(result.followUpReason).toMatch(/12 weeks .*Time to Talk interval/)
  })

  it('shows a due follow-up as booked once the patient has a later clinic booked', () => {
    const c = clinic(ctx, '2026-10-09')
    const { appointmentId } = bookAppointment(ctx, { clinicId: c, nhsNumber: '9434765919' })
    attendAppointment(ctx, { appointmentId, readings: [{ systolic: 150, diastolic: 90 }] })
    expect(followUpsDue(ctx, { asOf: '2026-11-22' }).due).toEqual([
      expect.objectContaining({ dueOn: '2026-11-20', overdue: true, bookedFor: null, visitDate: '2026-10-09' })
    ])
    bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-27', 'Follow-up'), nhsNumber: '9434765919' })
    expect(followUpsDue(ctx, { asOf: '2026-11-22' }).due[0]?.bookedFor).toBe('2026-11-27')
    expect(worklistCounts(ctx, { asOf: '2026-11-22' })).toMatchObject({ followUpsOverdue: 1, followUpsDueThisWeek: 0 })
  })
})

describe('readings from a later import count as the follow-up', () => {
  let ctx: TestContext
  const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'imports', name))) })
  beforeEach(() => {
    // The clock is the day of the second export, so its 18 Nov reading is not in the future.
    ctx = createTestContext({ now: '2026-12-12T10:00:00Z' })
    withPracticeDetails(ctx)
  })
  afterEach(() => ctx.cleanup())

  it('a reading taken in the clinical system after the visit closes the follow-up and is the audit follow-up reading', async () => {
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const cohort = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-12', mode: 'qof' })
    expect(cohort.members.map((m) => m.nhsNumber)).toContain('9991000003')
    // Invited first: the audit counts a programme's outcome only for the patients it invited.
    const batch = await createInvitationBatch(ctx, { cohortId: cohort.cohortId, attempt: 1, date: '2026-11-12', docx: false })
    expect(batch.notInvited.map((n) => n.nhsNumber)).not.toContain('9991000003')

    const c = clinic(ctx, '2026-11-13', 'Hypertension review')
    const { appointmentId } = bookAppointment(ctx, { clinicId: c, nhsNumber: '999 100 0003' })
    const visit = attendAppointment(ctx, {
      appointmentId,
      readings: [
        { systolic: 156, diastolic: 96 },
        { systolic: 150, diastolic: 98 }
      ]
    })
    expect(visit.bp).toMatchObject({ systolic: 150, diastolic: 96 })
    expect(visit.followUpDue).toBe('2026-12-25')

    const before = followUpsDue(ctx, { asOf: '2026-12-20' })
    expect(before.due.map((d) => d.nhsNumber)).toEqual(['9991000003'])
    expect(before.done).toEqual([])
    expect(auditSummary(ctx, { asOf: '2026-12-20' }).funnel.followedUp).toBe(0)

    // Next month's export carries a reading taken at the practice on 18 Nov, after the visit.
    importFiles(ctx, [fixture('emis-events-hypertension-next-month.csv')], 'auto')
    const after = followUpsDue(ctx, { asOf: '2026-12-20' })
    expect(after.due).toEqual([])
    expect(after.done).toEqual([
      expect.objectContaining({
        nhsNumber: '9991000003',
        visitDate: '2026-11-13',
        reading: { date: '2026-11-18', systolic: 138, diastolic: 88 },
        readingSource: 'import'
      })
    ])
    const audit = auditSummary(ctx, { asOf: '2026-12-20' })
    expect(audit.funnel.followedUp).toBe(1)
    const smith = audit.patients.find((p) => p.nhsNumber === '9991000003')
    expect(smith).toMatchObject({ baseline: { systolic: 150, diastolic: 96 }, followUp: { systolic: 138, diastolic: 88 }, outcome: 'reduced' })
    expect(audit.bpOutcome.reduced).toBeGreaterThanOrEqual(1)
  })
})
