// Imports started from the UI run as jobs: the files (workbooks too) are read and checked in a worker thread
// (import-worker.ts), the renderer polls `imports.progress` for the phase, the bytes/rows done and,
// when ready, the preview; `imports.commit` with the job id writes it (also in the worker) and
// `imports.cancel` stops it at any point with the database left as it was:
//   - before the commit nothing has been written, so the worker is simply ended and its staging
//     file (the parsed facts waiting for Import, import-staging.ts) deleted;
//   - during the commit a shared flag makes the transaction throw, and SQLite rolls it back.
// The worker has a heap limit (import-worker-thread.ts): a file that makes it run away, or a worker
// that dies for any reason, ends the job as a plain failure naming the files; a worker that hangs
// is ended by Cancel. `imports.preview` is such a job too, awaited until its preview is ready.
// Where no built worker script exists (unit tests run the TypeScript sources) or the database is
// in memory, the same job runs in this thread instead, one event-loop turn later.
import { randomUUID } from 'node:crypto'
import type { Worker } from 'node:worker_threads'
import type { ImportPreviewT, ImportProgressT, ImportResultT } from '../../../shared/contract'
import { AppError, fromErrorShape, toErrorShape, type AppErrorShape } from '../../../shared/result'
import type { ServiceContext } from '../../context'
import { ImportCancelled } from '../commit/commit-import'
import {
  commitImport,
  discardPreview,
  hasPreview,
  previewImport,
  type GivenColumnMapping,
  type ImportFileBytes,
  type ImportFormatChoiceT
} from '../import-service'
import type { FromWorker, ToWorker } from './import-worker-messages'
import { awaitedReadTimeLimitMs, importWorkerScript, readTookTooLong, startImportWorker, workerDeath } from './import-worker-thread'
import { rejectsCsvDownload } from '../commit/rejects-csv'
import { readWorkbooks } from '../read/xlsx-rows'
import { dropStagingFile, stagingPathFor } from '../stage/import-staging'

export { importWorkerScript } from './import-worker-thread'

interface Job {
  id: string
  databasePath: string
  fileNames: string[]
  progress: ImportProgressT
  cancelFlag: Int32Array
  worker: Worker | null
  /** The worker's staging file: deleted here when the job ends, however it ends. */
  stagingPath: string | null
  /** In-thread jobs: the preview id in import-service's store. */
  inThreadPreviewId: string | null
  waiting: { resolve(result: ImportResultT): void; reject(error: unknown): void } | null
  /** imports.preview: the caller waiting for the preview (the UI polls imports.progress instead). */
  previewWaiting: { resolve(preview: ImportPreviewT): void; reject(error: unknown): void } | null
}

/** Finished jobs stay answerable to imports.progress for a while; beyond this many the oldest go. */
const maxJobsKept = 20
const jobs = new Map<string, Job>()

function emptyProgress(jobId: string, bytesTotal: number): ImportProgressT {
  return {
    jobId,
    phase: 'reading',
    message: 'Starting',
    bytesDone: 0,
    bytesTotal,
    rowsDone: 0,
    rowsTotal: 0,
    preview: null,
    result: null,
    error: null
  }
}

/**
 * A preview waiting for Import holds its worker and the whole parsed import in memory, and a job
 * still reading may grow to its worker's heap limit (import-worker-thread.ts); one left behind (the
 * user chose other files, or closed the screen) is ended when newer ones pile up, so however many a
 * caller starts, no more than this many jobs hold a worker at once (one saving can only be waited
 * for).
 */
const maxLiveJobs = 2

const beforeCommit: readonly ImportProgressT['phase'][] = ['reading', 'checking', 'ready']

