// The Code library on a real SQLite file: each import records the codes it could not match to a
// shipped list (their rows are left out) and the rows it read from their term alone, in its own
// transaction; `codes.unmatched` adds them up over imports without counting a monthly report twice;
// the CSV neutralises formulas; `codes.library` lists every shipped file with its real code count.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterEach, describe, expect, test } from 'vitest'
import { runCliCaptured } from '../support/run-cli'
import { unmatchedCodes } from '../../src/main/codelists/code-library-service'
import { codeListFiles, ethnicityListFile, loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { dispatch } from '../../src/main/dispatch'
import { ImportCancelled, commitParsedImport } from '../../src/main/import/commit/commit-import'
import { importFiles, parseImportFiles, previewImport } from '../../src/main/import/import-service'
import { resourcesPath } from '../../src/main/resources-path'
import { createServices } from '../../src/main/services'
import type { OperationOutput } from '../../src/shared/contract'
import { buildCodeLibrary } from '../../src/shared/domain/clinical-codes'
import type { OperationName } from '../../src/shared/operation-names'
import { fileOf, validNhsNumber } from '../support/export-text'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
afterEach(() => ctx?.cleanup())

const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(validNhsNumber) as [string, string, string, string, string]
const header = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Date', 'Code', 'Code Term', 'Value']
const hostileTerm = '=HYPERLINK("http://evil.example","click")'

/** An EMIS list report (events layout): patient row, then continuation rows with the patient columns blank. */
function emisReport(reportName: string, runDate: string, rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const lines = [`Report Name:,${reportName}`, `Run Date:,${runDate}`, '', header.join(','), ...rows.map((r) => r.map(cell).join(','))]
  return `${lines.join('\r\n')}\r\n`
}

const patient = (nhs: string, family: string, given: string, dob: string, sex: string) => [nhs, family, given, dob, sex]
const more = ['', '', '', '', '']

/**
 * Listed codes (HYP_COD, BP_COD), codes in no list (a medication review under two terms, an HbA1c, a
 * code-less vaccination, a code whose term is a formula) and rows read from their term alone (a
 * code-less "Essential hypertension"; unlisted codes carrying the BP_COD terms).
 */
const november = emisReport('Code library test', '12-Nov-2026', [
  [...patient(a, 'SMITH', 'Jane', '05-Mar-1958', 'F'), '12-Jan-2026', '59621000', 'Essential hypertension', ''],
  [...more, '03-Oct-2026', '271649006', 'Systolic blood pressure', '152'],
  [...more, '03-Oct-2026', '271650006', 'Diastolic blood pressure', '94'],
  [...more, '01-Jun-2026', '1082641000000106', 'Medication review done', ''],
  [...more, '01-Jul-2026', '1082641000000106', 'Medication review done', ''],
  [...more, '01-Aug-2026', '', 'Influenza vaccination', ''],
  [...more, '02-Aug-2026', '1234567890123', hostileTerm, ''],
  [...patient(b, 'JONES', 'Ann', '01-Jan-1960', 'F'), '10-Feb-2026', '', 'Essential hypertension', ''],
  [...more, '01-Jun-2026', '1082641000000106', 'Medication review', ''],
  [...more, '05-Oct-2026', '999000111', 'Systolic blood pressure', '148'],
  [...more, '05-Oct-2026', '999000112', 'Diastolic blood pressure', '91'],
  [...patient(c, 'BROWN', 'Tom', '09-Sep-1961', 'M'), '11-Mar-2026', '1000731000000107', 'Serum HbA1c level', '48']
])

/** The same report run a month later: Jane's medication reviews again plus one more, and a new patient. */
const december = emisReport('Code library test', '12-Dec-2026', [
  [...patient(a, 'SMITH', 'Jane', '05-Mar-1958', 'F'), '01-Jun-2026', '1082641000000106', 'Medication review done', ''],
  [...more, '01-Jul-2026', '1082641000000106', 'Medication review done', ''],
  [...more, '01-Dec-2026', '1082641000000106', 'Medication review done', ''],
  [...patient(d, 'OKAFOR', 'Chinedu', '17-Jun-1970', 'M'), '02-Dec-2026', '1082641000000106', 'Medication review done', '']
])

/** Another report (another search), with another patient's HbA1c. */
const diabetesList = emisReport('Diabetes recall list', '12-Dec-2026', [
  [...patient(e, 'PATEL', 'Anita', '01-Feb-1980', 'F'), '10-Oct-2026', '1000731000000107', 'Serum HbA1c level', '52'],
  [...more, '10-Nov-2026', '1000731000000107', 'Serum HbA1c level', '50']
])

async function call<K extends OperationName>(name: K): Promise<OperationOutput<K>> {
  const result = await dispatch(createServices(ctx), name, {})
  if (!result.ok) throw new Error(result.error.message)
  return result.value as OperationOutput<K>
}

function storedFindings(): number {
  return ctx.db.prepare('SELECT COUNT(*) FROM import_unmatched_codes').pluck().get() as number
}

const ref = (importId: number) => ({ importId, importedAt: expect.any(String), fileNames: expect.any(Array) })

describe('an import records what the code lists did not decide', () => {
  test('the preview and the result count the codes in no list and the events read from their term alone', () => {
    ctx = createTestContext()
    const preview = previewImport(ctx, [fileOf('november.csv', november)], 'auto')
    expect(preview).toMatchObject({ termOnlyMatches: 3, unmatchedCodes: 4 })
    // Nothing is stored by a preview.
    expect(storedFindings()).toBe(0)

    const result = importFiles(ctx, [fileOf('november.csv', november)], 'auto')
    expect(result).toMatchObject({ alreadyImported: false, termOnlyMatches: 3, unmatchedCodes: 4 })
    expect(ctx.db.prepare('SELECT term_only_matches FROM imports WHERE id = ?').pluck().get(result.importId)).toBe(3)
    // The rows of codes in no list are still left out, and said so.
    expect(result.warnings.some((w) => /6 event row\(s\) with codes Clinic Recall does not use were ignored/.test(w))).toBe(true)
  })

  test('codes.unmatched lists each code with its events, patients and terms, most events first', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fileOf('november.csv', november)], 'auto')
    const { codes, termOnly } = await call('codes.unmatched')
    expect(codes).toEqual([
      {
        code: '1082641000000106',
        term: 'Medication review done',
        terms: ['Medication review done', 'Medication review'],
        events: 3,
        patients: 2,
        firstImport: ref(1),
        lastImport: ref(1)
      },
      { code: '', term: 'Influenza vaccination', terms: ['Influenza vaccination'], events: 1, patients: 1, firstImport: ref(1), lastImport: ref(1) },
      { code: '1000731000000107', term: 'Serum HbA1c level', terms: ['Serum HbA1c level'], events: 1, patients: 1, firstImport: ref(1), lastImport: ref(1) },
      { code: '1234567890123', term: hostileTerm, terms: [hostileTerm], events: 1, patients: 1, firstImport: ref(1), lastImport: ref(1) }
    ])
    expect(codes[0]?.firstImport.fileNames).toEqual(['november.csv'])
    expect(termOnly.map((t) => [t.code, t.term, t.matchedAs, t.events, t.patients])).toEqual([
      ['', 'Essential hypertension', 'HYP', 1, 1],
      ['999000111', 'Systolic blood pressure', 'BP:clinic', 1, 1],
      ['999000112', 'Diastolic blood pressure', 'BP:clinic', 1, 1]
    ])
    expect(termOnly[0]?.matchedAsText).toMatch(/Hypertension/)
    expect(termOnly[1]?.matchedAsText).toBe('Blood pressure reading (clinic)')
  })

  test('re-importing the same file changes nothing', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fileOf('november.csv', november)], 'auto')
    const before = await call('codes.unmatched')
    const rows = storedFindings()
    const again = importFiles(ctx, [fileOf('november-again.csv', november)], 'auto')
    expect(again).toMatchObject({ alreadyImported: true, termOnlyMatches: 3, unmatchedCodes: 4 })
    expect(storedFindings()).toBe(rows)
    expect(await call('codes.unmatched')).toEqual(before)
  })

  test('a monthly report is counted once, from its latest run; another report adds its own', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fileOf('november.csv', november)], 'auto')
    importFiles(ctx, [fileOf('december.csv', december)], 'auto')
    importFiles(ctx, [fileOf('diabetes.csv', diabetesList)], 'auto')
    const { codes } = await call('codes.unmatched')
    const byCode = (code: string) => codes.find((x) => x.code === code)
    // November's 3 reviews are in December's run again: December (4 events, 2 patients) alone counts.
    expect(byCode('1082641000000106')).toMatchObject({
      events: 4,
      patients: 2,
      terms: ['Medication review done', 'Medication review'],
      firstImport: ref(1),
      lastImport: ref(2)
    })
    // The HbA1c from the hypertension report (1) and from the diabetes report (2) add up.
    expect(byCode('1000731000000107')).toMatchObject({ events: 3, patients: 2, firstImport: ref(1), lastImport: ref(3) })
    // A code seen only in November's run still shows, with November's counts.
    expect(byCode('')).toMatchObject({ term: 'Influenza vaccination', events: 1, lastImport: ref(1) })
    expect(codes.map((x) => x.events)).toEqual([...codes.map((x) => x.events)].sort((p, q) => q - p))
  })

  test('a code that a newer release of the lists holds is no longer shown as unmatched', () => {
    ctx = createTestContext()
    importFiles(ctx, [fileOf('november.csv', november)], 'auto')
    const newer = buildCodeLibrary([{ cluster: 'DM_COD', rows: [{ code: '1000731000000107', term: 'Serum HbA1c level' }] }], loadCodeLibrary().ethnicity)
    expect(unmatchedCodes(ctx, newer).codes.map((x) => x.code)).toEqual(['1082641000000106', '', '1234567890123'])
  })

  test('the CSV lists the same codes and neutralises a term beginning with "="', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fileOf('november.csv', november)], 'auto')
    const file = await call('codes.unmatchedCsv')
    expect(file).toMatchObject({ name: 'codes-matching-no-list-2026-11-22.csv', mimeType: 'text/csv' })
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { header: false }).data
    expect(rows[0]).toEqual(['Code', 'Term', 'Other terms', 'Events', 'Patients', 'First import', 'First imported on', 'Last import', 'Last imported on'])
    expect(rows[1]).toEqual(['1082641000000106', 'Medication review done', 'Medication review', '3', '2', '1', '2026-11-22', '1', '2026-11-22'])
    expect(rows.find((r) => r[0] === '1234567890123')?.[1]).toBe(`'${hostileTerm}`)
    expect(rows).toHaveLength(5)
  })
})

