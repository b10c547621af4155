// Hostile and damaged workbooks through the real import route, the command line's and the app's:
// zip bombs (lying and honest about their size), entity bombs, document type declarations, stray
// far-right cells, cut-short and damaged files, a sheet part that is missing, files that only look
// like workbooks. Each is refused in one plain sentence naming the file — never a parser's words —
// in seconds and without the process's memory growing with what the file claims to hold, and the
// practice database stays byte-for-byte as it was. One stray cell at XFD1 on a real export is not
// damage: that workbook imports the same patients as the CSV it was made from.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Papa from 'papaparse'
import { strToU8, zipSync } from 'fflate'
import { afterEach, describe, expect, test } from 'vitest'
import { runCliCaptured } from '../support/run-cli'
import { dispatch } from '../../src/main/dispatch'
import { importFiles } from '../../src/main/import/import-service'
import { createServices } from '../../src/main/services'
import { openDatabase } from '../../src/main/db/connection'
import { buildWorkbook, deflatedZeros, rawWorkbook, sheetXml, textRow, type WorkbookSpec } from '../fixtures/imports/xlsx/build-workbook'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
const csvTwin = readFileSync(join(root, 'tests/fixtures/imports/emis-events-hypertension.csv'), 'utf8')
const nextMonth = readFileSync(join(root, 'tests/fixtures/imports/emis-events-hypertension-next-month.csv'))

/** The rows of a CSV export as worksheet rows (inline strings), so a workbook holds exactly what the CSV does. */
function exportRows(csv: string, extraCells: (row: number) => string = () => ''): string {
  const rows = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: false }).data
  return rows.map((cells, i) => textRow(i + 1, cells).replace('</row>', `${extraCells(i + 1)}</row>`)).join('')
}

const farCell = (row: number) => `<c r="XFD${row}" t="inlineStr"><is><t>x</t></is></c>`
const exportSheet = (extraCells?: (row: number) => string): WorkbookSpec => ({ sheets: [{ name: 'Export', xml: sheetXml(exportRows(csvTwin, extraCells)) }] })
const billionLaughs =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
  '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>'

interface HostileWorkbook {
  name: string
  fileName: string
  bytes: () => Uint8Array
  message: RegExp
}

