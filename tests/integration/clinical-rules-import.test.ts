// The clinical rules end to end on a real SQLite file: an EMIS-style events export (report-header
// block, continuation rows, dd-Mon-yyyy dates) holding refset codes the registers used to miss, the
// same conditions exported by term only, ABPM day/night/minimum rows, a severe home average beside a
// clinic reading, palliative care no longer indicated, SMI in remission and CKD downstaged, goes
// through the real import service; then uncontrolled hypertension and Time to Talk are built.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { importFiles } from '../../src/main/import/import-service'
import { nhsCheckDigit } from '../../src/shared/domain/nhs-number'
import { createTestContext, type TestContext } from '../support/test-context'

// The clock is 2026-11-22: the as-of date of every build below.
let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

/** Test-range NHS numbers 999 300 00x-, each with its Modulus 11 check digit. */
const nhsNumbers: string[] = (() => {
  const found: string[] = []
  for (let n = 0; found.length < 20; n++) {
    const nine = `99930${String(n).padStart(4, '0')}`
    const check = nhsCheckDigit(nine)
    if (check !== null) found.push(`${nine}${check}`)
  }
  return found
})()
const spaced = (nhs: string) => `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`

type Row = [date: string, code: string, term: string, value?: string]
interface Person {
  key: string
  family: string
  dob: string
  rows: Row[]
}

const hyp: Row = ['04-Apr-2015', '59621000', 'Essential hypertension']
const clinic = (date: string, systolic: number, diastolic: number): Row[] => [
  [date, '271649006', 'Systolic blood pressure', String(systolic)],
  [date, '271650006', 'Diastolic blood pressure', String(diastolic)]
]

