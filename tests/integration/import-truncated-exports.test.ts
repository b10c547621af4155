// Exports that are not the whole report: a file cut short while saving or copying (its EMIS report
// header says "Population Count,3000" but fewer patients are in it, or its last row stops part-way),
// and exports with two NHS number columns. A cut-short file must never mark the patients after the
// cut "not in latest export"; two NHS number columns that disagree must never be guessed between.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { importFiles, listImports, previewImport } from '../../src/main/import/import-service'
import { populationCountOf } from '../../src/main/import/map/report-identity'
import { AppError } from '../../src/shared/result'
import { databaseFileHash } from '../support/database-file-hash'
import { csvLines, fileOf, validNhsNumber } from '../support/export-text'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx?.cleanup())

const columns = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', '']
const patientRow = (i: number) => [validNhsNumber(i), `FAMILY${i}`, 'Jane', '05/03/1958', 'F', '']
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k)

/** An EMIS list report as exported: report-header block, a trailing comma on every row. */
function emisReport(patients: readonly number[], population: string | null, runDate = '12-Nov-2026'): string {
  const header = [
    ['Report Name:', 'BP recall list', ''],
    ['Run Date:', runDate, ''],
    ...(population === null ? [] : [['Population Count:', population, '']]),
    ['', '', '']
  ]
  return csvLines([...header, columns, ...patients.map(patientRow)])
}

const notInExport = () =>
  ctx.db.prepare('SELECT nhs_number FROM patients WHERE not_in_export_since_import_id IS NOT NULL ORDER BY nhs_number').pluck().all() as string[]

