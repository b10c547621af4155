import { describe, expect, it } from 'vitest'
import { findCohortDefinition, type CohortDefinitionId } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort, type EvaluateOptions } from '../../src/shared/domain/cohort-engine'
import type { PatientRecord } from '../../src/shared/domain/patient-record'
import { clinic, event, home, patientRecord } from '../support/patient-record-builder'

const asOf = '2026-11-22'

function definition(id: CohortDefinitionId) {
  const found = findCohortDefinition(id)
  if (!found) throw new Error(`no definition ${id}`)
  return found
}

function build(id: CohortDefinitionId, patients: PatientRecord[], options: Partial<EvaluateOptions> = {}) {
  return evaluateCohort(definition(id), patients, { asOf, mode: 'qof', ...options })
}

/** On the register since 2018, aged 66, with one clinic reading. */
function hypertensive(systolic: number, diastolic: number, overrides: Partial<PatientRecord> = {}): PatientRecord {
  return patientRecord({
    readings: [clinic('2026-09-01', systolic, diastolic)],
    events: [event('HYP', '2018-04-01', '38341003', 'Hypertensive disorder')],
    ...overrides
  })
}

const ids = (entries: { patientId: number }[]) => entries.map((e) => e.patientId)

describe('uncontrolled hypertension cohort', () => {
  it('lists an adult on the register above target with reasons and an explanation of every step', () => {
    const patient = hypertensive(152, 94)
    const result = build('uncontrolled-hypertension', [patient])
    expect(ids(result.members)).toEqual([patient.patientId])
    const entry = result.members[0]!
    expect(entry.priority).toBe('P4')
    expect(entry.bp).toEqual({ systolic: 152, diastolic: 94, date: '2026-09-01', setting: 'clinic' })
    expect(entry.reasons[0]).toMatch(/On hypertension register \(diagnosed 1 Apr 2018\)/)
    expect(entry.reasons[1]).toBe('Age 66')
    expect(entry.reasons[2]).toMatch(/152\/94 .* above target .*QOF HYP008/)
    expect(entry.reasons[3]).toMatch(/^P4/)
    expect(entry.explanation.target).toMatchObject({ systolic: 140, diastolic: 90, comparator: '<=' })
    expect(entry.explanation.readingsConsidered).toEqual([
      { date: '2026-09-01', systolic: 152, diastolic: 94, setting: 'clinic', used: 'both', measure: 'clinic' }
    ])
    const rules = entry.explanation.steps.map((s) => s.rule)
    expect(rules).toEqual(expect.arrayContaining(['register.hypertension', 'age.adult', 'bp.above-target', 'exclude.bp-declined']))
    expect(entry.explanation.steps.every((s) => s.source !== '')).toBe(true)
    expect(entry.rule).toBeNull()
    expect(entry.severe).toBe(false)
  })

  it('counts 140/90 at 79 as controlled in QOF mode and uncontrolled in NICE mode', () => {
    const patient = hypertensive(140, 90, { dateOfBirth: '1947-01-01' })
    expect(build('uncontrolled-hypertension', [patient]).members).toHaveLength(0)
    expect(build('uncontrolled-hypertension', [patient], { mode: 'nice' }).members).toHaveLength(1)
  })

  it('applies the 150/90 target on the 80th birthday and 140/90 the day before', () => {
    const patient = hypertensive(148, 88, { dateOfBirth: '1946-11-22' })
    expect(build('uncontrolled-hypertension', [patient]).members).toHaveLength(0)
    const dayBefore = build('uncontrolled-hypertension', [patient], { asOf: '2026-11-21' })
    expect(dayBefore.members).toHaveLength(1)
    expect(dayBefore.members[0]?.explanation.target?.label).toMatch(/HYP008/)
  })

  it('does not list a patient whose only reading is 13 months old (no recent BP is not uncontrolled)', () => {
    const patient = hypertensive(170, 100, { readings: [clinic('2025-10-22', 170, 100)] })
    const result = build('uncontrolled-hypertension', [patient])
    expect(result.members).toHaveLength(0)
    expect(result.notEligibleCount).toBe(1)
  })

  it('uses the lowest systolic and diastolic of two readings on the latest day', () => {
    const stillHigh = hypertensive(0, 0, { readings: [clinic('2026-09-01', 150, 88), clinic('2026-09-01', 144, 92)] })
    const withinOnLowest = hypertensive(0, 0, { readings: [clinic('2026-09-01', 150, 88), clinic('2026-09-01', 138, 92)] })
    const result = build('uncontrolled-hypertension', [stillHigh, withinOnLowest])
    expect(ids(result.members)).toEqual([stillHigh.patientId])
    expect(result.members[0]?.bp).toMatchObject({ systolic: 144, diastolic: 88 })
    expect(result.members[0]?.explanation.bpRule).toMatch(/lowest systolic and lowest diastolic/)
  })

  it('lists a 60-year-old with home 136/84 against the home target 135/85', () => {
    const patient = hypertensive(0, 0, { dateOfBirth: '1966-01-01', readings: [home('2026-09-01', 136, 84)] })
    const entry = build('uncontrolled-hypertension', [patient]).members[0]
    expect(entry?.bp).toMatchObject({ systolic: 136, diastolic: 84, setting: 'home' })
    expect(entry?.explanation.target).toMatchObject({ systolic: 135, diastolic: 85 })
  })

  it('lists a patient diagnosed, resolved and re-diagnosed', () => {
    const patient = hypertensive(150, 95, { events: [event('HYP', '2010-01-01'), event('HYPRES', '2015-01-01'), event('HYP', '2020-01-01')] })
    expect(build('uncontrolled-hypertension', [patient]).members).toHaveLength(1)
  })

  it('does not list a resolved patient or a 17-year-old', () => {
    const resolved = hypertensive(150, 95, { events: [event('HYP', '2010-01-01'), event('HYPRES', '2015-01-01')] })
    const young = hypertensive(150, 95, { dateOfBirth: '2009-01-01' })
    const result = build('uncontrolled-hypertension', [resolved, young])
    expect(result.members).toHaveLength(0)
    expect(result.notEligibleCount).toBe(2)
  })

  it('orders members P1 first, then P2, P3, P4', () => {
    const p4 = hypertensive(150, 92)
    const p1 = hypertensive(185, 100)
    const p3 = hypertensive(150, 92, { ethnicityCategory: 'H' })
    const p2 = hypertensive(165, 95)
    const members = build('uncontrolled-hypertension', [p4, p1, p3, p2]).members
    expect(members.map((m) => m.priority)).toEqual(['P1', 'P2', 'P3', 'P4'])
    expect(members[0]?.severe).toBe(true)
  })
})

