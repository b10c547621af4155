// The exclusions that must exclude the right people: "invited recently" looks at every invitation in
// the window (asOf − N days, asOf], "deceased or left" reads only wordings that mean dead or gone,
// and "already booked" counts only a booking in a clinic on or after the as-of date. Each case runs
// the rule itself (test and evaluate) and the real cohort engine.
import { describe, expect, it } from 'vitest'
import { findCohortDefinition } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import { type CohortParameters, defaultCohortParameters } from '../../src/shared/domain/cohort-parameters'
import { cohortRules } from '../../src/shared/domain/cohort-rules'
import { chooseChannel, defaultContactPreferences } from '../../src/shared/domain/contact-channel'
import { invitationStateOn } from '../../src/shared/domain/invitation-state'
import { patientFacts } from '../../src/shared/domain/patient-facts'
import type { PatientRecord } from '../../src/shared/domain/patient-record'
import { isNoLongerRegistered } from '../../src/shared/domain/registration-status'
import { clinic, event, patientRecord } from '../support/patient-record-builder'

const asOf = '2026-03-31'
// 28 days before 2026-03-31: outside the window, which starts the day after.
const windowStartsAfter = '2026-03-03'

/** On the register, aged 64, 150/95 a month ago: a P4 member unless an exclusion applies. */
function hypertensive(overrides: Partial<PatientRecord> = {}): PatientRecord {
  return patientRecord({
    dateOfBirth: '1961-06-15',
    readings: [clinic('2026-03-01', 150, 95)],
    ...overrides,
    events: [event('HYP', '2015-04-01', '38341003', 'Hypertensive disorder'), ...(overrides.events ?? [])]
  })
}

function rule(id: keyof typeof cohortRules, patient: PatientRecord, params: Partial<CohortParameters> = {}, on = asOf) {
  const r = cohortRules[id]
  const facts = patientFacts(patient, on, 'qof', { ...defaultCohortParameters, ...params })
  const outcome = r.evaluate(facts)
  // The build decides with `test`; the explanation with `evaluate`: they must agree.
  if (r.test) expect(r.test(facts)).toBe(outcome.met)
  return outcome
}

function built(patient: PatientRecord, on = asOf) {
  const definition = findCohortDefinition('uncontrolled-hypertension')
  if (!definition) throw new Error('definition missing')
  const result = evaluateCohort(definition, [patient], { asOf: on, mode: 'qof' })
  return { member: result.members[0] ?? null, excluded: result.excluded[0] ?? null }
}

describe('invited recently: every invitation in the window (asOf − N days, asOf]', () => {
  it('an invitation before the last one, inside the window, excludes — the last one being after the as-of date', () => {
    const patient = hypertensive({ invitedOn: ['2026-03-20', '2026-04-10'], lastInvitedOn: '2026-04-10' })
    const outcome = rule('exclude.recently-invited', patient)
    expect(outcome).toMatchObject({ met: true, reason: 'Excluded: invited 20 Mar 2026' })
    expect(outcome.detail).toBe('Invited on 20 Mar 2026 (invitation sent from Clinic Recall), within 28 days of 31 Mar 2026')
    expect(built(patient).excluded).toMatchObject({ rule: 'exclude.recently-invited', reasons: expect.arrayContaining(['Excluded: invited 20 Mar 2026']) })
  })

  it('picks the latest invitation inside the window for the reason, whichever list it came from', () => {
    const patient = hypertensive({
      invitedOn: ['2026-03-05', '2026-03-12'],
      lastInvitedOn: '2026-03-12',
      events: [event('HYPINVITE', '2026-03-25', '185719002', 'Hypertension monitoring invitation first letter'), event('HYPINVITE', '2026-04-02')]
    })
    expect(rule('exclude.recently-invited', patient)).toMatchObject({
      met: true,
      reason: 'Excluded: invited 25 Mar 2026',
      detail: 'Invited on 25 Mar 2026 (Hypertension monitoring invitation first letter recorded in the practice system), within 28 days of 31 Mar 2026'
    })
  })

  it('a coded invitation in the practice system before a later one after the as-of date still excludes', () => {
    const patient = hypertensive({
      events: [event('HYPINVITE', '2026-03-15', '185719002', 'First letter'), event('HYPINVITE', '2026-05-01', '185720008', 'Second letter')]
    })
    expect(rule('exclude.recently-invited', patient)).toMatchObject({ met: true, reason: 'Excluded: invited 15 Mar 2026' })
  })

  it('exactly N days before the as-of date is outside the window; the day after is inside', () => {
    expect(rule('exclude.recently-invited', hypertensive({ invitedOn: [windowStartsAfter], lastInvitedOn: windowStartsAfter })).met).toBe(false)
    expect(rule('exclude.recently-invited', hypertensive({ events: [event('HYPINVITE', windowStartsAfter)] })).met).toBe(false)
    expect(rule('exclude.recently-invited', hypertensive({ invitedOn: ['2026-03-04'], lastInvitedOn: '2026-03-04' })).met).toBe(true)
    expect(built(hypertensive({ invitedOn: [windowStartsAfter], lastInvitedOn: windowStartsAfter })).member).not.toBeNull()
    // Another window length moves the boundary with it: 14 days before is outside a 14-day window.
    expect(rule('exclude.recently-invited', hypertensive({ invitedOn: ['2026-03-17'] }), { invitedWithinDays: 14 }).met).toBe(false)
    expect(rule('exclude.recently-invited', hypertensive({ invitedOn: ['2026-03-18'] }), { invitedWithinDays: 14 }).met).toBe(true)
  })

  it('an invitation on the as-of date counts; one after it does not count and hides nothing', () => {
    expect(rule('exclude.recently-invited', hypertensive({ invitedOn: [asOf] })).met).toBe(true)
    const after = hypertensive({ invitedOn: ['2026-04-01'], lastInvitedOn: '2026-04-01', events: [event('HYPINVITE', '2026-04-02')] })
    expect(rule('exclude.recently-invited', after)).toMatchObject({ met: false, detail: 'Not invited in the 28 days to 31 Mar 2026' })
    expect(built(after).member).not.toBeNull()
  })

  it('only invitations outside the window, before and after it: not excluded', () => {
    const patient = hypertensive({
      invitedOn: ['2026-02-01', '2026-04-15'],
      lastInvitedOn: '2026-04-15',
      events: [event('HYPINVITE', '2026-01-10'), event('HYPINVITE', null)]
    })
    expect(rule('exclude.recently-invited', patient).met).toBe(false)
  })

  it('a record with only lastInvitedOn (re-derived from a snapshot) is judged the same way', () => {
    expect(rule('exclude.recently-invited', hypertensive({ lastInvitedOn: '2026-03-20' })).met).toBe(true)
    expect(rule('exclude.recently-invited', hypertensive({ lastInvitedOn: '2026-04-20' })).met).toBe(false)
    expect(rule('exclude.recently-invited', hypertensive({ lastInvitedOn: windowStartsAfter })).met).toBe(false)
  })
})

