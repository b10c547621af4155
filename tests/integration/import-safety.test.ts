import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Papa from 'papaparse'
import { afterEach, describe, expect, test } from 'vitest'
import { cancelImportJob, commitImportJob, importJobProgress, startImportJob } from '../../src/main/import/jobs/import-jobs'
import { commitImport, databaseBackups, importFiles, listImports, previewImport, rejectsCsvOf } from '../../src/main/import/import-service'
import { backupFolderFor, backupsKept } from '../../src/main/import/commit/database-backup'
import { patientImportStatus } from '../../src/main/import/commit/patient-import-status'
import { ImportPreview, ImportResult, ImportSummary } from '../../src/shared/contract'
import { createTestContext, type TestContext } from '../support/test-context'
import { csvLines, fileOf, validNhsNumber } from '../support/export-text'

const fixture = (name: string) => fileOf(name, new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports', name))))

let ctx: TestContext
afterEach(() => ctx?.cleanup())

const header = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Systolic BP', 'Diastolic BP', 'BP Date']
const a = validNhsNumber(1)
const b = validNhsNumber(2)
const c = validNhsNumber(3)

function decodeCsv(base64: string): string[][] {
  const text = Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  return Papa.parse<string[]>(text.trim(), { header: false }).data
}

function count(table: string): number {
  return (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
}

describe('conflicting facts for one patient in one import', () => {
  test('two dates of birth and two sexes are flagged naming both rows; the later value is used and stored as a conflict', () => {
    ctx = createTestContext()
    const text = csvLines([
      header,
      [a, 'SMITH', 'Jane', '05/03/1958', 'F', '150', '90', '01/10/2026'],
      [b, 'JONES', 'Ann', '01/01/1960', 'F', '', '', ''],
      [a, 'SMITH', 'Jane', '06/03/1958', 'M', '', '', '']
    ])
    const preview = ImportPreview.parse(previewImport(ctx, [fileOf('two-dobs.csv', text)], 'auto'))
    expect(preview.conflicts).toEqual([
      {
        file: 'two-dobs.csv',
        row: 4,
        column: 'Date of Birth',
        value: '06/03/1958',
        reason: expect.stringMatching(/two dates of birth: 5 Mar 1958 \(two-dobs\.csv row 2\) and 6 Mar 1958 \(two-dobs\.csv row 4\); 6 Mar 1958 is used/)
      },
      { file: 'two-dobs.csv', row: 4, column: 'Gender', value: 'M', reason: expect.stringMatching(/two sexes: F \(two-dobs\.csv row 2\) and M/) }
    ])
    expect(preview.warnings.some((w) => /two dates of birth.*two-dobs\.csv row 4/.test(w))).toBe(true)
    const result = ImportResult.parse(commitImport(ctx, preview.previewId))
    expect(result.conflicts).toHaveLength(2)
    expect(ctx.db.prepare('SELECT date_of_birth, sex FROM patients WHERE nhs_number = ?').get(a)).toEqual({ date_of_birth: '1958-03-06', sex: 'M' })
    expect(ctx.db.prepare("SELECT kind, row_number, value FROM import_rejects WHERE kind = 'conflict' ORDER BY id").all()).toEqual([
      { kind: 'conflict', row_number: 4, value: '06/03/1958' },
      { kind: 'conflict', row_number: 4, value: 'M' }
    ])
    expect(listImports(ctx)[0]).toMatchObject({ conflictCount: 2, rejectedCount: 0 })
  })

  test('an unknown sex next to a recorded one is not a conflict', () => {
    ctx = createTestContext()
    const text = csvLines([header, [a, 'SMITH', 'Jane', '05/03/1958', 'F', '', '', ''], [a, 'SMITH', 'Jane', '05/03/1958', 'U', '', '', '']])
    expect(previewImport(ctx, [fileOf('u.csv', text)], 'auto').conflicts).toEqual([])
  })
})

describe('rejects CSV', () => {
  const hostile = csvLines([
    header,
    [a, '"=HYPERLINK(""http://evil.example"",""click"")"', 'Jane', '05/03/1958', 'F', '420', '90', '01/10/2026'],
    ['1234567890', '@SUM(A1)', 'Bob', '01/01/1960', 'M', '', '', ''],
    [b, 'JONES', '+Ann', '31/02/1960', 'F', '', '', '']
  ])

  test('lists file, row, column, the exported value and the reason, for a preview and for the stored import, with formulas neutralised', () => {
    ctx = createTestContext()
    const preview = previewImport(ctx, [fileOf('hostile.csv', hostile)], 'auto')
    const fromPreview = decodeCsv(rejectsCsvOf(ctx, { previewId: preview.previewId }).contentBase64)
    expect(fromPreview[0]).toEqual(['File', 'Row', 'Column', 'Value', 'Reason', 'Imported'])
    expect(fromPreview.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['hostile.csv', '2', 'Systolic BP', '420'],
      ['hostile.csv', '3', 'NHS Number', '1234567890'],
      ['hostile.csv', '4', 'Date of Birth', '31/02/1960']
    ])
    const result = commitImport(ctx, preview.previewId)
    const download = rejectsCsvOf(ctx, { importId: result.importId ?? 0 })
    expect(download.name).toBe(`import-${result.importId}-rejected-rows.csv`)
    expect(decodeCsv(download.contentBase64)).toEqual(fromPreview)
    // The hostile name is stored as text, exactly as exported...
    expect(ctx.db.prepare('SELECT family_name FROM patients WHERE nhs_number = ?').pluck().get(a)).toBe('=HYPERLINK("http://evil.example","click")')
    // ...and no cell of the CSV starts with a formula character.
    for (const row of fromPreview) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/)
  })

  test('a stored import with no rejects still gives a CSV with just the header; an unknown import is not_found', () => {
    ctx = createTestContext()
    const result = importFiles(ctx, [fileOf('ok.csv', csvLines([header, [a, 'SMITH', 'Jane', '05/03/1958', 'F', '', '', '']]))], 'auto')
    expect(decodeCsv(rejectsCsvOf(ctx, { importId: result.importId ?? 0 }).contentBase64)).toHaveLength(1)
    expect(() => rejectsCsvOf(ctx, { importId: 999 })).toThrow(expect.objectContaining({ code: 'not_found' }))
  })
})

