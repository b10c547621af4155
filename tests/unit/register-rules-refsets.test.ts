// The QOF register rules on codes practices actually use, taken from the NHS Digital refsets shipped
// in resources/codelists: each row goes through the real code library and classifyEvent (as an
// import does), then through the register rules (qof-registers.ts) and the built-in cohorts. A code
// that a register used to miss ("History of myocardial infarction", "Lacunar infarction", "Atrial
// flutter", "Chronic bronchitis", CKD G3a/A1) must put the patient on it, so an uncontrolled
// hypertensive patient is P3 and Time to Talk counts the condition.
import { describe, expect, it } from 'vitest'
import { classifyEvent } from '../../src/shared/domain/clinical-codes'
import { type CohortDefinitionId, findCohortDefinition } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import { activeLongTermConditions } from '../../src/shared/domain/long-term-conditions'
import type { CodedEvent, PatientRecord } from '../../src/shared/domain/patient-record'
import { type RegisterId, describeRegisterStatus, registerStatus } from '../../src/shared/domain/qof-registers'
import { codedRow, codedRows, shippedLibrary as library } from '../support/coded-rows'
import { clinic, patientRecord } from '../support/patient-record-builder'

const asOf = '2026-11-01'
const adult = '1961-06-15'

const essentialHypertension = () => codedRow('59621000', 'Essential hypertension', '2015-04-01')

function status(id: RegisterId, events: CodedEvent[], dateOfBirth: string | null = adult, on = asOf) {
  return registerStatus(id, events, on, dateOfBirth)
}

function conditions(events: CodedEvent[], dateOfBirth: string | null = adult): string[] {
  return activeLongTermConditions(events, asOf, dateOfBirth).map((c) => c.concept)
}

function build(definition: CohortDefinitionId, patients: PatientRecord[], mode: 'qof' | 'nice' = 'qof') {
  const found = findCohortDefinition(definition)
  if (!found) throw new Error(`no definition ${definition}`)
  return evaluateCohort(found, patients, { asOf, mode })
}

/** On the register since 2015, 150/92 in clinic last month: above target, below stage 2 (P3 or P4). */
function uncontrolledWith(events: CodedEvent[]): PatientRecord {
  return patientRecord({ dateOfBirth: adult, events: [...essentialHypertension(), ...events], readings: [clinic('2026-10-01', 150, 92)] })
}

