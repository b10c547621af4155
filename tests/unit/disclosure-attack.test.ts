// The derivation attack on the pseudonymised audit workbook. Programmes (random, with many small
// groups, and hand-made adversarial ones) are written to a real .xlsx by the real writer, read back
// with exceljs — every sheet, every total, every percentage, every mean — and handed to an attacker
// written apart from the protector, on another solver (tests/support/disclosure-attacker.ts). For
// every count shown as "<5" or withheld it tries to work out the value; it must fail for all of them.
// The same workbooks must hold no patient-level sheet, no NHS number, name, date of birth or date of care.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { AuditDataset, AuditPatient } from '../../src/main/audit/audit-service'
import { writeAuditWorkbook } from '../../src/main/documents/audit-workbook'
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

// --- reading the workbook back -------------------------------------------------------------------

interface ReadBack {
  table: ReaderTable
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
  return {
    table: { measures: [...new Set(Object.values(countByLabel))], means: readerMeans, relations: readerRelations, whole, dimensions },
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
    outcome: p.pair ? (p.pair[2] < p.pair[0] ? 'reduced' : p.pair[2] > p.pair[0] ? 'increased' : 'unchanged') : null
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

function dataset(people: readonly Person[]): AuditDataset {
  return { asOf: '2026-11-30', patients: people.map(auditPatient) }
}

let written = 0
async function publish(people: readonly Person[]): Promise<ReadBack> {
  const path = join(folder, `audit-${written++}.xlsx`)
  await writeAuditWorkbook(path, dataset(people), {
    pseudonymised: true,
    practiceName: 'Attack Practice',
    generatedAt: new Date('2026-12-01T14:37:00Z'),
    generatedBy: 'Tester'
  })
  return readBack(path)
}

/** Everything the rule promises of one pseudonymised workbook, and the attack's failure. */
async function expectProtected(people: readonly Person[]) {
  const read = await publish(people)
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
    if (!p.invited || !p.pair) continue
    for (const g of groupsOf(p)) bpPatients.set(g, (bpPatients.get(g) ?? 0) + 1)
  }
  for (const [label, kind, value] of read.averages) {
    if (!label.startsWith('Summary')) expect(bpPatients.has(label) || value === null || value === 'withheld', `${label} is a group of the programme`).toBe(true)
    if (typeof value === 'number') expect(bpPatients.get(label) ?? 0, `${kind} of ${label}`).toBeGreaterThanOrEqual(10)
  }
  const attack = await attackTable(read.table)
  expect(attack.feasible).toBe(true)
  expect(attack.derived).toEqual([])
  return { read, attack }
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
