// What each BP code measures, and what that does to the current BP and the priority. Every code of
// BP_COD and HOMEBP_COD (resources/codelists) is given its expected kind here by hand, from its
// term: only clinic readings, home averages and ABPM daytime / 24-hour averages can be the current
// BP (NICE NG136 1.2.6, 1.4.22); night-time averages and summaries (minimum, maximum, baseline…)
// are listed as "recorded, not used". A severe reading of the latest reading day, at P1 level for
// its own kind, makes the patient P1 whichever reading the day's rule uses — in both modes and
// when an exclusion applies.
import { describe, expect, it } from 'vitest'
import { codeListFiles, readCsvRecords } from '../../src/main/codelists/load-code-library'
import { resourcesPath } from '../../src/main/resources-path'
import { type BpMeasure, bpMeasureFromTerm, canBeCurrentBp, currentBpMeasures } from '../../src/shared/domain/bp-measures'
import { SEVERE_ON_LATEST_DAY, classifyPriority } from '../../src/shared/domain/bp-priority'
import type { TargetMode } from '../../src/shared/domain/bp-targets'
import { classifyEvent } from '../../src/shared/domain/clinical-codes'
import { type CohortDefinitionId, findCohortDefinition } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import { severeExcludedText } from '../../src/shared/domain/cohort-reason-codes'
import { currentBloodPressure, NO_RECENT_BP } from '../../src/shared/domain/current-bp'
import { defaultCohortParameters } from '../../src/shared/domain/cohort-parameters'
import { patientFacts } from '../../src/shared/domain/patient-facts'
import type { BpReading, BpSetting, PatientRecord } from '../../src/shared/domain/patient-record'
import { codedRow, shippedLibrary as library } from '../support/coded-rows'
import { patientRecord } from '../support/patient-record-builder'

type Component = 'systolic' | 'diastolic' | 'both' | 'mean'
type Expected = [measure: BpMeasure, setting: BpSetting, component: Component]

const clinicBoth: Expected = ['clinic', 'clinic', 'both']
const clinicSys: Expected = ['clinic', 'clinic', 'systolic']
const clinicDia: Expected = ['clinic', 'clinic', 'diastolic']
const clinicMean: Expected = ['clinic', 'clinic', 'mean']

