// Whatever an export file makes the reader do, it does it in an import worker thread, never in the
// process that owns the window and the database: the column-mapping screen's question
// (imports.columns) and the awaited preview (imports.preview) go through the worker like an import
// job; a worker that runs out of its heap limit becomes a plain failure naming the file, with the
// process still running and the database byte-identical; a worker that hangs is ended by Cancel,
// or by the time limit where nobody can press Cancel.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { dispatch } from '../../src/main/dispatch'
import { cancelImportJob, importJobProgress, previewImportJob, startImportJob } from '../../src/main/import/jobs/import-jobs'
import { importFiles, inspectImportFiles, previewImport } from '../../src/main/import/import-service'
import { inspectColumnsInWorker } from '../../src/main/import/jobs/inspect-columns-in-worker'
import { createServices } from '../../src/main/services'
import type { ImportPreviewT, ImportProgressT } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { buildImportWorker, type BuiltImportWorker } from '../support/built-import-worker'
import { databaseFileHash } from '../support/database-file-hash'
import { createTestContext, type TestContext } from '../support/test-context'

let built: BuiltImportWorker
/** About 90,000 rows: long enough to read that a main thread doing it would visibly stop. */
let big: { name: string; bytes: Uint8Array }

beforeAll(async () => {
  built = await buildImportWorker()
  big = { name: 'big-export.csv', bytes: new TextEncoder().encode(generateSyntheticEmisExport({ patients: 15_000, seed: 3, asOf: '2026-11-01' }).csv) }
}, 120_000)

afterAll(() => built.cleanup())

let ctx: TestContext | null = null
beforeEach(() => {
  process.env.CLINIC_RECALL_IMPORT_WORKER = built.script
})
afterEach(() => {
  delete process.env.CLINIC_RECALL_IMPORT_WORKER
  delete process.env.CLINIC_RECALL_IMPORT_WORKER_HEAP_MB
  ctx?.cleanup()
  ctx = null
})

const fixture = () => ({ name: 'seed.csv', bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/emis-events-hypertension.csv'))) })
const upload = (f: { name: string; bytes: Uint8Array }) => ({ name: f.name, contentBase64: Buffer.from(f.bytes).toString('base64') })

/** How long the main thread's event loop went at most without running a 5 ms timer while `work` ran. */
async function longestPauseDuring<T>(work: () => Promise<T>): Promise<{ value: T; longestPauseMs: number }> {
  let last = performance.now()
  let longestPauseMs = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longestPauseMs = Math.max(longestPauseMs, now - last)
    last = now
  }, 5)
  try {
    const value = await work()
    return { value, longestPauseMs: Math.max(longestPauseMs, performance.now() - last) }
  } finally {
    clearInterval(ticker)
  }
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now()
  const value = work()
  return { value, ms: performance.now() - started }
}

function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

async function until(jobId: string, done: (p: ImportProgressT) => boolean): Promise<ImportProgressT> {
  for (let i = 0; i < 2400; i++) {
    const progress = importJobProgress(jobId)
    if (done(progress)) return progress
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`job stuck in ${importJobProgress(jobId).phase}`)
}

describe('the column-mapping screen and the awaited preview read in a worker thread', () => {
  test('imports.columns: the main thread keeps ticking while a large file is read, and the answer is what reading it here gives', async () => {
    ctx = createTestContext()
    const services = createServices(ctx)
    // The same question answered in this thread: how long the window would have frozen.
    const here = timed(() => inspectImportFiles(ctx!, [big]))
    expect(here.ms).toBeGreaterThan(150)

    const { value, longestPauseMs } = await longestPauseDuring(() => dispatch(services, 'imports.columns', { files: [upload(big)] }))
    expect(valueOf<{ files: unknown[] }>(value).files).toEqual(here.value)
    expect(longestPauseMs).toBeLessThan(here.ms / 2)
  }, 120_000)

  test('imports.preview: read in a worker with the main thread ticking; its preview id commits through imports.commit and gives its rejects CSV', async () => {
    ctx = createTestContext()
    const services = createServices(ctx)
    const reference = createTestContext()
    let here: { value: ImportPreviewT; ms: number }
    try {
      here = timed(() => previewImport(reference, [big], 'auto'))
    } finally {
      reference.cleanup()
    }
    expect(here.ms).toBeGreaterThan(300)

    const { value, longestPauseMs } = await longestPauseDuring(() => dispatch(services, 'imports.preview', { files: [upload(big)], format: 'auto' }))
    const preview = valueOf<ImportPreviewT>(value)
    expect(longestPauseMs).toBeLessThan(here.ms / 2)
    expect({ ...preview, previewId: '' }).toEqual({ ...here.value, previewId: '' })
    // The preview id is the job's: commit and the rejects CSV find it there.
    expect(importJobProgress(preview.previewId).phase).toBe('ready')
    const rejects = valueOf<{ fileName: string; contentBase64: string }>(await dispatch(services, 'imports.rejectsCsv', { previewId: preview.previewId }))
    expect(Buffer.from(rejects.contentBase64, 'base64').toString('utf8').split('\n').length).toBeGreaterThan(preview.rejected.length)
    const result = valueOf<{ patientsAdded: number }>(await dispatch(services, 'imports.commit', { previewId: preview.previewId }))
    expect(result.patientsAdded).toBe(preview.patientsNew)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(preview.patientsInFile)
  }, 120_000)
})