describe('"history of" and other refset codes the registers used to miss', () => {
  const cases: { register: RegisterId; code: string; term: string; riskLabel: string | null }[] = [
    { register: 'CHD', code: '399211009', term: 'History of myocardial infarction', riskLabel: 'coronary heart disease' },
    { register: 'CHD', code: '161502000', term: 'History of myocardial infarct at age less than sixty', riskLabel: 'coronary heart disease' },
    { register: 'CHD', code: '1755008', term: 'Old myocardial infarction', riskLabel: 'coronary heart disease' },
    { register: 'STIA', code: '230698000', term: 'Lacunar infarction', riskLabel: 'stroke/TIA' },
    { register: 'STIA', code: '307363008', term: 'Multiple lacunar infarcts', riskLabel: 'stroke/TIA' },
    { register: 'STIA', code: '16896891000119106', term: 'History of cerebrovascular accident due to ischemia', riskLabel: 'stroke/TIA' },
    { register: 'STIA', code: '161511000', term: 'History of transient ischemic attack', riskLabel: 'stroke/TIA' },
    { register: 'STIA', code: '751371000000107', term: 'Personal history of transient ischaemic attack', riskLabel: 'stroke/TIA' },
    {
      register: 'CKD',
      code: '949881000000106',
      term: 'Chronic kidney disease with glomerular filtration rate category G3a and albuminuria category A1',
      riskLabel: 'chronic kidney disease'
    },
    { register: 'CKD', code: '700378005', term: 'Chronic kidney disease stage 3A', riskLabel: 'chronic kidney disease' },
    { register: 'AF', code: '5370000', term: 'Atrial flutter', riskLabel: null },
    { register: 'AF', code: '720448006', term: 'Typical atrial flutter', riskLabel: null },
    { register: 'COPD', code: '63480004', term: 'Chronic bronchitis', riskLabel: null },
    { register: 'COPD', code: '185086009', term: 'Chronic obstructive bronchitis', riskLabel: null }
  ]

  it.each(cases)('$code "$term" puts the patient on the $register register, by its code', ({ register, code, term }) => {
    expect(classifyEvent(library, code, term)).toEqual({ kind: 'concept', concepts: [register], via: 'code' })
    const s = status(register, codedRow(code, term, '2019-04-02'))
    expect(s).toMatchObject({ active: true, outcome: 'on-register', matchedByTerm: false, evidence: { code, date: '2019-04-02' } })
    expect(describeRegisterStatus(s)).toContain(`${code} ${term} (2 Apr 2019)`)
  })

  // Reasons name registers in words, never by their QOF codes.
  const registerWords: Partial<Record<RegisterId, string>> = {
    AF: 'Atrial fibrillation',
    CHD: 'Coronary heart disease',
    CKD: 'Chronic kidney disease (stage 3–5)',
    COPD: 'COPD',
    STIA: 'Stroke or TIA'
  }

  it.each(cases)('$code "$term" counts for Time to Talk beside hypertension', ({ register, code, term }) => {
    const patient = patientRecord({ dateOfBirth: adult, events: [...essentialHypertension(), ...codedRow(code, term, '2019-04-02')] })
    const result = build('time-to-talk', [patient])
    expect(result.members.map((m) => m.nhsNumber)).toEqual([patient.nhsNumber])
    expect(result.members[0]?.reasons.join(' ')).toContain(`2 conditions: Hypertension, ${registerWords[register]}`)
  })

  it.each(cases.filter((c) => c.riskLabel !== null))('$code "$term" makes an uncontrolled patient P3 ($riskLabel), not P4', ({ code, term, riskLabel }) => {
    const result = build('uncontrolled-hypertension', [uncontrolledWith(codedRow(code, term, '2019-04-02'))])
    expect(result.members.map((m) => m.priority)).toEqual(['P3'])
    expect(result.members[0]?.reasons.join(' ')).toContain(`P3 higher risk: above target with ${riskLabel}`)
  })

  it('without the condition the same patient is P4 (the P3 cases are not P3 for another reason)', () => {
    expect(build('uncontrolled-hypertension', [uncontrolledWith([])]).members.map((m) => m.priority)).toEqual(['P4'])
  })
})

describe('a code in two refsets counts for both registers', () => {
  it('140121000119100 "Hypertension in CKD stage 3 due to type 2 diabetes" (HYP_COD and CKD_COD): hypertension and CKD', () => {
    const events = codedRow('140121000119100', 'Hypertension in chronic kidney disease stage 3 due to type 2 diabetes mellitus', '2018-02-01')
    expect(events.map((e) => e.concept)).toEqual(['HYP', 'CKD'])
    expect(conditions(events)).toEqual(['HYP', 'CKD'])
    const patient = patientRecord({ dateOfBirth: adult, events, readings: [clinic('2026-10-01', 150, 92)] })
    // On the hypertension register from this one code, and P3 for its CKD.
    const uncontrolled = build('uncontrolled-hypertension', [patient])
    expect(uncontrolled.members.map((m) => m.priority)).toEqual(['P3'])
    expect(uncontrolled.members[0]?.reasons.join(' ')).toContain('chronic kidney disease')
    // Two conditions from one row: a Time to Talk member.
    expect(build('time-to-talk', [patient]).members.map((m) => m.nhsNumber)).toEqual([patient.nhsNumber])
  })

  it('140131000119102 "Hypertension in CKD stage 2 …" (HYP_COD and CKD1AND2_COD): hypertension only, P4', () => {
    const events = codedRow('140131000119102', 'Hypertension in chronic kidney disease stage 2 due to type 2 diabetes mellitus', '2018-02-01')
    expect(events.map((e) => e.concept)).toEqual(['HYP', 'CKD12'])
    expect(conditions(events)).toEqual(['HYP'])
    const patient = patientRecord({ dateOfBirth: adult, events, readings: [clinic('2026-10-01', 150, 92)] })
    expect(build('uncontrolled-hypertension', [patient]).members.map((m) => m.priority)).toEqual(['P4'])
  })
})

