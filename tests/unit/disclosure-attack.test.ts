// The derivation attack on the pseudonymised audit workbook. Programmes (random, with many small
// groups, and hand-made adversarial ones) are written to a real .xlsx by the real writer, read back
// with exceljs — every sheet, every total, every percentage, every mean — and handed to an attacker
// written apart from the protector, on another solver (tests/support/disclosure-attacker.ts). For
// every count shown as "<5" or withheld it tries to work out the value; it must fail for all of them.
// The same workbooks must hold no patient-level sheet, no NHS number, name, date of birth or date of care.
// With the wellbeing table and adherence at baseline, their sheets and breakdown columns are read
// and attacked with the rest; the Referrals sheet (referrals, not patients) is attacked on its own.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { AuditDataset, AuditPatient } from '../../src/main/audit/audit-service'
import { writeAuditWorkbook } from '../../src/main/documents/audit-workbook'
import { adherenceStatuses, nonAdherenceReasons, type AdherenceStatus, type NonAdherenceReason } from '../../src/shared/domain/medication-adherence'
import type { VisitMeasureId } from '../../src/shared/domain/visit-measures'
import { attackTable, type ReadCell, type ReaderRow, type ReaderTable } from '../support/disclosure-attacker'

const folder = mkdtempSync(join(tmpdir(), 'disclosure-attack-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

// --- what a reader knows, written here independently of the protector ---------------------------

/** Summary "Measure" and breakdown column headers → the quantity each shows. */
const countByLabel: Record<string, string> = {
  Eligible: 'eligible',
  Invited: 'invited',
  'Invited (2nd invitation)': 'invited2',
  'Invited (3rd invitation)': 'invited3',
  Booked: 'booked',
  Attended: 'attended',
  'Followed up': 'followedUp',
  'Patients with a baseline and a follow-up reading': 'bpPatients',
  'With baseline and follow-up': 'bpPatients',
  Reduced: 'reduced',
  'No change': 'unchanged',
  Increased: 'increased',
  'At target at baseline': 'atTargetBefore',
  'At target at follow-up': 'atTargetAfter'
}
const meanByLabel: Record<string, string> = {
  'Mean change in systolic (mmHg)': 'systolic',
  'Mean systolic change': 'systolic',
  'Mean change in diastolic (mmHg)': 'diastolic',
  'Mean diastolic change': 'diastolic'
}
const medianLabels = ['Median change in systolic (mmHg)', 'Median change in diastolic (mmHg)']
/** Percent column → [numerator, denominator]; the Summary's funnel percentages are of Eligible. */
const percentOf: Record<string, [string, string]> = {
  'Reduced %': ['reduced', 'bpPatients'],
  'No change %': ['unchanged', 'bpPatients'],
  'Increased %': ['increased', 'bpPatients'],
  'At target at baseline %': ['atTargetBefore', 'bpPatients'],
  'At target at follow-up %': ['atTargetAfter', 'bpPatients']
}

/** Read from the workbook's own notes: the funnel narrows stage by stage; the BP table is of invited patients with both readings, split three ways. */
const readerRelations: ReaderTable['relations'] = [
  { left: ['eligible'], op: '>=', right: ['invited'] },
  { left: ['invited'], op: '>=', right: ['invited2'] },
  { left: ['invited2'], op: '>=', right: ['invited3'] },
  { left: ['invited'], op: '>=', right: ['booked'] },
  { left: ['booked'], op: '>=', right: ['attended'] },
  { left: ['attended'], op: '>=', right: ['followedUp'] },
  { left: ['invited'], op: '>=', right: ['bpPatients'] },
  { left: ['bpPatients'], op: '>=', right: ['followedUp'] },
  { left: ['bpPatients'], op: '=', right: ['reduced', 'unchanged', 'increased'] },
  { left: ['bpPatients'], op: '>=', right: ['atTargetBefore'] },
  { left: ['bpPatients'], op: '>=', right: ['atTargetAfter'] }
]
// Systolic 40–350 and diastolic 20–200 are the import's limits, so a change is within these.
const readerMeans: ReaderTable['means'] = [
  { key: 'systolic', over: 'bpPatients', perPatient: [-310, 310] },
  { key: 'diastolic', over: 'bpPatients', perPatient: [-180, 180] }
]

// The wellbeing and adherence sheets: "section|measure" → the quantity. ONS4 questions by their words.
const ons4Sections = { 'ONS4 life satisfaction': 'life', 'ONS4 worthwhile': 'worth', 'ONS4 happiness': 'happy', 'ONS4 anxiety': 'anx' } as const
const sheetCountByLabel: Record<string, string> = {
  'Wellbeing table|Patients with a baseline and a follow-up score': 'wb',
  'PHQ-9 (depression)|Patients with a baseline and a follow-up': 'phq',
  'PHQ-9 (depression)|Reliable improvement': 'phqUp',
  'PHQ-9 (depression)|No reliable change': 'phqSame',
  'PHQ-9 (depression)|Reliable deterioration': 'phqDown',
  'GAD-7 (anxiety)|Patients with a baseline and a follow-up': 'gad',
  'GAD-7 (anxiety)|Reliable improvement': 'gadUp',
  'GAD-7 (anxiety)|No reliable change': 'gadSame',
  'GAD-7 (anxiety)|Reliable deterioration': 'gadDown',
  ...Object.fromEntries(Object.entries(ons4Sections).map(([section, q]) => [`${section}|Patients with a baseline and a follow-up`, q])),
  'UCLA-3 (loneliness)|Patients with a baseline and a follow-up': 'ucla',
  'UCLA-3 (loneliness)|Lonely (6–9) at baseline': 'lonelyBefore',
  'UCLA-3 (loneliness)|Lonely (6–9) at follow-up': 'lonelyAfter',
  'UCLA-3 (loneliness)|No longer lonely': 'noLonger',
  'Adherence at baseline|Patients whose first visit recorded adherence': 'adh',
  ...Object.fromEntries(adherenceStatuses.map((x) => [`Adherence at baseline|${x.label}`, `adh-${x.id}`])),
  ...Object.fromEntries(nonAdherenceReasons.map((x) => [`Reasons for not taking as prescribed|${x.label}`, `why-${x.id}`]))
}
const sheetMeanByLabel: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(ons4Sections).flatMap(([section, q]) => [
      [`${section}|Mean at baseline`, `${q}Before`],
      [`${section}|Mean at follow-up`, `${q}After`]
    ])
  ),
  'UCLA-3 (loneliness)|Mean at baseline': 'uclaBefore',
  'UCLA-3 (loneliness)|Mean at follow-up': 'uclaAfter'
}
/** Each "Mean change" shown: the two means it must be the difference of. */
const sheetMeanChange: Record<string, [string, string]> = {
  ...Object.fromEntries(Object.entries(ons4Sections).map(([section, q]) => [`${section}|Mean change`, [`${q}Before`, `${q}After`]])),
  'UCLA-3 (loneliness)|Mean change': ['uclaBefore', 'uclaAfter']
}
/** The wellbeing and adherence percentages → [numerator, denominator]. */
const sheetPercentOf = (key: string): [string, string] | null => {
  if (/^(phq|gad)(Up|Same|Down)$/.test(key)) return [key, key.slice(0, 3)]
  if (key === 'lonelyBefore' || key === 'lonelyAfter') return [key, 'ucla']
  if (key === 'noLonger') return [key, 'lonelyBefore']
  if (key.startsWith('adh-') || key.startsWith('why-')) return [key, 'adh']
  return null
}
// The breakdowns' extra columns.
Object.assign(countByLabel, {
  'With a baseline and a follow-up score (the wellbeing table)': 'wb',
  'PHQ-9: with a baseline and a follow-up': 'phq',
  'PHQ-9: reliable improvement': 'phqUp',
  'PHQ-9: no reliable change': 'phqSame',
  'PHQ-9: reliable deterioration': 'phqDown',
  'GAD-7: with a baseline and a follow-up': 'gad',
  'GAD-7: reliable improvement': 'gadUp',
  'GAD-7: no reliable change': 'gadSame',
  'GAD-7: reliable deterioration': 'gadDown',
  'ONS4 life satisfaction: with a baseline and a follow-up': 'life',
  'ONS4 worthwhile: with a baseline and a follow-up': 'worth',
  'ONS4 happiness: with a baseline and a follow-up': 'happy',
  'ONS4 anxiety: with a baseline and a follow-up': 'anx',
  'UCLA-3: with a baseline and a follow-up': 'ucla',
  'UCLA-3: lonely (6–9) at baseline': 'lonelyBefore',
  'UCLA-3: lonely (6–9) at follow-up': 'lonelyAfter',
  'UCLA-3: lonely at baseline, not lonely at follow-up': 'noLonger',
  'Adherence recorded at the first visit': 'adh',
  ...Object.fromEntries(adherenceStatuses.map((x) => [`Adherence: ${x.label}`, `adh-${x.id}`])),
  ...Object.fromEntries(nonAdherenceReasons.map((x) => [`Reason: ${x.label}`, `why-${x.id}`]))
})
const scoreCounts = ['phq', 'gad', 'life', 'worth', 'happy', 'anx', 'ucla']
const notTaking = adherenceStatuses.filter((x) => x.id !== 'taking').map((x) => `adh-${x.id}`)
/**
 * What the wellbeing sheet's notes say: only invited patients who attended have scores; a patient is in
 * the table with a pair of at least one questionnaire; reliable change splits PHQ-9 and GAD-7; UCLA-3's
 * patients are lonely at both, lonely → not, not → lonely or neither, none of them fewer than zero.
 * Adherence: one answer per patient at the first visit (so within attended); reasons only from those
 * not taking as prescribed.
 */