describe('a worker that runs out of its heap limit', () => {
  const outOfMemory =
    '“big-export.csv” could not be read: it needs more memory than any practice export should; it may be damaged or not a real export. Nothing was imported.'

  test('fails the preview, the column question and the job plainly, naming the file; the process lives on and the database is byte-identical', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture()], 'auto')
    const services = createServices(ctx)
    const before = databaseFileHash(ctx)
    // Enough for the worker and a small export, far too little for 90,000 rows (the reader streams
    // them, so what it must hold is the file's text and the patients seen, which outgrow 24 MB).
    process.env.CLINIC_RECALL_IMPORT_WORKER_HEAP_MB = '24'

    expect(await dispatch(services, 'imports.preview', { files: [upload(big)], format: 'auto' })).toEqual({
      ok: false,
      error: { code: 'bad_file', message: outOfMemory, details: { files: ['big-export.csv'], reason: 'out-of-memory' } }
    })
    expect(await dispatch(services, 'imports.columns', { files: [upload(big)] })).toMatchObject({
      ok: false,
      error: { code: 'bad_file', message: outOfMemory }
    })
    const { jobId } = valueOf<{ jobId: string }>(await dispatch(services, 'imports.start', { files: [upload(big)], format: 'auto' }))
    const failed = await until(jobId, (p) => p.phase !== 'reading' && p.phase !== 'checking')
    expect(failed).toMatchObject({ phase: 'failed', message: outOfMemory, error: { code: 'bad_file', message: outOfMemory } })
    expect(JSON.stringify(failed)).not.toMatch(/exit code|ERR_WORKER|heap out of memory/i)

    // The limit is what stopped it: the same small limit reads a small export.
    const small = valueOf<ImportPreviewT>(await dispatch(services, 'imports.preview', { files: [upload(fixture())], format: 'auto' }))
    expect(small.alreadyImported).toBe(true)
    expect(databaseFileHash(ctx)).toBe(before)
  }, 120_000)
})

describe('a worker that hangs', () => {
  /** A stand-in worker that, once asked anything, spins for ever, adding a dot to a file as it goes. */
  function hangingWorker(): { script: string; beats(): number } {
    const heartbeat = join(built.folder, `heartbeat-${Math.random().toString(36).slice(2)}.txt`)
    const script = join(built.folder, `hanging-worker-${Math.random().toString(36).slice(2)}.js`)
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads')
       const { appendFileSync } = require('node:fs')
       parentPort.on('message', () => { for (let i = 0; ; i++) if (i % 2000000 === 0) appendFileSync(${JSON.stringify(heartbeat)}, '.') })`
    )
    return { script, beats: () => (existsSync(heartbeat) ? statSync(heartbeat).size : 0) }
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  async function beating(beats: () => number): Promise<void> {
    for (let i = 0; i < 400 && beats() < 2; i++) await sleep(25)
    expect(beats()).toBeGreaterThanOrEqual(2)
  }
  async function stopped(beats: () => number): Promise<void> {
    await sleep(200)
    const then = beats()
    await sleep(400)
    expect(beats()).toBe(then)
  }

  test('is ended by Cancel: the job is cancelled and the thread stops', async () => {
    ctx = createTestContext()
    const hanging = hangingWorker()
    process.env.CLINIC_RECALL_IMPORT_WORKER = hanging.script
    const { jobId } = startImportJob(ctx, [fixture()], 'auto')
    await beating(hanging.beats)
    expect(cancelImportJob(jobId)).toMatchObject({ cancelled: true })
    expect(importJobProgress(jobId).phase).toBe('cancelled')
    await stopped(hanging.beats)
  }, 60_000)

  test('answering the awaited preview or the column question is ended by the time limit, naming the file', async () => {
    ctx = createTestContext()
    const hanging = hangingWorker()
    process.env.CLINIC_RECALL_IMPORT_WORKER = hanging.script
    const tooLong =
      /^“seed\.csv” could not be read: it took longer than any practice export should \(over 1 second\); it may be damaged or not a real export\. Nothing was imported\.$/

    await expect(previewImportJob(ctx, [fixture()], 'auto', [], 1000)).rejects.toMatchObject({ code: 'bad_file', message: expect.stringMatching(tooLong) })
    await stopped(hanging.beats)
    const beatsBefore = hanging.beats()
    await expect(inspectColumnsInWorker(ctx, [fixture()], [], 1000)).rejects.toMatchObject({ code: 'bad_file', message: expect.stringMatching(tooLong) })
    expect(hanging.beats()).toBeGreaterThan(beatsBefore)
    await stopped(hanging.beats)
  }, 60_000)
})
