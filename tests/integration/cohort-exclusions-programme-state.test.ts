// The exclusions that read the app's own programme state, on a real SQLite file: "invited recently"
// for a cohort as of a past date, with a later invitation after the as-of date; "already booked"
// with an appointment left open in a past clinic, and the worklist that lists it until it is marked
// attended or did not attend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attendAppointment, markDidNotAttend } from '../../src/main/clinics/visits'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { didNotAttendWorklist, leftOpenWorklist, worklistCounts } from '../../src/main/followups/worklists'
import { loadPatientRecords } from '../../src/main/patients/patient-records'
import { createServices } from '../../src/main/services'
import { contract } from '../../src/shared/contract'
import { cohortSeeder } from '../support/cohort-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

// The clock is 2026-11-22T10:00:00Z, so "today" is 2026-11-22.
let ctx: TestContext
const { addPatient, addReading, addEvent, bookIntoClinic, recordInvitation } = cohortSeeder(() => ctx.db)

beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

/** On the register, 150/95 in May 2026: uncontrolled on any as-of date from then on. */
function hypertensive(nhsNumber: string, family: string): number {
  const id = addPatient(nhsNumber, { given: 'Test', family, dob: '1958-02-10' })
  addEvent(id, '2017-05-04', 'HYP', '38341003', 'Hypertensive disorder')
  addReading(id, '2026-05-01', 150, 95)
  return id
}

const appointmentOf = (patientId: number): number => (ctx.db.prepare('SELECT id FROM appointments WHERE patient_id = ?').get(patientId) as { id: number }).id

describe('invited recently, for a cohort as of a past date', () => {
  it('an invitation inside the window excludes although a later one, after the as-of date, is the last', () => {
    const twice = hypertensive('9434765919', 'TWICE')
    recordInvitation(twice, '2026-06-10')
    recordInvitation(twice, '2026-08-01')
    // Exactly 28 days before 2026-06-30 (outside) and after it: not invited in the window.
    const outside = hypertensive('9434765870', 'OUTSIDE')
    recordInvitation(outside, '2026-06-02')
    recordInvitation(outside, '2026-07-15')
    // Recorded in the practice system, an earlier letter inside the window and a later one after it.
    const coded = hypertensive('9434765862', 'CODED')
    addEvent(coded, '2026-06-20', 'HYPINVITE', '185719002', 'First letter')
    addEvent(coded, '2026-09-01', 'HYPINVITE', '185720008', 'Second letter')

    const records = loadPatientRecords(ctx.db, '2026-06-30')
    expect(records.find((r) => r.patientId === twice)).toMatchObject({ invitedOn: ['2026-06-10'], lastInvitedOn: '2026-06-10' })
    expect(records.find((r) => r.patientId === outside)).toMatchObject({ invitedOn: ['2026-06-02'], lastInvitedOn: '2026-06-02' })

    const past = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-06-30', mode: 'qof' })
    expect(past.members.map((m) => m.patientId)).toEqual([outside])
    expect(Object.fromEntries(past.excluded.map((e) => [e.patientId, e.rule]))).toEqual({
      [twice]: 'exclude.recently-invited',
      [coded]: 'exclude.recently-invited'
    })
    expect(past.excluded.find((e) => e.patientId === twice)?.reasons).toContain('Excluded: invited 10 Jun 2026')
    expect(past.excluded.find((e) => e.patientId === coded)?.reasons).toContain('Excluded: invited 20 Jun 2026')
    expect(past.exclusionCounts.find((c) => c.rule === 'exclude.recently-invited')?.count).toBe(2)

    // The explanation re-derived from the snapshot names the same invitation.
    const why = explainCohortEntry(ctx, past.cohortId, twice)
    expect(why.basis).not.toMatch(/differs/)
    expect(why.entry.explanation.steps.find((s) => s.rule === 'exclude.recently-invited')).toMatchObject({
      outcome: 'fail',
      detail: 'Invited on 10 Jun 2026 (invitation sent from Clinic Recall), within 28 days of 30 Jun 2026'
    })

    // Today every invitation is months old: all three are members.
    const now = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(now.members.map((m) => m.patientId).sort()).toEqual([twice, outside, coded].sort())
  })

  it('two invitations inside the window: the later one is the reason', () => {
    const id = hypertensive('9434765919', 'TWICE')
    recordInvitation(id, '2026-11-01')
    recordInvitation(id, '2026-11-15')
    recordInvitation(id, '2026-11-15')
    expect(loadPatientRecords(ctx.db, '2026-11-22').find((r) => r.patientId === id)?.invitedOn).toEqual(['2026-11-01', '2026-11-15'])
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(snapshot.excluded[0]?.reasons).toContain('Excluded: invited 15 Nov 2026')
  })
})

