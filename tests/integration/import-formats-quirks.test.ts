// Every known quirk of real EMIS and SystmOne exports has its own fixture (tests/fixtures/imports/quirks,
// reconstructions) imported into a real SQLite file, with exact counts: patients, readings, coded
// events, and every rejected row with its row, column and reason.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { importFiles, previewImport } from '../../src/main/import/import-service'
import { createTestContext, type TestContext } from '../support/test-context'

const quirk = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/quirks', name))) })

let ctx: TestContext
afterEach(() => ctx?.cleanup())

interface Expected {
  patients: number
  readings: number
  events?: number
  emptyRowsSkipped?: number
  rejects: [row: number, column: string, reason: RegExp][]
}

function importQuirk(name: string, expected: Expected) {
  ctx = createTestContext()
  const preview = previewImport(ctx, [quirk(name)], 'auto')
  const result = importFiles(ctx, [quirk(name)], 'auto')
  expect(result.alreadyImported).toBe(false)
  expect({ patients: result.patientsAdded, readings: result.readingsAdded, events: result.eventsAdded }).toEqual({
    patients: expected.patients,
    readings: expected.readings,
    events: expected.events ?? 0
  })
  expect(result.rejected.map((r) => [r.row, r.column, r.reason])).toEqual(
    expected.rejects.map(([row, column, reason]) => [row, column, expect.stringMatching(reason)])
  )
  expect(result.rejected.every((r) => r.file === name)).toBe(true)
  expect(preview.files[0]!.emptyRowsSkipped).toBe(expected.emptyRowsSkipped ?? 0)
  // What is stored is what was counted.
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM patients').get()).toEqual({ n: expected.patients })
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings').get()).toEqual({ n: expected.readings })
  return { preview, result }
}

const patient = (nhsNumber: string) => ctx.db.prepare('SELECT * FROM patients WHERE nhs_number = ?').get(nhsNumber) as Record<string, unknown>
const readingsOf = (nhsNumber: string) =>
  ctx.db
    .prepare('SELECT taken_on, systolic, diastolic, setting FROM bp_readings r JOIN patients p ON p.id = r.patient_id WHERE p.nhs_number = ? ORDER BY taken_on')
    .all(nhsNumber)

