// Undoing a did-not-attend recorded by mistake: the appointment is booked again, the visit can then be
// recorded on it, the re-invite and invitation worklists stop counting it, the activity log keeps both
// the did-not-attend and its undo, and anything that would leave two bookings is refused with a reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../support/test-context'
import { errorOf } from '../support/app-error-of'
import { withPracticeDetails } from '../support/practice-details'
import { seedInvitationCohort } from '../support/invitation-cohort-seeder'
import { runCliCaptured, runCliJson } from '../support/run-cli'
import { createClinic, getClinic } from '../../src/main/clinics/clinic-sessions'
import { bookAppointment, cancelAppointment } from '../../src/main/clinics/booking'
import { attendAppointment, markDidNotAttend } from '../../src/main/clinics/visits'
import { undoDidNotAttend } from '../../src/main/clinics/undo-did-not-attend'
import { didNotAttendWorklist, worklistCounts } from '../../src/main/followups/worklists'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { invitationWorklists } from '../../src/main/invitations/invitation-worklists'
import { createServices } from '../../src/main/services'
import { dispatch } from '../../src/main/dispatch'

const TOM = '9990001006'
const ADA = '9434765919'

function addPatient(ctx: TestContext, nhsNumber: string, given: string, family: string): void {
  ctx.db
    .prepare(`INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES (?, ?, ?, '2026-11-01', '2026-11-01')`)
    .run(nhsNumber, given, family)
}

function clinic(ctx: TestContext, date: string, start = '09:00', type = 'Pharmacist BP clinic'): number {
  return createClinic(ctx, { type, date, start, slots: 4, slotMinutes: 20 }).clinicId
}

function activity(ctx: TestContext, action: string): { summary: string; user_name: string; details_json: string }[] {
  return ctx.db.prepare('SELECT summary, user_name, details_json FROM activity_log WHERE action = ? ORDER BY id').all(action) as {
    summary: string
    user_name: string
    details_json: string
  }[]
}

const statusOf = (ctx: TestContext, appointmentId: number) =>
  ctx.db.prepare('SELECT status, outcome_at, outcome_by FROM appointments WHERE id = ?').get(appointmentId) as {
    status: string
    outcome_at: string | null
    outcome_by: string | null
  }

