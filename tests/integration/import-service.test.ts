import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { commitImport, importFiles, listImports, previewImport } from '../../src/main/import/import-service'
import { ImportPreview, ImportResult, ImportSummary } from '../../src/shared/contract'
import { AppError } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports', name))) })
const emis = () => fixture('emis-events-hypertension.csv')

const tables = ['patients', 'patient_history', 'bp_readings', 'coded_events', 'imports', 'import_files', 'import_rejects', 'activity_log']
function counts(ctx: TestContext): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t, (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]))
}

let ctx: TestContext
afterEach(() => ctx?.cleanup())

describe('import of an EMIS events-layout export', () => {
  test('preview shows what will happen and writes nothing', () => {
    ctx = createTestContext()
    const before = counts(ctx)
    const preview = ImportPreview.parse(previewImport(ctx, [emis()], 'auto'))
    expect(preview).toMatchObject({
      format: 'emis',
      rowsRead: 14,
      patientsInFile: 3,
      patientsNew: 3,
      patientsExisting: 0,
      readingsInFile: 3,
      eventsInFile: 5, // incl. the Body mass index row (BMIVAL_COD, read by the obesity register)
      alreadyImported: false
    })
    expect(preview.files[0]).toMatchObject({ headerRowNumber: 10, layout: 'events', emptyRowsSkipped: 1 })
    expect(preview.samplePatients[0]).toMatchObject({ nhsNumber: '9991000003', name: 'Jane SMITH', isNew: true, readings: 2, events: 1 })
    expect(counts(ctx)).toEqual(before)
  })

  test('commit stores patients, readings, events, rejects and file metadata with the import id', () => {
    ctx = createTestContext()
    const preview = previewImport(ctx, [emis()], 'auto')
    const result = ImportResult.parse(commitImport(ctx, preview.previewId))
    expect(result).toMatchObject({
      format: 'emis',
      rowsRead: 14,
      patientsAdded: 3,
      patientsUpdated: 0,
      readingsAdded: 3,
      eventsAdded: 5,
      alreadyImported: false
    })
    expect(result.rejected.map((r) => [r.row, r.column])).toEqual([
      [18, 'Value'],
      [21, 'NHS Number'],
      [22, 'NHS Number']
    ])
    const importId = result.importId
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings WHERE import_id = ? AND source = ?').get(importId, 'import')).toEqual({ n: 3 })
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM coded_events WHERE import_id = ?').get(importId)).toEqual({ n: 5 })
    expect(ctx.db.prepare('SELECT row_number, column_name, reason FROM import_rejects WHERE import_id = ? ORDER BY row_number').all(importId)).toEqual([
      { row_number: 18, column_name: 'Value', reason: expect.stringMatching(/420/) },
      { row_number: 21, column_name: 'NHS Number', reason: expect.stringMatching(/Modulus 11/) },
      { row_number: 22, column_name: 'NHS Number', reason: expect.stringMatching(/row 21/) }
    ])
    const file = ctx.db.prepare('SELECT * FROM import_files WHERE import_id = ?').get(importId) as Record<string, unknown>
    expect(file).toMatchObject({ file_name: 'emis-events-hypertension.csv', layout: 'events', header_row: 10 })
    expect(JSON.parse(String(file.report_header_json))).toContain('Run Date: 12-Nov-2026')
    expect(JSON.parse(String(file.columns_json))).toContainEqual({ index: 12, caption: 'Code', role: 'event.code' })
    const smith = ctx.db.prepare('SELECT * FROM patients WHERE nhs_number = ?').get('9991000003') as Record<string, unknown>
    expect(smith).toMatchObject({
      family_name: 'SMITH',
      given_name: 'Jane',
      date_of_birth: '1958-03-05',
      sex: 'F',
      ethnicity_text: 'Black African',
      ethnicity_category: 'N',
      postcode: 'SW1A 1AA',
      first_import_id: importId,
      last_import_id: importId
    })
    const log = ctx.db.prepare("SELECT user_name, summary FROM activity_log WHERE action = 'imports.commit'").all()
    expect(log).toEqual([{ user_name: 'Test Pharmacist', summary: expect.stringMatching(/3 new/) }])
  })

  test('re-importing the same file changes nothing and returns the earlier import', () => {
    ctx = createTestContext()
    const first = importFiles(ctx, [emis()], 'auto')
    const after = counts(ctx)
    const preview = previewImport(ctx, [emis()], 'auto')
    expect(preview.alreadyImported).toBe(true)
    const again = commitImport(ctx, preview.previewId)
    expect(again).toMatchObject({ importId: first.importId, alreadyImported: true, patientsAdded: 0, readingsAdded: 0, eventsAdded: 0 })
    expect(importFiles(ctx, [{ ...emis(), name: 'renamed.csv' }], 'auto')).toMatchObject({ importId: first.importId, alreadyImported: true })
    expect(counts(ctx)).toEqual(after)
  })

  test('a second export updates demographics, keeps the old values in history and adds only new readings', () => {
    ctx = createTestContext()
    const first = importFiles(ctx, [emis()], 'auto')
    const second = importFiles(ctx, [fixture('emis-events-hypertension-next-month.csv')], 'auto')
    expect(second).toMatchObject({ alreadyImported: false, patientsAdded: 0, patientsUpdated: 1, readingsAdded: 1, eventsAdded: 0 })
    const smith = ctx.db.prepare('SELECT id, postcode, mobile, first_import_id, last_import_id FROM patients WHERE nhs_number = ?').get('9991000003') as Record<
      string,
      unknown
    >
    expect(smith).toMatchObject({ postcode: 'E1 6AN', mobile: '07700 900099', first_import_id: first.importId, last_import_id: second.importId })
    const history = ctx.db.prepare('SELECT field, old_value, new_value, import_id FROM patient_history WHERE patient_id = ? ORDER BY field').all(smith.id)
    expect(history).toEqual([
      { field: 'mobile', old_value: '07700 900001', new_value: '07700 900099', import_id: second.importId },
      { field: 'postcode', old_value: 'SW1A 1AA', new_value: 'E1 6AN', import_id: second.importId }
    ])
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings WHERE patient_id = ?').get(smith.id)).toEqual({ n: 3 })
  })

  test('a column missing from a later export leaves the stored value alone', () => {
    ctx = createTestContext()
    importFiles(ctx, [emis()], 'auto')
    const later = new TextEncoder().encode('NHS Number,Family Name\n999 100 0003,SMITH-JONES\n')
    importFiles(ctx, [{ name: 'names-only.csv', bytes: later }], 'auto')
    expect(ctx.db.prepare('SELECT family_name, mobile, date_of_birth FROM patients WHERE nhs_number = ?').get('9991000003')).toEqual({
      family_name: 'SMITH-JONES',
      mobile: '07700 900001',
      date_of_birth: '1958-03-05'
    })
  })

  test('several files are one import; readings in both are stored once', () => {
    ctx = createTestContext()
    const result = importFiles(ctx, [emis(), fixture('wide-bp-columns.csv'), fixture('systmone-breakdown-utf16.csv')], 'auto')
    expect(result).toMatchObject({ patientsAdded: 8, readingsAdded: 6 })
    expect(listImports(ctx)).toHaveLength(1)
  })

  test('import history lists each import with its files and counts', () => {
    ctx = createTestContext()
    importFiles(ctx, [emis()], 'auto')
    importFiles(ctx, [fixture('wide-bp-columns.csv')], 'auto')
    const list = listImports(ctx).map((s) => ImportSummary.parse(s))
    expect(list.map((s) => [s.fileNames, s.format, s.patientsAdded, s.rejectedCount])).toEqual([
      [['wide-bp-columns.csv'], 'generic', 4, 1],
      [['emis-events-hypertension.csv'], 'emis', 3, 3]
    ])
    expect(list[1]!.importedBy).toBe('Test Pharmacist')
    expect(list[1]!.warnings.length).toBeGreaterThan(0)
  })
})