describe('a cancelled or failed import stores no unmatched codes', () => {
  // Enough facts (patients + events) that the commit passes a progress / cancel check (every 2,000).
  const big = emisReport(
    'Whole practice',
    '12-Nov-2026',
    Array.from({ length: 1_100 }, (_, i) => [
      ...patient(validNhsNumber(100 + i), 'TEST', 'Pat', '01-Jan-1960', 'F'),
      '01-Jun-2026',
      '1082641000000106',
      'Medication review done',
      ''
    ]).flatMap((row) => [row, [...more, '12-Jan-2026', '59621000', 'Essential hypertension', '']])
  )

  test('cancelled during the commit', () => {
    ctx = createTestContext()
    const parsed = parseImportFiles(ctx, [fileOf('big.csv', big)], 'auto')
    expect(parsed.codeFindings).toEqual([{ code: '1082641000000106', term: 'Medication review done', matchedAs: null, events: 1_100, patients: 1_100 }])
    expect(() => commitParsedImport(ctx, parsed, { backup: false, shouldCancel: () => true })).toThrow(ImportCancelled)
    expect(storedFindings()).toBe(0)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(0)
  })

  test('failed during the commit', async () => {
    ctx = createTestContext()
    const parsed = parseImportFiles(ctx, [fileOf('big.csv', big)], 'auto')
    const fail = () => {
      throw new Error('disk full')
    }
    expect(() => commitParsedImport(ctx, parsed, { backup: false, onProgress: fail })).toThrow(/disk full/)
    expect(storedFindings()).toBe(0)
    expect(await call('codes.unmatched')).toEqual({ codes: [], termOnly: [] })
  })
})