function remember(job: Job): void {
  const live = [...jobs.values()].filter((j) => beforeCommit.includes(j.progress.phase) || j.progress.phase === 'committing')
  const replaceable = live.filter((j) => j.progress.phase !== 'committing')
  // Room is made for the job just started.
  for (const old of replaceable.slice(0, Math.max(0, live.length - (maxLiveJobs - 1)))) {
    old.progress = { ...old.progress, phase: 'cancelled', message: 'This preview was replaced by a newer one; nothing was imported.', preview: null }
    old.previewWaiting?.reject(new AppError('cancelled', 'This preview was replaced by a newer one; nothing was imported.'))
    old.previewWaiting = null
    endWorker(old)
  }
  jobs.set(job.id, job)
  for (const [id, old] of jobs) {
    if (jobs.size <= maxJobsKept) break
    if (old.worker) continue // still reading or writing
    jobs.delete(id)
  }
}

/** Ends the job's worker (if any), then deletes its staging file once the thread has let go of it. */
function endWorker(job: Job): void {
  if (job.inThreadPreviewId) discardPreview(job.inThreadPreviewId)
  const worker = job.worker
  const stagingPath = job.stagingPath
  job.worker = null
  job.stagingPath = null
  const ended = worker ? worker.terminate() : Promise.resolve(0)
  if (stagingPath)
    void ended.then(
      () => dropStagingFile(stagingPath),
      () => dropStagingFile(stagingPath)
    )
}

function errorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return toErrorShape(error)
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

function fail(job: Job, error: AppErrorShape): void {
  job.progress = { ...job.progress, phase: 'failed', message: error.message, error: { code: error.code, message: error.message } }
  job.waiting?.reject(fromErrorShape(error))
  job.waiting = null
  job.previewWaiting?.reject(fromErrorShape(error))
  job.previewWaiting = null
  endWorker(job)
}

function cancelled(job: Job): void {
  job.progress = { ...job.progress, phase: 'cancelled', message: 'Cancelled: nothing was imported and the database is as it was.' }
  job.waiting?.reject(new AppError('cancelled', 'The import was cancelled; nothing was changed.'))
  job.waiting = null
  job.previewWaiting?.reject(new AppError('cancelled', 'The import was cancelled; nothing was changed.'))
  job.previewWaiting = null
  endWorker(job)
}

export function startImportJob(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  mappings: readonly GivenColumnMapping[] = []
): { jobId: string } {
  if (files.length === 0) throw new AppError('invalid_input', 'Choose at least one export file to import')
  const jobId = randomUUID()
  const bytesTotal = files.reduce((n, f) => n + f.bytes.length, 0)
  const job: Job = {
    id: jobId,
    databasePath: ctx.databasePath,
    fileNames: files.map((f) => f.name),
    progress: emptyProgress(jobId, bytesTotal),
    cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
    worker: null,
    stagingPath: null,
    inThreadPreviewId: null,
    waiting: null,
    previewWaiting: null
  }
  remember(job)
  const script = ctx.databasePath === ':memory:' ? null : importWorkerScript()
  if (script) startWorker(ctx, job, script, files, format, mappings)
  else setImmediate(() => void previewInThread(ctx, job, files, format, mappings))
  return { jobId }
}

function startWorker(
  ctx: ServiceContext,
  job: Job,
  script: string,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  mappings: readonly GivenColumnMapping[]
): void {
  const worker = startImportWorker(script)
  job.worker = worker
  job.stagingPath = stagingPathFor(ctx.databasePath)
  // Only a worker still in use can die unexpectedly: one ended by Cancel, a replacement or its
  // result has already been let go (job.worker is no longer it). One holding a ready preview takes
  // the preview with it, so that job fails too rather than waiting for ever on Import.
  const died = (cause: { error?: unknown; exitCode?: number }) => {
    if (job.worker !== worker || !['reading', 'checking', 'ready', 'committing'].includes(job.progress.phase)) return
    if (cause.error !== undefined) console.error('[clinic-recall] import worker ended:', cause.error)
    fail(job, workerDeath(job.fileNames, job.progress.phase === 'committing' ? 'saving' : 'reading', cause))
  }
  worker.on('message', (message: FromWorker) => onWorkerMessage(job, message))
  worker.on('error', (error) => died({ error }))
  worker.on('exit', (exitCode) => died({ exitCode }))
  // Each file gets its own copy of the bytes, handed over (transferred) rather than cloned.
  // Workbooks are read in the worker (xlsx-rows.ts); rows already read (`table`) travel with the file.
  const owned = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes), ...(f.table ? { table: f.table } : {}) }))
  const start: ToWorker = {
    type: 'start',
    jobId: job.id,
    databasePath: ctx.databasePath,
    files: owned,
    format,
    mappings: [...mappings],
    nowIso: ctx.now().toISOString(),
    user: ctx.currentUser(),
    cancelFlag: job.cancelFlag.buffer as SharedArrayBuffer,
    stagingPath: job.stagingPath
  }
  worker.postMessage(
    start,
    owned.map((f) => f.bytes.buffer as ArrayBuffer)
  )
}