describe('exclusions', () => {
  const cases: { name: string; rule: string; patient: () => PatientRecord }[] = [
    { name: 'deceased', rule: 'exclude.deceased-or-left', patient: () => hypertensive(150, 95, { registrationStatus: 'Deceased' }) },
    { name: 'left the practice', rule: 'exclude.deceased-or-left', patient: () => hypertensive(150, 95, { registrationStatus: 'Transferred out' }) },
    {
      name: 'palliative care',
      rule: 'exclude.palliative-care',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('PALCARE', '2026-01-05')] })
    },
    {
      name: 'informed dissent in 12 months',
      rule: 'exclude.informed-dissent',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('HYPPCADEC', '2026-02-01')] })
    },
    {
      name: 'unsuitable in 12 months',
      rule: 'exclude.informed-dissent',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('HYPPCAPU', '2026-02-01')] })
    },
    {
      name: 'BP declined in 12 months',
      rule: 'exclude.bp-declined',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('BPDEC', '2025-11-23')] })
    },
    {
      name: 'maximal tolerated therapy in 12 months',
      rule: 'exclude.maximal-therapy',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('HTMAX', '2026-06-01')] })
    },
    {
      name: 'first diagnosed 8 months ago (QOF mode)',
      rule: 'exclude.recent-diagnosis',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2026-03-22')] })
    },
    {
      name: 'registered 3 months ago (QOF mode)',
      rule: 'exclude.recent-registration',
      patient: () => hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('REGISTERED', '2026-08-22')] })
    },
    { name: 'booked into an upcoming clinic', rule: 'exclude.already-booked', patient: () => hypertensive(150, 95, { nextBookedAppointmentOn: '2026-12-01' }) },
    { name: 'booked into a clinic today', rule: 'exclude.already-booked', patient: () => hypertensive(150, 95, { nextBookedAppointmentOn: asOf }) },
    { name: 'invited 10 days ago', rule: 'exclude.recently-invited', patient: () => hypertensive(150, 95, { lastInvitedOn: '2026-11-12' }) },
    {
      name: 'invited from the practice system 20 days ago',
      rule: 'exclude.recently-invited',
      patient: () =>
        hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('HYPINVITE', '2026-11-02', '185719002', 'Hypertension monitoring first letter')] })
    }
  ]

  for (const c of cases) {
    it(`excludes a patient who is ${c.name}, with the rule, its reason and a count`, () => {
      const patient = c.patient()
      const result = build('uncontrolled-hypertension', [patient])
      expect(result.members).toHaveLength(0)
      expect(result.excluded).toHaveLength(1)
      const entry = result.excluded[0]!
      expect(entry.rule).toBe(c.rule)
      expect(entry.reasons.some((r) => r.startsWith('Excluded:'))).toBe(true)
      expect(entry.explanation.steps.find((s) => s.rule === c.rule)?.outcome).toBe('fail')
      expect(result.exclusionCounts.find((x) => x.rule === c.rule)?.count).toBe(1)
    })
  }

  it('does not exclude for declined BP or maximal therapy recorded more than 12 months ago', () => {
    const declined = hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('BPDEC', '2025-11-22')] })
    const maximal = hypertensive(150, 95, { events: [event('HYP', '2018-04-01'), event('HTMAX', '2025-06-01')] })
    const result = build('uncontrolled-hypertension', [declined, maximal])
    expect(result.members).toHaveLength(2)
    expect(result.excluded).toHaveLength(0)
  })

  it('does not apply the 9-month diagnosis rule in NICE mode, and says so', () => {
    const patient = hypertensive(150, 95, { events: [event('HYP', '2026-03-22')] })
    const result = build('uncontrolled-hypertension', [patient], { mode: 'nice' })
    expect(result.members).toHaveLength(1)
    expect(result.members[0]?.explanation.steps.find((s) => s.rule === 'exclude.recent-diagnosis')).toMatchObject({ outcome: 'info' })
    expect(result.exclusionCounts.find((x) => x.rule === 'exclude.recent-diagnosis')?.label).toMatch(/QOF mode only/)
  })

  it('does not exclude a first diagnosis 10 months ago in QOF mode', () => {
    const patient = hypertensive(150, 95, { events: [event('HYP', '2026-01-22')] })
    expect(build('uncontrolled-hypertension', [patient]).members).toHaveLength(1)
  })

  it('does not exclude an invitation 30 days ago or a past clinic booking', () => {
    const invited = hypertensive(150, 95, { lastInvitedOn: '2026-10-23' })
    const pastBooking = hypertensive(150, 95, { nextBookedAppointmentOn: '2026-11-21' })
    expect(build('uncontrolled-hypertension', [invited, pastBooking]).members).toHaveLength(2)
  })

  it('still lists an excluded patient with a severe reading, flagged severe', () => {
    const patient = hypertensive(186, 100, { registrationStatus: 'Regular', events: [event('HYP', '2018-04-01'), event('BPDEC', '2026-05-01')] })
    const result = build('uncontrolled-hypertension', [patient])
    expect(result.excluded).toHaveLength(1)
    expect(result.excluded[0]).toMatchObject({ severe: true, priority: 'P1', rule: 'exclude.bp-declined' })
    expect(result.excluded[0]?.reasons.at(-1)).toMatch(/Severe reading — excluded, please check/)
  })

  it('lists severe excluded patients before the others', () => {
    const plain = hypertensive(150, 95, { givenName: 'Aaron', registrationStatus: 'Left' })
    const severe = hypertensive(190, 100, { givenName: 'Zoe', registrationStatus: 'Left' })
    expect(ids(build('uncontrolled-hypertension', [plain, severe]).excluded)).toEqual([severe.patientId, plain.patientId])
  })

  it('records the first exclusion that applies, so counts add up to the excluded total', () => {
    const both = hypertensive(150, 95, { registrationStatus: 'Deceased', lastInvitedOn: '2026-11-20' })
    const invited = hypertensive(150, 95, { lastInvitedOn: '2026-11-20' })
    const result = build('uncontrolled-hypertension', [both, invited])
    expect(result.excluded.find((e) => e.patientId === both.patientId)?.rule).toBe('exclude.deceased-or-left')
    const total = result.exclusionCounts.reduce((sum, c) => sum + c.count, 0)
    expect(total).toBe(result.excluded.length)
    expect(result.excluded.find((e) => e.patientId === both.patientId)?.explanation.steps.filter((s) => s.outcome === 'fail')).toHaveLength(2)
  })

  it('lets an exclusion be switched off for a build', () => {
    const patient = hypertensive(150, 95, { lastInvitedOn: '2026-11-20' })
    const result = build('uncontrolled-hypertension', [patient], { params: { disabledExclusions: ['exclude.recently-invited'] } })
    expect(result.members).toHaveLength(1)
    expect(result.exclusionCounts.find((c) => c.rule === 'exclude.recently-invited')?.label).toMatch(/switched off/)
  })
})