describe('palliative care: PALCARE_COD from 1 April 2008, unless a later PALCARENI_COD', () => {
  const palliative = (date: string) => codedRow('103735009', 'Palliative care', date)
  const notIndicated = (date: string) => codedRow('1048611000000104', 'Palliative care not currently clinically indicated', date)

  it('"not clinically indicated" after palliative care takes the patient off the register, and they are recalled', () => {
    const events = [...palliative('2020-05-01'), ...notIndicated('2022-05-01')]
    expect(status('PALCARE', events)).toMatchObject({ active: false, outcome: 'resolved', resolution: { code: '1048611000000104' } })
    const result = build('uncontrolled-hypertension', [uncontrolledWith(events)])
    expect(result.members).toHaveLength(1)
    expect(result.excluded).toHaveLength(0)
  })

  it('"not clinically indicated" before the palliative care code does not: excluded as palliative', () => {
    const events = [...notIndicated('2020-05-01'), ...palliative('2022-05-01')]
    expect(status('PALCARE', events)).toMatchObject({ active: true, outcome: 'on-register' })
    const result = build('uncontrolled-hypertension', [uncontrolledWith(events)])
    expect(result.excluded.map((e) => e.rule)).toEqual(['exclude.palliative-care'])
  })

  it('both on the same day: the patient stays on the palliative care register', () => {
    const events = [...palliative('2022-05-01'), ...notIndicated('2022-05-01')]
    expect(status('PALCARE', events)).toMatchObject({ active: true, outcome: 'on-register' })
    expect(
      build('time-to-talk', [
        patientRecord({ dateOfBirth: adult, events: [...events, ...codedRow('399211009', '', '2019-01-01'), ...codedRow('5370000', '', '2019-01-01')] })
      ]).excluded.map((e) => e.rule)
    ).toEqual(['exclude.palliative-care'])
  })

  it('palliative care recorded before 1 April 2008 is not the register; on 1 April 2008 it is', () => {
    expect(status('PALCARE', palliative('2008-03-31'))).toMatchObject({ active: false, outcome: 'before-date-floor' })
    expect(status('PALCARE', palliative('2008-04-01'))).toMatchObject({ active: true, outcome: 'on-register' })
    const result = build('uncontrolled-hypertension', [uncontrolledWith(palliative('2007-11-01'))])
    expect(result.members).toHaveLength(1)
  })

  it('the "not clinically indicated" term without a code is never read as palliative care', () => {
    expect(classifyEvent(library, '', 'Palliative care not clinically indicated')).toEqual({ kind: 'concept', concepts: ['PALCARENI'], via: 'term' })
    expect(classifyEvent(library, '', 'Palliative care not currently clinically indicated')).toEqual({ kind: 'concept', concepts: ['PALCARENI'], via: 'term' })
  })
})

describe('SMI: MH_COD codes "in remission" keep the patient on the register', () => {
  it('191565008 "Latent schizophrenia in remission" is an SMI diagnosis (and a remission flag), on the register', () => {
    expect(classifyEvent(library, '191565008', 'Latent schizophrenia in remission')).toEqual({ kind: 'concept', concepts: ['MH', 'MHREM'], via: 'code' })
    const events = codedRow('191565008', 'Latent schizophrenia in remission', '2016-09-01')
    expect(status('MH', events)).toMatchObject({ active: true, outcome: 'on-register', matchedByTerm: false })
    expect(conditions(events)).toEqual(['MH'])
  })

  it.each([
    ['63181006', 'Paranoid schizophrenia in remission'],
    ['85248005', 'Bipolar disorder in remission'],
    ['755311000000100', 'Non-organic psychosis in remission']
  ])('%s "%s" after an earlier SMI diagnosis: still on the register', (code, term) => {
    const events = codedRows(['58214004', 'Schizophrenia', '2010-01-01'], [code, term, '2021-01-01'])
    expect(status('MH', events)).toMatchObject({ active: true, evidence: { code } })
  })

  it('"Schizophrenia in remission" exported by term only (no code): on the register, marked as a term match', () => {
    expect(classifyEvent(library, '', 'Schizophrenia in remission')).toEqual({ kind: 'concept', concepts: ['MH', 'MHREM'], via: 'term' })
    const s = status('MH', codedRow('', 'Schizophrenia in remission', '2016-09-01'))
    expect(s).toMatchObject({ active: true, outcome: 'on-register', matchedByTerm: true })
  })

  it('a remission wording in no list ("Chronic paranoid schizophrenia, in remission") is still read as SMI', () => {
    expect(classifyEvent(library, '', 'Chronic paranoid schizophrenia, in remission')).toEqual({ kind: 'concept', concepts: ['MH', 'MHREM'], via: 'term' })
  })

  it('an SMI patient in remission is a mental-health condition for Time to Talk (physical and mental health first)', () => {
    const patient = patientRecord({ dateOfBirth: adult, events: [...essentialHypertension(), ...codedRow('191565008', '', '2016-09-01')] })
    const result = build('time-to-talk', [patient])
    expect(result.members).toHaveLength(1)
    expect(result.members[0]?.reasons.join(' ')).toContain('2 conditions: Hypertension, Severe mental illness (physical and mental health)')
  })
})