function onWorkerMessage(job: Job, message: FromWorker): void {
  switch (message.type) {
    case 'progress': {
      if (job.progress.phase === 'cancelled') return
      const { phase, message: text, bytesDone, bytesTotal, rowsDone, rowsTotal } = message
      // A cancel during the commit keeps its "Cancelling…" line until the worker confirms.
      const shown = Atomics.load(job.cancelFlag, 0) === 1 ? job.progress.message : text
      job.progress = { ...job.progress, phase, message: shown, bytesDone, bytesTotal: bytesTotal || job.progress.bytesTotal, rowsDone, rowsTotal }
      return
    }
    case 'preview':
      job.progress = { ...job.progress, phase: 'ready', message: 'Ready to import', preview: message.preview, bytesDone: job.progress.bytesTotal }
      job.previewWaiting?.resolve(message.preview)
      job.previewWaiting = null
      return
    case 'result':
      job.progress = { ...job.progress, phase: 'done', message: 'Imported', result: message.result, rowsDone: job.progress.rowsTotal }
      job.waiting?.resolve(message.result)
      job.waiting = null
      endWorker(job)
      return
    case 'cancelled':
      cancelled(job)
      return
    case 'error':
      fail(job, message.error)
      return
    case 'columns':
      fail(job, { code: 'internal', message: 'The import worker answered a question it was not asked; nothing was imported.' })
      return
    default: {
      const never: never = message
      throw new Error(`unexpected worker message ${JSON.stringify(never)}`)
    }
  }
}

async function previewInThread(
  ctx: ServiceContext,
  job: Job,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  mappings: readonly GivenColumnMapping[]
): Promise<void> {
  const cancelledMeanwhile = () => job.progress.phase === 'cancelled'
  if (cancelledMeanwhile()) return
  try {
    const read = await readWorkbooks(files, (file) => {
      job.progress = { ...job.progress, message: `Reading workbook ${file.name}` }
    })
    if (cancelledMeanwhile()) return
    const preview: ImportPreviewT = previewImport(ctx, read, format, mappings)
    job.inThreadPreviewId = preview.previewId
    const shown = { ...preview, previewId: job.id }
    job.progress = { ...job.progress, phase: 'ready', message: 'Ready to import', preview: shown, bytesDone: job.progress.bytesTotal }
    job.previewWaiting?.resolve(shown)
    job.previewWaiting = null
  } catch (error) {
    fail(job, errorShape(error))
  }
}

/**
 * imports.preview: the same job, awaited until its preview is ready (its previewId is the job id, so
 * imports.commit and imports.rejectsCsv find it). There is no Cancel button on this path, so a read
 * that runs past `timeLimitMs` is ended and fails, naming the files.
 */
export function previewImportJob(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  mappings: readonly GivenColumnMapping[] = [],
  timeLimitMs = awaitedReadTimeLimitMs
): Promise<ImportPreviewT> {
  const { jobId } = startImportJob(ctx, files, format, mappings)
  const job = jobs.get(jobId)
  if (!job) return Promise.reject(new AppError('internal', 'The import preview could not be started; nothing was imported.'))
  return new Promise<ImportPreviewT>((resolve, reject) => {
    // Neither path can be ready before this line: the worker answers and the in-thread job starts
    // on a later event-loop turn.
    const timer = setTimeout(() => {
      if (beforeCommit.includes(job.progress.phase) && job.progress.phase !== 'ready') fail(job, readTookTooLong(job.fileNames, timeLimitMs))
    }, timeLimitMs)
    timer.unref()
    job.previewWaiting = {
      resolve: (preview) => {
        clearTimeout(timer)
        resolve(preview)
      },
      reject: (error) => {
        clearTimeout(timer)
        reject(error)
      }
    }
  })
}

