// The local services directory and referrals through the real services on a real database: adding,
// editing and (de)activating services (never deleting), the no-contact warning, recording a
// referral (refused for an inactive service or a kind it does not take; warned, not refused, with
// no contact details), recording its outcome, and the worklist of referrals with no outcome after
// 6 weeks — each change in the activity log in plain words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listActivity } from '../../src/main/activity-log'
import { bookAppointment } from '../../src/main/clinics/booking'
import { createClinic } from '../../src/main/clinics/clinic-sessions'
import { markDidNotAttend } from '../../src/main/clinics/visits'
import { dispatch } from '../../src/main/dispatch'
import { listLocalServices, saveLocalService, setLocalServiceActiveState } from '../../src/main/local-services/local-services'
import { createReferral, referralsDueWorklist, referralsOfPatient, setReferralOutcome } from '../../src/main/local-services/referrals'
import { createProgramme } from '../../src/main/programmes/programmes'
import { createServices } from '../../src/main/services'
import { errorOf } from '../support/app-error-of'
import { cohortSeeder } from '../support/cohort-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
const seed = cohortSeeder(() => ctx.db)

const carers = {
  name: 'Hackney Carers Centre',
  offers: 'Advice and breaks for unpaid carers.',
  category: 'carers' as const,
  selfReferral: true,
  practiceReferral: true,
  phone: '020 7946 0123'
}

beforeEach(() => {
  ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  seed.addPatient('9434765919', { given: 'Kwame', family: 'Mensah', dob: '1960-01-01' })
  seed.addPatient('9434765870', { given: 'Grace', family: 'Campbell', dob: '1955-05-05' })
})
afterEach(() => ctx.cleanup())

const lastActivity = () => listActivity(ctx.db, 1)[0]?.summary