// Every code of BP_COD and HOMEBP_COD, by hand from its term.
const expectedByCode: Record<string, Expected> = {
  // Clinic readings and clinic findings: a value, if any, is an office reading.
  '1091811000000102': clinicDia, // Diastolic arterial pressure
  '1105331000000106': clinicBoth, // BP measurement using oscillometric device with opportunistic AF detection
  '12763006': clinicBoth, // Finding of decreased blood pressure
  '12929001': clinicSys, // Normal systolic arterial pressure
  '163020007': clinicBoth, // O/E - blood pressure reading
  '163022004': clinicBoth, // … very low
  '163023009': clinicBoth, // … low
  '163024003': clinicBoth, // … borderline low
  '163025002': clinicBoth, // … normal
  '163026001': clinicBoth, // … borderline raised
  '163027005': clinicBoth, // … raised
  '163028000': clinicBoth, // … very high
  '163029008': clinicBoth, // … postural drop
  '163030003': clinicSys, // O/E - Systolic blood pressure reading
  '163031004': clinicDia, // O/E - Diastolic blood pressure reading
  '163032006': clinicBoth, // O/E - blood pressure stable
  '163033001': clinicBoth, // Lying blood pressure
  '163034007': clinicBoth, // Standing blood pressure
  '163035008': clinicBoth, // Sitting blood pressure
  '163036009': clinicBoth, // O/E - blood pressure decreased
  '163037000': clinicBoth, // O/E - blood pressure labile
  '170581003': clinicBoth, // O/E - initial high blood pressure
  '170582005': clinicBoth, // O/E - check high blood pressure
  '174255007': clinicDia, // Non-invasive diastolic arterial pressure
  '18050000': clinicSys, // Increased systolic arterial pressure
  '18352002': clinicSys, // Abnormal systolic arterial pressure
  '2004005': clinicBoth, // Normal blood pressure
  '23154005': clinicDia, // Increased diastolic arterial pressure
  '24184005': clinicBoth, // Finding of increased blood pressure
  '251070002': clinicSys, // Non-invasive systolic arterial pressure
  '251074006': clinicMean, // Non-invasive mean arterial pressure
  '251076008': clinicBoth, // Non-invasive arterial pressure
  '26014004': clinicMean, // Increased mean arterial pressure
  '271649006': clinicSys, // Systolic blood pressure
  '271650006': clinicDia, // Diastolic blood pressure
  '271870002': clinicBoth, // Low blood pressure reading
  '313005002': clinicBoth, // O/E - blood pressure reading: no postural drop
  '364090009': clinicBoth, // Systemic arterial pressure
  '386534000': clinicBoth, // Arterial blood pressure
  '386536003': clinicBoth, // Systemic blood pressure
  '400974009': clinicSys, // Standing systolic blood pressure
  '400975005': clinicDia, // Standing diastolic blood pressure
  '407554009': clinicSys, // Sitting systolic blood pressure
  '407555005': clinicDia, // Sitting diastolic blood pressure
  '407556006': clinicSys, // Lying systolic blood pressure
  '407557002': clinicDia, // Lying diastolic blood pressure
  '42689008': clinicDia, // Decreased diastolic arterial pressure
  '49844009': clinicDia, // Abnormal diastolic arterial pressure
  '53813002': clinicDia, // Normal diastolic arterial pressure
  '6797001': clinicMean, // Mean blood pressure
  '72313002': clinicSys, // Systolic arterial pressure
  '723237002': clinicBoth, // Non-invasive blood pressure
  '75367002': clinicBoth, // Blood pressure
  '81010002': clinicSys, // Decreased systolic arterial pressure
  // Home (HBPM): the average a patient's home readings give.
  '335661000000109': ['home-average', 'home', 'both'], // Self measured blood pressure reading
  '413153004': ['home-average', 'home', 'both'], // Blood pressure recorded by patient at home
  '413605002': ['home-average', 'home', 'diastolic'], // Average home diastolic blood pressure
  '413606001': ['home-average', 'home', 'systolic'], // Average home systolic blood pressure
  // ABPM daytime (waking hours) average; an ambulatory pressure that names no period is read as daytime.
  '314446007': ['abpm-daytime', 'ambulatory', 'systolic'], // Average day interval systolic
  '314461008': ['abpm-daytime', 'ambulatory', 'diastolic'], // Average day interval diastolic
  '198081000000101': ['abpm-daytime', 'ambulatory', 'systolic'], // Ambulatory systolic blood pressure
  '198091000000104': ['abpm-daytime', 'ambulatory', 'diastolic'], // Ambulatory diastolic blood pressure
  // ABPM 24-hour average; an "average" that names no setting is an out-of-clinic average.
  '314449000': ['abpm-24-hour', 'ambulatory', 'systolic'], // Average 24 hour systolic
  '314462001': ['abpm-24-hour', 'ambulatory', 'diastolic'], // Average 24 hour diastolic
  '314463006': ['abpm-24-hour', 'ambulatory', 'both'], // 24 hour blood pressure
  '314464000': ['abpm-24-hour', 'ambulatory', 'systolic'], // 24 hour systolic blood pressure
  '314465004': ['abpm-24-hour', 'ambulatory', 'diastolic'], // 24 hour diastolic blood pressure
  '314440001': ['abpm-24-hour', 'ambulatory', 'systolic'], // Average systolic blood pressure
  '314453003': ['abpm-24-hour', 'ambulatory', 'diastolic'], // Average diastolic blood pressure
  '723232008': ['abpm-24-hour', 'ambulatory', 'both'], // Average blood pressure
  // ABPM night-time average: never the current BP.
  '314445006': ['abpm-night', 'ambulatory', 'systolic'], // Average night interval systolic
  '314460009': ['abpm-night', 'ambulatory', 'diastolic'], // Average night interval diastolic
  // Summaries of a recording or a test: minimum, maximum, baseline, on admission, after a stimulus.
  '314438006': ['summary', 'clinic', 'systolic'], // Minimum systolic blood pressure
  '314439003': ['summary', 'clinic', 'systolic'], // Maximum systolic blood pressure
  '314451001': ['summary', 'clinic', 'diastolic'], // Minimum diastolic blood pressure
  '314452008': ['summary', 'clinic', 'diastolic'], // Maximum diastolic blood pressure
  '723235005': ['summary', 'clinic', 'both'], // Maximum blood pressure
  '723236006': ['summary', 'clinic', 'both'], // Minimum blood pressure
  '852291000000105': ['summary', 'clinic', 'mean'], // Maximum mean blood pressure
  '852301000000109': ['summary', 'clinic', 'mean'], // Minimum mean blood pressure
  '314441002': ['summary', 'ambulatory', 'systolic'], // Minimum day interval systolic
  '314442009': ['summary', 'ambulatory', 'systolic'], // Minimum night interval systolic
  '314443004': ['summary', 'ambulatory', 'systolic'], // Maximum night interval systolic
  '314444005': ['summary', 'ambulatory', 'systolic'], // Maximum day interval systolic
  '314447003': ['summary', 'ambulatory', 'systolic'], // Minimum 24 hour systolic
  '314448008': ['summary', 'ambulatory', 'systolic'], // Maximum 24 hour systolic
  '314454009': ['summary', 'ambulatory', 'diastolic'], // Minimum day interval diastolic
  '314455005': ['summary', 'ambulatory', 'diastolic'], // Minimum night interval diastolic
  '314456006': ['summary', 'ambulatory', 'diastolic'], // Minimum 24 hour diastolic
  '314457002': ['summary', 'ambulatory', 'diastolic'], // Maximum night interval diastolic
  '314458007': ['summary', 'ambulatory', 'diastolic'], // Maximum day interval diastolic
  '314459004': ['summary', 'ambulatory', 'diastolic'], // Maximum 24 hour diastolic
  '716579001': ['summary', 'clinic', 'systolic'], // Baseline systolic blood pressure
  '716632005': ['summary', 'clinic', 'diastolic'], // Baseline diastolic blood pressure
  '928021000000108': ['summary', 'clinic', 'both'], // Baseline blood pressure
  '251078009': ['summary', 'clinic', 'both'], // Post-vasodilatation arterial pressure
  '399304008': ['summary', 'clinic', 'systolic'], // Systolic blood pressure on admission
  '707303003': ['summary', 'clinic', 'systolic'] // Post exercise systolic blood pressure response abnormal
}