describe('merge and history', () => {
  const run = (patients: string[], extra: string[][] = []) =>
    csvLines([
      ['Report Name: Hypertension register'],
      ['Run Date: 01-Nov-2026'],
      [],
      header,
      ...patients.map((p) => [p, 'X', 'Y', '01/01/1950', 'F', '', '', '']),
      ...extra
    ])

  test('a patient missing from the next run of the same report is kept and marked, and unmarked when they come back', () => {
    ctx = createTestContext()
    const first = importFiles(ctx, [fileOf('oct.csv', run([a, b, c]))], 'auto')
    const preview = previewImport(ctx, [fileOf('nov.csv', run([a, b]).replace('01-Nov-2026', '15-Nov-2026'))], 'auto')
    expect(preview.patientsNotInExport).toBe(1)
    const second = ImportResult.parse(commitImport(ctx, preview.previewId))
    expect(second.patientsNotInExport).toBe(1)
    expect(second.warnings.join(' ')).toMatch(/1 patient\(s\) from the previous run of this report are not in this export/)
    expect(count('patients')).toBe(3)
    expect(ctx.db.prepare('SELECT nhs_number, not_in_export_since_import_id AS since FROM patients ORDER BY nhs_number').all()).toEqual([
      { nhs_number: a, since: null },
      { nhs_number: b, since: null },
      { nhs_number: c, since: second.importId }
    ])
    const cId = ctx.db.prepare('SELECT id FROM patients WHERE nhs_number = ?').pluck().get(c) as number
    expect(patientImportStatus(ctx, cId)).toEqual({
      lastImport: { importId: first.importId, importedAt: '2026-11-22T10:00:00.000Z', fileNames: ['oct.csv'] },
      notInLatestExport: { importId: second.importId, importedAt: '2026-11-22T10:00:00.000Z', fileNames: ['nov.csv'] }
    })
    // A different report (another layout) says nothing about who is on this one.
    importFiles(
      ctx,
      [
        fileOf(
          'bp-only.csv',
          csvLines([
            ['NHS Number', 'Blood Pressure', 'BP Date'],
            [a, '140/90', '02/11/2026']
          ])
        )
      ],
      'auto'
    )
    expect(ctx.db.prepare('SELECT COUNT(*) FROM patients WHERE not_in_export_since_import_id IS NOT NULL').pluck().get()).toBe(1)
    importFiles(ctx, [fileOf('dec.csv', run([a, b, c]).replace('01-Nov-2026', '01-Dec-2026'))], 'auto')
    expect(ctx.db.prepare('SELECT COUNT(*) FROM patients WHERE not_in_export_since_import_id IS NOT NULL').pluck().get()).toBe(0)
    expect(listImports(ctx).map((s) => ImportSummary.parse(s).patientsNotInExport)).toEqual([0, 0, 1, 0])
    expect(first.patientsNotInExport).toBe(0)
  })

  test('an older export (by its run date) imported later adds its readings but does not overwrite newer details', () => {
    ctx = createTestContext()
    const newer = csvLines([['Run Date: 20-Nov-2026'], [], header, [a, 'NEWNAME', 'Jane', '01/01/1950', 'F', '150', '90', '19/11/2026']])
    const older = csvLines([['Run Date: 01-Oct-2026'], [], header, [a, 'OLDNAME', 'Jane', '01/01/1950', 'F', '145', '85', '30/09/2026']])
    importFiles(ctx, [fileOf('newer.csv', newer)], 'auto')
    const result = importFiles(ctx, [fileOf('older.csv', older)], 'auto')
    expect(result).toMatchObject({ patientsUpdated: 0, readingsAdded: 1 })
    expect(result.warnings.join(' ')).toMatch(/already have details from an export run after this one \(1 Oct 2026\)/)
    expect(ctx.db.prepare('SELECT family_name, demographics_as_of FROM patients').get()).toEqual({ family_name: 'NEWNAME', demographics_as_of: '2026-11-20' })
    expect(count('patient_history')).toBe(0)
  })

  test('the same reading in two different files and imports is stored once, and each fact knows its import', () => {
    ctx = createTestContext()
    const one = importFiles(ctx, [fileOf('one.csv', csvLines([header, [a, 'S', 'J', '01/01/1950', 'F', '150', '90', '01/10/2026']]))], 'auto')
    const two = importFiles(
      ctx,
      [
        fileOf(
          'two.csv',
          csvLines([header, [a, 'S', 'J', '01/01/1950', 'F', '150', '90', '01/10/2026'], [b, 'T', 'K', '01/01/1951', 'M', '150', '90', '01/10/2026']])
        )
      ],
      'auto'
    )
    expect(two.readingsAdded).toBe(1)
    expect(ctx.db.prepare('SELECT p.nhs_number, r.import_id FROM bp_readings r JOIN patients p ON p.id = r.patient_id ORDER BY p.nhs_number').all()).toEqual([
      { nhs_number: a, import_id: one.importId },
      { nhs_number: b, import_id: two.importId }
    ])
    expect(ctx.db.prepare('SELECT import_id, COUNT(*) AS n FROM import_patients GROUP BY import_id ORDER BY import_id').all()).toEqual([
      { import_id: one.importId, n: 1 },
      { import_id: two.importId, n: 2 }
    ])
  })
})

