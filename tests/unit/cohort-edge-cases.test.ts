// One synthetic patient per clinical edge case, with the outcome the rules must give: the boundary
// cases of the clinical reference (ages 79/80, targets, severe cut-offs), every priority boundary,
// and every exclusion. Each case is evaluated through the real
// cohort engine and definitions, so a rule that drifts from its source fails here by name.
import { describe, expect, it } from 'vitest'
import type { TargetMode } from '../../src/shared/domain/bp-targets'
import { type CohortDefinitionId, findCohortDefinition } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import type { CohortParameters } from '../../src/shared/domain/cohort-parameters'
import type { PatientRecord } from '../../src/shared/domain/patient-record'
import { clinic, event, home, patientRecord } from '../support/patient-record-builder'

// QOF year end: the payment period end date the indicators are measured on.
const asOf = '2026-03-31'

type Outcome = { list: 'member'; priority?: 'P1' | 'P2' | 'P3' | 'P4' | null } | { list: 'excluded'; rule: string } | { list: 'not-eligible' }

function outcome(
  patient: PatientRecord,
  options: { definition?: CohortDefinitionId; mode?: TargetMode; asOf?: string; params?: Partial<CohortParameters> } = {}
) {
  const definition = findCohortDefinition(options.definition ?? 'uncontrolled-hypertension')
  if (!definition) throw new Error('definition missing')
  const result = evaluateCohort(definition, [patient], { asOf: options.asOf ?? asOf, mode: options.mode ?? 'qof', params: options.params })
  const member = result.members[0]
  const excluded = result.excluded[0]
  if (member) return { list: 'member' as const, priority: member.priority, entry: member }
  if (excluded) return { list: 'excluded' as const, rule: excluded.rule, entry: excluded }
  return { list: 'not-eligible' as const, entry: null }
}

function expectOutcome(actual: ReturnType<typeof outcome>, expected: Outcome): void {
  expect({
    list: actual.list,
    ...('priority' in expected ? { priority: 'priority' in actual ? actual.priority : undefined } : {}),
    ...('rule' in expected ? { rule: 'rule' in actual ? actual.rule : undefined } : {})
  }).toEqual(expected)
}

/** On the register since 2015, born 1961 (aged 64 on the as-of date), plus what the case adds. */
function hypertensive(overrides: Partial<PatientRecord>): PatientRecord {
  return patientRecord({
    dateOfBirth: '1961-06-15',
    events: [event('HYP', '2015-04-01', '38341003', 'Hypertensive disorder')],
    ...overrides,
    ...(overrides.events ? { events: [event('HYP', '2015-04-01', '38341003', 'Hypertensive disorder'), ...overrides.events] } : {})
  })
}