describe('EMIS layout quirks', () => {
  test('report-header block: the column row is found by content and the block is kept as metadata', () => {
    const { preview } = importQuirk('report-header-block.csv', { patients: 2, readings: 2, rejects: [] })
    expect(preview.files[0]).toMatchObject({ headerRowNumber: 10, format: 'emis' })
    expect(preview.files[0]!.reportHeader).toEqual(expect.arrayContaining(['Report Name: Hypertension BP list', 'Run Date: 12-Nov-2026']))
    expect(preview.files[0]!.detection).toMatch(/EMIS Web list report: a report-header block \(8 lines\) above the column row/)
    const stored = ctx.db.prepare('SELECT report_header_json FROM import_files').get() as { report_header_json: string }
    expect(JSON.parse(stored.report_header_json)).toContain('Run Date: 12-Nov-2026')
  })

  test('trailing comma: the empty last column is ignored', () => {
    const { preview } = importQuirk('trailing-comma.csv', { patients: 2, readings: 2, rejects: [] })
    expect(preview.files[0]!.columns.at(-1)).toMatchObject({ caption: '', role: 'ignored' })
    expect(preview.files[0]!.mapping.captions).toEqual(['NHS Number', 'Family Name', 'Systolic BP', 'Diastolic BP', 'BP Date'])
    expect(readingsOf('9990000018')).toEqual([{ taken_on: '2026-10-01', systolic: 150, diastolic: 90, setting: 'clinic' }])
  })

  test('a last line made only of commas is not a row', () => {
    const { preview } = importQuirk('all-comma-last-line.csv', { patients: 2, readings: 2, rejects: [] })
    expect(preview.rowsRead).toBe(2)
  })

  test('duplicate captions from repeated column groups are mapped by position; a reject names "Date (2nd)"', () => {
    const { preview, result } = importQuirk('duplicate-captions.csv', {
      patients: 3,
      readings: 2,
      rejects: [[3, 'Date (2nd)', /31-Sep-2026.*no day 31/]]
    })
    expect(preview.files[0]!.columns.map((c) => [c.caption, c.role, c.note ?? ''])).toEqual([
      ['NHS Number', 'nhsNumber', ''],
      ['Family Name', 'patient.familyName', ''],
      ['Date (1st)', 'event.date', 'column group 1'],
      ['Code Term (1st)', 'event.term', 'column group 1'],
      ['Value (1st)', 'event.value', 'column group 1'],
      ['Date (2nd)', 'event.date', 'column group 2'],
      ['Code Term (2nd)', 'event.term', 'column group 2'],
      ['Value (2nd)', 'event.value', 'column group 2']
    ])
    expect(readingsOf('9990000018')).toEqual([{ taken_on: '2026-10-01', systolic: 150, diastolic: 90, setting: 'clinic' }])
    // BAKER's systolic lost its diastolic (whose date was rejected): a warning, not half a reading.
    expect(result.warnings.join('\n')).toMatch(/row 3: systolic 140 on 2 Oct 2026 \(clinic\) has no diastolic/)
  })

  test('continuation rows (patient columns blank) belong to the patient above', () => {
    importQuirk('continuation-rows.csv', { patients: 2, readings: 3, events: 1, rejects: [] })
    expect(readingsOf('9990000018')).toEqual([
      { taken_on: '2026-08-15', systolic: 145, diastolic: 92, setting: 'clinic' },
      { taken_on: '2026-10-01', systolic: 150, diastolic: 90, setting: 'clinic' }
    ])
    expect(readingsOf('9990000026')).toEqual([{ taken_on: '2026-10-02', systolic: 140, diastolic: 85, setting: 'clinic' }])
    expect(ctx.db.prepare('SELECT event_date, concept FROM coded_events').all()).toEqual([{ event_date: '2020-01-12', concept: 'HYP' }])
  })

  test('completely empty (confidential) rows are skipped and counted; a row after one is not credited to the patient above', () => {
    const { result } = importQuirk('confidential-empty-rows.csv', {
      patients: 3,
      readings: 3,
      emptyRowsSkipped: 2,
      rejects: [[6, 'NHS Number', /row above is empty/]]
    })
    expect(result.warnings.join('\n')).toMatch(/2 empty row\(s\) skipped/)
    expect(readingsOf('9990000026')).toHaveLength(1)
  })

  test('NHS numbers printed with spaces or dashes are stripped, then checked by Modulus 11', () => {
    importQuirk('spaced-nhs-numbers.csv', { patients: 3, readings: 3, rejects: [[5, 'NHS Number', /"999 000 0019" fails the Modulus 11 check/]] })
    const stored = ctx.db.prepare('SELECT nhs_number FROM patients ORDER BY nhs_number').pluck().all() as string[]
    expect(stored).toEqual(['9990000018', '9990000026', '9990000034'])
  })

  test('dates: 05-Mar-2024, 05/03/2024, 5/3/2024, ISO and a time; 00/01/1900 and 01/01/1900 mean "no date"', () => {
    importQuirk('date-shapes-and-1900-sentinels.csv', {
      patients: 6,
      readings: 5,
      rejects: [
        [6, 'Date', /has no date/],
        [7, 'Date of Birth', /31\/02\/1970.*no day 31/]
      ]
    })
    const dobs = ctx.db.prepare('SELECT nhs_number, date_of_birth FROM patients ORDER BY nhs_number').all()
    expect(dobs).toEqual([
      { nhs_number: '9990000018', date_of_birth: '1958-03-05' },
      { nhs_number: '9990000026', date_of_birth: '1960-03-05' },
      { nhs_number: '9990000034', date_of_birth: '1962-03-05' },
      { nhs_number: '9990000042', date_of_birth: null },
      { nhs_number: '9990000050', date_of_birth: null },
      { nhs_number: '9990000069', date_of_birth: null }
    ])
    expect(readingsOf('9990000018')).toMatchObject([{ taken_on: '2024-03-05' }])
    expect(readingsOf('9990000026')).toMatchObject([{ taken_on: '2024-03-05' }])
    expect(readingsOf('9990000034')).toMatchObject([{ taken_on: '2024-03-05' }])
    expect(readingsOf('9990000042')).toMatchObject([{ taken_on: '2026-05-06' }])
  })

  test('Usual GP "SMITH, Jane (Dr)" is kept as text', () => {
    importQuirk('usual-gp-full-name.csv', { patients: 1, readings: 0, rejects: [] })
    expect(patient('9990000018').usual_gp).toBe('SMITH, Jane (Dr)')
  })
})