describe('a population count that disagrees with the patients read', () => {
  test('a file cut short (1,465 of 3,000) is a clear warning and marks nobody "not in latest export"', () => {
    importFiles(ctx, [fileOf('bp-recall-november.csv', emisReport(range(1, 3000), '3000'))], 'auto')
    const truncated = fileOf('bp-recall-december.csv', emisReport(range(1, 1465), '3000', '12-Dec-2026'))

    const preview = previewImport(ctx, [truncated], 'auto')
    expect(preview.warnings).toContain(
      'bp-recall-december.csv says it holds 3,000 patients but 1,465 were read: the file may have been cut short while saving or copying; export it again before importing'
    )
    expect(preview.patientsNotInExport).toBe(0)
    const notMarked =
      /^Patients missing from this import are not marked "not in latest export", because the export may be incomplete: "bp-recall-december\.csv" says it holds 3,000 patients but 1,465 were read\./
    expect(preview.warnings.some((w) => notMarked.test(w))).toBe(true)

    const result = importFiles(ctx, [truncated], 'auto')
    expect(result.patientsNotInExport).toBe(0)
    expect(result.warnings.some((w) => notMarked.test(w))).toBe(true)
    expect(notInExport()).toEqual([])
  })

  test('a complete re-run of the same report marks the patients missing from it', () => {
    importFiles(ctx, [fileOf('november.csv', emisReport(range(1, 3000), '3000'))], 'auto')
    const rerun = fileOf('december.csv', emisReport(range(1, 2990), '2990', '12-Dec-2026'))
    expect(previewImport(ctx, [rerun], 'auto').patientsNotInExport).toBe(10)
    const result = importFiles(ctx, [rerun], 'auto')
    expect(result.patientsNotInExport).toBe(10)
    expect(result.warnings.join('\n')).not.toMatch(/may be incomplete/)
    expect(notInExport()).toEqual(range(2991, 3000).map(validNhsNumber).sort())
  })

  test('after a cut-short file, the next complete run is compared with the last complete run, not with the cut one', () => {
    importFiles(ctx, [fileOf('november.csv', emisReport(range(1, 3000), '3000'))], 'auto')
    importFiles(ctx, [fileOf('december-cut.csv', emisReport(range(1, 1465), '3000', '12-Dec-2026'))], 'auto')
    // A second cut-short run must not be compared with the first one either.
    const second = importFiles(ctx, [fileOf('december-cut-again.csv', emisReport(range(1, 1000), '3000', '13-Dec-2026'))], 'auto')
    expect(second.patientsNotInExport).toBe(0)
    expect(notInExport()).toEqual([])
    const complete = importFiles(ctx, [fileOf('january.csv', emisReport(range(1, 2990), '2990', '12-Jan-2027'))], 'auto')
    expect(complete.patientsNotInExport).toBe(10)
    expect(notInExport()).toEqual(range(2991, 3000).map(validNhsNumber).sort())
  })

  test('rejected patients count as patients of the file, and a confidential empty row may or may not be in the count', () => {
    const rows = [columns, patientRow(1), ['1234567890', 'BADNUMBER', 'Pat', '05/03/1958', 'F', ''], ['', '', '', '', '', ''], patientRow(2)]
    const header = (n: string) => [
      ['Report Name:', 'BP recall list', ''],
      ['Population Count:', n, ''],
      ['', '', '']
    ]
    for (const population of ['3', '4']) {
      const preview = previewImport(ctx, [fileOf(`count-${population}.csv`, csvLines([...header(population), ...rows]))], 'auto')
      expect(preview.rejected).toHaveLength(1)
      expect(preview.warnings.join('\n')).not.toMatch(/says it holds/)
    }
    const tooFew = previewImport(ctx, [fileOf('count-5.csv', csvLines([...header('5'), ...rows]))], 'auto')
    expect(tooFew.warnings).toContain(
      'count-5.csv says it holds 5 patients but 3 were read: the file may have been cut short while saving or copying; export it again before importing'
    )
  })

  test('more patients than the header states is a warning too, and marks nobody', () => {
    importFiles(ctx, [fileOf('november.csv', emisReport(range(1, 20), '20'))], 'auto')
    const result = importFiles(ctx, [fileOf('december.csv', emisReport(range(1, 15), '12', '12-Dec-2026'))], 'auto')
    expect(result.warnings).toContain(
      'december.csv says it holds 12 patients but 15 were read: its report header may belong to another run of the search, or rows were added by hand; export it again before importing'
    )
    expect(result.patientsNotInExport).toBe(0)
  })

  test.each([
    [['Population Count:,3000'], 3000],
    [['Population Count 3000'], 3000],
    [['population count : 3,000'], 3000],
    [['POPULATION COUNT:  12'], 12],
    [['Report Name: BP list', 'Population Count: 0'], 0],
    [['Population Count: unknown'], null],
    [['Run Date: 12-Nov-2026'], null]
  ])('the population count is read from %j', (lines, count) => {
    expect(populationCountOf(lines)).toBe(count)
  })
})

describe('a last row cut off part-way', () => {
  const complete = () => emisReport(range(1, 6), null)

  test('ending inside a quoted cell: the row is named, not imported, and absences are not marked', () => {
    importFiles(ctx, [fileOf('november.csv', emisReport(range(1, 8), null))], 'auto')
    const text = `${complete()}${validNhsNumber(7)},"O'BRI`
    const result = importFiles(ctx, [fileOf('cut.csv', text)], 'auto')
    expect(result.patientsAdded).toBe(0)
    expect(result.patientsUpdated + result.patientsAdded).toBeLessThanOrEqual(6)
    expect(result.rejected).toEqual([
      expect.objectContaining({
        file: 'cut.csv',
        row: 11,
        column: 'NHS Number',
        reason: expect.stringMatching(/^the file ends part-way through this row \(the file ends inside a quoted cell of this row\)/)
      })
    ])
    expect(result.warnings).toContain(
      'cut.csv: the last row (row 11) is cut off part-way (the file ends inside a quoted cell of this row), so the file may have been cut short while saving or copying; that row was not imported. Export the report again before relying on this import'
    )
    expect(result.patientsNotInExport).toBe(0)
    expect(notInExport()).toEqual([])
  })

  test('with fewer cells than every other row: the row is named and not imported', () => {
    const text = `${complete()}${validNhsNumber(7)},SMI`
    const preview = previewImport(ctx, [fileOf('cut.csv', text)], 'auto')
    expect(preview.patientsInFile).toBe(6)
    expect(preview.rejected.map((r) => r.row)).toEqual([11])
    expect(preview.warnings.join('\n')).toMatch(/cut\.csv: the last row \(row 11\) is cut off part-way \(this row has 2 of the 6 cells every other row has\)/)
    expect(preview.warnings.join('\n')).toMatch(/are not marked "not in latest export".*"cut\.csv" has its last row \(row 11\) cut off/)
  })

  test('a complete file is not judged cut off, nor is one whose rows are all short', () => {
    const whole = previewImport(ctx, [fileOf('whole.csv', complete())], 'auto')
    expect(whole.warnings.join('\n')).not.toMatch(/cut off|incomplete/)
    // Written without the trailing comma on any data row: short, but all alike.
    const ragged = previewImport(ctx, [fileOf('ragged.csv', complete().replace(/,\r\n/g, '\r\n').replace('Gender\r\n', 'Gender,\r\n'))], 'auto')
    expect(ragged.patientsInFile).toBe(6)
    expect(ragged.warnings.join('\n')).not.toMatch(/cut off|incomplete/)
  })
})