const wellbeingRelations: ReaderTable['relations'] = [
  { left: ['attended'], op: '>=', right: ['wb'] },
  ...scoreCounts.map((k) => ({ left: ['wb'], op: '>=' as const, right: [k] })),
  { left: scoreCounts, op: '>=', right: ['wb'] },
  { left: ['phq'], op: '=', right: ['phqUp', 'phqSame', 'phqDown'] },
  { left: ['gad'], op: '=', right: ['gadUp', 'gadSame', 'gadDown'] },
  { left: ['lonelyBefore'], op: '>=', right: ['noLonger'] },
  { left: ['lonelyAfter', 'noLonger'], op: '>=', right: ['lonelyBefore'] },
  { left: ['ucla'], op: '>=', right: ['lonelyAfter', 'noLonger'] }
]
const adherenceRelations: ReaderTable['relations'] = [
  { left: ['attended'], op: '>=', right: ['adh'] },
  { left: ['adh'], op: '=', right: adherenceStatuses.map((x) => `adh-${x.id}`) },
  ...nonAdherenceReasons.map((x) => ({ left: notTaking, op: '>=' as const, right: [`why-${x.id}`] }))
]
// ONS4 answers are 0–10; a UCLA-3 total is 6–9 when lonely and 3–5 when not.
const wellbeingReaderMeans: ReaderTable['means'] = [
  ...Object.values(ons4Sections).flatMap((q) => [
    { key: `${q}Before`, over: q, perPatient: [0, 10] as const },
    { key: `${q}After`, over: q, perPatient: [0, 10] as const }
  ]),
  { key: 'uclaBefore', over: 'ucla', perPatient: [3, 5], extra: [['lonelyBefore', 3, 4]] },
  { key: 'uclaAfter', over: 'ucla', perPatient: [3, 5], extra: [['lonelyAfter', 3, 4]] }
]
const referralCounts: Record<string, string> = {
  Referred: 'referred',
  Accepted: 'accepted',
  Attended: 'attended',
  Declined: 'declined',
  'Outcome not known': 'unknown',
  'No outcome recorded': 'none'
}

