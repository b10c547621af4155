// SystmOne Breakdown exports stop at 30,000 rows, so a large practice's list arrives as several
// files: they are imported together as ONE import, and each file's problems carry its own name.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { importFiles, listImports, previewImport } from '../../src/main/import/import-service'
import { nhsCheckDigit } from '../../src/shared/domain/nhs-number'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
afterEach(() => ctx?.cleanup())

/** Valid test-range NHS numbers (999…), skipping nine-digit stems with no possible check digit. */
function* nhsNumbers(): Generator<string> {
  for (let stem = 999_100_000; ; stem++) {
    const check = nhsCheckDigit(String(stem))
    if (check !== null) yield `${stem}${check}`
  }
}

const caption = 'Patient ID,NHS number,Surname,First name,Date of birth,Age in years,Sex,Blood pressure,Date'

/** One Breakdown file: `rows` patients, and an implausible BP on the data row numbered `badRow`. */
function breakdownFile(name: string, ids: Generator<string>, rows: number, badRow: number): { name: string; bytes: Uint8Array; first: string } {
  const lines = [caption]
  let first = ''
  for (let i = 0; i < rows; i++) {
    const nhs = ids.next().value as string
    if (i === 0) first = nhs
    const spreadsheetRow = i + 2
    const bp = spreadsheetRow === badRow ? '400/90' : `${120 + (i % 50)}/${70 + (i % 20)}`
    lines.push(
      `${100000 + i},${nhs},SURNAME${i},Given,${1 + (i % 28)}/${1 + (i % 12)}/19${40 + (i % 50)},${30 + (i % 50)},${i % 2 ? 'Male' : 'Female'},${bp},03/10/2026`
    )
  }
  return { name, bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n'), first }
}

describe('several SystmOne Breakdown files as one import', () => {
  test('three files (30,000 + 30,000 + 2,500 rows) are one import; rejects name their own file and row', () => {
    ctx = createTestContext()
    const ids = nhsNumbers()
    const files = [
      breakdownFile('breakdown-part-1.csv', ids, 30_000, 101),
      breakdownFile('breakdown-part-2.csv', ids, 30_000, 29_999),
      breakdownFile('breakdown-part-3.csv', ids, 2_500, 7)
    ]
    const preview = previewImport(ctx, files, 'auto')
    expect(preview.format).toBe('systmone')
    expect(preview.files.map((f) => [f.name, f.rowsRead, f.format])).toEqual([
      ['breakdown-part-1.csv', 30_000, 'systmone'],
      ['breakdown-part-2.csv', 30_000, 'systmone'],
      ['breakdown-part-3.csv', 2_500, 'systmone']
    ])
    expect(
      preview.files.every((f) => /SystmOne Breakdown report: SystmOne Breakdown column captions \("Patient ID", "NHS number", "Age in years"/.test(f.detection))
    ).toBe(true)

    const result = importFiles(ctx, files, 'auto')
    expect(result).toMatchObject({ format: 'systmone', rowsRead: 62_500, patientsAdded: 62_500, readingsAdded: 62_497, alreadyImported: false })
    expect(result.rejected.map((r) => [r.file, r.row, r.column])).toEqual([
      ['breakdown-part-1.csv', 101, 'Blood pressure'],
      ['breakdown-part-2.csv', 29_999, 'Blood pressure'],
      ['breakdown-part-3.csv', 7, 'Blood pressure']
    ])
    expect(result.rejected.every((r) => /systolic 400 mmHg is outside/.test(r.reason))).toBe(true)

    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 1 })
    expect(ctx.db.prepare('SELECT file_name FROM import_files ORDER BY id').pluck().all()).toEqual(files.map((f) => f.name))
    expect(ctx.db.prepare('SELECT file_name, row_number FROM import_rejects ORDER BY id').all()).toEqual([
      { file_name: 'breakdown-part-1.csv', row_number: 101 },
      { file_name: 'breakdown-part-2.csv', row_number: 29_999 },
      { file_name: 'breakdown-part-3.csv', row_number: 7 }
    ])
    expect(listImports(ctx)[0]).toMatchObject({ fileNames: files.map((f) => f.name), rejectedCount: 3 })

    // The same files again, in another order, are the same import: nothing changes.
    const again = importFiles(ctx, [files[2]!, files[0]!, files[1]!], 'auto')
    expect(again).toMatchObject({ alreadyImported: true, importId: result.importId })
  }, 60_000)

  test('the SystmOne fixtures in two encodings import together, each file named in its own problems', () => {
    ctx = createTestContext()
    const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports', name))) })
    const bad = { name: 'part-2.csv', bytes: new TextEncoder().encode('Patient ID,NHS number,Surname\r\n1,999 100 0004,BROWN\r\n') }
    const result = importFiles(ctx, [fixture('systmone-breakdown-windows-1252.csv'), bad], 'auto')
    expect(result.rejected).toEqual([
      expect.objectContaining({ file: 'part-2.csv', row: 2, column: 'NHS number', reason: expect.stringMatching(/Modulus 11/) })
    ])
    expect(result.patientsAdded).toBe(1)
  })
})