describe('two NHS number columns', () => {
  const captions = ['NHS Number', 'Family Name', 'Date of Birth', 'NHS number']

  test('that agree on every row: imported, with a warning naming both columns and which is used', () => {
    const text = csvLines([
      captions,
      [validNhsNumber(1), 'SMITH', '05/03/1958', validNhsNumber(1)],
      [validNhsNumber(2), 'JONES', '05/03/1958', validNhsNumber(2).replace(/^(\d{3})(\d{3})/, '$1 $2 ')]
    ])
    const result = importFiles(ctx, [fileOf('two-nhs.csv', text)], 'auto')
    expect(result.patientsAdded).toBe(2)
    expect(result.warnings).toContain(
      'two-nhs.csv: two NHS number columns, A "NHS Number" and D "NHS number"; column A is used (the two hold the same number on every row)'
    )
  })

  test('the same caption twice is two NHS number columns too', () => {
    const text = csvLines([
      ['NHS Number', 'Family Name', 'NHS Number'],
      [validNhsNumber(1), 'SMITH', validNhsNumber(1)]
    ])
    expect(previewImport(ctx, [fileOf('same-caption.csv', text)], 'auto').warnings).toContain(
      'same-caption.csv: two NHS number columns, A "NHS Number" and C "NHS Number"; column A is used (the two hold the same number on every row)'
    )
  })

  test('that disagree on a row: refused, naming the first row where they differ, and nothing is stored', () => {
    importFiles(
      ctx,
      [
        fileOf(
          'earlier.csv',
          csvLines([
            ['NHS Number', 'Family Name'],
            [validNhsNumber(9), 'EARLIER']
          ])
        )
      ],
      'auto'
    )
    const before = databaseFileHash(ctx)
    const importsBefore = listImports(ctx).length
    const text = csvLines([
      captions,
      [validNhsNumber(1), 'SMITH', '05/03/1958', validNhsNumber(1)],
      [validNhsNumber(2), 'JONES', '05/03/1958', validNhsNumber(3)],
      [validNhsNumber(4), 'BROWN', '05/03/1958', '']
    ])
    let error: unknown
    try {
      importFiles(ctx, [fileOf('two-nhs.csv', text)], 'auto')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('bad_file')
    expect((error as AppError).message).toMatch(
      new RegExp(
        `^"two-nhs\\.csv" has two NHS number columns, A "NHS Number" and D "NHS number", and they disagree on row 3 \\(${validNhsNumber(2)} and ${validNhsNumber(3)}\\), ` +
          'so it cannot be told which patient the row belongs to; nothing was imported'
      )
    )
    expect(databaseFileHash(ctx)).toBe(before)
    expect(listImports(ctx)).toHaveLength(importsBefore)
  })
})