const people: Person[] = [
  // "History of myocardial infarction" by its code: CHD, so P3.
  {
    key: 'history-mi',
    family: 'ABBOTT',
    dob: '12-Mar-1959',
    rows: [hyp, ['02-Apr-2019', '399211009', 'History of myocardial infarction'], ...clinic('01-Oct-2026', 150, 92)]
  },
  // Hypertension and "Lacunar infarction" by term only (no code): STIA, matched by term.
  {
    key: 'lacunar-term',
    family: 'BAINES',
    dob: '03-Jul-1962',
    rows: [
      ['10-May-2014', '', 'Essential hypertension'],
      ['15-Jan-2020', '', 'Lacunar infarction'],
      ['01-Oct-2026', '163020007', 'O/E - blood pressure reading', '152/94']
    ]
  },
  // ABPM day + night + minimum on one date: the daytime average 142/88 is the BP (uncontrolled).
  {
    key: 'abpm',
    family: 'CARTER',
    dob: '21-Nov-1960',
    rows: [
      hyp,
      ['05-Oct-2026', '314446007', 'Average day interval systolic blood pressure', '142'],
      ['05-Oct-2026', '314461008', 'Average day interval diastolic blood pressure', '88'],
      ['05-Oct-2026', '314445006', 'Average night interval systolic blood pressure', '121'],
      ['05-Oct-2026', '314460009', 'Average night interval diastolic blood pressure', '74'],
      ['05-Oct-2026', '314438006', 'Minimum systolic blood pressure', '102'],
      ['05-Oct-2026', '314451001', 'Minimum diastolic blood pressure', '58']
    ]
  },
  // Severe home average 172/96 beside a moderate clinic reading the same day: P1. Atrial flutter.
  {
    key: 'severe-home',
    family: 'DAVIES',
    dob: '09-Feb-1958',
    rows: [
      hyp,
      ['11-Nov-2021', '5370000', 'Atrial flutter'],
      ...clinic('03-Nov-2026', 150, 92),
      ['03-Nov-2026', '413606001', 'Average home systolic blood pressure', '172'],
      ['03-Nov-2026', '413605002', 'Average home diastolic blood pressure', '96']
    ]
  },
  // Palliative care, then "not currently clinically indicated": recalled. Chronic bronchitis (COPD).
  {
    key: 'palcare-ni',
    family: 'EVANS',
    dob: '30-Aug-1955',
    rows: [
      hyp,
      ['01-Jun-2020', '103735009', 'Palliative care'],
      ['01-Jun-2022', '1048611000000104', 'Palliative care not currently clinically indicated'],
      ['14-Feb-2017', '63480004', 'Chronic bronchitis'],
      ...clinic('01-Oct-2026', 150, 92)
    ]
  },
  // On the palliative care register: excluded.
  { key: 'palcare', family: 'FOSTER', dob: '17-Jan-1950', rows: [hyp, ['01-Jun-2021', '103735009', 'Palliative care'], ...clinic('01-Oct-2026', 150, 92)] },
  // SMI in remission (MH_COD) and hypertension, controlled: Time to Talk, physical and mental health.
  {
    key: 'smi-remission',
    family: 'GREEN',
    dob: '05-May-1970',
    rows: [hyp, ['01-Sep-2016', '191565008', 'Latent schizophrenia in remission'], ...clinic('01-Oct-2026', 128, 78)]
  },
  // "Schizophrenia in remission" by term only and CKD G3a/A1 by code; no hypertension.
  {
    key: 'smi-term-ckd',
    family: 'HUGHES',
    dob: '22-Dec-1966',
    rows: [
      ['01-Sep-2016', '', 'Schizophrenia in remission'],
      ['10-Mar-2022', '949881000000106', 'Chronic kidney disease with glomerular filtration rate category G3a and albuminuria category A1']
    ]
  },
  // One code in HYP_COD and CKD_COD: on the hypertension register and P3 for CKD.
  {
    key: 'hyp-ckd-code',
    family: 'IRWIN',
    dob: '14-Apr-1957',
    rows: [
      ['01-Feb-2018', '140121000119100', 'Hypertension in chronic kidney disease stage 3 due to type 2 diabetes mellitus'],
      ...clinic('01-Oct-2026', 150, 92)
    ]
  },
  // CKD stage 3, then stage 2: off the CKD register, so P4.
  {
    key: 'ckd-downstaged',
    family: 'JONES',
    dob: '08-Oct-1963',
    rows: [
      hyp,
      ['01-Jan-2018', '433144002', 'Chronic kidney disease stage 3'],
      ['01-Jan-2021', '431856006', 'Chronic kidney disease stage 2'],
      ...clinic('01-Oct-2026', 150, 92)
    ]
  },
  // Cancer diagnosed before April 2003 does not count; a night average alone is no recent BP.
  {
    key: 'old-cancer-night',
    family: 'KHAN',
    dob: '19-Jun-1952',
    rows: [
      hyp,
      ['01-Jun-2001', '254837009', 'Malignant neoplasm of breast'],
      ['05-Oct-2026', '314445006', 'Average night interval systolic blood pressure', '150'],
      ['05-Oct-2026', '314460009', 'Average night interval diastolic blood pressure', '96']
    ]
  },
  // A listed code with a misleading term: still CHD (by code), hypertension not resolved.
  {
    key: 'code-beats-term',
    family: 'LEWIS',
    dob: '25-Mar-1961',
    rows: [hyp, ['02-Apr-2019', '399211009', 'Hypertension resolved'], ...clinic('01-Oct-2026', 150, 92)]
  }
]

const nhsOf = new Map(people.map((p, i) => [p.key, nhsNumbers[i]!]))
const nhs = (key: string) => {
  const found = nhsOf.get(key)
  if (!found) throw new Error(`no person ${key}`)
  return found
}

