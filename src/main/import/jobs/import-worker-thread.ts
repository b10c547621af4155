// Starting the import worker thread (import-worker.ts) and what its end means to the user. Every
// read of an export file made for the desktop window or the browser-mode host happens in such a
// thread, with a heap limit: whatever a file makes the reader do, it is that thread that runs out
// of memory and ends, not the process that owns the window and the database connection. Its death
// is then told as a plain failure naming the files, never as an exit code.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { AppErrorShape } from '../../../shared/result'

/** The built worker next to the bundle (out/main/import-worker.js); CLINIC_RECALL_IMPORT_WORKER overrides. */
export function importWorkerScript(): string | null {
  const override = process.env.CLINIC_RECALL_IMPORT_WORKER
  if (override) return existsSync(override) ? override : null
  if (typeof __dirname !== 'string') return null
  for (const candidate of [join(__dirname, 'import-worker.js'), join(__dirname, '..', 'import-worker.js')]) {
    if (existsSync(candidate)) return candidate
  }
  return null
}

/**
 * The worker's old-generation heap limit. Measured with the built worker (read, check and commit,
 * as the app runs an import): the synthetic EMIS export of 300,000 rows completes with a 300 MB
 * limit and runs out at 250 MB; a 100,000-row workbook read with exceljs needs between 600 MB and
 * 1,024 MB. So 1,024 MB is over three times what the largest PCN export as CSV needs. It is not
 * higher because Electron builds V8 with pointer compression, where the isolates of one process
 * (the main one and each worker) can share a single 4 GB heap cage: the import jobs and the column question together run at
 * most three workers (import-jobs.ts, inspect-columns-in-worker.ts), and three at this limit still
 * leave the main isolate room. CLINIC_RECALL_IMPORT_WORKER_HEAP_MB overrides it (tests use a tiny
 * limit to see a worker die).
 */
export const workerHeapLimitMb = 1024

function heapLimitMb(): number {
  const override = Number(process.env.CLINIC_RECALL_IMPORT_WORKER_HEAP_MB)
  return Number.isInteger(override) && override > 0 ? override : workerHeapLimitMb
}

export function startImportWorker(script: string): Worker {
  return new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb() } })
}

/** “a.csv”, or “a.csv” and “b.csv”, or “a.csv”, “b.csv” and “c.csv”. */
export function quotedFileNames(names: readonly string[]): string {
  const quoted = names.map((n) => `“${n}”`)
  return quoted.length <= 1 ? (quoted[0] ?? 'The file') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}

function isOutOfMemory(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
}

/**
 * The failure to show when the worker ended without answering: it hit its heap limit (the 'error'
 * event's ERR_WORKER_OUT_OF_MEMORY), threw outside any handler, or exited. While reading, the file
 * is the cause; while saving, the transaction died with the thread's connection, so nothing was
 * written.
 */
export function workerDeath(fileNames: readonly string[], during: 'reading' | 'saving', cause: { error?: unknown; exitCode?: number }): AppErrorShape {
  const names = quotedFileNames(fileNames)
  const outOfMemory = isOutOfMemory(cause.error)
  const details = {
    files: [...fileNames],
    reason: outOfMemory ? 'out-of-memory' : 'worker-stopped',
    ...(cause.exitCode === undefined ? {} : { exitCode: cause.exitCode })
  }
  const it = fileNames.length > 1 ? 'they' : 'it'
  if (during === 'saving') {
    const why = outOfMemory ? 'needed more memory than any practice export should' : 'stopped unexpectedly'
    return { code: 'internal', message: `Saving ${names} ${why}: nothing was imported and the database is as it was.`, details }
  }
  const why = outOfMemory ? `${it} ${fileNames.length > 1 ? 'need' : 'needs'} more memory than any practice export should` : 'reading stopped unexpectedly'
  return { code: 'bad_file', message: `${names} could not be read: ${why}; ${it} may be damaged or not a real export. Nothing was imported.`, details }
}

/** When a read someone is waiting on (no Cancel button) has taken longer than any real export takes. */
export function readTookTooLong(fileNames: readonly string[], limitMs: number): AppErrorShape {
  const it = fileNames.length > 1 ? 'they' : 'it'
  const [count, unit] = limitMs >= 60_000 ? [Math.round(limitMs / 60_000), 'minute'] : [Math.max(1, Math.round(limitMs / 1000)), 'second']
  const limit = `${count} ${unit}${count === 1 ? '' : 's'}`
  return {
    code: 'bad_file',
    message: `${quotedFileNames(fileNames)} could not be read: ${it} took longer than any practice export should (over ${limit}); ${it} may be damaged or not a real export. Nothing was imported.`,
    details: { files: [...fileNames], reason: 'time-limit' }
  }
}

/** Reads someone waits on without a Cancel button (imports.columns, imports.preview) end after this. */
export const awaitedReadTimeLimitMs = 5 * 60_000
