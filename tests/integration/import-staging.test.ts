// Between preview and commit an import's facts wait in a staging file beside the practice database
// (stage/import-staging.ts), on real SQLite files: the practice tables never hold a staged row,
// Cancel and a stale preview delete the file, the commit writes exactly the staged rows (a row
// taken out of the staging file is not written), and a process killed with a preview waiting
// leaves the practice database as it was and its staging file is swept by the next import.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { commitImport, importFiles, parseAndStageImportFiles, parseImportFiles, previewImport } from '../../src/main/import/import-service'
import { cancelImportJob, commitImportJob, importJobProgress, startImportJob } from '../../src/main/import/jobs/import-jobs'
import { stagingPathFor, sweepAbandonedStaging } from '../../src/main/import/stage/import-staging'
import { AppError } from '../../src/shared/result'
import { bundleForNode, type Bundles } from '../support/bundle-for-node'
import { importTableCounts } from '../support/import-table-counts'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/imports', name))) })
const stagingFiles = (databasePath: string) => readdirSync(dirname(databasePath)).filter((n) => n.startsWith(`${basename(databasePath)}.import-staging-`))

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(check(), what).toBe(true)
}

let bundles: Bundles
let exportFile: string
beforeAll(async () => {
  bundles = await bundleForNode('staging', { child: 'tests/support/import-staging-kill-child.ts', 'import-worker': 'src/main/import/jobs/import-worker.ts' })
  exportFile = join(bundles.folder, 'export.csv')
  writeFileSync(exportFile, generateSyntheticEmisExport({ patients: 300, seed: 5, asOf: '2026-11-01' }).csv)
  process.env.CLINIC_RECALL_IMPORT_WORKER = bundles.file('import-worker')
}, 120_000)
afterAll(() => {
  delete process.env.CLINIC_RECALL_IMPORT_WORKER
  bundles.cleanup()
})

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

async function readyJob(c: TestContext, files = [fixture('emis-events-hypertension.csv')]): Promise<string> {
  const { jobId } = startImportJob(c, files, 'auto')
  await until(() => !['reading', 'checking'].includes(importJobProgress(jobId).phase), 'the preview is ready')
  expect(importJobProgress(jobId).phase).toBe('ready')
  return jobId
}