describe('commit exactly what was previewed', () => {
  test('a commit after another import landed is refused with a clear message and writes nothing', () => {
    ctx = createTestContext()
    const preview = previewImport(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    importFiles(ctx, [fixture('wide-bp-columns.csv')], 'auto')
    const before = count('patients')
    expect(() => commitImport(ctx, preview.previewId)).toThrow(
      /Another import \(#1 by Test Pharmacist\) was saved after this preview.*preview the file\(s\) again/
    )
    expect(count('patients')).toBe(before)
    expect(count('imports')).toBe(1)
  })
})

describe('automatic backup before each import', () => {
  test('each import leaves a copy of the database as it was just before, in backups/ beside it, listed with its import', () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const second = importFiles(ctx, [fixture('wide-bp-columns.csv')], 'auto')
    const listed = databaseBackups(ctx)
    expect(listed.folder).toBe(backupFolderFor(ctx.databasePath))
    expect(listed.backups.map((b) => b.importId)).toEqual([2, 1])
    expect(second.backupFile).toBe(listed.backups[0]?.name)
    // The backup before import 2 holds import 1 only.
    const copy = new Database(join(listed.folder, second.backupFile ?? ''), { readonly: true })
    expect(copy.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(1)
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
  })

  test(`only the last ${backupsKept} are kept; a re-import (nothing to do) makes none`, () => {
    ctx = createTestContext()
    for (let i = 0; i < backupsKept + 2; i++) {
      importFiles(ctx, [fileOf(`f${i}.csv`, csvLines([header, [validNhsNumber(10 + i), 'S', 'J', '01/01/1950', 'F', '', '', '']]))], 'auto')
    }
    importFiles(ctx, [fileOf('f0.csv', csvLines([header, [validNhsNumber(10), 'S', 'J', '01/01/1950', 'F', '', '', '']]))], 'auto')
    const backups = databaseBackups(ctx).backups
    expect(backups).toHaveLength(backupsKept)
    expect(backups[0]?.importId).toBe(backupsKept + 2)
    expect(backups.at(-1)?.importId).toBe(3)
  })

  test('a failed commit removes its backup (it equals the live file)', () => {
    ctx = createTestContext()
    ctx.db.exec("CREATE TRIGGER fail_events BEFORE INSERT ON coded_events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    expect(() => importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')).toThrow(/disk on fire/)
    expect(databaseBackups(ctx).backups).toEqual([])
    expect(existsSync(backupFolderFor(ctx.databasePath))).toBe(true)
  })
})

describe('background import jobs (in-thread when no built worker exists)', () => {
  const until = async (jobId: string, phases: string[]) => {
    for (let i = 0; i < 200; i++) {
      const progress = importJobProgress(jobId)
      if (!phases.includes(progress.phase)) return progress
      await new Promise((r) => setTimeout(r, 5))
    }
    throw new Error('job did not finish')
  }

  test('start → progress → preview → commit imports exactly the preview, with who ran it', async () => {
    ctx = createTestContext()
    const { jobId } = startImportJob(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const ready = await until(jobId, ['reading', 'checking'])
    expect(ready.phase).toBe('ready')
    expect(ready.preview).toMatchObject({ previewId: jobId, patientsNew: 3, rowsRead: 14 })
    const result = await commitImportJob(ctx, jobId)
    expect(result).toMatchObject({ patientsAdded: 3, readingsAdded: 3 })
    expect(importJobProgress(jobId)).toMatchObject({ phase: 'done', result: { importId: result.importId } })
    expect(listImports(ctx)[0]?.importedBy).toBe('Test Pharmacist')
    await expect(commitImportJob(ctx, jobId)).rejects.toThrow(/already imported/)
  })

  test('cancel before the commit leaves the database untouched and the job cannot be committed', async () => {
    ctx = createTestContext()
    const { jobId } = startImportJob(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    await until(jobId, ['reading', 'checking'])
    expect(cancelImportJob(jobId)).toEqual({ cancelled: true, message: expect.stringMatching(/nothing was imported/) })
    expect(importJobProgress(jobId).phase).toBe('cancelled')
    await expect(commitImportJob(ctx, jobId)).rejects.toThrow(/cancelled/)
    expect(count('imports')).toBe(0)
    expect(count('patients')).toBe(0)
  })

  test('previews nobody commits do not pile up: beyond two waiting, the oldest is let go', async () => {
    ctx = createTestContext()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const { jobId } = startImportJob(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
      await until(jobId, ['reading', 'checking'])
      ids.push(jobId)
    }
    expect(ids.map((id) => importJobProgress(id).phase)).toEqual(['cancelled', 'ready', 'ready'])
    await expect(commitImportJob(ctx, ids[0] ?? '')).rejects.toThrow(/cancelled/)
    expect((await commitImportJob(ctx, ids[2] ?? '')).patientsAdded).toBe(3)
  })

  test("a file that cannot be read ends the job as failed with the reader's message", async () => {
    ctx = createTestContext()
    const { jobId } = startImportJob(ctx, [fixture('emis-report-saved-as-html.csv')], 'auto')
    const failed = await until(jobId, ['reading', 'checking'])
    expect(failed).toMatchObject({ phase: 'failed', error: { code: 'bad_file', message: expect.stringMatching(/HTML/) } })
  })
})