const bpRows = [
  ...new Map(
    (['BP_COD', 'HOMEBP_COD'] as const)
      .flatMap((cluster) => readCsvRecords(resourcesPath('codelists', codeListFiles[cluster])))
      .map((r) => [r.code ?? '', r.term ?? ''] as const)
  ).entries()
]

describe('every BP_COD and HOMEBP_COD code gets a sensible measure', () => {
  it('the table names every code of both lists, and nothing else', () => {
    expect(bpRows.length).toBeGreaterThan(90)
    expect(bpRows.map(([code]) => code).sort()).toEqual(Object.keys(expectedByCode).sort())
  })

  it.each(bpRows)('%s "%s"', (code, term) => {
    const [measure, setting, component] = expectedByCode[code]!
    const c = classifyEvent(library, code, term)
    expect(c).toMatchObject({ kind: 'bp', component, setting, measure: { measure, setting }, via: 'code' })
  })

  it('the kinds that can be the current BP are the clinic reading, the home average and the ABPM daytime and 24-hour averages', () => {
    expect([...currentBpMeasures].sort()).toEqual(['abpm-24-hour', 'abpm-daytime', 'clinic', 'home-average'])
    expect(canBeCurrentBp('abpm-night')).toBe(false)
    expect(canBeCurrentBp('summary')).toBe(false)
  })

  it('a summary says which summary it is', () => {
    expect(bpMeasureFromTerm('Minimum night interval systolic blood pressure')).toEqual({ measure: 'summary', summary: 'minimum', setting: 'ambulatory' })
    expect(bpMeasureFromTerm('Baseline blood pressure')).toMatchObject({ measure: 'summary', summary: 'baseline' })
    expect(bpMeasureFromTerm('Maximum day interval diastolic blood pressure')).toMatchObject({ measure: 'summary', summary: 'maximum' })
  })

  it('a systolic pairs with the diastolic of the same measure, and never with another measure of the same day', () => {
    const key = (code: string) => {
      const c = classifyEvent(library, code, '')
      if (c.kind !== 'bp') throw new Error(`${code} is not a BP code`)
      return c.pairingKey
    }
    expect(key('314446007')).toBe(key('314461008')) // average day interval
    expect(key('314445006')).toBe(key('314460009')) // average night interval
    expect(key('314449000')).toBe(key('314462001')) // average 24 hour
    expect(key('314441002')).toBe(key('314454009')) // minimum day interval
    expect(key('413606001')).toBe(key('413605002')) // average home
    expect(key('271649006')).toBe(key('271650006')) // clinic systolic / diastolic
    const distinct = ['314446007', '314445006', '314449000', '314441002', '314444005', '314447003', '413606001', '271649006', '407554009', '400974009']
    expect(new Set(distinct.map(key)).size).toBe(distinct.length)
  })

  it("a generic code exported with a practice's more specific term is read from that term", () => {
    expect(classifyEvent(library, '75367002', 'Average home systolic blood pressure')).toMatchObject({
      kind: 'bp',
      component: 'systolic',
      measure: { measure: 'home-average' }
    })
    expect(classifyEvent(library, '271649006', 'Average night interval systolic blood pressure')).toMatchObject({
      kind: 'bp',
      measure: { measure: 'abpm-night' }
    })
    // A specific code keeps its own kind whatever the export calls it.
    expect(classifyEvent(library, '314445006', 'Systolic blood pressure')).toMatchObject({ kind: 'bp', measure: { measure: 'abpm-night' } })
    expect(classifyEvent(library, '314438006', 'Systolic blood pressure')).toMatchObject({ kind: 'bp', measure: { measure: 'summary' } })
  })

  it('BP rows exported by term only get the same measure as their code', () => {
    expect(classifyEvent(library, '', 'Average night interval diastolic blood pressure')).toMatchObject({
      kind: 'bp',
      measure: { measure: 'abpm-night' },
      via: 'term'
    })
    expect(classifyEvent(library, '', 'Minimum 24 hour systolic blood pressure')).toMatchObject({ kind: 'bp', measure: { measure: 'summary' }, via: 'term' })
    expect(classifyEvent(library, '', 'Average day interval systolic blood pressure')).toMatchObject({
      kind: 'bp',
      measure: { measure: 'abpm-daytime' },
      via: 'term'
    })
  })
})