describe('CKD: stage 3–5 on the register; a later stage 1–2 or resolved code takes the patient off', () => {
  const stage3 = (date: string) => codedRow('433144002', 'Chronic kidney disease stage 3', date)
  const g3aA1 = (date: string) => codedRow('949881000000106', '', date)
  const stage2 = (date: string) => codedRow('431856006', 'Chronic kidney disease stage 2', date)
  const g2A1 = (date: string) => codedRow('949521000000108', '', date)
  const resolved = (date: string) => codedRow('939211000000104', 'Chronic kidney disease resolved', date)

  it('stage 1–2 (CKD1AND2_COD) after stage 3: off the register', () => {
    expect(status('CKD', [...stage3('2018-01-01'), ...stage2('2021-01-01')])).toMatchObject({
      active: false,
      outcome: 'resolved',
      resolution: { code: '431856006' }
    })
    expect(status('CKD', [...g3aA1('2018-01-01'), ...g2A1('2021-01-01')])).toMatchObject({ active: false, outcome: 'resolved' })
  })

  it('stage 3 after stage 1–2: on the register', () => {
    expect(status('CKD', [...stage2('2018-01-01'), ...stage3('2021-01-01')])).toMatchObject({
      active: true,
      outcome: 'on-register',
      evidence: { code: '433144002' }
    })
    expect(status('CKD', [...g2A1('2018-01-01'), ...g3aA1('2021-01-01')])).toMatchObject({ active: true })
  })

  it('stage 1–2 alone is not the CKD register', () => {
    expect(status('CKD', stage2('2021-01-01'))).toMatchObject({ active: false, outcome: 'no-record' })
  })

  it('CKD resolved after stage 3: off; stage 3 again after the resolution: back on', () => {
    expect(status('CKD', [...stage3('2018-01-01'), ...resolved('2021-01-01')])).toMatchObject({ active: false, outcome: 'resolved' })
    expect(status('CKD', [...stage3('2018-01-01'), ...resolved('2021-01-01'), ...g3aA1('2023-01-01')])).toMatchObject({ active: true })
  })

  it('a downstaged patient is P4, not P3 for CKD', () => {
    const result = build('uncontrolled-hypertension', [uncontrolledWith([...stage3('2018-01-01'), ...stage2('2021-01-01')])])
    expect(result.members.map((m) => m.priority)).toEqual(['P4'])
  })
})

describe('date floors: cancer from 1 April 2003, depression from 1 April 2006', () => {
  const cancer = (date: string) => codedRow('254837009', 'Malignant neoplasm of breast', date)
  const depression = (date: string) => codedRow('35489007', 'Depressive disorder', date)

  it('cancer diagnosed on 31 March 2003 is not on the register; on 1 April 2003 it is', () => {
    expect(status('CAN', cancer('2003-03-31'))).toMatchObject({ active: false, outcome: 'before-date-floor', evidence: { date: '2003-03-31' } })
    expect(status('CAN', cancer('2003-04-01'))).toMatchObject({ active: true, outcome: 'on-register' })
  })

  it('cancer before 2003 with a later new diagnosis: on the register from the later one', () => {
    expect(status('CAN', [...cancer('1999-06-01'), ...cancer('2011-06-01')])).toMatchObject({ active: true, evidence: { date: '2011-06-01' } })
  })

  it('cancer before 2003 does not count for Time to Talk', () => {
    expect(conditions([...essentialHypertension(), ...cancer('2001-06-01')])).toEqual(['HYP'])
    expect(conditions([...essentialHypertension(), ...cancer('2004-06-01')])).toEqual(['HYP', 'CAN'])
  })

  it('depression with its latest episode on 31 March 2006 is not on the register; on 1 April 2006 it is', () => {
    expect(status('DEP', depression('2006-03-31'))).toMatchObject({ active: false, outcome: 'before-date-floor' })
    expect(status('DEP', depression('2006-04-01'))).toMatchObject({ active: true })
  })

  it('the explanation names the floor', () => {
    expect(describeRegisterStatus(status('CAN', cancer('2003-03-31')))).toMatch(/before 1 Apr 2003/)
  })
})