describe('deceased or left: only wordings that mean dead or no longer registered', () => {
  const registered = [
    'Transferred in',
    'Transferred In',
    'Registered',
    'Regular',
    'Current',
    'Temporary',
    'Applied',
    'Permanent',
    'GMS',
    'Pending',
    'Transferred',
    'Registered (GMS)',
    'Cleft lip clinic',
    'Temporary resident'
  ]
  const gone = [
    'Deceased',
    'DECEASED',
    'Died',
    'Dead',
    'Deducted - death',
    'Left',
    'Left practice',
    'Left-Practice',
    'Removed',
    'Removed from list',
    'Transferred out',
    'Transferred Out (GP2GP)',
    'Deducted',
    'No longer registered',
    'De-registered'
  ]

  it.each(registered)('"%s" is not excluded', (status) => {
    expect(isNoLongerRegistered(status)).toBe(false)
    expect(rule('exclude.deceased-or-left', hypertensive({ registrationStatus: status })).met).toBe(false)
    expect(built(hypertensive({ registrationStatus: status })).member).not.toBeNull()
  })

  it.each(gone)('"%s" is excluded', (status) => {
    expect(isNoLongerRegistered(status)).toBe(true)
    expect(rule('exclude.deceased-or-left', hypertensive({ registrationStatus: status }))).toMatchObject({
      met: true,
      reason: `Excluded: registration status "${status}"`
    })
    expect(built(hypertensive({ registrationStatus: status })).excluded?.rule).toBe('exclude.deceased-or-left')
  })

  it('no status in the export is taken as registered', () => {
    expect(isNoLongerRegistered(null)).toBe(false)
    expect(rule('exclude.deceased-or-left', hypertensive({ registrationStatus: null })).met).toBe(false)
  })

  it('the channel choice reads the same wordings: a patient "Transferred in" is contacted, one "Transferred out" is not', () => {
    const facts = { mobile: null, homePhone: null, hasPostalAddress: true, preferences: defaultContactPreferences }
    const options = { allowSms: true, phoneList: false }
    expect(chooseChannel({ ...facts, registrationStatus: 'Transferred in' }, options).channel).toBe('letter')
    expect(chooseChannel({ ...facts, registrationStatus: 'Transferred out' }, options).channel).toBeNull()
    expect(chooseChannel({ ...facts, registrationStatus: 'Deducted' }, options).channel).toBeNull()
  })
})

describe('already booked: only a booking in a clinic on or after the as-of date', () => {
  it('an appointment left open in a clinic before the as-of date is not "booked into an upcoming clinic"', () => {
    const patient = hypertensive({ nextBookedAppointmentOn: '2026-03-30' })
    expect(rule('exclude.already-booked', patient)).toMatchObject({ met: false, detail: 'No upcoming booked clinic appointment' })
    expect(built(patient).member).not.toBeNull()
  })

  it('a booking on the as-of day or later is', () => {
    for (const [on, words] of [
      [asOf, '31 Mar 2026'],
      ['2026-04-01', '1 Apr 2026'],
      ['2026-06-30', '30 Jun 2026']
    ] as const) {
      const patient = hypertensive({ nextBookedAppointmentOn: on })
      expect(rule('exclude.already-booked', patient)).toMatchObject({ met: true, reason: `Excluded: booked into clinic on ${words}` })
      expect(built(patient).excluded?.rule).toBe('exclude.already-booked')
    }
  })

  it('the invitation state reads a past open appointment the same way: not "booked"', () => {
    const history = { sent: [{ attempt: 1, sentOn: '2026-03-01' }], lastAnsweredOn: null }
    expect(invitationStateOn({ events: [], nextBookedAppointmentOn: '2026-03-30', invitationHistory: history }, asOf)?.state).toBe('invited-not-booked')
    expect(invitationStateOn({ events: [], nextBookedAppointmentOn: asOf, invitationHistory: history }, asOf)?.state).toBe('booked')
  })
})
