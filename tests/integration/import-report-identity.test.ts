// "The same report run again" is what lets a patient's absence mean something: only then are they
// marked "not in latest export". On a real database: two exports with the same columns but different
// search titles are two reports (neither is the other's previous run); the same title run again is.
// "Last Run" in the header is the export's run date, as "Run Date" is.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { importFiles, listImports, previewImport } from '../../src/main/import/import-service'
import { csvLines, fileOf, validNhsNumber } from '../support/export-text'
import { createTestContext, type TestContext } from '../support/test-context'

const header = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Systolic BP', 'Diastolic BP', 'BP Date']
const [a, b, c] = [validNhsNumber(11), validNhsNumber(12), validNhsNumber(13)] as [string, string, string]

/** An EMIS-style export of `search` listing these patients, with its run date under `runCaption`. */
function exportOf(search: string, runCaption: string, runDate: string, patients: readonly string[]) {
  return csvLines([
    ['Report Name:', 'BP recall list'],
    ['Search Name:', search],
    [`${runCaption}:`, runDate],
    [],
    header,
    ...patients.map((p) => [p, 'SMITH', 'Jane', '01/01/1950', 'F', '150', '92', '01/10/2026'])
  ])
}

const marked = (ctx: TestContext) =>
  ctx.db.prepare('SELECT nhs_number FROM patients WHERE not_in_export_since_import_id IS NOT NULL ORDER BY nhs_number').pluck().all()

let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

describe('which earlier import is the previous run of this report', () => {
  test('a different search with the same columns is not the previous run: nobody is marked missing', () => {
    importFiles(ctx, [fileOf('register.csv', exportOf('Hypertension register', 'Run Date', '01-Nov-2026', [a, b, c]))], 'auto')
    const other = exportOf('Housebound patients', 'Run Date', '05-Nov-2026', [a])
    expect(previewImport(ctx, [fileOf('housebound.csv', other)], 'auto').patientsNotInExport).toBe(0)
    const result = importFiles(ctx, [fileOf('housebound.csv', other)], 'auto')
    expect(result.patientsNotInExport).toBe(0)
    expect(marked(ctx)).toEqual([])

    // The register run again is compared with its own previous run, not with the housebound search.
    const again = importFiles(ctx, [fileOf('register-dec.csv', exportOf('Hypertension register', 'Run Date', '01-Dec-2026', [a, b]))], 'auto')
    expect(again.patientsNotInExport).toBe(1)
    expect(marked(ctx)).toEqual([c])
  })

  test('the same search title run again is the same report whatever the file is called', () => {
    importFiles(ctx, [fileOf('one.csv', exportOf('Hypertension register', 'Run Date', '01-Nov-2026', [a, b, c]))], 'auto')
    // Titles are compared as written, ignoring case and extra spaces.
    const rerun = exportOf('HYPERTENSION  register', 'Run Date', '01-Dec-2026', [a, c])
    expect(previewImport(ctx, [fileOf('renamed.csv', rerun)], 'auto').patientsNotInExport).toBe(1)
    importFiles(ctx, [fileOf('renamed.csv', rerun)], 'auto')
    expect(marked(ctx)).toEqual([b])
  })
})

describe('the run date', () => {
  test('reads "Last Run" in the header as the run date, as it reads "Run Date"', () => {
    importFiles(ctx, [fileOf('last-run.csv', exportOf('Hypertension register', 'Last Run', '14-Mar-2025', [a]))], 'auto')
    importFiles(ctx, [fileOf('run-date.csv', exportOf('Another search', 'Run Date', '12/11/2026', [b]))], 'auto')
    const byFile = Object.fromEntries(listImports(ctx).map((i) => [i.fileNames.join(','), i.exportedOn]))
    expect(byFile).toEqual({ 'last-run.csv': '2025-03-14', 'run-date.csv': '2026-11-12' })
  })
})