// --- readings of one day -----------------------------------------------------------------------

const asOf = '2026-11-01'
const day = '2026-10-01'
const reading = (date: string, systolic: number, diastolic: number, setting: BpSetting, measure: BpMeasure): BpReading => ({
  date,
  systolic,
  diastolic,
  setting,
  measure
})
const clinicReading = (s: number, d: number, date = day) => reading(date, s, d, 'clinic', 'clinic')
const homeAverage = (s: number, d: number, date = day) => reading(date, s, d, 'home', 'home-average')
const abpmDay = (s: number, d: number, date = day) => reading(date, s, d, 'ambulatory', 'abpm-daytime')
const abpmNight = (s: number, d: number, date = day) => reading(date, s, d, 'ambulatory', 'abpm-night')
const abpmMinimum = (s: number, d: number, date = day) => reading(date, s, d, 'ambulatory', 'summary')
const clinicSummary = (s: number, d: number, date = day) => reading(date, s, d, 'clinic', 'summary')

describe('the current BP uses only the kinds that can be one', () => {
  it('ABPM day + night + minimum on one date: the daytime average, with the night and the minimum listed as not used', () => {
    const current = currentBloodPressure([abpmNight(121, 74), abpmMinimum(102, 58), abpmDay(142, 88)], asOf)
    expect(current.bp).toEqual({ systolic: 142, diastolic: 88, date: day, setting: 'ambulatory' })
    expect(current.considered).toHaveLength(3)
    const byMeasure = Object.fromEntries(current.considered.map((r) => [r.measure, r]))
    expect(byMeasure['abpm-daytime']).toMatchObject({ used: 'both' })
    expect(byMeasure['abpm-daytime']?.notUsedBecause).toBeUndefined()
    expect(byMeasure['abpm-night']).toMatchObject({ used: 'none', notUsedBecause: expect.stringMatching(/night-time average/) })
    expect(byMeasure['summary']).toMatchObject({ used: 'none', notUsedBecause: expect.stringMatching(/summary value/) })
    expect(current.rule).toMatch(/2 recorded value\(s\) not used/)
  })

  it('summary codes beside a clinic pair: the clinic pair is the current BP', () => {
    const current = currentBloodPressure([clinicSummary(112, 66), clinicReading(152, 94), clinicSummary(176, 104)], asOf)
    expect(current.bp).toEqual({ systolic: 152, diastolic: 94, date: day, setting: 'clinic' })
    expect(
      current.considered
        .filter((r) => r.notUsedBecause)
        .map((r) => r.systolic)
        .sort()
    ).toEqual([112, 176])
  })

  it('a later night average does not displace an earlier usable reading as the latest', () => {
    const current = currentBloodPressure([clinicReading(150, 92, '2026-08-01'), abpmNight(118, 70, '2026-10-01')], asOf)
    expect(current.bp).toMatchObject({ systolic: 150, diastolic: 92, date: '2026-08-01' })
  })

  it('a night average alone in the window is "no recent BP", listed but not used', () => {
    const current = currentBloodPressure([abpmNight(118, 70)], asOf)
    expect(current.bp).toBeNull()
    expect(current.severeReading).toBeNull()
    expect(current.rule).toContain(NO_RECENT_BP)
    expect(current.considered).toEqual([expect.objectContaining({ systolic: 118, measure: 'abpm-night', used: 'none', notUsedBecause: expect.any(String) })])
  })

  it("readings stored without a measure count as their setting's usual kind", () => {
    expect(currentBloodPressure([{ date: day, systolic: 150, diastolic: 92, setting: 'ambulatory' }], asOf).bp).toMatchObject({ systolic: 150 })
  })
})