function exportCsv(): string {
  const quote = (cell: string) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  const line = (cells: string[]) => `${cells.map(quote).join(',')},`
  const lines = [
    'Report Name:,Clinical rules check,',
    'Report Description:,Register codes and BP kinds,',
    'Search Name:,Clinical rules,',
    `Population Count:,${people.length},`,
    'Parent Search:,Clinic Recall test,',
    'Run Date:,21-Nov-2026,',
    'Run Time:,08:30,',
    'Run By:,"RECEPTION, Test (Mrs)",',
    ',,',
    line(['NHS Number', 'Title', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Ethnicity', 'Date', 'Code', 'Code Term', 'Value'])
  ]
  for (const p of people) {
    p.rows.forEach(([date, code, term, value], i) => {
      const patient = i === 0 ? [spaced(nhs(p.key)), 'Mx', p.family, 'Test', p.dob, 'F', 'White British'] : ['', '', '', '', '', '', '']
      lines.push(line([...patient, date, code, term, value ?? '']))
    })
  }
  return `${lines.join('\r\n')}\r\n`
}

function importExport() {
  return importFiles(ctx, [{ name: 'clinical-rules.csv', bytes: new TextEncoder().encode(exportCsv()) }], 'auto')
}

function patientId(key: string): number {
  return (ctx.db.prepare('SELECT id FROM patients WHERE nhs_number = ?').get(nhs(key)) as { id: number }).id
}

const byNhs = <T extends { nhsNumber: string }>(entries: T[]) => [...entries].sort((a, b) => a.nhsNumber.localeCompare(b.nhsNumber))

describe('clinical rules on an imported EMIS export', () => {
  it('imports every row, stores each BP with what it measured, and counts the rows matched by term only', () => {
    const result = importExport()
    expect(result).toMatchObject({ format: 'emis', patientsAdded: people.length, rejected: [] })
    // The three term-only rows: "Essential hypertension", "Lacunar infarction", "Schizophrenia in remission".
    expect(result.termOnlyMatches).toBe(3)

    const readings = (key: string) =>
      ctx.db.prepare('SELECT taken_on, systolic, diastolic, setting, measure FROM bp_readings WHERE patient_id = ? ORDER BY systolic DESC').all(patientId(key))
    expect(readings('abpm')).toEqual([
      { taken_on: '2026-10-05', systolic: 142, diastolic: 88, setting: 'ambulatory', measure: 'abpm-daytime' },
      { taken_on: '2026-10-05', systolic: 121, diastolic: 74, setting: 'ambulatory', measure: 'abpm-night' },
      { taken_on: '2026-10-05', systolic: 102, diastolic: 58, setting: 'clinic', measure: 'summary' }
    ])
    expect(readings('severe-home')).toEqual([
      { taken_on: '2026-11-03', systolic: 172, diastolic: 96, setting: 'home', measure: 'home-average' },
      { taken_on: '2026-11-03', systolic: 150, diastolic: 92, setting: 'clinic', measure: 'clinic' }
    ])
    expect(readings('lacunar-term')).toEqual([{ taken_on: '2026-10-01', systolic: 152, diastolic: 94, setting: 'clinic', measure: 'clinic' }])
    expect(readings('old-cancer-night')).toEqual([{ taken_on: '2026-10-05', systolic: 150, diastolic: 96, setting: 'ambulatory', measure: 'abpm-night' }])

    const events = (key: string) =>
      ctx.db.prepare('SELECT event_date, concept, code, matched_by FROM coded_events WHERE patient_id = ? ORDER BY event_date, concept').all(patientId(key))
    expect(events('hyp-ckd-code')).toEqual([
      { event_date: '2018-02-01', concept: 'CKD', code: '140121000119100', matched_by: 'code' },
      { event_date: '2018-02-01', concept: 'HYP', code: '140121000119100', matched_by: 'code' }
    ])
    expect(events('smi-term-ckd')).toEqual([
      { event_date: '2016-09-01', concept: 'MH', code: '', matched_by: 'term' },
      { event_date: '2016-09-01', concept: 'MHREM', code: '', matched_by: 'term' },
      { event_date: '2022-03-10', concept: 'CKD', code: '949881000000106', matched_by: 'code' }
    ])
    expect(events('code-beats-term')).toContainEqual({ event_date: '2019-04-02', concept: 'CHD', code: '399211009', matched_by: 'code' })
    expect(events('code-beats-term').map((e) => (e as { concept: string }).concept)).not.toContain('HYPRES')
  })

  it.each(['qof', 'nice'] as const)('uncontrolled hypertension (%s): the exact members, priorities and exclusions', (mode) => {
    importExport()
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode })
    expect(snapshot.asOf).toBe('2026-11-22')
    expect(byNhs(snapshot.members).map((m) => [m.nhsNumber, m.priority, m.severe])).toEqual(
      byNhs([
        { nhsNumber: nhs('history-mi'), priority: 'P3', severe: false },
        { nhsNumber: nhs('lacunar-term'), priority: 'P3', severe: false },
        { nhsNumber: nhs('abpm'), priority: 'P4', severe: false },
        { nhsNumber: nhs('severe-home'), priority: 'P1', severe: true },
        { nhsNumber: nhs('palcare-ni'), priority: 'P4', severe: false },
        { nhsNumber: nhs('hyp-ckd-code'), priority: 'P3', severe: false },
        { nhsNumber: nhs('ckd-downstaged'), priority: 'P4', severe: false },
        { nhsNumber: nhs('code-beats-term'), priority: 'P3', severe: false }
      ]).map((m) => [m.nhsNumber, m.priority, m.severe])
    )
    expect(snapshot.excluded.map((e) => [e.nhsNumber, e.rule])).toEqual([[nhs('palcare'), 'exclude.palliative-care']])

    const member = (key: string) => snapshot.members.find((m) => m.nhsNumber === nhs(key))!
    expect(member('abpm').bp).toEqual({ systolic: 142, diastolic: 88, date: '2026-10-05', setting: 'ambulatory' })
    expect(member('severe-home').bp).toEqual({ systolic: 150, diastolic: 92, date: '2026-11-03', setting: 'clinic' })
    expect(member('severe-home').reasons.join(' ')).toMatch(/P1 severe: home reading 172\/96/)
    expect(member('history-mi').reasons.join(' ')).toContain('coronary heart disease')
    expect(member('lacunar-term').reasons.join(' ')).toContain('stroke/TIA')
    expect(member('hyp-ckd-code').reasons.join(' ')).toContain('chronic kidney disease')
    expect(member('code-beats-term').reasons.join(' ')).toContain('coronary heart disease')

    // The why panel lists the night average and the minimum as recorded, not used.
    const why = explainCohortEntry(ctx, snapshot.cohortId, patientId('abpm')).entry.explanation
    expect(
      why.readingsConsidered
        .filter((r) => r.notUsedBecause)
        .map((r) => r.measure)
        .sort()
    ).toEqual(['abpm-night', 'summary'])
  })

  it('the night average alone is "no recent BP": in the no-recent-BP recall, not the uncontrolled cohort', () => {
    importExport()
    const recall = buildCohort(ctx, { definition: 'no-recent-bp', mode: 'qof' })
    expect(recall.members.map((m) => m.nhsNumber)).toEqual([nhs('old-cancer-night')])
  })

  it('Time to Talk: the exact members and the conditions each is counted for', () => {
    importExport()
    const snapshot = buildCohort(ctx, { definition: 'time-to-talk', mode: 'qof' })
    const conditions = (key: string) => snapshot.members.find((m) => m.nhsNumber === nhs(key))?.reasons.find((r) => /conditions:/.test(r))
    expect(byNhs(snapshot.members).map((m) => m.nhsNumber)).toEqual(
      [
        nhs('history-mi'),
        nhs('lacunar-term'),
        nhs('severe-home'),
        nhs('palcare-ni'),
        nhs('smi-remission'),
        nhs('smi-term-ckd'),
        nhs('hyp-ckd-code'),
        nhs('code-beats-term')
      ].sort()
    )
    expect(conditions('history-mi')).toBe('2 conditions: Hypertension, Coronary heart disease')
    expect(conditions('lacunar-term')).toBe('2 conditions: Hypertension (matched by term — check), Stroke or TIA (matched by term — check)')
    expect(conditions('severe-home')).toBe('2 conditions: Hypertension, Atrial fibrillation')
    expect(conditions('palcare-ni')).toBe('2 conditions: Hypertension, COPD')
    expect(conditions('smi-remission')).toBe('2 conditions: Hypertension, Severe mental illness (physical and mental health)')
    expect(conditions('smi-term-ckd')).toBe(
      '2 conditions: Chronic kidney disease (stage 3–5), Severe mental illness (matched by term — check) (physical and mental health)'
    )
    expect(conditions('hyp-ckd-code')).toBe('2 conditions: Hypertension, Chronic kidney disease (stage 3–5)')
    expect(conditions('code-beats-term')).toBe('2 conditions: Hypertension, Coronary heart disease')
    // Physical and mental health first (NICE NG56).
    const both = new Set([nhs('smi-remission'), nhs('smi-term-ckd')])
    expect(snapshot.members.slice(0, 2).every((m) => both.has(m.nhsNumber))).toBe(true)
    // The patient whose palliative care is no longer indicated is a member, not excluded.
    expect(snapshot.excluded).toEqual([])
  })
})