describe('codes.library', () => {
  function codesIn(file: string): number {
    const rows = Papa.parse<Record<string, string>>(readFileSync(resourcesPath('codelists', file), 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: 'greedy'
    }).data
    return rows.filter((r) => (r.code ?? r.snomedcode ?? '').trim() !== '').length
  }

  test('lists every file the importer loads, with its own code count, and labels the starter lists', async () => {
    ctx = createTestContext()
    const { lists } = await call('codes.library')
    const files = Object.entries(codeListFiles)
    expect(lists.map((l) => [l.cluster, l.file])).toEqual([...files, ['ETHNICITY', ethnicityListFile]])
    for (const list of lists) {
      expect(list.codes, list.file).toBe(codesIn(list.file))
      expect(list.codes, list.file).toBeGreaterThan(0)
      expect(list.purpose).not.toBe('')
      if (list.file.startsWith('starter-')) {
        expect(list).toMatchObject({ kind: 'starter', version: null, source: 'Starter list — not the NHS refset, check with a clinician' })
      }
      if (list.file.startsWith('nhsd-primary-care-domain-refsets-')) {
        expect(list.kind).toBe('nhs-refset')
        expect(list.source).toMatch(/^NHS Digital Primary Care Domain refset/)
      }
    }
    const hyp = lists.find((l) => l.cluster === 'HYP_COD')
    expect(hyp).toMatchObject({
      kind: 'nhs-refset',
      version: 'hyp_cod/20210127',
      source: 'NHS Digital Primary Care Domain refset (OpenCodelists hyp_cod/20210127)'
    })
  })
})