describe('appointments left open in a past clinic', () => {
  it('do not count as booked into an upcoming clinic; one today or later does', () => {
    const leftOpen = hypertensive('9434765919', 'LEFTOPEN')
    const today = hypertensive('9434765870', 'TODAY')
    const later = hypertensive('9434765862', 'LATER')
    const missed = hypertensive('9434765854', 'MISSED')
    bookIntoClinic(leftOpen, '2026-11-15')
    bookIntoClinic(today, '2026-11-22')
    bookIntoClinic(later, '2026-11-29')
    bookIntoClinic(missed, '2026-11-15', 'did-not-attend')

    const records = loadPatientRecords(ctx.db, '2026-11-22')
    const next = (id: number) => records.find((r) => r.patientId === id)?.nextBookedAppointmentOn
    expect([next(leftOpen), next(today), next(later), next(missed)]).toEqual([null, '2026-11-22', '2026-11-29', null])

    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(snapshot.members.map((m) => m.patientId).sort()).toEqual([leftOpen, missed].sort())
    expect(Object.fromEntries(snapshot.excluded.map((e) => [e.patientId, e.rule]))).toEqual({
      [today]: 'exclude.already-booked',
      [later]: 'exclude.already-booked'
    })
  })

  it('are listed until marked attended or did not attend, with their count on the Today screen', () => {
    const first = hypertensive('9434765919', 'FIRST')
    const second = hypertensive('9434765870', 'SECOND')
    const today = hypertensive('9434765862', 'TODAY')
    const cancelled = hypertensive('9434765854', 'CANCELLED')
    bookIntoClinic(first, '2026-11-08')
    bookIntoClinic(second, '2026-11-15')
    bookIntoClinic(today, '2026-11-22')
    bookIntoClinic(cancelled, '2026-11-10', 'cancelled')

    const services = createServices(ctx)
    const listed = contract['worklists.leftOpen'].output.parse(services['worklists.leftOpen']({}))
    expect(listed.asOf).toBe('2026-11-22')
    expect(listed.appointments).toEqual([
      expect.objectContaining({
        patientId: first,
        name: 'Test FIRST',
        nhsNumber: '9434765919',
        clinicDate: '2026-11-08',
        clinicType: 'BP review',
        start: '09:00',
        appointmentId: appointmentOf(first)
      }),
      expect.objectContaining({ patientId: second, clinicDate: '2026-11-15', appointmentId: appointmentOf(second) })
    ])
    // Today's clinic is not over yet; as of tomorrow it is left open too.
    expect(leftOpenWorklist(ctx, { asOf: '2026-11-23' }).appointments.map((a) => a.patientId)).toEqual([first, second, today])
    expect(contract['worklists.counts'].output.parse(worklistCounts(ctx)).leftOpen).toBe(2)

    markDidNotAttend(ctx, { appointmentId: appointmentOf(first) })
    attendAppointment(ctx, { appointmentId: appointmentOf(second), readings: [{ systolic: 138, diastolic: 84 }] })

    expect(leftOpenWorklist(ctx).appointments).toEqual([])
    expect(worklistCounts(ctx)).toMatchObject({ leftOpen: 0, didNotAttend: 1 })
    expect(didNotAttendWorklist(ctx).patients.map((p) => p.patientId)).toEqual([first])
    // The visit's reading is dated on the clinic's day.
    expect(ctx.db.prepare("SELECT taken_on FROM bp_readings WHERE patient_id = ? AND source = 'visit'").get(second)).toEqual({ taken_on: '2026-11-15' })
  })
})
