// Files that are not an export: each is named, said what it is, and told how to export the right
// thing from EMIS Web or SystmOne; nothing is written to the database.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { importFiles, inspectImportFiles, previewImport } from '../../src/main/import/import-service'
import { readWorkbooks } from '../../src/main/import/read/xlsx-rows'
import { AppError } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'

const notExport = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/not-exports', name))) })
const emis = () => ({ name: 'emis.csv', bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/emis-events-hypertension.csv'))) })

let ctx: TestContext
afterEach(() => ctx?.cleanup())

const howToExport = /EMIS Web: Reporting > Population Reporting > .*Export as CSV.*SystmOne: .*Breakdown > .*Export/

const cases: [file: string, says: RegExp][] = [
  ['report-saved-as-web-page.csv', /"report-saved-as-web-page.csv" is a web page \(HTML\) saved with a \.csv name, not a CSV export/],
  ['printed-report.pdf', /"printed-report.pdf" is a PDF \(a printed report\), not a CSV export/],
  ['empty.csv', /"empty.csv" is empty \(0 bytes\)/],
  ['names-only-no-nhs-number.csv', /"names-only-no-nhs-number.csv" has no NHS number column/],
  ['letter.docx', /"letter.docx" is a Word document \(\.docx\), not a CSV or Excel export/],
  ['exports.zip', /"exports.zip" is a ZIP archive, not a CSV or Excel export: unzip it/],
  ['old-excel-97.xls', /"old-excel-97.xls" is an old-style Excel 97–2003 workbook \(\.xls\) or a password-protected workbook/]
]

describe('files that are not exports', () => {
  test.each(cases)('%s: says what it is and how to export the right thing; nothing is written', async (file, says) => {
    ctx = createTestContext()
    const tables = (ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((t) => !t.startsWith('sqlite_'))
    const counts = () => tables.map((t) => (ctx.db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n)
    const before = counts()
    // The way the app reads files: workbooks first, then preview; alongside a good export too.
    const files = await readWorkbooks([emis(), notExport(file)])
    const attempts: (() => unknown)[] = [() => previewImport(ctx, files, 'auto'), () => importFiles(ctx, files, 'auto')]
    // A file with no NHS number column can still be opened on the mapping screen (next test).
    if (!file.startsWith('names-only')) attempts.push(() => inspectImportFiles(ctx, files))
    for (const attempt of attempts) {
      let error: unknown
      try {
        attempt()
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('bad_file')
      expect((error as AppError).message).toMatch(says)
      expect((error as AppError).message).toMatch(howToExport)
      expect((error as AppError).details).toMatchObject({ file })
    }
    expect(counts()).toEqual(before)
  })

  test('a file with no NHS number column is shown on the mapping screen instead of failing there', () => {
    ctx = createTestContext()
    const [columns] = inspectImportFiles(ctx, [notExport('names-only-no-nhs-number.csv')])
    expect(columns).toMatchObject({ needsMapping: true, captions: ['Family Name', 'Calling Name', 'Date of Birth'] })
  })
})