describe('age floors on the as-of date, birthday inclusive', () => {
  // [register, age floor, a code from its refset]
  const floors: [RegisterId, number, string][] = [
    ['AST', 6, '195967001'],
    ['RA', 16, '69896004'],
    ['DM', 17, '44054006'],
    ['CKD', 18, '433144002'],
    ['DEP', 18, '35489007'],
    ['EP', 18, '84757009'],
    ['NDH', 18, '700449008'],
    ['OST', 50, '64859006']
  ]
  const yearsBefore = (iso: string, years: number) => `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`
  const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

  it.each(floors)('%s: on the register on the %i-th birthday, not the day before it', (register, age, code) => {
    const events = codedRow(code, '', '2010-01-01')
    const birthdayToday = yearsBefore(asOf, age)
    expect(status(register, events, birthdayToday)).toMatchObject({ active: true, outcome: 'on-register' })
    expect(status(register, events, dayAfter(birthdayToday))).toMatchObject({ active: false, outcome: 'under-age' })
  })

  it('obesity: 18 on the as-of date (a BMI of 31 last month)', () => {
    const events = codedRow('60621009', 'Body mass index', '2026-10-01', 31)
    expect(status('OBESE', events, yearsBefore(asOf, 18))).toMatchObject({ active: true })
    expect(status('OBESE', events, dayAfter(yearsBefore(asOf, 18)))).toMatchObject({ active: false, outcome: 'under-age' })
  })

  it('registers without an age floor count at any age (CHD in a 10-year-old)', () => {
    expect(status('CHD', codedRow('399211009', '', '2020-01-01'), '2016-01-01')).toMatchObject({ active: true })
  })
})

describe('non-diabetic hyperglycaemia is not counted for a patient on the diabetes register', () => {
  const ndh = codedRow('700449008', 'Non-diabetic hyperglycaemia', '2019-01-01')

  it('NDH with a diabetes diagnosis: off the NDH register, diabetes counted once', () => {
    const events = [...ndh, ...codedRow('44054006', '', '2022-01-01')]
    expect(status('NDH', events)).toMatchObject({ active: false, outcome: 'on-other-register' })
    expect(conditions(events)).toEqual(['DM'])
  })

  it('NDH alone, or with diabetes resolved: on the NDH register', () => {
    expect(conditions(ndh)).toEqual(['NDH'])
    const resolvedDiabetes = [...ndh, ...codedRows(['44054006', '', '2015-01-01'], ['315051004', 'Diabetes resolved', '2017-01-01'])]
    expect(status('NDH', resolvedDiabetes)).toMatchObject({ active: true })
    expect(conditions(resolvedDiabetes)).toEqual(['NDH'])
  })
})

describe('obesity from the latest BMI record in the 12 months to the as-of date', () => {
  const bmi = (date: string, value: number) => codedRow('60621009', 'Body mass index', date, value)
  const obeseCode = (date: string) => codedRow('162864005', 'Body mass index 30+ - obesity', date)

  it('BMI 31 on the latest day: on the register; BMI 29: not', () => {
    expect(status('OBESE', bmi('2026-06-01', 31))).toMatchObject({ active: true, outcome: 'on-register', evidence: { value: 31 } })
    expect(status('OBESE', bmi('2026-06-01', 29))).toMatchObject({ active: false, outcome: 'bmi-below-30', evidence: { value: 29 } })
  })

  it('the latest day decides: BMI 31 earlier in the year, 29 since — not obese', () => {
    expect(status('OBESE', [...bmi('2026-01-10', 31), ...bmi('2026-06-01', 29)])).toMatchObject({ active: false, outcome: 'bmi-below-30' })
    expect(status('OBESE', [...bmi('2026-01-10', 29), ...bmi('2026-06-01', 31)])).toMatchObject({ active: true })
  })

  it('a BMI of 31 more than 12 months old is not counted; the window is the 12 months to the as-of date', () => {
    expect(status('OBESE', bmi('2025-06-01', 31))).toMatchObject({ active: false, outcome: 'no-recent-bmi' })
    expect(status('OBESE', bmi('2025-11-01', 31))).toMatchObject({ active: false, outcome: 'no-recent-bmi' })
    expect(status('OBESE', bmi('2025-11-02', 31))).toMatchObject({ active: true })
  })

  it('an obesity code (BMIOBESE_COD) in the 12 months counts; a BMI code without a value does not', () => {
    expect(status('OBESE', obeseCode('2026-03-01'))).toMatchObject({ active: true, evidence: { code: '162864005' } })
    expect(status('OBESE', obeseCode('2025-03-01'))).toMatchObject({ active: false, outcome: 'no-recent-bmi' })
    expect(status('OBESE', codedRow('60621009', 'Body mass index', '2026-06-01'))).toMatchObject({ active: false, outcome: 'no-recent-bmi' })
  })

  it('obesity counts for Time to Talk beside hypertension', () => {
    expect(conditions([...essentialHypertension(), ...bmi('2026-06-01', 31)])).toEqual(['HYP', 'OBESE'])
    expect(conditions([...essentialHypertension(), ...bmi('2026-06-01', 29)])).toEqual(['HYP'])
  })
})

