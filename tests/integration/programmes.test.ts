// Programmes through the real services on a real database: starting one, builds belonging to it
// (named, or the one open programme of the definition, or one started for the build), the refusals
// that keep two audits apart, clinics and appointments taking their programme, and the cross-programme
// rule that leaves out a patient another programme invited in the last 28 days, naming it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { listCohorts } from '../../src/main/cohorts/cohort-snapshots'
import { createProgramme, getProgramme, listProgrammes, setStatusOfProgramme } from '../../src/main/programmes/programmes'
import { createClinic, listClinics } from '../../src/main/clinics/clinic-sessions'
import { bookAppointment } from '../../src/main/clinics/booking'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { getPracticeSettings, updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import { cohortSeeder } from '../support/cohort-seeder'
import { errorOf as appErrorOf } from '../support/app-error-of'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
const seed = cohortSeeder(() => ctx.db)

// Three patients on the hypertension register with a BP above target; two also have diabetes and
// depression (so they are in the Time to Talk cohort too).
function seedPractice() {
  const ids = [
    seed.addPatient('9434765919', { given: 'Kwame', family: 'Mensah', dob: '1960-01-01', ethnicity: 'N' }),
    seed.addPatient('9434765870', { given: 'Grace', family: 'Campbell', dob: '1955-05-05', ethnicity: 'M' }),
    seed.addPatient('9434765862', { given: 'Olu', family: 'Adeyemi', dob: '1970-07-07', ethnicity: 'A' })
  ]
  for (const id of ids) {
    seed.addEvent(id, '2020-01-01', 'HYP')
    seed.addReading(id, '2026-10-01', 162, 96)
  }
  ctx.db.prepare(`UPDATE patients SET address_lines_json = '["1 Test Street","London"]', postcode = 'SW9 7AB'`).run()
  for (const id of ids.slice(0, 2)) {
    seed.addEvent(id, '2019-01-01', 'DM')
    seed.addEvent(id, '2019-01-01', 'DEP')
  }
  return ids
}

beforeEach(() => {
  ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  updatePracticeSettings(ctx, {
    ...getPracticeSettings(ctx),
    practiceName: 'Riverside Medical Practice',
    phone: '020 7946 0000',
    addressLines: ['1 River Road', 'London'],
    bookingInstructions: 'Please call us on 020 7946 0000 to book.',
    signatory: 'Practice Pharmacist'
  })
})
afterEach(() => ctx.cleanup())

describe('programmes', () => {
  it('starts a programme with the defaults of its cohort, lists it with its progress, and closes and reopens it', () => {
    const programme = createProgramme(ctx, { name: '  Pharmacist BP review 2026 ', definition: 'hypertension-black-african-caribbean' })
    expect(programme).toMatchObject({
      name: 'Pharmacist BP review 2026',
      definition: 'hypertension-black-african-caribbean',
      clinicTypes: ['Pharmacist BP clinic'],
      templateIds: ['pharmacist-bp-clinic'],
      outcome: 'bp',
      startDate: '2026-11-22',
      status: 'active',
      createdBy: 'Test Pharmacist'
    })
    const [listed] = listProgrammes(ctx)
    expect(listed?.definitionName).toBe('Pharmacist-led review: Black African / African-Caribbean patients')
    expect(listed?.progress).toEqual({
      snapshots: 0,
      latestCohortId: null,
      latestAsOf: null,
      latestMembers: null,
      invited: 0,
      booked: 0,
      attended: 0,
      clinics: 0
    })

    expect(setStatusOfProgramme(ctx, { programmeId: programme.programmeId, status: 'closed' }).status).toBe('closed')
    // A closed programme takes no new build or clinic, and says how to reopen it.
    expect(
      appErrorOf(() => buildCohort(ctx, { definition: 'hypertension-black-african-caribbean', mode: 'qof', programmeId: programme.programmeId }))
    ).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/closed.*Reopen it/)
    })
    expect(
      appErrorOf(() =>
        createClinic(ctx, { type: 'Pharmacist BP clinic', date: '2026-12-01', start: '09:00', slots: 4, slotMinutes: 15, programmeId: programme.programmeId })
      )
    ).toMatchObject({ code: 'conflict' })
    expect(setStatusOfProgramme(ctx, { programmeId: programme.programmeId, status: 'active' }).status).toBe('active')
  })

  it('refuses an empty name, a second open programme of the same name, and an unknown cohort', () => {
    createProgramme(ctx, { name: 'BP review', definition: 'uncontrolled-hypertension' })
    expect(appErrorOf(() => createProgramme(ctx, { name: ' bp REVIEW ', definition: 'no-recent-bp' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('already called')
    })
    expect(appErrorOf(() => createProgramme(ctx, { name: '   ', definition: 'no-recent-bp' }))).toMatchObject({ code: 'invalid_input' })
    expect(appErrorOf(() => createProgramme(ctx, { name: 'X', definition: 'custom-99' }))).toMatchObject({ code: 'invalid_input' })
    expect(listProgrammes(ctx)).toHaveLength(1)
  })

  it('gives every build a programme: the one named, else the one open programme of the definition, else one started for it', () => {
    seedPractice()
    // No programme yet: one is started, named after the definition, in the build's transaction.
    const first = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof', asOf: '2026-11-20' })
    const [auto] = listProgrammes(ctx)
    expect(auto).toMatchObject({ name: 'Uncontrolled hypertension', definition: 'uncontrolled-hypertension', outcome: 'bp' })
    expect(first.programmeId).toBe(auto?.programmeId)
    // The next build goes to the same programme.
    const second = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof', asOf: '2026-11-21' })
    expect(second.programmeId).toBe(auto?.programmeId)
    expect(getProgramme(ctx, auto?.programmeId ?? 0).progress).toMatchObject({ snapshots: 2, latestCohortId: second.cohortId, latestMembers: 3 })

    // A second open programme on the same definition: a build must say which one.
    const winter = createProgramme(ctx, { name: 'Winter BP push', definition: 'uncontrolled-hypertension' })
    expect(appErrorOf(() => buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('2 open programmes build')
    })
    const third = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof', programmeId: winter.programmeId })
    expect(third.programmeId).toBe(winter.programmeId)
    expect(listCohorts(ctx).map((c) => c.programmeId)).toEqual([winter.programmeId, auto?.programmeId, auto?.programmeId])

    // A programme builds its own definition only.
    expect(appErrorOf(() => buildCohort(ctx, { definition: 'time-to-talk', mode: 'qof', programmeId: winter.programmeId }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('builds the cohort "Uncontrolled hypertension", not "Time to Talk')
    })
  })

  it("builds with the programme's own parameters, a build's overrides on top", () => {
    seedPractice()
    const programme = createProgramme(ctx, { name: 'Time to Talk (3+ conditions)', definition: 'time-to-talk', parameters: { conditionThreshold: 3 } })
    const snapshot = buildCohort(ctx, { definition: 'time-to-talk', mode: 'qof', asOf: '2026-11-20', programmeId: programme.programmeId })
    expect(snapshot.parameters?.conditionThreshold).toBe(3)
    expect(snapshot.members.map((m) => m.nhsNumber).sort()).toEqual(['9434765870', '9434765919'])
    const override = buildCohort(ctx, {
      definition: 'time-to-talk',
      mode: 'qof',
      asOf: '2026-11-20',
      programmeId: programme.programmeId,
      params: { conditionThreshold: 4 }
    })
    expect(override.parameters?.conditionThreshold).toBe(4)
    expect(override.members).toHaveLength(0)
  })

  it("books each appointment for the clinic's programme, else for the programme that invited the patient", async () => {
    seedPractice()
    const bp = createProgramme(ctx, { name: 'Pharmacist BP review', definition: 'uncontrolled-hypertension' })
    const talk = createProgramme(ctx, { name: 'Time to Talk', definition: 'time-to-talk' })
    const bpCohort = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof', asOf: '2026-11-20', programmeId: bp.programmeId })
    await createInvitationBatch(ctx, { cohortId: bpCohort.cohortId, attempt: 1, date: '2026-11-22', docx: false })

    const bpClinic = createClinic(ctx, {
      type: 'Pharmacist BP clinic',
      date: '2026-12-01',
      start: '09:00',
      slots: 4,
      slotMinutes: 15,
      programmeId: bp.programmeId
    })
    const talkClinic = createClinic(ctx, { type: 'Time to Talk', date: '2026-12-02', start: '09:00', slots: 4, slotMinutes: 30, programmeId: talk.programmeId })
    const anyClinic = createClinic(ctx, { type: 'Hypertension review', date: '2026-12-03', start: '09:00', slots: 4, slotMinutes: 15 })
    expect(listClinics(ctx).map((c) => [c.clinicId, c.programmeId])).toEqual([
      [bpClinic.clinicId, bp.programmeId],
      [talkClinic.clinicId, talk.programmeId],
      [anyClinic.clinicId, null]
    ])
    bookAppointment(ctx, { clinicId: bpClinic.clinicId, nhsNumber: '9434765919' })
    bookAppointment(ctx, { clinicId: talkClinic.clinicId, nhsNumber: '943 476 5870' })
    // A clinic of no programme: the programme whose letter the patient had.
    bookAppointment(ctx, { clinicId: anyClinic.clinicId, nhsNumber: '9434765862' })
    const booked = ctx.db.prepare('SELECT patient_id, programme_id FROM appointments ORDER BY id').all()
    expect(booked).toEqual([
      { patient_id: 1, programme_id: bp.programmeId },
      { patient_id: 2, programme_id: talk.programmeId },
      { patient_id: 3, programme_id: bp.programmeId }
    ])
    expect(getProgramme(ctx, bp.programmeId).progress).toMatchObject({ invited: 3, booked: 2, clinics: 1 })
  })
})

describe('a patient invited by another programme in the last 28 days', () => {
  it('is left out of a new batch by default, naming that programme; "invite anyway" includes them and the batch still says so', async () => {
    seedPractice()
    const bp = createProgramme(ctx, { name: 'Pharmacist BP review', definition: 'uncontrolled-hypertension' })
    const talk = createProgramme(ctx, { name: 'Time to Talk winter', definition: 'time-to-talk' })
    const bpCohort = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof', asOf: '2026-11-01', programmeId: bp.programmeId })
    await createInvitationBatch(ctx, { cohortId: bpCohort.cohortId, attempt: 1, date: '2026-11-01', docx: false })

    const talkCohort = buildCohort(ctx, {
      definition: 'time-to-talk',
      mode: 'qof',
      asOf: '2026-11-20',
      programmeId: talk.programmeId,
      params: { invitedWithinDays: 0 }
    })
    expect(talkCohort.members).toHaveLength(2)
    const check = await createInvitationBatch(ctx, { cohortId: talkCohort.cohortId, attempt: 1, date: '2026-11-22', docx: false, preview: true })
    expect(check.letters + check.sms + check.phone).toBe(0)
    expect(check.notInvited.map((n) => n.reason)).toEqual([
      expect.stringContaining('Invited by the programme “Pharmacist BP review” on 1 November 2026, within the last 28 days'),
      expect.stringContaining('Invited by the programme “Pharmacist BP review” on 1 November 2026')
    ])
    expect(check.recentlyInvitedElsewhere).toEqual([
      { nhsNumber: '9434765870', name: 'Grace Campbell', programme: 'Pharmacist BP review', sentOn: '2026-11-01', leftOut: true },
      { nhsNumber: '9434765919', name: 'Kwame Mensah', programme: 'Pharmacist BP review', sentOn: '2026-11-01', leftOut: true }
    ])
    expect(check.warnings.join(' ')).toContain('2 members were invited by “Pharmacist BP review” in the last 28 days and left out')

    // Outside a shorter window they are invited.
    const shorter = await createInvitationBatch(ctx, {
      cohortId: talkCohort.cohortId,
      attempt: 1,
      date: '2026-11-22',
      docx: false,
      preview: true,
      recentInvitationDays: 14
    })
    expect(shorter.recentlyInvitedElsewhere).toEqual([])
    expect(shorter.letters).toBe(2)

    const anyway = await createInvitationBatch(ctx, {
      cohortId: talkCohort.cohortId,
      attempt: 1,
      date: '2026-11-22',
      docx: false,
      includeRecentlyInvited: true
    })
    expect(anyway.letters).toBe(2)
    expect(anyway.recentlyInvitedElsewhere.map((r) => r.leftOut)).toEqual([false, false])
    expect(anyway.warnings.join(' ')).toContain('invited again because “invite anyway” was chosen')
    expect(anyway.programmeId).toBe(talk.programmeId)
  })

  it('a rebuilt snapshot of the same programme does not send the same invitation twice; its own 2nd invitation still goes', async () => {
    seedPractice()
    const bp = createProgramme(ctx, { name: 'Pharmacist BP review', definition: 'uncontrolled-hypertension' })
    const first = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof', asOf: '2026-11-01', programmeId: bp.programmeId })
    await createInvitationBatch(ctx, { cohortId: first.cohortId, attempt: 1, date: '2026-11-01', docx: false })
    const rebuilt = buildCohort(ctx, {
      definition: 'uncontrolled-hypertension',
      mode: 'qof',
      asOf: '2026-11-20',
      programmeId: bp.programmeId,
      params: { invitedWithinDays: 0 }
    })
    const again = await createInvitationBatch(ctx, { cohortId: rebuilt.cohortId, attempt: 1, date: '2026-11-03', docx: false, preview: true })
    expect(again.letters).toBe(0)
    expect(again.notInvited[0]?.reason).toContain('Invited by the programme “Pharmacist BP review” on 1 November 2026')
    // The first snapshot's 2nd invitation, 21 days on, is the normal chain.
    const second = await createInvitationBatch(ctx, { cohortId: first.cohortId, attempt: 2, date: '2026-11-22', docx: false, preview: true })
    expect(second.letters).toBe(3)
    expect(second.recentlyInvitedElsewhere).toEqual([])
  })
})