describe('undo did not attend', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z', user: { name: 'Rita Reception', role: 'admin' } })
    addPatient(ctx, TOM, 'Tom', 'BROWN')
    addPatient(ctx, ADA, 'Ada', 'Lovelace')
  })
  afterEach(() => ctx.cleanup())

  it('puts the appointment back to booked, logs the undo with who marked the did-not-attend, and the visit can then be recorded', () => {
    const today = clinic(ctx, '2026-11-22', '14:00')
    const { appointmentId } = bookAppointment(ctx, { clinicId: today, nhsNumber: TOM })
    markDidNotAttend(ctx, { appointmentId })
    expect(statusOf(ctx, appointmentId)).toEqual({ status: 'did-not-attend', outcome_at: '2026-11-22T10:00:00.000Z', outcome_by: 'Rita Reception' })

    expect(undoDidNotAttend(ctx, { appointmentId })).toEqual({ appointmentId, status: 'booked', clinicId: today, clinicDate: '2026-11-22', start: '14:00' })
    expect(statusOf(ctx, appointmentId)).toEqual({ status: 'booked', outcome_at: null, outcome_by: null })
    expect(getClinic(ctx, today).clinic).toMatchObject({ booked: 1, didNotAttend: 0 })

    // Nothing deleted: the did-not-attend and its undo are both in the log, the undo naming who marked it.
    expect(activity(ctx, 'appointments.markDidNotAttend')).toHaveLength(1)
    const [undo] = activity(ctx, 'appointments.undoDidNotAttend')
    expect(undo?.user_name).toBe('Rita Reception')
    expect(undo?.summary).toBe(
      'Undid the did-not-attend of 999 000 1006 at the Pharmacist BP clinic on 22 Nov 2026 at 14:00: booked again (the did-not-attend was recorded by Rita Reception at 22 Nov 2026 10:00)'
    )
    expect(JSON.parse(undo?.details_json ?? '{}')).toEqual({
      appointmentId,
      didNotAttendRecordedAt: '2026-11-22T10:00:00.000Z',
      didNotAttendRecordedBy: 'Rita Reception'
    })

    expect(attendAppointment(ctx, { appointmentId, readings: [{ systolic: 142, diastolic: 88 }] }).status).toBe('attended')
  })

  it('takes the patient off the did-not-attend worklist and its count, and back on when marked again', () => {
    const past = clinic(ctx, '2026-11-18')
    const { appointmentId } = bookAppointment(ctx, { clinicId: past, nhsNumber: TOM })
    markDidNotAttend(ctx, { appointmentId })
    expect(didNotAttendWorklist(ctx).patients.map((p) => p.appointmentId)).toEqual([appointmentId])
    expect(worklistCounts(ctx).didNotAttend).toBe(1)

    undoDidNotAttend(ctx, { appointmentId })
    expect(didNotAttendWorklist(ctx).patients).toEqual([])
    // Booked again in a clinic already past: it is left open until the outcome is recorded.
    expect(worklistCounts(ctx)).toMatchObject({ didNotAttend: 0, leftOpen: 1 })

    markDidNotAttend(ctx, { appointmentId })
    expect(didNotAttendWorklist(ctx).patients.map((p) => p.appointmentId)).toEqual([appointmentId])
    expect(activity(ctx, 'appointments.markDidNotAttend')).toHaveLength(2)
    expect(activity(ctx, 'appointments.undoDidNotAttend')).toHaveLength(1)
  })

  it('counts the invitation as answered by the booking again: off the invited-but-not-booked list, and no 2nd invitation', async () => {
    withPracticeDetails(ctx)
    const cohortId = seedInvitationCohort(ctx, [{ nhs: '9990000018', given: 'Kwame', family: 'Mensah', mobile: '07700900001' }])
    await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    const { appointmentId } = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-22'), nhsNumber: '9990000018' })
    expect(invitationWorklists(ctx).invitedNotBooked).toEqual([])

    markDidNotAttend(ctx, { appointmentId })
    expect(invitationWorklists(ctx).invitedNotBooked.map((p) => p.name)).toEqual(['Kwame Mensah'])

    undoDidNotAttend(ctx, { appointmentId })
    expect(invitationWorklists(ctx)).toEqual({ nonResponders: [], invitedNotBooked: [] })
    // Booked into today's clinic again, so the 2nd invitation (due from 15 November) is not sent.
    const second = await createInvitationBatch(ctx, { cohortId, attempt: 2, date: '2026-11-22' })
    expect(second.sms + second.letters).toBe(0)
  })

  it('refuses what is not a did-not-attend, with the reason, and changes nothing', () => {
    const today = clinic(ctx, '2026-11-22')
    const booked = bookAppointment(ctx, { clinicId: today, nhsNumber: TOM }).appointmentId
    const attended = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-22', '14:00', 'Time to Talk'), nhsNumber: ADA }).appointmentId
    attendAppointment(ctx, { appointmentId: attended, readings: [{ systolic: 150, diastolic: 90 }] })
    const cancelled = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-12-01'), nhsNumber: ADA }).appointmentId
    cancelAppointment(ctx, { appointmentId: cancelled })

    const refusals = [booked, attended, cancelled, 999].map((appointmentId) => errorOf(() => undoDidNotAttend(ctx, { appointmentId })))
    expect(refusals.map((e) => [e.code, e.message])).toEqual([
      ['conflict', `Appointment ${booked} is still booked: there is no did-not-attend to undo`],
      ['conflict', `Appointment ${attended} is recorded as attended: only a did-not-attend can be undone`],
      ['conflict', `Appointment ${cancelled} is cancelled: only a did-not-attend can be undone`],
      ['not_found', 'No appointment with id 999']
    ])
    expect([booked, attended, cancelled].map((id) => statusOf(ctx, id).status)).toEqual(['booked', 'attended', 'cancelled'])
    expect(activity(ctx, 'appointments.undoDidNotAttend')).toEqual([])
  })

  it('refuses when the patient was booked again since, or seen later, naming that appointment', () => {
    const first = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-18'), nhsNumber: TOM }).appointmentId
    markDidNotAttend(ctx, { appointmentId: first })
    const again = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-12-02', '10:00', 'Follow-up'), nhsNumber: TOM }).appointmentId
    expect(errorOf(() => undoDidNotAttend(ctx, { appointmentId: first })).message).toBe(
      `Tom BROWN (999 000 1006) has been booked again since: Follow-up on 2 December 2026 at 10:00 (appointment ${again}). Undoing the did-not-attend would leave two open bookings: cancel that booking first if this one is to stand`
    )
    expect(statusOf(ctx, first).status).toBe('did-not-attend')

    // Missed, then booked again and seen: the later visit stands.
    const missed = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-12'), nhsNumber: ADA }).appointmentId
    markDidNotAttend(ctx, { appointmentId: missed })
    const later = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-21', '11:00', 'Time to Talk'), nhsNumber: ADA }).appointmentId
    attendAppointment(ctx, { appointmentId: later, readings: [{ systolic: 138, diastolic: 84 }] })
    expect(errorOf(() => undoDidNotAttend(ctx, { appointmentId: missed })).message).toBe(
      `Ada Lovelace (943 476 5919) was seen on or after this clinic day: Time to Talk on 21 November 2026 at 11:00 (appointment ${later}). The did-not-attend can no longer be undone; the later appointment stands`
    )
    expect(statusOf(ctx, missed).status).toBe('did-not-attend')

    cancelAppointment(ctx, { appointmentId: again })
    // Once the second booking is cancelled, Tom's did-not-attend can be undone.
    expect(undoDidNotAttend(ctx, { appointmentId: first }).status).toBe('booked')
  })

  it('is a write: refused through dispatch before anyone has signed in, and refused with a conflict code after', async () => {
    const { appointmentId } = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-22'), nhsNumber: TOM })
    const nobody = { ...ctx, currentUser: () => null }
    expect(await dispatch(createServices(nobody), 'appointments.undoDidNotAttend', { appointmentId })).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' }
    })
    const services = createServices(ctx)
    expect(await dispatch(services, 'appointments.undoDidNotAttend', { appointmentId })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    markDidNotAttend(ctx, { appointmentId })
    expect(await dispatch(services, 'appointments.undoDidNotAttend', { appointmentId })).toMatchObject({ ok: true, value: { status: 'booked' } })
  })

  it('clinic-recall undo-dna: --json keys, exit 1 with one line for a refusal', async () => {
    const db = ctx.databasePath
    const { appointmentId } = bookAppointment(ctx, { clinicId: clinic(ctx, '2026-11-22', '09:00'), nhsNumber: TOM })
    markDidNotAttend(ctx, { appointmentId })
    const out = await runCliJson(['--db', db, 'undo-dna', '--appointment', String(appointmentId)])
    expect(out).toEqual({ appointmentId, status: 'booked', clinicId: expect.any(Number), clinicDate: '2026-11-22', start: '09:00' })
    const again = await runCliCaptured(['--db', db, 'undo-dna', '--appointment', String(appointmentId)])
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(`Appointment ${appointmentId} is still booked: there is no did-not-attend to undo\n`)
    expect((await runCliCaptured(['--db', db, 'undo-dna'])).code).toBe(2)
  })
})