describe('the staging file of a preview', () => {
  test('holds the facts beside the database while the preview waits; the practice tables are untouched; Cancel deletes it', async () => {
    ctx = createTestContext()
    const before = importTableCounts(ctx.db)
    const jobId = await readyJob(ctx)
    const [staged] = stagingFiles(ctx.databasePath)
    expect(staged).toBeDefined()
    const staging = new Database(join(ctx.folder, staged ?? ''), { readonly: true })
    expect(staging.prepare('SELECT COUNT(*) FROM staged_patients').pluck().get()).toBe(importJobProgress(jobId).preview?.patientsInFile)
    expect(staging.prepare('SELECT COUNT(*) FROM staged_readings').pluck().get()).toBe(importJobProgress(jobId).preview?.readingsInFile)
    staging.close()
    expect(importTableCounts(ctx.db)).toEqual(before)

    expect(cancelImportJob(jobId).cancelled).toBe(true)
    await until(() => stagingFiles(ctx?.databasePath ?? '').length === 0, 'Cancel deletes the staging file')
    expect(importTableCounts(ctx.db)).toEqual(before)
  })

  test('a stale preview (another import landed since) is refused and its staging file deleted', async () => {
    ctx = createTestContext()
    const jobId = await readyJob(ctx)
    importFiles(ctx, [fixture('emis-events-hypertension-next-month.csv')], 'auto')
    const before = importTableCounts(ctx.db)
    await expect(commitImportJob(ctx, jobId)).rejects.toThrow(/after this preview was made/)
    await until(() => stagingFiles(ctx?.databasePath ?? '').length === 0, 'the stale preview drops its staging file')
    expect(importTableCounts(ctx.db)).toEqual(before)

    // The same in the main thread (imports.preview in a process without the worker).
    const preview = previewImport(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    expect(stagingFiles(ctx.databasePath)).toHaveLength(1)
    importFiles(ctx, [{ name: 'other.csv', bytes: new Uint8Array(readFileSync(exportFile)) }], 'auto')
    expect(() => commitImport(ctx as TestContext, preview.previewId)).toThrow(AppError)
    expect(stagingFiles(ctx.databasePath)).toHaveLength(0)
  })

  test('the commit writes exactly the staged rows: a reading taken out of the staging file is not written', () => {
    ctx = createTestContext()
    const preview = previewImport(ctx, [{ name: 'export.csv', bytes: new Uint8Array(readFileSync(exportFile)) }], 'auto')
    const [staged] = stagingFiles(ctx.databasePath)
    const staging = new Database(join(ctx.folder, staged ?? ''))
    // A reading the file has once (no twin the commit would write instead).
    const removed = staging
      .prepare(
        `SELECT MIN(seq) AS seq, nhs_number, date, systolic, diastolic, setting FROM staged_readings
         GROUP BY nhs_number, date, systolic, diastolic, setting HAVING COUNT(*) = 1 ORDER BY MIN(seq) LIMIT 1`
      )
      .get() as { seq: number; nhs_number: string; date: string; systolic: number; diastolic: number; setting: string }
    staging.prepare('DELETE FROM staged_readings WHERE seq = ?').run(removed.seq)
    const stagedNhs = staging.prepare('SELECT nhs_number FROM staged_patients ORDER BY seq').pluck().all() as string[]
    const stagedEvents = staging.prepare('SELECT COUNT(*) FROM staged_events').pluck().get() as number
    staging.close()

    const result = commitImport(ctx, preview.previewId)
    expect(result.readingsAdded).toBe(preview.readingsInFile - 1)
    expect(result.eventsAdded).toBe(stagedEvents)
    const written = ctx.db
      .prepare('SELECT p.nhs_number FROM import_patients ip JOIN patients p ON p.id = ip.patient_id WHERE ip.import_id = ? ORDER BY p.id')
      .pluck()
      .all(result.importId) as string[]
    expect(written).toEqual(stagedNhs)
    const stored = ctx.db
      .prepare(
        `SELECT COUNT(*) FROM bp_readings r JOIN patients p ON p.id = r.patient_id
         WHERE p.nhs_number = ? AND r.taken_on = ? AND r.systolic = ? AND r.diastolic = ? AND r.setting = ?`
      )
      .pluck()
      .get(removed.nhs_number, removed.date, removed.systolic, removed.diastolic, removed.setting) as number
    expect(stored).toBe(0)
    expect(stagingFiles(ctx.databasePath)).toHaveLength(0)
  })

  test('a staging file of a live process is left alone; one whose process has ended is swept', () => {
    ctx = createTestContext()
    const parsed = parseImportFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const live = parseAndStageImportFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto', stagingPathFor(ctx.databasePath))
    const ended = spawnSync(process.execPath, ['-e', '0']).pid ?? 0
    const abandoned = stagingPathFor(ctx.databasePath, ended)
    writeFileSync(abandoned, '')
    expect(sweepAbandonedStaging(ctx.databasePath)).toBe(1)
    expect(stagingFiles(ctx.databasePath)).toHaveLength(1)
    expect([...live.facts.patients()].map((p) => p.nhsNumber)).toEqual(parsed.patients.map((p) => p.nhsNumber))
    live.drop()
    expect(stagingFiles(ctx.databasePath)).toHaveLength(0)
  })
})

describe('a process killed while its preview waits for Import', () => {
  test('leaves the practice database as it was; the next import sweeps the staging file and commits in full', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const before = importTableCounts(ctx.db)
    const path = ctx.databasePath
    const child = spawn(process.execPath, [bundles.file('child'), path, exportFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (stdout.includes('STAGED')) child.kill('SIGKILL')
    })
    const exit = await new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
    expect(stderr).toBe('')
    expect(exit).toBe('SIGKILL')
    expect(stagingFiles(path)).toHaveLength(1)

    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(importTableCounts(ctx.db)).toEqual(before)
    const preview = previewImport(ctx, [{ name: 'export.csv', bytes: new Uint8Array(readFileSync(exportFile)) }], 'auto')
    expect(stagingFiles(path)).toHaveLength(1) // the new preview's own; the abandoned one is gone
    const result = commitImport(ctx, preview.previewId)
    expect(result.patientsAdded).toBe(preview.patientsNew)
    expect(stagingFiles(path)).toHaveLength(0)
  }, 60_000)
})