// --- reading the workbook back -------------------------------------------------------------------

interface ReadBack {
  table: ReaderTable
  /** The Referrals sheet, when there is one. */
  referrals: ReaderTable | null
  sheetNames: string[]
  cells: unknown[]
  /** "sheet: row", kind and value of every mean and median shown. */
  averages: [string, string, ReadCell][]
}

function emptyRow(label: string): ReaderRow {
  return { label, counts: {}, means: {} }
}

function addCount(row: ReaderRow, key: string, value: ReadCell) {
  ;(row.counts[key] ??= []).push(value)
}

/** The published percentage must be a function of published figures (so it tells nothing more). */
function checkPercent(shown: ReadCell, part: ReadCell[] | undefined, whole: ReadCell[] | undefined, where: string) {
  const p = part?.[0] ?? null
  const w = whole?.[0] ?? null
  if (w === 0) return expect(shown, where).toBeNull()
  if (typeof p !== 'number' || typeof w !== 'number') return expect(shown, where).toBe('withheld')
  expect(typeof shown, where).toBe('number')
  expect(Math.abs((shown as number) - (100 * p) / w), where).toBeLessThanOrEqual(0.05 + 1e-9)
}

const cellValue = (v: ExcelJS.CellValue): ReadCell => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : String(v))

const wellbeingMeasureSet: Record<string, true> = Object.fromEntries(
  ['wb', 'phqUp', 'phqSame', 'phqDown', 'gadUp', 'gadSame', 'gadDown', 'lonelyBefore', 'lonelyAfter', 'noLonger', ...scoreCounts].map((k) => [k, true])
)

