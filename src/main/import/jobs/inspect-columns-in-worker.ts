// imports.columns (the column-mapping screen: each file's columns and sample values) reads the whole
// file, so it runs in an import worker thread of its own (import-worker.ts, with the same heap
// limit as an import) that is ended once it answers: a hostile file ends that thread, never the
// process that owns the window and the database. One question at a time: a newer one (other
// files chosen) ends the older worker. There is no Cancel button here, so a read that runs past
// the time limit is ended too. Without a built worker script (unit tests run the TypeScript
// sources) or with an in-memory database, the files are read in this thread instead.
import type { Worker } from 'node:worker_threads'
import type { ImportFileColumnsT } from '../../../shared/contract'
import { AppError, fromErrorShape } from '../../../shared/result'
import type { ServiceContext } from '../../context'
import { inspectImportFiles, type GivenColumnMapping, type ImportFileBytes } from '../import-service'
import type { FromWorker, ToWorker } from './import-worker-messages'
import { awaitedReadTimeLimitMs, importWorkerScript, readTookTooLong, startImportWorker, workerDeath } from './import-worker-thread'
import { readWorkbooks } from '../read/xlsx-rows'

let current: { worker: Worker; replaced(): void } | null = null

export async function inspectColumnsInWorker(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  mappings: readonly GivenColumnMapping[] = [],
  timeLimitMs = awaitedReadTimeLimitMs
): Promise<ImportFileColumnsT[]> {
  const script = ctx.databasePath === ':memory:' ? null : importWorkerScript()
  if (!script) return inspectImportFiles(ctx, await readWorkbooks(files), mappings)
  current?.replaced()
  const fileNames = files.map((f) => f.name)
  const worker = startImportWorker(script)
  return new Promise<ImportFileColumnsT[]>((resolve, reject) => {
    let settled = false
    const settle = (answer: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (current?.worker === worker) current = null
      void worker.terminate()
      answer()
    }
    const timer = setTimeout(() => settle(() => reject(fromErrorShape(readTookTooLong(fileNames, timeLimitMs)))), timeLimitMs)
    timer.unref()
    current = {
      worker,
      replaced: () => settle(() => reject(new AppError('cancelled', 'Other files were chosen meanwhile; these columns are no longer needed.')))
    }
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'columns') settle(() => resolve(message.files))
      else if (message.type === 'error') settle(() => reject(fromErrorShape(message.error)))
      // Progress lines are for import jobs; this question has no bar.
    })
    worker.on('error', (error) => {
      console.error('[clinic-recall] import worker (columns) ended:', error)
      settle(() => reject(fromErrorShape(workerDeath(fileNames, 'reading', { error }))))
    })
    worker.on('exit', (exitCode) => settle(() => reject(fromErrorShape(workerDeath(fileNames, 'reading', { exitCode })))))
    // Each file gets its own copy of the bytes, handed over (transferred) rather than cloned.
    const owned = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes), ...(f.table ? { table: f.table } : {}) }))
    const question: ToWorker = { type: 'columns', databasePath: ctx.databasePath, files: owned, mappings: [...mappings], nowIso: ctx.now().toISOString() }
    worker.postMessage(
      question,
      owned.map((f) => f.bytes.buffer as ArrayBuffer)
    )
  })
}