describe('blood pressure as one cell or two columns', () => {
  test('one cell: 145/92 and "138/84 mmHg" with BP Type; a lone number and systolic below diastolic are rejected', () => {
    importQuirk('bp-one-cell.csv', {
      patients: 4,
      readings: 2,
      rejects: [
        [4, 'Blood Pressure', /"145" is not a blood pressure/],
        [5, 'Blood Pressure', /90\/95: systolic must be higher/]
      ]
    })
    expect(readingsOf('9990000018')).toEqual([{ taken_on: '2026-10-01', systolic: 145, diastolic: 92, setting: 'clinic' }])
    expect(readingsOf('9990000026')).toEqual([{ taken_on: '2026-10-02', systolic: 138, diastolic: 84, setting: 'home' }])
  })

  test('two columns with their own dates pair into one reading; an implausible systolic is rejected; a lone systolic is a warning', () => {
    const { result } = importQuirk('bp-two-columns.csv', {
      patients: 4,
      readings: 2,
      rejects: [[4, 'Systolic BP', /systolic 420 mmHg is outside the plausible range 40–350/]]
    })
    expect(readingsOf('9990000026')).toEqual([{ taken_on: '2026-10-02', systolic: 140, diastolic: 85, setting: 'clinic' }])
    expect(result.warnings.join('\n')).toMatch(/row 5: systolic 135 on 4 Oct 2026 \(clinic\) has no diastolic/)
  })
})

describe('encodings and line endings', () => {
  const encodings: [string, RegExp][] = [
    ['utf8-with-bom.csv', /CSV, UTF-8 with a byte-order mark/],
    ['utf8-without-bom.csv', /CSV, UTF-8, cells separated by commas;/],
    ['utf16le-with-bom.csv', /CSV, UTF-16 \(little-endian\) with a byte-order mark/],
    ['utf16be-without-bom.csv', /CSV, UTF-16 \(big-endian\), cells separated by commas;/],
    ['windows-1252.csv', /CSV, Windows-1252/]
  ]
  test.each(encodings)('%s: names with Ü/ë/é/ö/â and £ in text arrive intact', (name, described) => {
    const { preview } = importQuirk(name, { patients: 2, readings: 2, rejects: [] })
    expect(preview.files[0]!.detection).toMatch(described)
    expect(patient('9990000018')).toMatchObject({ family_name: 'MÜLLER', given_name: 'Zoë', postcode: 'SW1A 1AA' })
    expect(JSON.parse(String(patient('9990000018').address_lines_json))).toEqual(['Flat 1 Café Röyal', '12 Église Road'])
    expect(patient('9990000026')).toMatchObject({ family_name: "O'BRIEN", given_name: 'Siân' })
    expect(JSON.parse(String(patient('9990000026').address_lines_json))).toEqual(['Above the £1 shop', '3 Bõrough Street'])
  })

  test('CRLF line endings leave no carriage return in the last column or in quoted cells', () => {
    importQuirk('crlf.csv', { patients: 2, readings: 2, rejects: [] })
    expect(patient('9990000026').family_name).toBe('BAKER')
    expect(readingsOf('9990000026')).toEqual([{ taken_on: '2026-10-02', systolic: 140, diastolic: 85, setting: 'clinic' }])
  })

  test('a quoted newline stays inside its cell and row numbers still match the spreadsheet', () => {
    importQuirk('quoted-newlines.csv', { patients: 3, readings: 2, rejects: [[4, 'Blood Pressure', /"abc" is not a blood pressure/]] })
    // A line break inside an address cell is a line of the address, stored as its own line.
    expect(JSON.parse(String(patient('9990000018').address_lines_json))).toEqual(['Flat 2', '1 High Street'])
    expect(JSON.parse(String(patient('9990000034').address_lines_json))).toEqual(['4 "The" Close'])
  })
})