async function readBack(path: string): Promise<ReadBack> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const cells: unknown[] = []
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))))
  const averages: ReadBack['averages'] = []

  const whole = emptyRow('All patients')
  const summary = wb.getWorksheet('Summary') as ExcelJS.Worksheet
  const summaryPercents: [string, ReadCell][] = []
  summary.eachRow((row, n) => {
    if (n === 1) return
    const measure = String(row.getCell(2).value)
    const value = cellValue(row.getCell(3).value)
    const percent = cellValue(row.getCell(4).value)
    const count = countByLabel[measure]
    if (count) {
      addCount(whole, count, value)
      summaryPercents.push([row.getCell(1).value === 'Uptake funnel' ? `${count}/eligible` : `${count}/bpPatients`, percent])
    }
    const mean = meanByLabel[measure]
    if (mean) {
      whole.means[mean] = value
      averages.push([`Summary: ${whole.label}`, mean, value])
    }
    if (medianLabels.includes(measure)) averages.push([`Summary: ${whole.label}`, 'median', value])
  })
  for (const [ratio, shown] of summaryPercents) {
    const [part, of] = ratio.split('/') as [string, string]
    if (part === of || (part === 'bpPatients' && of === 'bpPatients')) continue
    checkPercent(shown, whole.counts[part], whole.counts[of], `Summary ${ratio}`)
  }

  // The Wellbeing and Adherence sheets: more of the whole group's counts and means.
  const shownMeans: Record<string, ReadCell> = {}
  for (const name of ['Wellbeing', 'Adherence']) {
    const sheet = wb.getWorksheet(name)
    if (!sheet) continue
    const percents: [string, ReadCell][] = []
    sheet.eachRow((row, n) => {
      if (n === 1) return
      const label = `${String(row.getCell(1).value)}|${String(row.getCell(2).value)}`
      const value = cellValue(row.getCell(3).value)
      const count = sheetCountByLabel[label]
      if (count) {
        addCount(whole, count, value)
        percents.push([count, cellValue(row.getCell(4).value)])
      }
      const mean = sheetMeanByLabel[label]
      if (mean) {
        whole.means[mean] = value
        shownMeans[mean] = value
        averages.push([`${name}: ${label.split('|')[0]}`, mean, value])
      }
      const change = sheetMeanChange[label]
      if (change) {
        // A mean change is the difference of the two means shown, so it tells nothing more.
        const [before, after] = change.map((k) => shownMeans[k] ?? null) as [ReadCell, ReadCell]
        if (before === null || after === null) expect(value, label).toBeNull()
        else if (typeof before === 'number' && typeof after === 'number') expect(value, label).toBeCloseTo(after - before, 5)
        else expect(value, label).toBe('withheld')
      }
      if (!count && !mean && !change) throw new Error(`the reader does not know the row "${label}"`)
    })
    for (const [count, shown] of percents) {
      const ratio = sheetPercentOf(count)
      if (ratio) checkPercent(shown, whole.counts[ratio[0]], whole.counts[ratio[1]], `${name} ${count}`)
      else expect(shown, `${name} ${count} has no percentage`).toBeNull()
    }
  }

  let referrals: ReaderTable | null = null
  const referralSheet = wb.getWorksheet('Referrals')
  if (referralSheet) {
    const headers = (referralSheet.getRow(1).values as unknown[]).map((h) => String(h ?? ''))
    const rows: ReaderRow[] = []
    referralSheet.eachRow((row, n) => {
      if (n === 1) return
      const r = emptyRow(String(row.getCell(1).value))
      headers.forEach((header, col) => {
        const key = referralCounts[header]
        if (key) addCount(r, key, cellValue(row.getCell(col).value))
      })
      checkPercent(cellValue(row.getCell(headers.indexOf('Attended %')).value), r.counts.attended, r.counts.referred, `Referrals ${r.label} Attended %`)
      rows.push(r)
    })
    const all = rows.pop()
    expect(all?.label).toBe('All services')
    referrals = {
      measures: Object.values(referralCounts),
      means: [],
      relations: [{ left: ['referred'], op: '=', right: ['accepted', 'attended', 'declined', 'unknown', 'none'] }],
      whole: all as ReaderRow,
      dimensions: [{ name: 'By service', rows }]
    }
  }

  const dimensions: { name: string; rows: ReaderRow[] }[] = []
  for (const sheet of wb.worksheets.filter((s) => s.name.startsWith('By '))) {
    const headers = (sheet.getRow(1).values as unknown[]).map((h) => String(h ?? ''))
    const rows: ReaderRow[] = []
    sheet.eachRow((row, n) => {
      if (n === 1) return
      const r = emptyRow(String(row.getCell(1).value))
      headers.forEach((header, col) => {
        const value = cellValue(row.getCell(col).value)
        if (countByLabel[header]) addCount(r, countByLabel[header] as string, value)
        if (meanByLabel[header]) {
          r.means[meanByLabel[header] as string] = value
          averages.push([`${sheet.name}: ${r.label}`, meanByLabel[header] as string, value])
        }
      })
      headers.forEach((header, col) => {
        const ratio = percentOf[header]
        if (ratio) checkPercent(cellValue(row.getCell(col).value), r.counts[ratio[0]], r.counts[ratio[1]], `${sheet.name} ${r.label} ${header}`)
      })
      rows.push(r)
    })
    dimensions.push({ name: sheet.name, rows })
  }
  const hasWellbeing = wb.getWorksheet('Wellbeing') !== undefined
  const hasAdherence = wb.getWorksheet('Adherence') !== undefined
  const measures = [...new Set(Object.values(countByLabel))].filter(
    (m) => (hasWellbeing || !(m in wellbeingMeasureSet)) && (hasAdherence || !(m === 'adh' || m.startsWith('adh-') || m.startsWith('why-')))
  )
  return {
    table: {
      measures,
      means: [...readerMeans, ...(hasWellbeing ? wellbeingReaderMeans : [])],
      relations: [...readerRelations, ...(hasWellbeing ? wellbeingRelations : []), ...(hasAdherence ? adherenceRelations : [])],
      whole,
      dimensions
    },
    referrals,
    sheetNames: wb.worksheets.map((s) => s.name),
    cells,
    averages
  }
}