describe('boundary cases', () => {
  it('140/90 at 79: controlled in QOF mode (≤, HYP008), uncontrolled in NICE mode (below, NG136 1.4.20)', () => {
    const patient = hypertensive({ dateOfBirth: '1946-06-15', readings: [clinic('2026-02-01', 140, 90)] })
    expectOutcome(outcome(patient, { mode: 'qof' }), { list: 'not-eligible' })
    const nice = outcome(patient, { mode: 'nice' })
    expectOutcome(nice, { list: 'member', priority: 'P4' })
    expect(nice.entry?.explanation.target?.label).toMatch(/NICE NG136 1\.4\.20.*aged 79 or under/)
  })

  it('age 80 on the birthday: the 80+ target (150/90, HYP009) applies that day, the under-80 target the day before', () => {
    const patient = hypertensive({ dateOfBirth: '1946-03-31', readings: [clinic('2026-03-01', 148, 88)] })
    const onBirthday = outcome(patient, { asOf: '2026-03-31' })
    expectOutcome(onBirthday, { list: 'not-eligible' })
    const dayBefore = outcome(patient, { asOf: '2026-03-30' })
    expectOutcome(dayBefore, { list: 'member', priority: 'P4' })
    expect(dayBefore.entry?.explanation.target?.label).toMatch(/HYP008/)
    expect(dayBefore.entry?.age).toBe(79)
  })

  it('a reading 13 months old is not a current BP: "no recent BP", never "controlled", and in the no-recent-BP recall', () => {
    const patient = hypertensive({ readings: [clinic('2025-02-28', 128, 78)] })
    const uncontrolled = outcome(patient)
    expectOutcome(uncontrolled, { list: 'not-eligible' })
    const recall = outcome(patient, { definition: 'no-recent-bp' })
    expectOutcome(recall, { list: 'member', priority: null })
    expect(recall.entry?.bp).toBeNull()
    expect(recall.entry?.explanation.bpRule).toMatch(/no recent BP/)
  })

  it('the 12-month window: exactly 12 months before the as-of date is outside, the day after is inside', () => {
    expectOutcome(outcome(hypertensive({ readings: [clinic('2025-03-31', 150, 95)] }), { definition: 'no-recent-bp' }), {
      list: 'member',
      priority: null
    })
    expectOutcome(outcome(hypertensive({ readings: [clinic('2025-04-01', 150, 95)] })), { list: 'member', priority: 'P4' })
  })

  it('two readings on the latest day: lowest systolic and lowest diastolic of that day, from different readings', () => {
    const patient = hypertensive({ readings: [clinic('2026-01-10', 170, 100), clinic('2026-03-02', 150, 85), clinic('2026-03-02', 138, 92)] })
    // 138/85 is within ≤140/90: controlled, so not in the cohort in either mode.
    expectOutcome(outcome(patient), { list: 'not-eligible' })
    const explained = outcome(hypertensive({ readings: [clinic('2026-03-02', 150, 85), clinic('2026-03-02', 145, 92)] }))
    expectOutcome(explained, { list: 'member', priority: 'P4' })
    expect(explained.entry?.bp).toMatchObject({ systolic: 145, diastolic: 85, date: '2026-03-02' })
    expect(explained.entry?.explanation.readingsConsidered.map((r) => r.used)).toEqual(['diastolic', 'systolic'])
    expect(explained.entry?.explanation.bpRule).toMatch(/2 readings that day, so the lowest systolic and lowest diastolic/)
  })

  it('home 136/84 at 60: above the home target 135/85 (5 mmHg lower than clinic) — member; home 135/85 is controlled in QOF mode', () => {
    const member = outcome(hypertensive({ dateOfBirth: '1965-06-15', readings: [home('2026-03-01', 136, 84)] }))
    expectOutcome(member, { list: 'member', priority: 'P4' })
    expect(member.entry?.explanation.target).toMatchObject({ systolic: 135, diastolic: 85, comparator: '<=' })
    expectOutcome(outcome(hypertensive({ dateOfBirth: '1965-06-15', readings: [home('2026-03-01', 135, 85)] })), { list: 'not-eligible' })
  })

  it('diagnosis → resolved → re-diagnosed: on the register; diagnosis → resolved: not', () => {
    const readings = [clinic('2026-03-01', 152, 94)]
    const rediagnosed = patientRecord({
      dateOfBirth: '1961-06-15',
      readings,
      events: [event('HYP', '2012-05-01'), event('HYPRES', '2016-05-01'), event('HYP', '2021-05-01')]
    })
    expectOutcome(outcome(rediagnosed), { list: 'member', priority: 'P4' })
    const resolved = patientRecord({ dateOfBirth: '1961-06-15', readings, events: [event('HYP', '2012-05-01'), event('HYPRES', '2016-05-01')] })
    expectOutcome(outcome(resolved), { list: 'not-eligible' })
  })

  it('maximal tolerated therapy: excludes within 12 months (QOF HTMAX_COD), not when recorded 12 months or more ago', () => {
    const within = hypertensive({ readings: [clinic('2026-03-01', 152, 94)], events: [event('HTMAX', '2025-04-01')] })
    expectOutcome(outcome(within), { list: 'excluded', rule: 'exclude.maximal-therapy' })
    const outside = hypertensive({ readings: [clinic('2026-03-01', 152, 94)], events: [event('HTMAX', '2025-03-31')] })
    expectOutcome(outcome(outside), { list: 'member', priority: 'P4' })
  })

  it('BP declined: excludes within 12 months (QOF BPDEC_COD), not when recorded 12 months or more ago', () => {
    const within = hypertensive({ readings: [clinic('2026-03-01', 152, 94)], events: [event('BPDEC', '2026-01-05')] })
    expectOutcome(outcome(within), { list: 'excluded', rule: 'exclude.bp-declined' })
    const outside = hypertensive({ readings: [clinic('2026-03-01', 152, 94)], events: [event('BPDEC', '2025-02-01')] })
    expectOutcome(outcome(outside), { list: 'member', priority: 'P4' })
  })

  it('diagnosed 8 months ago: excluded in QOF mode (9-month rule), a member in NICE mode', () => {
    const patient = patientRecord({
      dateOfBirth: '1961-06-15',
      readings: [clinic('2026-03-01', 152, 94)],
      events: [event('HYP', '2025-07-31')]
    })
    expectOutcome(outcome(patient, { mode: 'qof' }), { list: 'excluded', rule: 'exclude.recent-diagnosis' })
    const nice = outcome(patient, { mode: 'nice' })
    expectOutcome(nice, { list: 'member', priority: 'P4' })
    expect(nice.entry?.explanation.steps.find((s) => s.rule === 'exclude.recent-diagnosis')).toMatchObject({ outcome: 'info' })
    // Diagnosed 10 months ago: outside the 9-month window in QOF mode too.
    expectOutcome(outcome(patientRecord({ dateOfBirth: '1961-06-15', readings: [clinic('2026-03-01', 152, 94)], events: [event('HYP', '2025-05-31')] })), {
      list: 'member',
      priority: 'P4'
    })
  })
})