describe('LSOA → IMD decile', () => {
  const imd = () => ctx.db.prepare('SELECT nhs_number, lsoa, imd_decile, imd_version FROM patients ORDER BY nhs_number').all()

  test('"LSOA 2011" codes take the IMD 2019 decile; a Welsh code and a blank have none (with a warning)', () => {
    const { result } = importQuirk('lsoa-2011-imd.csv', { patients: 4, readings: 0, rejects: [] })
    expect(imd()).toEqual([
      { nhs_number: '9990000018', lsoa: 'E01000001', imd_decile: 9, imd_version: 'IMD2019' },
      { nhs_number: '9990000026', lsoa: 'E01000010', imd_decile: 3, imd_version: 'IMD2019' },
      { nhs_number: '9990000034', lsoa: 'W01000001', imd_decile: null, imd_version: null },
      { nhs_number: '9990000042', lsoa: null, imd_decile: null, imd_version: null }
    ])
    expect(result.warnings.join('\n')).toMatch(/1 LSOA code\(s\) are not English LSOA 2011\/2021 codes.*"W01000001"/)
  })

  test('"LSOA 2021" codes take the IMD 2025 decile; a 2011-only code under a 2021 caption has none', () => {
    importQuirk('lsoa-2021-imd.csv', { patients: 3, readings: 0, rejects: [] })
    expect(imd()).toEqual([
      { nhs_number: '9990000018', lsoa: 'E01000001', imd_decile: 8, imd_version: 'IMD2025' },
      { nhs_number: '9990000026', lsoa: 'E01033769', imd_decile: 4, imd_version: 'IMD2025' },
      { nhs_number: '9990000034', lsoa: 'E01000010', imd_decile: null, imd_version: null }
    ])
  })

  test('a plain "LSOA" caption: a code in both geographies reads as 2011 (what EMIS outputs), a 2021-only code as 2021', () => {
    importQuirk('lsoa-plain-caption-imd.csv', { patients: 2, readings: 0, rejects: [] })
    expect(imd()).toEqual([
      { nhs_number: '9990000018', lsoa: 'E01000001', imd_decile: 9, imd_version: 'IMD2019' },
      { nhs_number: '9990000026', lsoa: 'E01033769', imd_decile: 4, imd_version: 'IMD2025' }
    ])
  })

  test('re-importing the same deciles records no demographic change', () => {
    ctx = createTestContext()
    importFiles(ctx, [quirk('lsoa-2011-imd.csv')], 'auto')
    const later = new TextEncoder().encode('NHS Number,LSOA 2011\n9990000018,E01000001\n')
    const second = importFiles(ctx, [{ name: 'again.csv', bytes: later }], 'auto')
    expect(second.patientsUpdated).toBe(0)
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM patient_history WHERE field IN ('imd_decile', 'imd_version', 'lsoa')").get()).toEqual({ n: 0 })
  })
})

describe('cell separators other than commas', () => {
  test('semicolons (Excel with European regional settings): detected, said in the preview, quoted commas and semicolons kept', () => {
    const { preview } = importQuirk('semicolon-separated.csv', {
      patients: 3,
      readings: 2,
      rejects: [[4, 'Systolic BP', /systolic 420 mmHg is outside the plausible range 40–350/]]
    })
    expect(preview.files[0]!.detection).toMatch(/CSV, UTF-8 with a byte-order mark, cells separated by semicolons \(;\)/)
    expect(patient('9990000018')).toMatchObject({ family_name: 'MÜLLER', given_name: 'Zoë', date_of_birth: '1958-03-05' })
    expect(readingsOf('9990000026')).toEqual([{ taken_on: '2026-10-02', systolic: 140, diastolic: 85, setting: 'clinic' }])
  })

  test('tabs (Excel "Text (Tab delimited)"): detected and said in the preview; a comma inside a cell stays in it', () => {
    const { preview } = importQuirk('tab-separated.txt', { patients: 2, readings: 2, rejects: [] })
    expect(preview.files[0]!.detection).toMatch(/cells separated by tabs/)
    expect(patient('9990000018')).toMatchObject({ given_name: 'Ann, Mary' })
  })

  test('an EMIS file with semicolons and tabs inside quoted terms, and commas in its report header, stays comma-separated', () => {
    ctx = createTestContext()
    const text = [
      'Report Name:,"BP list; hypertension, diabetes",',
      'Report Description:,"Registers; QOF HYP, DM\tcodes",',
      '',
      'NHS Number,Surname,Forenames,Date of Birth,Gender,Date,Code Term,Value',
      '9990000018,SMITH,Jane,05/03/1958,F,01/10/2026,"O/E - blood pressure reading; sitting, left arm",145/92',
      '9990000026,"JONES; NÉE BROWN","Ann\tMary",12/11/1949,F,02/10/2026,"Blood pressure; home, average",138/84'
    ].join('\r\n')
    const preview = previewImport(ctx, [{ name: 'emis.csv', bytes: new TextEncoder().encode(text) }], 'auto')
    expect(preview.files[0]!.detection).toMatch(/cells separated by commas/)
    expect(preview.files[0]!.headerRowNumber).toBe(4)
    expect(preview.patientsInFile).toBe(2)
    expect(preview.rejected).toEqual([])
  })
})