const mib = 1024 * 1024
const hostile: HostileWorkbook[] = [
  {
    name: 'a zip bomb whose directory lies about the size (600 MB of zeros declared as 10 bytes)',
    fileName: 'bomb-lying.xlsx',
    bytes: () => rawWorkbook(exportSheet(), [{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(600), deflated: true, declaredSize: 10 }]),
    message: /cannot be opened|unpacks to more than/
  },
  {
    name: 'a zip bomb that states its size honestly (600 MB)',
    fileName: 'bomb-honest.xlsx',
    bytes: () => rawWorkbook(exportSheet(), [{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(600), deflated: true, declaredSize: 600 * mib }]),
    message: /unpacks to more than|cannot be opened/
  },
  {
    name: 'an entity bomb ("billion laughs") in the sheet',
    fileName: 'entity-bomb-sheet.xlsx',
    bytes: () => buildWorkbook({ sheets: [{ name: 'Export', xml: sheetXml(textRow(1, ['&lol9;'])).replace('<worksheet', `${billionLaughs}<worksheet`) }] }),
    message: /document type declaration/
  },
  {
    name: 'an entity bomb in the shared strings',
    fileName: 'entity-bomb-strings.xlsx',
    bytes: () =>
      buildWorkbook({
        ...exportSheet(),
        parts: {
          'xl/sharedStrings.xml': `<?xml version="1.0"?>${billionLaughs}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`
        }
      }),
    message: /document type declaration/
  },
  {
    name: 'a document type declaration in the workbook part',
    fileName: 'doctype.xlsx',
    bytes: () => buildWorkbook({ ...exportSheet(), parts: { 'xl/workbook.xml': '<!DOCTYPE html><workbook/>' } }),
    message: /document type declaration/
  },
  {
    name: 'stray far-right cells on every row (3,000 rows each reaching column XFD)',
    fileName: 'far-cells.xlsx',
    bytes: () =>
      buildWorkbook({
        sheets: [{ name: 'Export', xml: sheetXml(Array.from({ length: 3_000 }, (_, i) => textRow(i + 1, [`r${i}`, 'far'], ['A', 'XFD'])).join('')) }]
      }),
    message: /holding more than 40,000,000 cells/
  },
  {
    name: 'a workbook cut short (half its bytes)',
    fileName: 'cut-short.xlsx',
    bytes: () => {
      const whole = buildWorkbook(exportSheet())
      return whole.subarray(0, Math.floor(whole.length / 2))
    },
    message: /cannot be opened: it may be damaged or cut short/
  },
  {
    name: 'a workbook whose sheet part is missing',
    fileName: 'no-sheet-part.xlsx',
    bytes: () => buildWorkbook({ ...exportSheet(), omit: ['xl/worksheets/sheet1.xml'] }),
    message: /cannot be opened: it may be damaged or cut short/
  },
  {
    name: 'malformed XML in the sheet',
    fileName: 'malformed.xlsx',
    bytes: () => buildWorkbook({ sheets: [{ name: 'Export', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>NHS Number</t></is></c></row') }] }),
    message: /cannot be opened: it may be damaged or cut short/
  },
  {
    name: 'a workbook with no data on any sheet',
    fileName: 'empty-sheets.xlsx',
    bytes: () =>
      buildWorkbook({
        sheets: [
          { name: 'Sheet1', xml: sheetXml('') },
          { name: 'Sheet2', xml: sheetXml('<row r="1"/>') }
        ]
      }),
    message: /is an Excel workbook with no data on any of its 2 sheet\(s\)/
  },
  {
    name: 'an old or password-protected Excel file (OLE) named .xlsx',
    fileName: 'protected.xlsx',
    bytes: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
    message: /Excel|\.xls/
  },
  {
    name: 'a zip that is not a workbook, named .csv',
    fileName: 'really-a-zip.csv',
    bytes: () => zipSync({ 'notes.txt': strToU8('hello') }),
    message: /ZIP|zip/
  }
]

// A parser's or engine's own words, which mean nothing to a receptionist.
const jargon =
  /undefined entity|Invalid string length|Error:|\b\d+:\d+:|unexpected EOF|invalid block|ERR_|RangeError|TypeError|at .*\(.*:\d+:\d+\)|saxes|fflate/i

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

/** A practice database that already holds an import, closed; with its hash. */
function practice(): { path: string; hash: () => string } {
  ctx = createTestContext()
  importFiles(ctx, [{ name: 'last-month.csv', bytes: new Uint8Array(nextMonth) }], 'auto')
  const path = ctx.databasePath
  ctx.db.close()
  return { path, hash: () => createHash('sha256').update(readFileSync(path)).digest('hex') }
}

async function cliImport(databasePath: string, file: string) {
  return runCliCaptured(['--db', databasePath, 'import', file, '--json'], { CLINIC_RECALL_USER: 'Hostile workbook test' })
}

describe('hostile workbooks through the command line', () => {
  test.each(hostile.map((h) => [h.name, h] as const))(
    '%s: refused in one plain line naming the file; the database unchanged; memory bounded',
    async (_name, h) => {
      const { path, hash } = practice()
      const file = join(ctx?.folder as string, h.fileName)
      writeFileSync(file, h.bytes())
      const before = hash()
      const rss = process.memoryUsage().rss
      const started = performance.now()
      const run = await cliImport(path, file)
      const seconds = (performance.now() - started) / 1000
      const grewMb = (process.memoryUsage().rss - rss) / mib
      console.log(`${h.fileName}: refused in ${seconds.toFixed(2)} s, process grew ${Math.max(0, grewMb).toFixed(0)} MB`)
      expect(run.code).toBe(1)
      const lines = run.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('Warning:'))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(h.fileName)
      expect(lines[0]).toMatch(h.message)
      expect(lines[0]).not.toMatch(jargon)
      expect(run.stdout).toBe('')
      // A 600 MB bomb never becomes 600 MB (let alone the gigabytes of a billion laughs) in this process;
      // the far-right cells are held up to the reader's cell limit (about 320 MB) before it refuses.
      expect(grewMb).toBeLessThan(700)
      expect(hash()).toBe(before)
      if (ctx) ctx.db = openDatabase(path)
    },
    120_000
  )
})

describe('the same files through the app (imports.preview and imports.columns)', () => {
  test.each(hostile.map((h) => [h.name, h] as const))(
    '%s: a bad_file refusal naming the file; the database unchanged',
    async (_name, h) => {
      const { path, hash } = practice()
      const before = hash()
      const app = openDatabase(path)
      const services = createServices({ ...(ctx as TestContext), db: app })
      const upload = { files: [{ name: h.fileName, contentBase64: Buffer.from(h.bytes()).toString('base64') }] }
      for (const operation of ['imports.preview', 'imports.columns'] as const) {
        const result = await dispatch(services, operation, { ...upload, ...(operation === 'imports.preview' ? { format: 'auto' } : {}) })
        expect(result.ok, operation).toBe(false)
        if (!result.ok) {
          expect(result.error.code, operation).toBe('bad_file')
          expect(result.error.message, operation).toContain(h.fileName)
          expect(result.error.message, operation).not.toMatch(jargon)
        }
      }
      app.close()
      expect(hash()).toBe(before)
      if (ctx) ctx.db = openDatabase(path)
    },
    120_000
  )
})

test('one stray cell at XFD1 on a real export is read, not refused: the workbook imports the patients its CSV twin does', async () => {
  const workbook = buildWorkbook(exportSheet((row) => (row === 1 ? farCell(1) : '')))
  const fromCsv = practice()
  const csvFile = join(ctx?.folder as string, 'export.csv')
  writeFileSync(csvFile, csvTwin)
  const csvRun = await cliImport(fromCsv.path, csvFile)
  expect(csvRun.code).toBe(0)
  const csvResult = JSON.parse(csvRun.stdout) as { patientsAdded: number; patientsUpdated: number; rowsRead: number }
  if (ctx) ctx.db = openDatabase(fromCsv.path)
  ctx?.cleanup()
  ctx = null

  const fromWorkbook = practice()
  const xlsxFile = join((ctx as TestContext | null)?.folder as string, 'export.xlsx')
  writeFileSync(xlsxFile, workbook)
  const xlsxRun = await cliImport(fromWorkbook.path, xlsxFile)
  expect(xlsxRun.stderr).toBe('')
  expect(xlsxRun.code).toBe(0)
  const xlsxResult = JSON.parse(xlsxRun.stdout) as typeof csvResult
  expect({ added: xlsxResult.patientsAdded, updated: xlsxResult.patientsUpdated }).toEqual({
    added: csvResult.patientsAdded,
    updated: csvResult.patientsUpdated
  })
  const reopened = ctx as TestContext | null
  if (reopened) reopened.db = openDatabase(fromWorkbook.path)
})