describe('the local services directory', () => {
  it('starts with the shipped examples, each marked as an example, warned about when it has no contact details', () => {
    const services = listLocalServices(ctx)
    expect(services.map((s) => s.name)).toEqual([
      'Community navigation service',
      'NHS Talking Therapies',
      'Social prescribing link worker (GP-based)',
      'Stop smoking service'
    ])
    expect(services.every((s) => s.isExample && s.active)).toBe(true)
    const talking = services.find((s) => s.category === 'talking-therapies')
    expect(talking).toMatchObject({ selfReferral: true, contactProblem: null })
    const social = services.find((s) => s.category === 'social-prescribing')
    expect(social?.contactProblem).toBe(
      'Social prescribing link worker (GP-based) has no contact details: patients cannot be told how to reach it. Add a phone number, web address or address.'
    )
  })

  it('adds a service, blanks stored as not known, and logs it in plain words', () => {
    const added = saveLocalService(ctx, { ...carers, name: '  Hackney Carers Centre ', web: '  ', address: '' })
    expect(added).toMatchObject({
      name: 'Hackney Carers Centre',
      category: 'carers',
      phone: '020 7946 0123',
      web: null,
      address: null,
      active: true,
      isExample: false,
      contactProblem: null,
      awaitingOutcome: 0,
      createdBy: 'Test Pharmacist'
    })
    expect(lastActivity()).toBe('Added the local service "Hackney Carers Centre" (Carers; self-referral or practice referral)')

    const noContact = saveLocalService(ctx, { name: 'Walking group', category: 'weight', selfReferral: true, practiceReferral: false })
    expect(noContact.contactProblem).toMatch(/^Walking group has no contact details: patients cannot be told how to reach it/)
    expect(lastActivity()).toBe('Added the local service "Walking group" (Weight management; self-referral only) with no contact details')
  })

  it('refuses a second active service of one name, a bad phone or web address, and a service nobody may refer to', () => {
    saveLocalService(ctx, carers)
    expect(errorOf(() => saveLocalService(ctx, { ...carers, name: 'hackney carers centre' })).message).toMatch(/^name: an active service is already called/)
    expect(errorOf(() => saveLocalService(ctx, { ...carers, name: 'A', phone: 'call reception' })).message).toMatch(
      /^phone: "call reception" is not a phone number/
    )
    expect(errorOf(() => saveLocalService(ctx, { ...carers, name: 'B', web: 'carers.org' })).message).toMatch(/^web: "carers.org" is not a web address/)
    expect(errorOf(() => saveLocalService(ctx, { ...carers, name: 'C', selfReferral: false, practiceReferral: false })).message).toMatch(/who may refer/)
    expect(errorOf(() => saveLocalService(ctx, { ...carers, serviceId: 999 })).code).toBe('not_found')
  })

  it('edits a service; marking an example as checked takes off the example flag and notice', () => {
    const talking = listLocalServices(ctx).find((s) => s.name === 'NHS Talking Therapies')
    if (!talking) throw new Error('example missing')
    const edited = saveLocalService(ctx, { ...talking, phone: '020 7946 0999' })
    expect(edited).toMatchObject({ phone: '020 7946 0999', isExample: true })
    expect(edited.offers).toMatch(/^Example — check details before use\./)
    const checked = saveLocalService(ctx, { ...edited, checked: true })
    expect(checked.isExample).toBe(false)
    expect(checked.offers).toMatch(/^Free NHS talking therapies/)
    expect(lastActivity()).toBe('Updated the local service "NHS Talking Therapies"; its details are now checked by the practice')
  })

  it('deactivates and reactivates a service (never deletes it), refusing to reactivate onto a name now in use', () => {
    const first = saveLocalService(ctx, carers)
    const off = setLocalServiceActiveState(ctx, { serviceId: first.serviceId, active: false })
    expect(off.active).toBe(false)
    expect(lastActivity()).toBe('Deactivated the local service "Hackney Carers Centre": no new referrals; its referrals stay')
    // Inactive services are listed after the active ones, still there.
    expect(listLocalServices(ctx).at(-1)).toMatchObject({ serviceId: first.serviceId, active: false })

    const second = saveLocalService(ctx, carers)
    const refused = errorOf(() => setLocalServiceActiveState(ctx, { serviceId: first.serviceId, active: true }))
    expect(refused.code).toBe('conflict')
    expect(refused.message).toMatch(/cannot be reactivated: an active service is already called/)
    setLocalServiceActiveState(ctx, { serviceId: second.serviceId, active: false })
    expect(setLocalServiceActiveState(ctx, { serviceId: first.serviceId, active: true }).active).toBe(true)
    expect(lastActivity()).toBe('Reactivated the local service "Hackney Carers Centre": it can be referred to again')
  })

  it('through the contract: a bad category or web address names the field; a good service is saved', async () => {
    const services = createServices(ctx)
    const bad = await dispatch(services, 'services.save', { ...carers, category: 'gardening' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toMatch(/category.*social-prescribing/)
    const web = await dispatch(services, 'services.save', { ...carers, web: 'www.carers.org' })
    expect(web.ok).toBe(false)
    if (!web.ok) expect(web.error.message).toMatch(/web.*not a web address/)
    const ok = await dispatch(services, 'services.save', carers)
    expect(ok.ok).toBe(true)
  })
})

describe('referrals', () => {
  function talkingTherapies() {
    const found = listLocalServices(ctx).find((s) => s.name === 'NHS Talking Therapies')
    if (!found) throw new Error('example missing')
    return found
  }

  it('records a referral, warning (not refusing) for an unchecked example or a service with no contact details, and logs it', () => {
    const social = listLocalServices(ctx).find((s) => s.category === 'social-prescribing')
    if (!social) throw new Error('example missing')
    const { referral, warnings } = createReferral(ctx, {
      nhsNumber: '943 476 5919',
      serviceId: social.serviceId,
      kind: 'sent',
      note: '  lonely since bereavement '
    })
    expect(referral).toMatchObject({
      nhsNumber: '9434765919',
      name: 'Kwame Mensah',
      service: 'Social prescribing link worker (GP-based)',
      category: 'social-prescribing',
      kind: 'sent',
      referredOn: '2026-11-22',
      referredBy: 'Test Pharmacist',
      note: 'lonely since bereavement',
      appointmentId: null,
      programmeId: null,
      outcome: null
    })
    expect(warnings).toEqual([
      expect.stringMatching(/has no contact details: patients cannot be told how to reach it/),
      expect.stringMatching(/is a shipped example whose details the practice has not checked yet/)
    ])
    expect(lastActivity()).toBe('Referred 943 476 5919 to "Social prescribing link worker (GP-based)" on 22 Nov 2026')

    const checked = saveLocalService(ctx, { ...carers })
    expect(createReferral(ctx, { nhsNumber: '9434765870', serviceId: checked.serviceId, kind: 'self-referral' }).warnings).toEqual([])
    expect(lastActivity()).toBe('Signposted 943 476 5870 to refer themselves to "Hackney Carers Centre" on 22 Nov 2026')
    expect(listLocalServices(ctx).find((s) => s.serviceId === checked.serviceId)?.awaitingOutcome).toBe(1)
  })

  it('refuses an inactive service, a kind the service does not take, an unknown patient, a future date and the same referral twice', () => {
    const selfOnly = saveLocalService(ctx, { ...carers, selfReferral: true, practiceReferral: false })
    const kind = errorOf(() => createReferral(ctx, { nhsNumber: '9434765919', serviceId: selfOnly.serviceId, kind: 'sent' }))
    expect(kind.message).toMatch(/^kind: Hackney Carers Centre does not take referrals from the practice/)

    createReferral(ctx, { nhsNumber: '9434765919', serviceId: selfOnly.serviceId, kind: 'self-referral' })
    const twice = errorOf(() => createReferral(ctx, { nhsNumber: '9434765919', serviceId: selfOnly.serviceId, kind: 'self-referral' }))
    expect(twice.code).toBe('conflict')
    expect(twice.message).toMatch(/already referred to Hackney Carers Centre on 22 Nov 2026/)
    // An earlier one still open is a warning on a new one, not a refusal.
    const again = createReferral(ctx, { nhsNumber: '9434765919', serviceId: selfOnly.serviceId, kind: 'self-referral', referredOn: '2026-11-20' })
    expect(again.warnings).toEqual([expect.stringMatching(/already referred to Hackney Carers Centre on 22 Nov 2026, with no outcome recorded yet/)])

    setLocalServiceActiveState(ctx, { serviceId: selfOnly.serviceId, active: false })
    const inactive = errorOf(() => createReferral(ctx, { nhsNumber: '9434765870', serviceId: selfOnly.serviceId, kind: 'self-referral' }))
    expect(inactive.code).toBe('conflict')
    expect(inactive.message).toMatch(/is no longer active, so it takes no new referrals/)

    const talking = talkingTherapies()
    expect(errorOf(() => createReferral(ctx, { nhsNumber: '9434765862', serviceId: talking.serviceId, kind: 'sent' })).code).toBe('not_found')
    expect(errorOf(() => createReferral(ctx, { nhsNumber: '1234567890', serviceId: talking.serviceId, kind: 'sent' })).message).toMatch(/^nhsNumber:/)
    expect(errorOf(() => createReferral(ctx, { nhsNumber: '9434765870', serviceId: 999, kind: 'sent' })).code).toBe('not_found')
    expect(
      errorOf(() => createReferral(ctx, { nhsNumber: '9434765870', serviceId: talking.serviceId, kind: 'sent', referredOn: '2026-11-23' })).message
    ).toMatch(/^referredOn: 23 Nov 2026 is after today \(22 Nov 2026\)/)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM referrals').pluck().get()).toBe(2)
  })

  it("at a visit takes the visit's programme and, recorded after the clinic day, the clinic's date; refuses another patient's visit or a missed one", () => {
    const programme = createProgramme(ctx, { name: 'Time to Talk 2026', definition: 'time-to-talk' })
    const { clinicId } = createClinic(ctx, {
      type: 'Time to Talk',
      date: '2026-11-22',
      start: '09:00',
      slots: 3,
      slotMinutes: 30,
      programmeId: programme.programmeId
    })
    const { appointmentId } = bookAppointment(ctx, { clinicId, nhsNumber: '9434765919' })
    const talking = talkingTherapies()
    const { referral } = createReferral(ctx, { nhsNumber: '9434765919', serviceId: talking.serviceId, kind: 'self-referral', appointmentId })
    expect(referral).toMatchObject({ appointmentId, programmeId: programme.programmeId, referredOn: '2026-11-22' })
    expect(lastActivity()).toBe(
      `Signposted 943 476 5919 to refer themselves to "NHS Talking Therapies" on 22 Nov 2026 at a visit (appointment ${appointmentId})`
    )

    const other = errorOf(() => createReferral(ctx, { nhsNumber: '9434765870', serviceId: talking.serviceId, kind: 'sent', appointmentId }))
    expect(other.message).toMatch(/^appointmentId: appointment \d+ is not 943 476 5870's/)
    const { appointmentId: missed } = bookAppointment(ctx, { clinicId, nhsNumber: '9434765870' })
    markDidNotAttend(ctx, { appointmentId: missed })
    expect(errorOf(() => createReferral(ctx, { nhsNumber: '9434765870', serviceId: talking.serviceId, kind: 'sent', appointmentId: missed })).message).toMatch(
      /was not attended, so no referral was made at it/
    )

    // The same visit recorded days later (a clinic left open): the referral is dated on the clinic's day.
    const threeDaysLater = { ...ctx, now: () => new Date('2026-11-25T10:00:00Z') }
    const carersService = saveLocalService(threeDaysLater, carers)
    const atVisit = createReferral(threeDaysLater, { nhsNumber: '9434765919', serviceId: carersService.serviceId, kind: 'sent', appointmentId })
    expect(atVisit.referral.referredOn).toBe('2026-11-22')
  })

  it('records, changes and takes back an outcome, each logged; refuses an outcome dated before the referral', () => {
    const talking = talkingTherapies()
    const { referral } = createReferral(ctx, { nhsNumber: '9434765919', serviceId: talking.serviceId, kind: 'sent', referredOn: '2026-10-01' })
    const early = errorOf(() => setReferralOutcome(ctx, { referralId: referral.referralId, outcome: 'attended', outcomeOn: '2026-09-30' }))
    expect(early.message).toBe('outcomeOn: 30 Sep 2026 is before the referral was made (1 Oct 2026)')

    expect(setReferralOutcome(ctx, { referralId: referral.referralId, outcome: 'accepted' })).toMatchObject({
      outcome: 'accepted',
      outcomeOn: '2026-11-22',
      outcomeBy: 'Test Pharmacist'
    })
    expect(lastActivity()).toBe(
      `Recorded the outcome of 943 476 5919's referral to "NHS Talking Therapies" (made 1 Oct 2026): Accepted by the service on 22 Nov 2026`
    )
    setReferralOutcome(ctx, { referralId: referral.referralId, outcome: 'attended', outcomeOn: '2026-11-20' })
    expect(lastActivity()).toMatch(/: Attended on 20 Nov 2026 \(was "Accepted by the service"\)$/)
    expect(setReferralOutcome(ctx, { referralId: referral.referralId, outcome: null })).toMatchObject({ outcome: null, outcomeOn: null, outcomeBy: null })
    expect(lastActivity()).toMatch(/^Took back the outcome of .*: it was "Attended"; now awaiting an outcome again$/)
    expect(errorOf(() => setReferralOutcome(ctx, { referralId: 999, outcome: 'declined' })).code).toBe('not_found')
  })

  it('lists referrals with no outcome after 6 weeks: exactly 6 weeks is due, a day less is not, one with an outcome drops off', () => {
    const talking = talkingTherapies()
    const carersService = saveLocalService(ctx, carers)
    const sixWeeks = createReferral(ctx, { nhsNumber: '9434765919', serviceId: talking.serviceId, kind: 'sent', referredOn: '2026-10-11' }).referral
    createReferral(ctx, { nhsNumber: '9434765870', serviceId: carersService.serviceId, kind: 'sent', referredOn: '2026-10-12' })
    const old = createReferral(ctx, { nhsNumber: '9434765870', serviceId: talking.serviceId, kind: 'self-referral', referredOn: '2026-08-01' }).referral

    const due = referralsDueWorklist(ctx)
    expect(due.asOf).toBe('2026-11-22')
    expect(due.weeks).toBe(6)
    expect(due.due.map((r) => [r.nhsNumber, r.service, r.referredOn, r.weeksWaiting])).toEqual([
      ['9434765870', 'NHS Talking Therapies', '2026-08-01', 16],
      ['9434765919', 'NHS Talking Therapies', '2026-10-11', 6]
    ])
    expect(due.due[0]).toMatchObject({ name: 'Grace Campbell', dueOn: '2026-09-12', serviceContactProblem: null })

    setReferralOutcome(ctx, { referralId: old.referralId, outcome: 'unknown' })
    expect(referralsDueWorklist(ctx).due.map((r) => r.referralId)).toEqual([sixWeeks.referralId])
    expect(referralsDueWorklist(ctx, { asOf: '2026-11-23' }).due).toHaveLength(2)
    expect(referralsDueWorklist(ctx, { weeks: 8 }).due).toHaveLength(0)
    expect(errorOf(() => referralsDueWorklist(ctx, { weeks: 0 })).message).toMatch(/^weeks: .*1 to 26/)
  })

  it("lists a patient's referrals, latest first, and is an identifiable read through the contract", async () => {
    const talking = talkingTherapies()
    createReferral(ctx, { nhsNumber: '9434765919', serviceId: talking.serviceId, kind: 'sent', referredOn: '2026-10-01' })
    createReferral(ctx, { nhsNumber: '9434765919', serviceId: saveLocalService(ctx, carers).serviceId, kind: 'self-referral' })
    const mine = referralsOfPatient(ctx, '943 476 5919')
    expect(mine).toMatchObject({ nhsNumber: '9434765919', name: 'Kwame Mensah' })
    expect(mine.referrals.map((r) => [r.service, r.referredOn])).toEqual([
      ['Hackney Carers Centre', '2026-11-22'],
      ['NHS Talking Therapies', '2026-10-01']
    ])
    expect(referralsOfPatient(ctx, '9434765870').referrals).toEqual([])

    const nobody = { ...ctx, currentUser: () => null }
    const refused = await dispatch(createServices(nobody), 'referrals.ofPatient', { nhsNumber: '9434765919' })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('unauthorised')
  })
})