describe('a term-only match is marked and explained as "matched by term — check"', () => {
  it('a local code with the term "History of myocardial infarction": CHD by term, flagged in the explanation', () => {
    const events = codedRow('EMISLOC123', 'History of myocardial infarction', '2019-04-02')
    expect(events).toEqual([{ date: '2019-04-02', concept: 'CHD', code: 'EMISLOC123', term: 'History of myocardial infarction', matchedBy: 'term' }])
    const s = status('CHD', events)
    expect(s).toMatchObject({ active: true, matchedByTerm: true })
    expect(describeRegisterStatus(s)).toContain('matched by term — check')
    const [chd] = activeLongTermConditions(events, asOf, adult)
    expect(chd).toMatchObject({ concept: 'CHD', matchedByTerm: true })
    expect(chd?.detail).toContain('matched by term — check')
    expect(JSON.parse(JSON.stringify(chd))).toEqual({
      concept: 'CHD',
      label: chd?.label,
      kind: 'physical',
      since: '2019-04-02',
      matchedByTerm: true,
      detail: chd?.detail
    })
  })

  it('a term the lists do not hold ("Old MI - myocardial infarction") is guessed from its words, also flagged', () => {
    expect(classifyEvent(library, '', 'Old MI - myocardial infarction')).toEqual({ kind: 'concept', concepts: ['CHD'], via: 'term' })
  })

  it('Time to Talk names the term-matched condition as one to check', () => {
    const patient = patientRecord({ dateOfBirth: adult, events: [...essentialHypertension(), ...codedRow('', 'Lacunar infarction', '2019-04-02')] })
    const result = build('time-to-talk', [patient])
    expect(result.members[0]?.reasons.join(' ')).toContain('2 conditions: Hypertension, Stroke or TIA (matched by term — check)')
  })

  it('a condition recognised by its code is not flagged', () => {
    const s = status('CHD', codedRow('399211009', 'History of myocardial infarction', '2019-04-02'))
    expect(s.matchedByTerm).toBe(false)
    expect(describeRegisterStatus(s)).not.toContain('matched by term')
  })
})

describe('a listed code always beats a term guess', () => {
  it('399211009 exported with a misleading term is still CHD, by code', () => {
    for (const term of ['Hypertension resolved', 'Family history of myocardial infarction', 'Asthma', 'Palliative care']) {
      expect(classifyEvent(library, '399211009', term), term).toEqual({ kind: 'concept', concepts: ['CHD'], via: 'code' })
    }
  })

  it('the misleading term does not resolve the hypertension of a patient who has one', () => {
    const events = [...essentialHypertension(), ...codedRow('399211009', 'Hypertension resolved', '2020-01-01')]
    expect(conditions(events)).toEqual(['HYP', 'CHD'])
    expect(
      build('uncontrolled-hypertension', [patientRecord({ dateOfBirth: adult, events, readings: [clinic('2026-10-01', 150, 92)] })]).members.map(
        (m) => m.priority
      )
    ).toEqual(['P3'])
  })

  it('the same term without a code is read as what it says', () => {
    expect(classifyEvent(library, '', 'Hypertension resolved')).toEqual({ kind: 'concept', concepts: ['HYPRES'], via: 'term' })
  })
})