// --- programmes ----------------------------------------------------------------------------------

interface Person {
  ethnicity: string
  ageBand: string
  sex: string
  imdQuintile: string
  invited: boolean
  attempts: number
  booked: boolean
  attended: boolean
  /** [baseline systolic, baseline diastolic, follow-up systolic, follow-up diastolic, at target before, after] */
  pair: [number, number, number, number, boolean, boolean] | null
  /** Questionnaire → [baseline, follow-up] (only of invited patients who attended). */
  scores?: Partial<Record<VisitMeasureId, [number, number]>>
  /** Adherence at the first visit (only of invited patients who attended). */
  adherence?: { status: AdherenceStatus; reasons: NonAdherenceReason[] } | null
}

const core20Of = (p: Person) =>
  p.imdQuintile === 'Unknown' ? 'Unknown' : p.imdQuintile.startsWith('1') ? 'Core20 (IMD deciles 1–2)' : 'Not Core20 (IMD deciles 3–10)'

/** "sheet: group" of each breakdown a person is in, as the pseudonymised workbook labels them. */
const groupsOf = (p: Person) => [
  `By ethnic group: ${p.ethnicity.endsWith('(not mapped to a category)') ? 'Not mapped to a category' : p.ethnicity}`,
  `By age band: ${p.ageBand}`,
  `By sex: ${p.sex}`,
  `By IMD quintile: ${p.imdQuintile}`,
  `By Core20: ${core20Of(p)}`
]

function auditPatient(p: Person, i: number): AuditPatient {
  const pair = p.pair
    ? {
        baseline: { systolic: p.pair[0], diastolic: p.pair[1] },
        followUp: { systolic: p.pair[2], diastolic: p.pair[3] },
        atTarget: { baseline: p.pair[4], followUp: p.pair[5] }
      }
    : null
  const patient = {
    patientId: i + 1,
    nhsNumber: String(9434765800 + i),
    name: `Zebedee${i} Quartermaine`,
    dateOfBirth: '1951-04-17',
    age: 75,
    ageBand: p.ageBand,
    sex: p.sex,
    ethnicity: p.ethnicity,
    imdQuintile: p.imdQuintile,
    core20: core20Of(p),
    firstInvitedOn: p.invited ? '2026-09-03' : null,
    invitations: p.invited ? p.attempts : 0,
    highestAttempt: p.invited ? p.attempts : 0,
    firstAttendedOn: p.attended ? '2026-09-17' : null,
    invited: p.invited,
    booked: p.booked || p.attended,
    attended: p.attended,
    pair,
    baseline: p.pair
      ? { systolic: p.pair[0], diastolic: p.pair[1], date: '2026-09-17', setting: 'clinic' as const, source: 'first-clinic-visit' as const }
      : null,
    followUp: p.pair ? { systolic: p.pair[2], diastolic: p.pair[3], date: '2026-10-29', setting: 'clinic' as const } : null,
    systolicChange: p.pair ? p.pair[2] - p.pair[0] : null,
    diastolicChange: p.pair ? p.pair[3] - p.pair[1] : null,
    outcome: p.pair ? (p.pair[2] < p.pair[0] ? 'reduced' : p.pair[2] > p.pair[0] ? 'increased' : 'unchanged') : null,
    wellbeing: Object.fromEntries(Object.entries(p.scores ?? {}).map(([m, [baseline, followUp]]) => [m, { baseline, followUp }])),
    adherenceAtBaseline: p.adherence ?? null
  }
  return patient as unknown as AuditPatient
}