describe('Black African / African-Caribbean cohort', () => {
  it('takes categories M, N, P and leaves out mixed D/E unless switched on', () => {
    const caribbean = hypertensive(150, 95, { ethnicityCategory: 'M' })
    const african = hypertensive(150, 95, { ethnicityCategory: 'N' })
    const mixed = hypertensive(150, 95, { ethnicityCategory: 'D' })
    const white = hypertensive(150, 95, { ethnicityCategory: 'A' })
    const unknown = hypertensive(150, 95)
    const all = [caribbean, african, mixed, white, unknown]
    expect(ids(build('hypertension-black-african-caribbean', all).members).sort()).toEqual([caribbean.patientId, african.patientId].sort())
    const withMixed = build('hypertension-black-african-caribbean', all, { params: { includeMixedBlackCategories: true } })
    expect(ids(withMixed.members)).toContain(mixed.patientId)
    expect(withMixed.notEligibleCount).toBe(2)
  })

  it('gives the ethnicity in the reasons and P3 for an uncontrolled Black patient below stage 2', () => {
    const entry = build('hypertension-black-african-caribbean', [hypertensive(150, 95, { ethnicityCategory: 'P' })]).members[0]
    expect(entry?.reasons).toContain('Ethnicity Black or Black British – Any other Black background')
    expect(entry?.priority).toBe('P3')
  })
})

