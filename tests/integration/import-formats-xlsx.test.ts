// The same reports saved as Excel workbooks (.xlsx): detected by content, the first sheet with data
// read, date cells giving the same dates as the CSV text, NHS numbers stored as numbers intact.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { importFiles, previewImport } from '../../src/main/import/import-service'
import { readWorkbooks } from '../../src/main/import/read/xlsx-rows'
import { AppError } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'

const xlsxFixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/xlsx', name))) })

let ctx: TestContext
afterEach(() => ctx?.cleanup())

function stored() {
  return {
    patients: ctx.db.prepare('SELECT nhs_number, family_name, given_name, date_of_birth, sex FROM patients ORDER BY nhs_number').all(),
    readings: ctx.db
      .prepare(
        'SELECT p.nhs_number, taken_on, systolic, diastolic, setting FROM bp_readings r JOIN patients p ON p.id = r.patient_id ORDER BY p.nhs_number, taken_on'
      )
      .all(),
    events: ctx.db.prepare('SELECT p.nhs_number, event_date, concept, code FROM coded_events e JOIN patients p ON p.id = e.patient_id ORDER BY 1, 2').all()
  }
}

describe('EMIS list report saved as .xlsx', () => {
  test('imports exactly what the same report as CSV imports', async () => {
    ctx = createTestContext()
    const fromCsv = importFiles(ctx, [xlsxFixture('emis-events.csv')], 'auto')
    const csvStored = stored()
    ctx.cleanup()

    ctx = createTestContext()
    const files = await readWorkbooks([xlsxFixture('emis-events.xlsx')])
    const preview = previewImport(ctx, files, 'auto')
    expect(preview.files[0]).toMatchObject({ fileType: 'xlsx', format: 'emis', headerRowNumber: 4, emptyRowsSkipped: 1, layout: 'events' })
    expect(preview.files[0]!.detection).toMatch(/Read from Excel workbook \(\.xlsx\), sheet "Hypertension BP list"/)
    expect(preview.files[0]!.reportHeader).toEqual(['Report Name: Hypertension BP list', 'Run Date: 12-Nov-2026'])
    const fromXlsx = importFiles(ctx, files, 'auto')

    const counts = (r: typeof fromCsv) => [r.rowsRead, r.patientsAdded, r.readingsAdded, r.eventsAdded, r.rejected.length]
    expect(counts(fromXlsx)).toEqual(counts(fromCsv))
    expect(counts(fromXlsx)).toEqual([5, 2, 3, 1, 0])
    expect(stored()).toEqual(csvStored)
    expect(stored().patients[0]).toEqual({ nhs_number: '9990000018', family_name: 'ADAMS', given_name: 'Alice', date_of_birth: '1958-03-05', sex: 'F' })
    expect(stored().events).toEqual([{ nhs_number: '9990000026', event_date: '2020-01-12', concept: 'HYP', code: '59621000' }])
  })

  test('is recognised by its content, whatever its name says', async () => {
    ctx = createTestContext()
    const renamed = { ...xlsxFixture('emis-events.xlsx'), name: 'export.csv' }
    const result = importFiles(ctx, await readWorkbooks([renamed]), 'auto')
    expect(result).toMatchObject({ patientsAdded: 2, readingsAdded: 3 })
  })
})

describe('SystmOne Breakdown saved as .xlsx', () => {
  test('NHS number as a formatted number, date cells, a date with a time, accents', async () => {
    ctx = createTestContext()
    const files = await readWorkbooks([xlsxFixture('systmone-breakdown.xlsx')])
    const preview = previewImport(ctx, files, 'auto')
    expect(preview.files[0]).toMatchObject({ fileType: 'xlsx', format: 'systmone' })
    const result = importFiles(ctx, files, 'auto')
    expect(result).toMatchObject({ patientsAdded: 2, readingsAdded: 2, rejected: [] })
    expect(stored().patients).toEqual([
      { nhs_number: '9990000034', family_name: 'MÜLLER', given_name: 'Zoë', date_of_birth: '1952-08-07', sex: 'F' },
      { nhs_number: '9990000042', family_name: 'EVANS', given_name: 'Rhys', date_of_birth: '1965-03-02', sex: 'M' }
    ])
    expect(stored().readings).toEqual([
      { nhs_number: '9990000034', taken_on: '2026-09-03', systolic: 148, diastolic: 91, setting: 'clinic' },
      { nhs_number: '9990000042', taken_on: '2026-09-04', systolic: 132, diastolic: 84, setting: 'clinic' }
    ])
  })
})