const ethnicGroups = [
  'White – British',
  'Black or Black British – African',
  'Black or Black British – Caribbean',
  'Asian or Asian British – Pakistani',
  'Mixed – White and Black Caribbean',
  'Other – Arab',
  'Not recorded',
  // Free text from the record: must not leave the practice.
  'Quartermaine household (not mapped to a category)'
]
// Skewed so most groups are small: the first label is the likeliest, the last the rarest (1 in n²).
const skewed = (labels: readonly string[]) =>
  fc.nat({ max: labels.length * labels.length - 1 }).map((n) => labels[labels.length - 1 - Math.floor(Math.sqrt(n))] as string)

const person: fc.Arbitrary<Person> = fc
  .record({
    ethnicity: skewed(ethnicGroups),
    ageBand: skewed(['60–79', '40–59', '80+', '18–39', 'Unknown']),
    sex: skewed(['Female', 'Male', 'Unknown', 'Indeterminate']),
    imdQuintile: skewed(['1 (most deprived, Core20)', '2', '3', '4', '5 (least deprived)', 'Unknown']),
    invited: fc.boolean(),
    attempts: fc.integer({ min: 1, max: 3 }),
    booked: fc.boolean(),
    attended: fc.boolean(),
    pair: fc.option(
      fc.tuple(
        fc.integer({ min: 120, max: 200 }),
        fc.integer({ min: 60, max: 110 }),
        fc.integer({ min: 110, max: 200 }),
        fc.integer({ min: 55, max: 110 }),
        fc.boolean(),
        fc.boolean()
      ),
      { freq: 2 }
    )
  })
  .map((p) => ({ ...p, booked: p.booked || p.attended }))

/** A referral of the programme: its service and outcome (null = none yet). */
type Referral = [service: string, outcome: 'accepted' | 'attended' | 'declined' | 'unknown' | null]

interface Extras {
  /** Write the Wellbeing and Adherence sheets (the people carry their scores and adherence). */
  sections?: boolean
  referrals?: readonly Referral[]
}

const serviceIds = new Map<string, number>()
const pairOf = (min: number, max: number) => fc.option(fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })), { freq: 2 })
const scores: fc.Arbitrary<Person['scores']> = fc
  .record({
    phq9: pairOf(0, 27),
    gad7: pairOf(0, 21),
    'ons4-life-satisfaction': pairOf(0, 10),
    'ons4-worthwhile': pairOf(0, 10),
    'ons4-happiness': pairOf(0, 10),
    'ons4-anxiety': pairOf(0, 10),
    ucla3: pairOf(3, 9)
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, pair]) => pair !== null)) as Person['scores'])
const adherence: fc.Arbitrary<Person['adherence']> = fc.option(
  fc
    .record({
      status: fc.constantFrom(...adherenceStatuses.map((x) => x.id)),
      reasons: fc.subarray(nonAdherenceReasons.map((x) => x.id))
    })
    .map((a) => (a.status === 'taking' ? { ...a, reasons: [] } : a)),
  { freq: 3 }
)
/** A person of a programme with questionnaires and adherence: only an invited patient who attended has them. */
const wellbeingPerson: fc.Arbitrary<Person> = fc
  .tuple(person, scores, adherence)
  .map(([p, s, a]) => (p.invited && p.attended ? { ...p, scores: s, adherence: a } : p))
const services = ['NHS Talking Therapies', 'Social prescribing', 'Walking group', 'Money advice']
const referral: fc.Arbitrary<Referral> = fc.tuple(skewed(services), fc.constantFrom('accepted', 'attended', 'declined', 'unknown', null))

function dataset(people: readonly Person[], extras: Extras = {}): AuditDataset {
  return {
    asOf: '2026-11-30',
    patients: people.map(auditPatient),
    ...(extras.sections ? { sections: { wellbeing: true, adherence: true } } : {}),
    ...(extras.referrals
      ? {
          referrals: extras.referrals.map(([service, outcome]) => {
            if (!serviceIds.has(service)) serviceIds.set(service, serviceIds.size + 1)
            return { serviceId: serviceIds.get(service) as number, service, outcome }
          })
        }
      : {})
  }
}