describe('priority boundaries (NICE NG136 1.5.1 and stage 2)', () => {
  const cases: { reading: ReturnType<typeof clinic>; priority: 'P1' | 'P2' | 'P4' }[] = [
    { reading: clinic('2026-03-01', 179, 119), priority: 'P2' },
    { reading: clinic('2026-03-01', 180, 119), priority: 'P1' },
    { reading: clinic('2026-03-01', 179, 120), priority: 'P1' },
    { reading: clinic('2026-03-01', 159, 99), priority: 'P4' },
    { reading: clinic('2026-03-01', 160, 99), priority: 'P2' },
    { reading: clinic('2026-03-01', 159, 100), priority: 'P2' },
    { reading: home('2026-03-01', 169, 114), priority: 'P2' },
    { reading: home('2026-03-01', 170, 114), priority: 'P1' },
    { reading: home('2026-03-01', 169, 115), priority: 'P1' },
    { reading: home('2026-03-01', 149, 94), priority: 'P4' },
    { reading: home('2026-03-01', 150, 94), priority: 'P2' }
  ]
  for (const { reading, priority } of cases) {
    it(`${reading.setting} ${reading.systolic}/${reading.diastolic} → ${priority}`, () => {
      const result = outcome(hypertensive({ readings: [reading] }))
      expectOutcome(result, { list: 'member', priority })
      expect(result.entry?.severe).toBe(priority === 'P1')
    })
  }

  it('P3 rather than P4 below stage 2 with a higher-risk condition (diabetes) or Black ethnicity', () => {
    expectOutcome(outcome(hypertensive({ readings: [clinic('2026-03-01', 159, 99)], events: [event('DM', '2019-01-01')] })), {
      list: 'member',
      priority: 'P3'
    })
    expectOutcome(outcome(hypertensive({ readings: [clinic('2026-03-01', 159, 99)], ethnicityCategory: 'N' })), { list: 'member', priority: 'P3' })
  })
})

