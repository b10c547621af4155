import { describe, expect, it } from 'vitest'
import { CustomCriterion, SaveCustomCohortInput } from '../../src/shared/custom-cohort-schema'
import { defaultCohortParameters } from '../../src/shared/domain/cohort-parameters'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import { customCohortDefinition } from '../../src/shared/domain/custom-cohort-definition'
import { type CustomCriterion as Criterion, completedMonthsBetween, customCriterionRule, imdQuintile } from '../../src/shared/domain/custom-criteria'
import { invitationStateOn } from '../../src/shared/domain/invitation-state'
import { patientFacts } from '../../src/shared/domain/patient-facts'
import type { PatientRecord } from '../../src/shared/domain/patient-record'
import { clinic, event, home, patientRecord } from '../support/patient-record-builder'

const asOf = '2026-11-22'

/** The criterion's outcome for one patient (as of 2026-11-22, QOF mode unless said). */
function check(criterion: unknown, overrides: Partial<PatientRecord> = {}, mode: 'qof' | 'nice' = 'qof') {
  const parsed = CustomCriterion.parse(criterion)
  return customCriterionRule(parsed).evaluate(patientFacts(patientRecord(overrides), asOf, mode, defaultCohortParameters))
}

describe('custom criterion: condition', () => {
  const onRegisters = { events: [event('DM', '2015-01-01'), event('DEP', '2020-03-01')] }
  it('meets "any of" with one condition present and lists which', () => {
    const outcome = check({ kind: 'condition', conditions: ['DM', 'CHD'] }, onRegisters)
    expect(outcome).toMatchObject({ met: true, reason: 'Conditions: Diabetes diagnosis (DM_COD)' })
  })
  it('fails "all of" when one is missing, naming what is present', () => {
    const outcome = check({ kind: 'condition', conditions: ['DM', 'CHD'], match: 'all' }, onRegisters)
    expect(outcome.met).toBe(false)
    expect(outcome.detail).toMatch(/On registers: Diabetes.*criterion: All of: Diabetes/)
  })
  it('does not count a resolved diagnosis', () => {
    const outcome = check({ kind: 'condition', conditions: ['HYP'] }, { events: [event('HYP', '2015-01-01'), event('HYPRES', '2019-01-01')] })
    expect(outcome).toMatchObject({ met: false, reason: 'Conditions: none of them' })
  })
})

describe('custom criterion: age range (inclusive, age on the as-of date)', () => {
  const range = { kind: 'age', min: 40, max: 74 }
  it.each([
    ['1986-11-22', 40, true], // 40th birthday on the as-of date: in
    ['1986-11-23', 39, false], // the day after: still 39
    ['1951-11-23', 74, true], // 74, 75th birthday tomorrow
    ['1951-11-22', 75, false] // 75 today: out
  ])('born %s is %i: met %s', (dateOfBirth, age, met) => {
    const outcome = check(range, { dateOfBirth })
    expect(outcome).toMatchObject({ met, reason: `Age ${age}` })
  })
  it('an open-ended range needs only its one bound', () => {
    expect(check({ kind: 'age', min: 80, max: null }, { dateOfBirth: '1946-11-22' }).met).toBe(true)
  })
  it('no date of birth is not matched, with the reason', () => {
    expect(check(range, { dateOfBirth: null })).toMatchObject({ met: false, reason: 'Age unknown' })
  })
  it('refuses a range with the lowest age above the highest', () => {
    expect(() => CustomCriterion.parse({ kind: 'age', min: 80, max: 40 })).toThrow(/lowest age must not be above/)
    expect(() => CustomCriterion.parse({ kind: 'age', min: null, max: null })).toThrow(/give a lowest age/)
  })
})

describe('custom criterion: sex', () => {
  it('matches the recorded sex and says what it was', () => {
    expect(check({ kind: 'sex', sexes: ['M'] }, { sex: 'M' })).toMatchObject({ met: true, reason: 'Sex male' })
    expect(check({ kind: 'sex', sexes: ['M'] }, { sex: 'F' })).toMatchObject({ met: false, reason: 'Sex female' })
    expect(check({ kind: 'sex', sexes: ['F'] }, { sex: null })).toMatchObject({ met: false, reason: 'Sex not recorded' })
  })
})

describe('custom criterion: ethnicity (5 groups and/or 16 categories)', () => {
  it('matches a category through its broad group', () => {
    const outcome = check({ kind: 'ethnicity', groups: ['black'] }, { ethnicityCategory: 'N' })
    expect(outcome.met).toBe(true)
    expect(outcome.detail).toMatch(/Ethnic category Black or Black British – African \(group: Black or Black British\)/)
  })
  it('matches a single chosen category but not its neighbours', () => {
    expect(check({ kind: 'ethnicity', categories: ['D'] }, { ethnicityCategory: 'D' }).met).toBe(true)
    expect(check({ kind: 'ethnicity', categories: ['D'] }, { ethnicityCategory: 'E' }).met).toBe(false)
  })
  it('does not guess an unmapped value', () => {
    const outcome = check({ kind: 'ethnicity', groups: ['black'] }, { ethnicityCategory: null, ethnicityText: 'Nigerian-ish' })
    expect(outcome).toMatchObject({ met: false, reason: 'Ethnicity not recorded or not mapped' })
    expect(outcome.detail).toMatch(/"Nigerian-ish" not mapped/)
  })
  it('"not stated" (Z) is in no broad group', () => {
    expect(check({ kind: 'ethnicity', groups: ['white', 'mixed', 'asian', 'black', 'other'] }, { ethnicityCategory: 'Z' }).met).toBe(false)
  })
})