describe('cells only a workbook has', () => {
  test('date serials 0 and 1 (00/01/1900, 01/01/1900) are "no date"; formulas, rich text, float noise and booleans read as shown', async () => {
    ctx = createTestContext()
    const [file] = await readWorkbooks([xlsxFixture('excel-cells-and-1900-sentinels.xlsx')])
    expect(file!.table!.rows).toEqual([
      ['NHS Number', 'Family Name', 'Date of Birth', 'Systolic BP', 'Diastolic BP', 'BP Date', 'Interpreter Required'],
      ['9990000050', 'EVANS', '00/01/1900', '150', '90', '2026-10-01', 'FALSE'],
      ['9990000069', 'FRASER', '1900-01-01', '140', '85', '2026-10-02', 'TRUE']
    ])
    const result = importFiles(ctx, [file!], 'auto')
    expect(result).toMatchObject({ patientsAdded: 2, readingsAdded: 2, rejected: [] })
    expect(ctx.db.prepare('SELECT family_name, date_of_birth, interpreter_required FROM patients ORDER BY nhs_number').all()).toEqual([
      { family_name: 'EVANS', date_of_birth: null, interpreter_required: 0 },
      { family_name: 'FRASER', date_of_birth: null, interpreter_required: 1 }
    ])
  })

  test('the first sheet with data is read when the first sheet is empty', async () => {
    ctx = createTestContext()
    const files = await readWorkbooks([xlsxFixture('first-sheet-empty.xlsx')])
    expect(files[0]!.table).toMatchObject({ sheetName: 'Export', sheetCount: 2 })
    expect(previewImport(ctx, files, 'auto').files[0]!.detection).toMatch(/sheet "Export" \(the first with data of 2 sheets\)/)
    expect(importFiles(ctx, files, 'auto')).toMatchObject({ patientsAdded: 1, readingsAdded: 1 })
  })

  test('a workbook with no NHS number column needs the column mapping, like a CSV', async () => {
    ctx = createTestContext()
    const files = await readWorkbooks([xlsxFixture('practice-own-layout.xlsx')])
    expect(() => previewImport(ctx, files, 'auto')).toThrow(
      expect.objectContaining({ code: 'bad_file', details: expect.objectContaining({ needsMapping: true }) })
    )
  })

  test('a damaged workbook (cut short) is refused with a clear message and nothing is written', async () => {
    ctx = createTestContext()
    const whole = xlsxFixture('emis-events.xlsx')
    const cut = { name: 'cut.xlsx', bytes: whole.bytes.subarray(0, Math.floor(whole.bytes.length / 2)) }
    const error = await readWorkbooks([cut]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(
      /"cut.xlsx" looks like an Excel workbook \(\.xlsx\) but cannot be opened.*EMIS Web: Reporting > Population Reporting/
    )
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 0 })
  })

  test('a workbook that reaches the importer unread says so rather than being read as text', () => {
    ctx = createTestContext()
    expect(() => importFiles(ctx, [xlsxFixture('emis-events.xlsx')], 'auto')).toThrow(/Excel workbook \(\.xlsx\) that was not opened as one/)
  })
})

describe('clinic-recall import FILE.xlsx', () => {
  test('the CLI reads a workbook and prints the documented import --json keys', async () => {
    ctx = createTestContext()
    const { runCliCaptured } = await import('../support/run-cli')
    const { code, stdout, stderr } = await runCliCaptured([
      '--db',
      join(ctx.folder, 'cli.sqlite'),
      'import',
      join(__dirname, '../fixtures/imports/xlsx/systmone-breakdown.xlsx'),
      '--json'
    ])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(JSON.parse(stdout)).toMatchObject({ format: 'systmone', rowsRead: 2, patientsAdded: 2, readingsAdded: 2, rejected: [], alreadyImported: false })
  })
})