describe('every exclusion, each with its own patient', () => {
  const above = [clinic('2026-03-01', 152, 94)]
  const cases: { name: string; patient: () => PatientRecord; rule: string; mode?: TargetMode }[] = [
    { name: 'deceased', patient: () => hypertensive({ readings: above, registrationStatus: 'Deceased' }), rule: 'exclude.deceased-or-left' },
    { name: 'left the practice', patient: () => hypertensive({ readings: above, registrationStatus: 'Left' }), rule: 'exclude.deceased-or-left' },
    {
      name: 'palliative care register',
      patient: () => hypertensive({ readings: above, events: [event('PALCARE', '2024-01-01')] }),
      rule: 'exclude.palliative-care'
    },
    {
      name: 'informed dissent (HYPPCADEC)',
      patient: () => hypertensive({ readings: above, events: [event('HYPPCADEC', '2025-10-01')] }),
      rule: 'exclude.informed-dissent'
    },
    {
      name: 'unsuitable (HYPPCAPU)',
      patient: () => hypertensive({ readings: above, events: [event('HYPPCAPU', '2025-10-01')] }),
      rule: 'exclude.informed-dissent'
    },
    { name: 'BP declined (BPDEC)', patient: () => hypertensive({ readings: above, events: [event('BPDEC', '2025-10-01')] }), rule: 'exclude.bp-declined' },
    {
      name: 'maximal tolerated therapy (HTMAX)',
      patient: () => hypertensive({ readings: above, events: [event('HTMAX', '2025-10-01')] }),
      rule: 'exclude.maximal-therapy'
    },
    {
      name: 'already booked into an upcoming clinic',
      patient: () => hypertensive({ readings: above, nextBookedAppointmentOn: '2026-04-10' }),
      rule: 'exclude.already-booked'
    },
    { name: 'invited within 28 days', patient: () => hypertensive({ readings: above, lastInvitedOn: '2026-03-10' }), rule: 'exclude.recently-invited' },
    {
      name: 'no contact permitted (contact preferences)',
      patient: () => hypertensive({ readings: above, noContactPermitted: true }),
      rule: 'exclude.no-contact-permitted'
    },
    {
      name: 'diagnosed within 9 months (QOF mode)',
      patient: () => patientRecord({ dateOfBirth: '1961-06-15', readings: above, events: [event('HYP', '2025-11-01')] }),
      rule: 'exclude.recent-diagnosis'
    },
    {
      name: 'registered within 9 months (QOF mode)',
      patient: () => hypertensive({ readings: above, events: [event('REGISTERED', '2025-12-01')] }),
      rule: 'exclude.recent-registration'
    }
  ]
  for (const c of cases) {
    it(`${c.name} → excluded by ${c.rule}, counted, and a member again when the exclusion is switched off`, () => {
      const definition = findCohortDefinition('uncontrolled-hypertension')
      if (!definition) throw new Error('definition missing')
      const result = evaluateCohort(definition, [c.patient()], { asOf, mode: c.mode ?? 'qof' })
      expect(result.excluded.map((e) => e.rule)).toEqual([c.rule])
      expect(result.exclusionCounts.find((x) => x.rule === c.rule)?.count).toBe(1)
      expect(result.excluded[0]?.explanation.steps.find((s) => s.rule === c.rule)).toMatchObject({ outcome: 'fail' })
      const off = evaluateCohort(definition, [c.patient()], { asOf, mode: c.mode ?? 'qof', params: { disabledExclusions: [c.rule] } })
      expect(off.members).toHaveLength(1)
    })
  }

  it('the exclusions stop applying just outside their windows', () => {
    // Booked clinic in the past, invited 29 days ago, registered 10 months ago.
    expectOutcome(outcome(hypertensive({ readings: above, nextBookedAppointmentOn: '2026-03-30' })), { list: 'member', priority: 'P4' })
    expectOutcome(outcome(hypertensive({ readings: above, lastInvitedOn: '2026-03-02' })), { list: 'member', priority: 'P4' })
    expectOutcome(outcome(hypertensive({ readings: above, events: [event('REGISTERED', '2025-05-31')] })), { list: 'member', priority: 'P4' })
  })

  it('registered within 9 months applies in QOF mode only', () => {
    expectOutcome(outcome(hypertensive({ readings: above, events: [event('REGISTERED', '2025-12-01')] }), { mode: 'nice' }), {
      list: 'member',
      priority: 'P4'
    })
  })

  it('safety rule: an exclusion never hides a severe reading — the excluded patient is flagged severe with the reason', () => {
    const result = outcome(hypertensive({ readings: [clinic('2026-03-01', 184, 100)], events: [event('BPDEC', '2025-10-01')] }))
    expectOutcome(result, { list: 'excluded', rule: 'exclude.bp-declined' })
    expect(result.entry?.severe).toBe(true)
    expect(result.entry?.reasons.join(' ')).toMatch(/Severe reading — excluded, please check/)
  })

  it('no contact permitted excludes from every built-in cohort and names its source; without it the patient is a member', () => {
    const result = outcome(hypertensive({ readings: above, noContactPermitted: true }))
    expectOutcome(result, { list: 'excluded', rule: 'exclude.no-contact-permitted' })
    expect(result.entry?.explanation.steps.find((s) => s.rule === 'exclude.no-contact-permitted')).toMatchObject({
      source: expect.stringMatching(/Contact preferences/)
    })
    expectOutcome(outcome(hypertensive({ readings: above, noContactPermitted: false })), { list: 'member', priority: 'P4' })
    expectOutcome(outcome(hypertensive({ readings: [], noContactPermitted: true }), { definition: 'no-recent-bp' }), {
      list: 'excluded',
      rule: 'exclude.no-contact-permitted'
    })
    const twoConditions = hypertensive({ readings: above, noContactPermitted: true, events: [event('DM', '2020-01-01')] })
    expectOutcome(outcome(twoConditions, { definition: 'time-to-talk' }), { list: 'excluded', rule: 'exclude.no-contact-permitted' })
  })

  it('safety rule holds for no contact permitted: a severe reading is still flagged for a clinician to check', () => {
    const result = outcome(hypertensive({ readings: [clinic('2026-03-01', 186, 104)], noContactPermitted: true }))
    expectOutcome(result, { list: 'excluded', rule: 'exclude.no-contact-permitted' })
    expect(result.entry?.severe).toBe(true)
  })
})