describe('failures leave the database unchanged', () => {
  test('an HTML file saved as .csv is refused with bad_file and nothing is written', () => {
    ctx = createTestContext()
    const before = counts(ctx)
    let error: unknown
    try {
      previewImport(ctx, [emis(), fixture('emis-report-saved-as-html.csv')], 'auto')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('bad_file')
    expect((error as AppError).message).toMatch(/emis-report-saved-as-html\.csv.*HTML.*CSV/)
    expect(() => importFiles(ctx, [fixture('emis-report-saved-as-html.csv')], 'auto')).toThrow(AppError)
    expect(counts(ctx)).toEqual(before)
  })

  test('an error thrown mid-commit rolls the whole import back', () => {
    ctx = createTestContext()
    // Fail on the first coded event: patients and readings are written before it in the transaction.
    ctx.db.exec("CREATE TRIGGER fail_events BEFORE INSERT ON coded_events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    const before = counts(ctx)
    const preview = previewImport(ctx, [emis()], 'auto')
    expect(() => commitImport(ctx, preview.previewId)).toThrow(/disk on fire/)
    expect(counts(ctx)).toEqual(before)
    ctx.db.exec('DROP TRIGGER fail_events')
    // The preview survives a failed commit, so the user can try again.
    expect(commitImport(ctx, preview.previewId)).toMatchObject({ patientsAdded: 3, eventsAdded: 5 })
  })

  test('an unknown or already committed preview id is not_found', () => {
    ctx = createTestContext()
    expect(() => commitImport(ctx, 'no-such-preview')).toThrow(expect.objectContaining({ code: 'not_found' }))
    const preview = previewImport(ctx, [emis()], 'auto')
    commitImport(ctx, preview.previewId)
    expect(() => commitImport(ctx, preview.previewId)).toThrow(expect.objectContaining({ code: 'not_found' }))
  })
})