export function importJobProgress(jobId: string): ImportProgressT {
  const job = jobs.get(jobId)
  if (!job) throw new AppError('not_found', 'This import is no longer running; choose the file(s) again')
  return job.progress
}

/** True when this id names a background import job (rather than an in-thread preview). */
export function isImportJob(id: string): boolean {
  return jobs.has(id)
}

export function commitImportJob(ctx: ServiceContext, jobId: string): Promise<ImportResultT> {
  const job = jobs.get(jobId)
  if (!job || job.databasePath !== ctx.databasePath) {
    return Promise.reject(new AppError('not_found', 'This import preview has expired or was already committed; choose the file(s) again to preview them'))
  }
  if (job.progress.phase !== 'ready') {
    const why = job.progress.phase === 'done' ? 'it was already imported' : `it is ${job.progress.phase}`
    return Promise.reject(new AppError('conflict', `This import cannot be saved now: ${why}.`))
  }
  job.progress = { ...job.progress, phase: 'committing', message: 'Saving to the practice database', rowsDone: 0, rowsTotal: 0 }
  if (job.worker) {
    const worker = job.worker
    return new Promise<ImportResultT>((resolve, reject) => {
      job.waiting = { resolve, reject }
      worker.postMessage({ type: 'commit', nowIso: ctx.now().toISOString(), user: ctx.currentUser() } satisfies ToWorker)
    })
  }
  try {
    const previewId = job.inThreadPreviewId
    if (!previewId || !hasPreview(ctx, previewId)) throw new AppError('not_found', 'This import preview has expired; choose the file(s) again')
    const result = commitImport(ctx, previewId, { shouldCancel: () => Atomics.load(job.cancelFlag, 0) === 1 })
    job.progress = { ...job.progress, phase: 'done', message: 'Imported', result }
    return Promise.resolve(result)
  } catch (error) {
    if (error instanceof ImportCancelled) {
      cancelled(job)
      return Promise.reject(new AppError('conflict', error.message))
    }
    // A failed commit leaves the preview in place: the user may fix the cause and press Import again.
    job.progress = { ...job.progress, phase: 'ready', message: 'Ready to import' }
    return Promise.reject(error)
  }
}

export function cancelImportJob(jobId: string): { cancelled: boolean; message: string } {
  const job = jobs.get(jobId)
  if (!job) return { cancelled: false, message: 'This import is no longer running.' }
  switch (job.progress.phase) {
    case 'done':
      return { cancelled: false, message: 'This import had already finished; use a backup in Import history to undo it.' }
    case 'failed':
    case 'cancelled':
      return { cancelled: false, message: 'This import had already stopped; nothing was imported.' }
    case 'committing':
      // The worker's transaction sees the flag within a couple of thousand rows and rolls back;
      // the job becomes "cancelled" when it says so.
      Atomics.store(job.cancelFlag, 0, 1)
      job.progress = { ...job.progress, message: 'Cancelling: undoing the changes…' }
      return { cancelled: true, message: 'Cancelling: the changes are being undone.' }
    case 'reading':
    case 'checking':
    case 'ready':
      Atomics.store(job.cancelFlag, 0, 1)
      cancelled(job)
      return { cancelled: true, message: 'Cancelled: nothing was imported.' }
    default: {
      const never: never = job.progress.phase
      throw new Error(`unknown phase ${String(never)}`)
    }
  }
}

/** The rejects CSV of a job's preview (the preview carries every rejected and conflicting row). */
export function rejectsCsvOfJob(jobId: string) {
  const preview = jobs.get(jobId)?.progress.preview
  if (!preview) throw new AppError('not_found', 'This import preview has expired; choose the file(s) again to preview them')
  return rejectsCsvDownload('preview', preview.rejected, preview.conflicts)
}
