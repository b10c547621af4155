// A kill or a cancel in the middle of an import leaves the database as it was:
//  - a child process importing a large export is SIGKILLed inside the commit's transaction; the
//    file must pass PRAGMA integrity_check with every count unchanged;
//  - the real import worker (built the way electron-vite builds it) is cancelled while it reads
//    and while it commits; the SQLite file must be byte-identical afterwards.
// vitest cannot be killed half-way, and node cannot run the TypeScript sources, so the child script
// and the worker are bundled with vite into a temporary folder first.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { asWritable } from '../../src/main/db/database-access'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { cancelImportJob, commitImportJob, importJobProgress, startImportJob } from '../../src/main/import/jobs/import-jobs'
import { databaseBackups, importFiles, previewImport } from '../../src/main/import/import-service'
import { readWorkbooks } from '../../src/main/import/read/xlsx-rows'
import type { ImportProgressT } from '../../src/shared/contract'
import { createTestContext, type TestContext } from '../support/test-context'
import { bundleForNode, type Bundles } from '../support/bundle-for-node'
import { importTableCounts } from '../support/import-table-counts'

const root = resolve(__dirname, '../..')
let bundles: Bundles
let bigExport: string

beforeAll(async () => {
  bundles = await bundleForNode('kill', { child: 'tests/support/import-kill-child.ts', 'import-worker': 'src/main/import/jobs/import-worker.ts' })
  // About 90,000 rows: long enough that the commit reports progress many times before it ends.
  bigExport = join(bundles.folder, 'big-export.csv')
  writeFileSync(bigExport, generateSyntheticEmisExport({ patients: 15_000, seed: 3, asOf: '2026-11-01' }).csv)
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

const fixture = () => ({ name: 'seed.csv', bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/imports/emis-events-hypertension.csv'))) })

function fileHash(c: TestContext): string {
  c.db.pragma('wal_checkpoint(TRUNCATE)')
  return createHash('sha256').update(readFileSync(c.databasePath)).digest('hex')
}

describe('a process killed in the middle of the commit', () => {
  test('leaves the database intact with every count unchanged', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture()], 'auto')
    const before = importTableCounts(ctx.db)
    const path = ctx.databasePath
    ctx.db.close()

    const child = spawn(process.execPath, [bundles.file('child'), path, bigExport], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let killedAt: string | null = null
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const progress = [...stdout.matchAll(/COMMITTING (\d+) (\d+)\n/g)].at(-1)
      // Well inside the transaction: some rows written, many to go.
      if (progress && killedAt === null && Number(progress[1]) >= 6000) {
        killedAt = `${progress[1]} of ${progress[2]}`
        child.kill('SIGKILL')
      }
    })
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })))
    expect(stderr).toBe('')
    expect(killedAt, `the child never reached the commit: ${stdout.slice(0, 500)}`).not.toBeNull()
    expect(exit.signal).toBe('SIGKILL')
    expect(stdout).not.toMatch(/DONE/)

    const after = new Database(path)
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(importTableCounts(after)).toEqual(before)
    after.close()
    // Reopened by the app, the same database imports the file in full.
    ctx.db = asWritable(new Database(path))
    const result = importFiles({ ...ctx, db: ctx.db }, [{ name: 'big-export.csv', bytes: new Uint8Array(readFileSync(bigExport)) }], 'auto')
    expect(result.patientsAdded).toBeGreaterThan(14_000)
  }, 120_000)
})