describe('no recent BP cohort', () => {
  it('lists register patients without a reading in 12 months, with no priority, longest gap first', () => {
    const never = hypertensive(0, 0, { readings: [] })
    const old = hypertensive(0, 0, { readings: [clinic('2024-01-01', 150, 90)] })
    const older = hypertensive(0, 0, { readings: [clinic('2022-01-01', 150, 90)] })
    const recent = hypertensive(150, 95)
    const result = build('no-recent-bp', [old, recent, never, older])
    expect(ids(result.members)).toEqual([never.patientId, older.patientId, old.patientId])
    expect(result.members.every((m) => m.priority === null && m.bp === null && !m.severe)).toBe(true)
    expect(result.members[1]?.reasons.at(-1)).toMatch(/No BP in 12 months \(last reading 2022-01-01\)/)
    expect(result.notEligibleCount).toBe(1)
  })
})

describe('Time to Talk cohort', () => {
  it('lists adults with two or more conditions, naming them, physical-and-mental first', () => {
    const physicalOnly = patientRecord({ givenName: 'Ann', events: [event('AST', '2010-01-01'), event('COPD', '2015-01-01'), event('AF', '2016-01-01')] })
    const both = patientRecord({ givenName: 'Zed', events: [event('DM', '2012-01-01'), event('DEP', '2020-01-01')] })
    const one = patientRecord({ events: [event('AST', '2010-01-01')] })
    const result = build('time-to-talk', [physicalOnly, both, one])
    expect(ids(result.members)).toEqual([both.patientId, physicalOnly.patientId])
    expect(result.members[0]?.reasons.at(-1)).toMatch(/2 conditions: Diabetes, Depression \(physical and mental health\)/)
    expect(result.members[1]?.reasons.at(-1)).toMatch(/^3 conditions: Atrial fibrillation, Asthma, COPD$/)
    expect(result.notEligibleCount).toBe(1)
  })

  it('does not count resolved hypertension or resolved diabetes', () => {
    const patient = patientRecord({
      events: [event('HYP', '2010-01-01'), event('HYPRES', '2012-01-01'), event('DM', '2011-01-01'), event('DMRES', '2013-01-01'), event('AST', '2010-01-01')]
    })
    expect(build('time-to-talk', [patient]).members).toHaveLength(0)
  })

  it('follows the threshold parameter', () => {
    const patient = patientRecord({ events: [event('AST', '2010-01-01'), event('EP', '2011-01-01')] })
    expect(build('time-to-talk', [patient]).members).toHaveLength(1)
    expect(build('time-to-talk', [patient], { params: { conditionThreshold: 3 } }).members).toHaveLength(0)
  })

  it('does not list children', () => {
    const child = patientRecord({ dateOfBirth: '2015-01-01', events: [event('AST', '2020-01-01'), event('EP', '2021-01-01')] })
    expect(build('time-to-talk', [child]).members).toHaveLength(0)
  })
})