describe('more boundaries: exception windows, cohort 2 categories, Time to Talk', () => {
  const above = [clinic('2026-03-01', 152, 94)]

  it('informed dissent / unsuitable: excludes within 12 months, not when recorded exactly 12 months before', () => {
    expectOutcome(outcome(hypertensive({ readings: above, events: [event('HYPPCADEC', '2025-04-01')] })), {
      list: 'excluded',
      rule: 'exclude.informed-dissent'
    })
    expectOutcome(outcome(hypertensive({ readings: above, events: [event('HYPPCADEC', '2025-03-31')] })), { list: 'member', priority: 'P4' })
    expectOutcome(outcome(hypertensive({ readings: above, events: [event('HYPPCAPU', '2025-03-31')] })), { list: 'member', priority: 'P4' })
  })

  it('cohort 2 takes M, N, P; mixed D/E only with the switch; an unmapped ethnicity never', () => {
    const cohort2 = (ethnicityCategory: PatientRecord['ethnicityCategory'], params?: Partial<CohortParameters>, ethnicityText: string | null = null) =>
      outcome(hypertensive({ readings: above, ethnicityCategory, ethnicityText }), { definition: 'hypertension-black-african-caribbean', params })
    for (const category of ['M', 'N', 'P'] as const) expectOutcome(cohort2(category), { list: 'member', priority: 'P3' })
    for (const category of ['D', 'E'] as const) {
      expectOutcome(cohort2(category), { list: 'not-eligible' })
      expectOutcome(cohort2(category, { includeMixedBlackCategories: true }), { list: 'member', priority: 'P4' })
    }
    expectOutcome(cohort2('H'), { list: 'not-eligible' })
    expectOutcome(cohort2(null, { includeMixedBlackCategories: true }, 'Black'), { list: 'not-eligible' })
  })

  it('Time to Talk: two active conditions at the default threshold; a resolved one does not count; the threshold is adjustable', () => {
    const ttt = (events: ReturnType<typeof event>[], params?: Partial<CohortParameters>) =>
      outcome(patientRecord({ dateOfBirth: '1961-06-15', events }), { definition: 'time-to-talk', params })
    expectOutcome(ttt([event('CHD', '2019-01-01'), event('DEP', '2020-01-01')]), { list: 'member', priority: null })
    expectOutcome(ttt([event('AST', '2019-01-01'), event('ASTRES', '2022-01-01'), event('DEP', '2020-01-01')]), { list: 'not-eligible' })
    expectOutcome(ttt([event('CHD', '2019-01-01'), event('DEP', '2020-01-01')], { conditionThreshold: 3 }), { list: 'not-eligible' })
    expectOutcome(ttt([event('CHD', null), event('COPD', null), event('AF', '2021-01-01')], { conditionThreshold: 3 }), { list: 'member', priority: null })
    // A child with two conditions is not in an adult review.
    expectOutcome(
      outcome(patientRecord({ dateOfBirth: '2015-01-01', events: [event('AST', '2019-01-01'), event('EP', '2020-01-01')] }), { definition: 'time-to-talk' }),
      {
        list: 'not-eligible'
      }
    )
  })

  it('Time to Talk lists people with both physical and mental-health conditions first (NICE NG56)', () => {
    const definition = findCohortDefinition('time-to-talk')!
    const physicalOnly = patientRecord({ familyName: 'AAA', events: [event('CHD', '2019-01-01'), event('DM', '2019-01-01'), event('COPD', '2019-01-01')] })
    const both = patientRecord({ familyName: 'ZZZ', events: [event('CHD', '2019-01-01'), event('DEP', '2019-01-01')] })
    const result = evaluateCohort(definition, [physicalOnly, both], { asOf, mode: 'qof' })
    expect(result.members.map((m) => m.nhsNumber)).toEqual([both.nhsNumber, physicalOnly.nhsNumber])
    expect(result.members[0]?.reasons.join(' ')).toMatch(/physical and mental health/)
  })

  it('no BP in 12 months: on the register with only an older reading is a recall member; a reading in the window is not', () => {
    expectOutcome(outcome(hypertensive({ readings: [clinic('2025-03-31', 150, 95)] }), { definition: 'no-recent-bp' }), { list: 'member', priority: null })
    expectOutcome(outcome(hypertensive({ readings: [clinic('2025-04-01', 150, 95)] }), { definition: 'no-recent-bp' }), { list: 'not-eligible' })
  })
})
