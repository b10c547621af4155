// Blood pressure halves staged as the rows are read are paired in the staging file (SQL numbers
// each half within its group; whole pairs become readings in one statement, and only the halves
// to word come back to pairGroup). That must pair exactly as the in-memory assembly does: halves
// of one patient, date, setting and kind pair in file order, more of one side than the other
// leaves the extra unpaired, a rejected half silences its pair, two halves implausible together
// are one reject naming both rows, and a patient met again further down the file carries on the
// same groups. Also more halves than one multi-row insert holds, so batching keeps file order.
import { afterEach, expect, test } from 'vitest'
import { describeParsedImport, parseAndStageImportFiles, parseImportFiles, type ImportFileBytes } from '../../src/main/import/import-service'
import { stagingPathFor } from '../../src/main/import/stage/import-staging'
import { createTestContext, type TestContext } from '../support/test-context'

const header = [
  'Hypertension register',
  'Search,Clinic Recall test \\ Hypertension register',
  'Last Run,01-Nov-2026 09:15,Relative Date,01-Nov-2026',
  'EMIS Number,NHS Number,Title,Family Name,Calling Name,Date of Birth,Gender,Date,Code,Code Term,Value,Unit'
]
const patientRow = (emis: string, nhs: string, family: string) => `${emis},${nhs},Ms,${family},Amina,21-Jan-1951,Female`
const systolic = (date: string, value: number | string) => `,,,,,,,${date},271649006,Systolic blood pressure,${value},mmHg`
const diastolic = (date: string, value: number | string) => `,,,,,,,${date},271650006,Diastolic blood pressure,${value},mmHg`

const tricky = [
  ...header,
  patientRow('1', '999 240 4868', 'Okafor'),
  // Three systolic and two diastolic on one day: the first two of each pair, the third waits.
  systolic('12-Sep-2026', 150),
  diastolic('12-Sep-2026', 90),
  systolic('12-Sep-2026', 140),
  systolic('12-Sep-2026', 130),
  diastolic('12-Sep-2026', 85),
  // Diastolic first still pairs.
  diastolic('10-Aug-2026', 95),
  systolic('10-Aug-2026', 160),
  // A rejected half: its pair is not a reading and not unpaired either.
  systolic('01-Jul-2026', 400),
  diastolic('01-Jul-2026', 80),
  // Implausible together: one reject naming both rows.
  systolic('02-Jun-2026', 100),
  diastolic('02-Jun-2026', 120),
  patientRow('2', '999 240 5694', 'Henry'),
  diastolic('03-May-2026', 70),
  systolic('04-May-2026', 135),
  diastolic('04-May-2026', 88),
  // The first patient again: this diastolic pairs with the third systolic of 12 September.
  patientRow('1', '999 240 4868', 'Okafor'),
  diastolic('12-Sep-2026', 82),
  diastolic('12-Sep-2026', 81),
  ''
].join('\n')

// 150 days of readings for one patient, then their halves again: well over a hundred rows a table.
const many = [
  ...header,
  patientRow('3', '999 240 6348', 'Abdullahi'),
  ...Array.from({ length: 150 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10).split('-').reverse().join('/')
    return [systolic(date, 120 + (i % 50)), diastolic(date, 70 + (i % 20))]
  }).flat(),
  ...Array.from({ length: 120 }, (_, i) =>
    diastolic(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10).split('-').reverse().join('/'), 60 + (i % 9))
  ),
  ''
].join('\n')

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

function expectSamePairing(files: ImportFileBytes[]) {
  ctx = createTestContext()
  const inMemory = parseImportFiles(ctx, files, 'auto')
  const memoryPreview = describeParsedImport(ctx, 'p', inMemory).preview
  const staged = parseAndStageImportFiles(ctx, files, 'auto', stagingPathFor(ctx.databasePath))
  try {
    expect([...staged.facts.readings()]).toEqual(inMemory.readings)
    expect(staged.parsed.rejects).toEqual(inMemory.rejects)
    expect(staged.parsed.warnings).toEqual(inMemory.warnings)
    expect(describeParsedImport(ctx, 'p', staged.parsed, staged.facts).preview).toEqual(memoryPreview)
  } finally {
    staged.drop()
  }
  return inMemory
}

const file = (name: string, csv: string): ImportFileBytes => ({ name, bytes: new TextEncoder().encode(csv) })

test('halves staged as read pair as the in-memory assembly pairs them, in file order, across a patient met twice', () => {
  const parsed = expectSamePairing([file('tricky.csv', tricky)])
  const readings = parsed.readings.map((r) => `${r.nhsNumber} ${r.date} ${r.systolic}/${r.diastolic}`)
  expect(readings).toEqual([
    '9992404868 2026-09-12 150/90',
    '9992404868 2026-09-12 140/85',
    '9992404868 2026-09-12 130/82',
    '9992404868 2026-08-10 160/95',
    '9992405694 2026-05-04 135/88'
  ])
  expect(parsed.rejects.some((r) => r.reason.includes('100/120') && r.reason.includes('diastolic from row'))).toBe(true)
  expect(parsed.warnings.join('\n')).toMatch(/2 blood pressure value\(s\) had no matching/)
  // The sample's counts (the staged preview was compared with this one above): each patient's own.
  const sample = describeParsedImport(ctx!, 'p', parsed).preview.samplePatients
  expect(sample.map((p) => [p.nhsNumber, p.readings, p.events])).toEqual([
    ['9992404868', 4, 0],
    ['9992405694', 1, 0]
  ])
})

test('more halves than one multi-row insert holds, read in two files, pair the same staged as in memory', () => {
  const parsed = expectSamePairing([file('many.csv', many), file('tricky.csv', tricky)])
  expect(parsed.readings.length).toBeGreaterThan(150)
})