describe('no hidden severe reading on the latest reading day', () => {
  it('severe home 172/96 beside moderate clinic 150/92: the clinic reading is the BP, the home reading makes it P1', () => {
    const current = currentBloodPressure([clinicReading(150, 92), homeAverage(172, 96)], asOf)
    expect(current.bp).toMatchObject({ systolic: 150, diastolic: 92, setting: 'clinic' })
    expect(current.severeReading).toEqual({ systolic: 172, diastolic: 96, date: day, setting: 'home', measure: 'home-average' })
    expect(current.considered.find((r) => r.setting === 'home')).toMatchObject({ severe: true })
    const priority = classifyPriority(current.bp!, { conditions: [], ethnicityCategory: null }, current.severeReading)
    expect(priority.priority).toBe('P1')
    expect(priority.values).toContain(SEVERE_ON_LATEST_DAY)
    expect(priority.rule).toMatch(/home reading 172\/96/)
    expect(priority.rule).toMatch(/the day's BP is 150\/92/)
  })

  it('beside a home reading below severe level the same clinic reading is P4', () => {
    const current = currentBloodPressure([clinicReading(150, 92), homeAverage(160, 96)], asOf)
    expect(current.severeReading).toBeNull()
    expect(classifyPriority(current.bp!, { conditions: [], ethnicityCategory: null }, current.severeReading).priority).toBe('P4')
  })

  it('severe clinic 184/100 beside a normal clinic reading the same day: the lowest-of-the-day BP is normal, but P1', () => {
    const current = currentBloodPressure([clinicReading(184, 100), clinicReading(128, 80)], asOf)
    expect(current.bp).toMatchObject({ systolic: 128, diastolic: 80 })
    expect(current.severeReading).toMatchObject({ systolic: 184, diastolic: 100, setting: 'clinic' })
  })

  it("a severe reading on an earlier day than the latest is not the latest day's", () => {
    const current = currentBloodPressure([clinicReading(186, 104, '2026-09-01'), clinicReading(150, 92, '2026-10-01')], asOf)
    expect(current.severeReading).toBeNull()
    expect(classifyPriority(current.bp!, { conditions: [], ethnicityCategory: null }, current.severeReading).priority).toBe('P4')
  })

  it('home 169/114 is not severe (below 170/115), clinic 179/119 is not severe (below 180/120)', () => {
    expect(currentBloodPressure([clinicReading(150, 92), homeAverage(169, 114)], asOf).severeReading).toBeNull()
    expect(currentBloodPressure([clinicReading(179, 119), clinicReading(150, 92)], asOf).severeReading).toBeNull()
    expect(currentBloodPressure([clinicReading(150, 92), abpmDay(170, 90)], asOf).severeReading).toMatchObject({ setting: 'ambulatory' })
  })
})

// --- through the cohort engine, in both modes ----------------------------------------------------

function hypertensive(readings: BpReading[], overrides: Partial<PatientRecord> = {}): PatientRecord {
  return patientRecord({ dateOfBirth: '1961-06-15', events: codedRow('59621000', 'Essential hypertension', '2015-04-01'), readings, ...overrides })
}

function build(patient: PatientRecord, mode: TargetMode, definition: CohortDefinitionId = 'uncontrolled-hypertension') {
  const found = findCohortDefinition(definition)
  if (!found) throw new Error(`no definition ${definition}`)
  const result = evaluateCohort(found, [patient], { asOf, mode })
  return { member: result.members[0] ?? null, excluded: result.excluded[0] ?? null, notEligible: result.notEligibleCount }
}

describe.each(['qof', 'nice'] as const)('in %s mode', (mode) => {
  it('ABPM day 142/88 + night 121/74 + minimum 102/58: uncontrolled on the daytime average (the night or minimum would have said controlled)', () => {
    const { member } = build(hypertensive([abpmNight(121, 74), abpmMinimum(102, 58), abpmDay(142, 88)]), mode)
    expect(member).toMatchObject({ priority: 'P4', bp: { systolic: 142, diastolic: 88, setting: 'ambulatory' }, severe: false })
    const notUsed = member!.explanation.readingsConsidered.filter((r) => r.notUsedBecause)
    expect(notUsed.map((r) => r.measure).sort()).toEqual(['abpm-night', 'summary'])
  })

  it('ABPM daytime 128/78 beside a night average: controlled, not in the cohort', () => {
    expect(build(hypertensive([abpmDay(128, 78), abpmNight(150, 96)]), mode).member).toBeNull()
  })

  it('summary codes beside a clinic pair 152/94: a member on the clinic pair', () => {
    const { member } = build(hypertensive([clinicSummary(112, 66), clinicReading(152, 94)]), mode)
    expect(member).toMatchObject({ priority: 'P4', bp: { systolic: 152, diastolic: 94, setting: 'clinic' } })
  })

  it('a night average alone in the window: "no recent BP" — not controlled, not uncontrolled, in the no-recent-BP recall', () => {
    const patient = hypertensive([abpmNight(150, 96)])
    expect(build(patient, mode)).toMatchObject({ member: null, excluded: null, notEligible: 1 })
    const recall = build(patient, mode, 'no-recent-bp')
    expect(recall.member).toMatchObject({ bp: null, priority: null })
    expect(recall.member?.explanation.bpRule).toContain(NO_RECENT_BP)
  })

  it('severe home 172/96 beside moderate clinic 150/92 on the same day: P1, severe, the home reading named', () => {
    const { member } = build(hypertensive([clinicReading(150, 92), homeAverage(172, 96)]), mode)
    expect(member).toMatchObject({ priority: 'P1', severe: true, bp: { systolic: 150, diastolic: 92, setting: 'clinic' } })
    expect(member!.reasons.join(' ')).toMatch(/P1 severe: home reading 172\/96/)
    expect(member!.explanation.readingsConsidered.map((r) => [r.setting, r.severe ?? false])).toEqual(
      expect.arrayContaining([
        ['home', true],
        ['clinic', false]
      ])
    )
  })

  it('severe home 172/96 beside a clinic reading within target: not controlled — P1, the severe reading counts', () => {
    const patient = hypertensive([clinicReading(128, 80), homeAverage(172, 96)])
    expect(patientFacts(patient, asOf, mode, defaultCohortParameters).controlled).toBe(false)
    // The same clinic reading alone is controlled.
    expect(patientFacts(hypertensive([clinicReading(128, 80)]), asOf, mode, defaultCohortParameters).controlled).toBe(true)
    const { member } = build(patient, mode)
    expect(member).toMatchObject({ priority: 'P1', severe: true })
    expect(member!.reasons.join(' ')).toMatch(/within target.*severe home reading 172\/96 the same day counts/)
  })

  it('severe clinic 184/100 beside a normal home reading: P1', () => {
    const { member } = build(hypertensive([clinicReading(184, 100), homeAverage(128, 80)]), mode)
    expect(member).toMatchObject({ priority: 'P1', severe: true, bp: { systolic: 184, diastolic: 100, setting: 'clinic' } })
  })

  it('severe clinic 184/100 and a normal clinic reading the same day: P1 although the lowest of the day is 128/80', () => {
    const { member } = build(hypertensive([clinicReading(184, 100), clinicReading(128, 80)]), mode)
    expect(member).toMatchObject({ priority: 'P1', severe: true, bp: { systolic: 128, diastolic: 80 } })
  })

  it('a severe reading on an earlier day does not make P1; with a controlled latest day the patient is not in the cohort', () => {
    expect(build(hypertensive([clinicReading(186, 104, '2026-09-01'), clinicReading(150, 92)]), mode).member).toMatchObject({ priority: 'P4', severe: false })
    expect(build(hypertensive([clinicReading(186, 104, '2026-09-01'), clinicReading(128, 80)]), mode).member).toBeNull()
  })

  it('a severe patient who is excluded (invited recently) is listed with severe: true and the severe-excluded reason', () => {
    const patient = hypertensive([clinicReading(150, 92), homeAverage(172, 96)], { lastInvitedOn: '2026-10-20', invitedOn: ['2026-10-20'] })
    const { member, excluded } = build(patient, mode)
    expect(member).toBeNull()
    expect(excluded).toMatchObject({ rule: 'exclude.recently-invited', severe: true, priority: 'P1' })
    expect(excluded!.reasons).toContain(severeExcludedText)
  })

  it('an excluded patient without a severe reading carries no severe-excluded reason', () => {
    const { excluded } = build(hypertensive([clinicReading(150, 92)], { lastInvitedOn: '2026-10-20', invitedOn: ['2026-10-20'] }), mode)
    expect(excluded).toMatchObject({ rule: 'exclude.recently-invited', severe: false })
    expect(excluded!.reasons).not.toContain(severeExcludedText)
  })
})