let written = 0
async function publish(people: readonly Person[], extras: Extras = {}): Promise<ReadBack> {
  const path = join(folder, `audit-${written++}.xlsx`)
  await writeAuditWorkbook(path, dataset(people, extras), {
    pseudonymised: true,
    practiceName: 'Attack Practice',
    generatedAt: new Date('2026-12-01T14:37:00Z'),
    generatedBy: 'Tester'
  })
  return readBack(path)
}

const wellbeingSectionOf: Partial<Record<VisitMeasureId, string>> = {
  'ons4-life-satisfaction': 'ONS4 life satisfaction',
  'ons4-worthwhile': 'ONS4 worthwhile',
  'ons4-happiness': 'ONS4 happiness',
  'ons4-anxiety': 'ONS4 anxiety',
  ucla3: 'UCLA-3 (loneliness)'
}

/** Everything the rule promises of one pseudonymised workbook, and the attack's failure. */
async function expectProtected(people: readonly Person[], extras: Extras = {}) {
  const read = await publish(people, extras)
  expect(read.sheetNames).not.toContain('Patients')
  const text = read.cells.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('\n')
  expect(text).not.toMatch(/94347658\d\d|Zebedee|Quartermaine|1951-04-17|17\/04\/1951/)
  // No date of care and no time of day: the only date cell is the audit's own date.
  expect(read.cells.filter((v) => v instanceof Date).map((d) => (d as Date).toISOString())).toEqual(['2026-11-30T00:00:00.000Z'])
  expect(text).not.toMatch(/2026-09-03|2026-09-17|2026-10-29|14:37/)
  // Every count shown is 0, a multiple of 5, "<5" or withheld.
  for (const row of [read.table.whole, ...read.table.dimensions.flatMap((d) => d.rows)]) {
    for (const values of Object.values(row.counts))
      for (const v of values) expect(v === '<5' || v === 'withheld' || (typeof v === 'number' && v % 5 === 0)).toBe(true)
  }
  // Means and medians only for 10 or more patients in the BP table (invited, with both readings).
  const bpPatients = new Map<string, number>([['Summary: All patients', people.filter((p) => p.invited && p.pair).length]])
  for (const p of people) {
    // The wellbeing means are of the patients with both scores of that questionnaire.
    for (const m of Object.keys(p.scores ?? {}) as VisitMeasureId[]) {
      const section = wellbeingSectionOf[m]
      if (section && p.invited) bpPatients.set(`Wellbeing: ${section}`, (bpPatients.get(`Wellbeing: ${section}`) ?? 0) + 1)
    }
    if (!p.invited || !p.pair) continue
    for (const g of groupsOf(p)) bpPatients.set(g, (bpPatients.get(g) ?? 0) + 1)
  }
  for (const [label, kind, value] of read.averages) {
    if (!label.startsWith('Summary') && !label.startsWith('Wellbeing'))
      expect(bpPatients.has(label) || value === null || value === 'withheld', `${label} is a group of the programme`).toBe(true)
    if (typeof value === 'number') expect(bpPatients.get(label) ?? 0, `${kind} of ${label}`).toBeGreaterThanOrEqual(10)
  }
  expect(read.sheetNames.includes('Wellbeing')).toBe(!!extras.sections)
  const attack = await attackTable(read.table)
  expect(attack.feasible).toBe(true)
  expect(attack.derived).toEqual([])
  let attacked = attack.attacked
  if (read.referrals) {
    const onReferrals = await attackTable(read.referrals)
    expect(onReferrals.feasible).toBe(true)
    expect(onReferrals.derived).toEqual([])
    attacked += onReferrals.attacked
  }
  return { read, attack: { ...attack, attacked } }
}

// --- the attack ----------------------------------------------------------------------------------

const invitedPair = (sys: number, followUp: number): Person => ({
  ethnicity: 'White – British',
  ageBand: '60–79',
  sex: 'Female',
  imdQuintile: '3',
  invited: true,
  attempts: 1,
  booked: true,
  attended: true,
  pair: [sys, 90, followUp, 88, false, false]
})