describe('the import worker', () => {
  async function until(jobId: string, done: (p: ImportProgressT) => boolean): Promise<ImportProgressT> {
    for (let i = 0; i < 1200; i++) {
      const progress = importJobProgress(jobId)
      if (done(progress)) return progress
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error(`job stuck in ${importJobProgress(jobId).phase}`)
  }
  const big = () => ({ name: 'big-export.csv', bytes: new Uint8Array(readFileSync(bigExport)) })

  test('reads off the main thread and commits exactly what an in-thread import of the same file would', async () => {
    ctx = createTestContext()
    const { jobId } = startImportJob(ctx, [big()], 'auto')
    const rowProgress: ImportProgressT[] = []
    const ready = await until(jobId, (p) => {
      if (p.phase === 'reading' && p.rowsTotal > 0) rowProgress.push(p)
      return p.phase !== 'reading' && p.phase !== 'checking'
    })
    expect(ready.error).toBeNull()
    expect(ready.phase).toBe('ready')
    // While reading, the bar had rows read of the file's rows, not only bytes.
    expect(rowProgress.length).toBeGreaterThan(0)
    expect(rowProgress.every((p) => p.rowsDone <= p.rowsTotal && p.message === 'Reading big-export.csv')).toBe(true)
    const result = await commitImportJob(ctx, jobId)
    expect(importJobProgress(jobId)).toMatchObject({ phase: 'done' })
    expect(result.patientsAdded).toBe(ready.preview?.patientsNew)

    const reference = createTestContext()
    try {
      const inThread = importFiles(reference, [big()], 'auto')
      expect({ ...result, backupFile: null }).toEqual({ ...inThread, backupFile: null })
      expect(importTableCounts(ctx.db)).toEqual(importTableCounts(reference.db))
    } finally {
      reference.cleanup()
    }
    expect(ctx.db.prepare('SELECT imported_by FROM imports').pluck().get()).toBe('Test Pharmacist')
  }, 120_000)

  test('cancelled while reading: nothing written, the file byte-identical', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture()], 'auto')
    const before = fileHash(ctx)
    const { jobId } = startImportJob(ctx, [big()], 'auto')
    expect(cancelImportJob(jobId).cancelled).toBe(true)
    expect(importJobProgress(jobId).phase).toBe('cancelled')
    await new Promise((r) => setTimeout(r, 200))
    expect(fileHash(ctx)).toBe(before)
  }, 60_000)

  test('cancelled during the commit: the transaction is rolled back, the file byte-identical, no backup kept', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture()], 'auto')
    const backupsBefore = databaseBackups(ctx).backups.length
    const before = fileHash(ctx)
    const { jobId } = startImportJob(ctx, [big()], 'auto')
    await until(jobId, (p) => p.phase === 'ready')
    const committing = commitImportJob(ctx, jobId).then(
      () => 'committed',
      (error: unknown) => String(error)
    )
    await until(jobId, (p) => p.phase !== 'committing' || p.rowsDone > 0)
    expect(importJobProgress(jobId).phase).toBe('committing')
    expect(cancelImportJob(jobId)).toMatchObject({ cancelled: true })
    expect(await committing).toMatch(/cancelled; nothing was changed/)
    expect(importJobProgress(jobId).phase).toBe('cancelled')
    expect(fileHash(ctx)).toBe(before)
    expect(databaseBackups(ctx).backups).toHaveLength(backupsBefore)
    expect(existsSync(`${ctx.databasePath}-journal`)).toBe(false)
  }, 120_000)

  test('a workbook is read in the worker, saying so, while the main thread stays responsive', async () => {
    ctx = createTestContext()
    // About 20,000 rows of the synthetic export saved as .xlsx: seconds of unzipping and reading.
    const rows = Papa.parse<string[]>(readFileSync(bigExport, 'utf8'), { header: false }).data.slice(0, 20_000)
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Report')
    for (const row of rows) sheet.addRow(row)
    const xlsx = { name: 'big.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }

    let last = performance.now()
    let longestPause = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      longestPause = Math.max(longestPause, now - last)
      last = now
    }, 5)
    const messages = new Set<string>()
    const { jobId } = startImportJob(ctx, [xlsx], 'auto')
    const ready = await until(jobId, (p) => {
      messages.add(p.message)
      return p.phase !== 'reading' && p.phase !== 'checking'
    }).finally(() => clearInterval(ticker))
    expect(ready.error).toBeNull()
    expect(ready.phase).toBe('ready')
    expect(messages).toContain('Reading workbook big.xlsx')
    expect(ready.preview?.files[0]).toMatchObject({ fileType: 'xlsx', format: 'emis' })
    // The same workbook read in this thread gives the same preview (and takes this long).
    const started = performance.now()
    const inThread = previewImport(createTestContextOnce(), await readWorkbooks([xlsx]), 'auto')
    const inThreadMs = performance.now() - started
    expect(ready.preview?.patientsInFile).toBe(inThread.patientsInFile)
    expect(ready.preview?.readingsInFile).toBe(inThread.readingsInFile)
    // Reading the workbook on the main thread would have stopped the timer for about inThreadMs.
    expect(inThreadMs).toBeGreaterThan(1000)
    expect(longestPause).toBeLessThan(750)
  }, 120_000)
})

let spare: TestContext | null = null
function createTestContextOnce(): TestContext {
  spare ??= createTestContext()
  return spare
}
afterAll(() => spare?.cleanup())