describe('clinic-recall codes …', () => {
  test('import --json adds the two counts; codes list and codes unmatched print the documented keys and write the CSV', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-codes-cli-'))
    try {
      const db = join(folder, 'practice.sqlite')
      const exportFile = join(folder, 'november.csv')
      writeFileSync(exportFile, november)
      const run = async (...argv: string[]) => {
        const { code, stdout, stderr } = await runCliCaptured(['--db', db, ...argv])
        expect(stderr).toBe('')
        expect(code).toBe(0)
        return stdout
      }
      const imported = JSON.parse(await run('import', exportFile, '--json')) as Record<string, unknown>
      expect(imported).toMatchObject({ termOnlyMatches: 3, unmatchedCodes: 4 })

      const listed = JSON.parse(await run('codes', 'list', '--json')) as { lists: Record<string, unknown>[] }
      expect(listed.lists.length).toBe(Object.keys(codeListFiles).length + 1)
      for (const key of ['cluster', 'purpose', 'source', 'version', 'codes', 'file']) expect(listed.lists[0]).toHaveProperty(key)

      const csv = join(folder, 'out', 'unmatched.csv')
      const unmatched = JSON.parse(await run('codes', 'unmatched', '--out', csv, '--json')) as { codes: Record<string, unknown>[] }
      expect(unmatched.codes[0]).toMatchObject({ code: '1082641000000106', term: 'Medication review done', events: 3, patients: 2 })
      expect(unmatched.codes).toHaveLength(4)
      expect(readFileSync(csv, 'utf8')).toContain(`'${hostileTerm.replace(/"/g, '""')}`)

      expect(await run('codes', 'unmatched')).toMatch(/Codes that matched no code list: 4/)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