describe('custom criterion: IMD quintile', () => {
  it('deciles 1–2 are quintile 1 (Core20), 9–10 quintile 5', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(imdQuintile)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    expect(check({ kind: 'imd-quintile', quintiles: [1] }, { imdDecile: 2 })).toMatchObject({ met: true, reason: 'IMD quintile 1 (decile 2)' })
    expect(check({ kind: 'imd-quintile', quintiles: [1] }, { imdDecile: 3 }).met).toBe(false)
  })
  it('a missing IMD is "unknown IMD: not matched", with the reason shown', () => {
    const outcome = check({ kind: 'imd-quintile', quintiles: [1, 2, 3, 4, 5] }, { imdDecile: null })
    expect(outcome).toMatchObject({ met: false, reason: 'IMD unknown (not matched)' })
    expect(outcome.detail).toMatch(/^Unknown IMD/)
  })
})

describe('custom criterion: BP state and priority', () => {
  const uncontrolled = { readings: [clinic('2026-09-01', 152, 94)] }
  it('above target, at target and no reading, with the target applied', () => {
    expect(check({ kind: 'bp-state', states: ['above-target'] }, uncontrolled)).toMatchObject({
      met: true,
      reason: 'BP 152/94 on 1 Sep 2026 (clinic) above target'
    })
    const at = check({ kind: 'bp-state', states: ['above-target'] }, { readings: [clinic('2026-09-01', 140, 90)] })
    expect(at).toMatchObject({ met: false, reason: 'BP 140/90 on 1 Sep 2026 (clinic) at target' })
    expect(at.detail).toMatch(/QOF HYP008/)
    expect(check({ kind: 'bp-state', states: ['no-reading'] }, { readings: [clinic('2025-11-22', 150, 90)] })).toMatchObject({
      met: true,
      reason: 'No recent BP'
    })
  })
  it('follows the mode: 140/90 at 79 is at target in QOF, above in NICE', () => {
    const patient = { dateOfBirth: '1947-01-01', readings: [clinic('2026-09-01', 140, 90)] }
    expect(check({ kind: 'bp-state', states: ['at-target'] }, patient, 'qof').met).toBe(true)
    expect(check({ kind: 'bp-state', states: ['at-target'] }, patient, 'nice').met).toBe(false)
  })
  it('priority P1 at clinic 180/119 and P2 at 179/119; none when at target', () => {
    expect(check({ kind: 'priority', priorities: ['P1'] }, { readings: [clinic('2026-09-01', 180, 119)] })).toMatchObject({ met: true, reason: 'Priority P1' })
    expect(check({ kind: 'priority', priorities: ['P1'] }, { readings: [clinic('2026-09-01', 179, 119)] })).toMatchObject({ met: false, reason: 'Priority P2' })
    expect(check({ kind: 'priority', priorities: ['P4'] }, { readings: [home('2026-09-01', 130, 80)] })).toMatchObject({
      met: false,
      reason: 'No priority (BP at target)'
    })
  })
})

describe('custom criterion: months since the last BP', () => {
  it('counts completed months, month ends included', () => {
    expect(completedMonthsBetween('2025-11-22', '2026-11-22')).toBe(12)
    expect(completedMonthsBetween('2025-11-23', '2026-11-22')).toBe(11)
    expect(completedMonthsBetween('2026-01-31', '2026-02-28')).toBe(1)
    expect(completedMonthsBetween('2026-11-22', '2026-11-22')).toBe(0)
  })
  const atLeast12 = { kind: 'last-reading', minMonths: 12, maxMonths: null }
  it('a reading exactly 12 months old meets "12 months or more"; a day younger does not', () => {
    expect(check(atLeast12, { readings: [clinic('2025-11-22', 150, 90)] })).toMatchObject({ met: true, reason: 'Last BP 2025-11-22 (12 months ago)' })
    expect(check(atLeast12, { readings: [clinic('2025-11-23', 150, 90)] })).toMatchObject({ met: false, reason: 'Last BP 2025-11-23 (11 months ago)' })
  })
  it('uses the latest reading and ignores readings after the as-of date', () => {
    const readings = [clinic('2024-01-01', 150, 90), clinic('2025-06-01', 150, 90), clinic('2026-12-01', 150, 90)]
    expect(check({ kind: 'last-reading', minMonths: null, maxMonths: 17 }, { readings })).toMatchObject({
      met: true,
      reason: 'Last BP 2025-06-01 (17 months ago)'
    })
  })
  it('never measured meets it only when asked to include it', () => {
    expect(check(atLeast12, { readings: [] })).toMatchObject({ met: false, reason: 'No BP ever recorded' })
    expect(check({ ...atLeast12, includeNoReading: true }, { readings: [] }).met).toBe(true)
  })
})