describe('the derivation attack on the pseudonymised workbook', () => {
  it('is what plain rounding would lose to: 7 in the BP table (shown 5), 5 reduced (shown 5), 1 unchanged and 1 increased', async () => {
    const people = [...Array.from({ length: 5 }, () => invitedPair(160, 140)), invitedPair(150, 150), invitedPair(150, 158)]
    const { read } = await expectProtected(people)
    const shown = [
      ...(read.table.whole.counts.bpPatients ?? []),
      ...(read.table.whole.counts.reduced ?? []),
      read.table.whole.counts.unchanged?.[0],
      read.table.whole.counts.increased?.[0]
    ]
    // Something around the two small counts is withheld: without it they would be 1 and 1.
    expect(shown).toContain('withheld')
  })

  it.each([
    ['three patients, every count small', Array.from({ length: 3 }, () => invitedPair(160, 150))],
    ['one patient', [invitedPair(160, 150)]],
    [
      'one person unique in every breakdown beside a large group',
      [
        ...Array.from({ length: 14 }, () => invitedPair(160, 140)),
        { ...invitedPair(170, 150), ethnicity: 'Other – Arab', ageBand: '18–39', sex: 'Indeterminate', imdQuintile: '1 (most deprived, Core20)' }
      ]
    ],
    [
      'groups of exactly 5, 6, 7 and 8',
      [5, 6, 7, 8].flatMap((size, g) => Array.from({ length: size }, () => ({ ...invitedPair(160, 150 - g), ethnicity: ethnicGroups[g] as string })))
    ],
    [
      'one invited among many not invited',
      [...Array.from({ length: 23 }, () => ({ ...invitedPair(160, 150), invited: false, booked: false, attended: false, pair: null })), invitedPair(160, 150)]
    ],
    [
      'followed up in clinic vs in the BP table differ by one',
      [...Array.from({ length: 11 }, () => invitedPair(160, 150)), { ...invitedPair(160, 150), booked: false, attended: false }]
    ]
  ])('fails on a hand-made grid: %s', async (_name, people) => {
    await expectProtected(people)
  })

  it.each([
    [
      // 9 not lonely and 1 lonely at baseline: with the mean of 3.3 beside them, a reader who knows a
      // lonely total is 6–9 and any other 3–5 could pin the one lonely patient.
      'a UCLA-3 mean beside a single lonely patient',
      [...Array.from({ length: 9 }, () => ({ ...invitedPair(160, 150), scores: { ucla3: [3, 3] } })), { ...invitedPair(160, 150), scores: { ucla3: [6, 3] } }],
      {}
    ],
    [
      'PHQ-9: 7 with both, 5 improved, 1 unchanged and 1 worse',
      [
        ...Array.from({ length: 5 }, () => ({ ...invitedPair(160, 150), scores: { phq9: [20, 10] } })),
        { ...invitedPair(160, 150), scores: { phq9: [10, 10] } },
        { ...invitedPair(160, 150), scores: { phq9: [10, 20] } }
      ],
      {}
    ],
    [
      'one patient not taking their medicines, with one reason, among many taking them',
      [
        ...Array.from({ length: 14 }, () => ({ ...invitedPair(160, 150), adherence: { status: 'taking', reasons: [] } })),
        { ...invitedPair(160, 150), adherence: { status: 'stopped', reasons: ['side-effects'] } }
      ],
      {}
    ],
    [
      'one referral to a service beside many to another',
      [invitedPair(160, 150)],
      { referrals: [...Array.from({ length: 12 }, (): Referral => ['NHS Talking Therapies', 'attended']), ['Walking group', 'declined']] }
    ]
  ] as [string, Person[], Extras][])('fails on the wellbeing, adherence and referral sheets: %s', async (_name, people, extras) => {
    const { read } = await expectProtected(people, { sections: true, ...extras })
    expect(read.sheetNames).toEqual(expect.arrayContaining(['Wellbeing', 'Adherence', 'Referrals']))
  })

  it('fails on every random programme with questionnaires, adherence and referrals', async () => {
    let attacked = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(wellbeingPerson, { minLength: 1, maxLength: 50, size: 'max' }),
        fc.array(referral, { maxLength: 40 }),
        async (people, referrals) => {
          const { attack } = await expectProtected(people, { sections: true, referrals })
          attacked += attack.attacked
        }
      ),
      { numRuns: 6, seed: 20261202, endOnFailure: true }
    )
    // Not a vacuous pass: hundreds of hidden counts were attacked.
    expect(attacked).toBeGreaterThan(500)
  }, 300_000)

  it('fails on every random programme, many of its groups small', async () => {
    let attacked = 0
    let secondary = 0
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 120, size: 'max' }), async (people) => {
        const { read, attack } = await expectProtected(people)
        attacked += attack.attacked
        const rows = [read.table.whole, ...read.table.dimensions.flatMap((d) => d.rows)]
        secondary += rows.flatMap((r) => Object.values(r.counts).flat()).filter((c) => c === 'withheld').length
      }),
      { numRuns: 25, seed: 20261201, endOnFailure: true }
    )
    // Not a vacuous pass: hundreds of hidden counts were attacked, and secondary suppression withheld counts.
    expect(attacked).toBeGreaterThan(500)
    expect(secondary).toBeGreaterThan(0)
  }, 240_000)
})