describe('custom criterion: number of long-term conditions', () => {
  const three = [event('HYP', '2015-01-01'), event('DM', '2016-01-01'), event('DEP', '2017-01-01')]
  it('meets "3 or more" with exactly 3 and not with 2', () => {
    expect(check({ kind: 'ltc-count', atLeast: 3 }, { events: three })).toMatchObject({ met: true, reason: '3 conditions: Hypertension, Diabetes, Depression' })
    expect(check({ kind: 'ltc-count', atLeast: 3 }, { events: three.slice(0, 2) })).toMatchObject({
      met: false,
      reason: '2 conditions: Hypertension, Diabetes'
    })
  })
})

describe('custom criterion: invitation state', () => {
  const history = (sent: string[], lastAnsweredOn: string | null = null) => ({
    invitationHistory: { sent: sent.map((sentOn, i) => ({ attempt: i + 1, sentOn })), lastAnsweredOn }
  })
  const state = (overrides: Partial<PatientRecord>) => invitationStateOn(patientRecord(overrides), asOf)?.state
  it('tells the five states apart', () => {
    expect(state(history([]))).toBe('never-invited')
    expect(state(history(['2026-11-01']))).toBe('invited-not-booked')
    expect(state(history(['2026-11-01', '2026-11-07']))).toBe('invited-not-booked') // 6 days apart: not yet QOF's 7
    expect(state(history(['2026-11-01', '2026-11-08']))).toBe('non-responder')
    expect(state({ ...history(['2026-11-01']), nextBookedAppointmentOn: '2026-12-01' })).toBe('booked')
    expect(state(history(['2026-09-01'], '2026-09-05'))).toBe('responded')
  })
  it('counts an invitation recorded in the practice system (HYPINVITE) as an invitation', () => {
    expect(state({ ...history([]), events: [event('HYPINVITE', '2026-10-01', '185719002')] })).toBe('invited-not-booked')
  })
  it('is unknown (not matched) when the build did not read the history', () => {
    expect(check({ kind: 'invitation', states: ['never-invited'] }, {})).toMatchObject({ met: false, reason: 'Invitation state unknown' })
    const outcome = check({ kind: 'invitation', states: ['non-responder'] }, history(['2026-10-01', '2026-10-20']))
    expect(outcome.met).toBe(true)
    expect(outcome.reason).toMatch(/^Non-responder .*1 Oct 2026 and 20 Oct 2026/)
  })
})

describe('a custom cohort through the engine', () => {
  const criteria: Criterion[] = SaveCustomCohortInput.parse({
    name: 'Black patients 40–74 above target',
    criteria: [
      { kind: 'ethnicity', groups: ['black'] },
      { kind: 'age', min: 40, max: 74 },
      { kind: 'bp-state', states: ['above-target'] }
    ],
    exclusions: ['exclude.deceased-or-left']
  }).criteria
  const definition = customCohortDefinition({ customId: 7, version: 2, name: 'Test', description: '', criteria, exclusions: ['exclude.deceased-or-left'] })

  it('lists members with one reason per criterion, explains each criterion, and applies the chosen exclusions', () => {
    const member = patientRecord({ ethnicityCategory: 'M', dateOfBirth: '1970-01-01', readings: [clinic('2026-10-01', 150, 95)] })
    const left = patientRecord({ ethnicityCategory: 'N', dateOfBirth: '1970-01-01', readings: [clinic('2026-10-01', 150, 95)], registrationStatus: 'Left' })
    const white = patientRecord({ ethnicityCategory: 'A', dateOfBirth: '1970-01-01', readings: [clinic('2026-10-01', 150, 95)] })
    const result = evaluateCohort(definition, [member, left, white], { asOf, mode: 'qof' })
    expect(definition.id).toBe('custom-7')
    expect(result.members.map((m) => m.patientId)).toEqual([member.patientId])
    const entry = result.members[0]!
    expect(entry.reasons.slice(0, 3)).toEqual(['Ethnicity Black or Black British – Caribbean', 'Age 56', 'BP 150/95 on 1 Oct 2026 (clinic) above target'])
    expect(entry.priority).toBe('P3')
    const steps = entry.explanation.steps.filter((s) => s.rule.startsWith('custom.'))
    expect(steps.map((s) => [s.rule, s.outcome])).toEqual([
      ['custom.ethnicity', 'pass'],
      ['custom.age', 'pass'],
      ['custom.bp-state', 'pass']
    ])
    expect(steps.every((s) => s.source !== '' && s.detail.includes('; criterion: '))).toBe(true)
    expect(result.excluded.map((e) => [e.patientId, e.rule])).toEqual([[left.patientId, 'exclude.deceased-or-left']])
    expect(result.exclusionCounts).toEqual([expect.objectContaining({ rule: 'exclude.deceased-or-left', count: 1, state: 'on' })])
    expect(result.notEligibleCount).toBe(1)
  })
})
