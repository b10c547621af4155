// The import worker (worker_threads): reads and checks the export files, then — when the user
// presses Import — writes them, all off the main process's event loop, so the desktop window and
// the browser-mode host stay responsive during a 100k-row import, and a file that makes the reader
// run away ends this thread (it has a heap limit, import-worker-thread.ts), not the app. The
// column-mapping screen's question (which columns a file has) is answered by a worker of its own.
// The parsed import never leaves this thread: the main process only gets the preview and the
// result, so nothing large is copied between threads. Between preview and commit the facts wait in
// a staging file (import-staging.ts) named by the main process, which deletes it when the job ends
// (Cancel ends this thread without asking it).
// It opens its own connection to the practice database (WAL allows the main connection to keep
// reading); the one-transaction commit runs here.
import { parentPort } from 'node:worker_threads'
import { AppError, toErrorShape, type AppErrorShape } from '../../../shared/result'
import type { ServiceContext } from '../../context'
import { openDatabase, openReadOnlyDatabase } from '../../db/connection'
import type { WritableDb } from '../../db/database-access'
import { ImportCancelled, commitParsedImport } from '../commit/commit-import'
import type { StagedImport } from '../stage/import-staging'
import { describeParsedImport, inspectImportFiles, parseAndStageImportFiles, type ParseHooks } from '../import-service'
import type { FromWorker, ToWorker, WorkerColumns, WorkerStart } from './import-worker-messages'
import { isEngineLimit, readerFault, readerStopped } from '../read/reader-stopped'
import { savingFailure } from '../commit/saving-failure'
import { readWorkbooks } from '../read/xlsx-rows'

const port = parentPort
if (!port) throw new Error('import-worker.ts must run in a worker thread')

// Between preview and commit only what the commit needs is kept: not the file bytes, and the facts on disk.
let state: { databasePath: string; db: WritableDb; staged: StagedImport; baseImportId: number; cancel: Int32Array } | null = null

function send(message: FromWorker): void {
  port?.postMessage(message)
}

/** While reading, anything but the reader's own refusal is told plainly (reader-stopped.ts); the log keeps the engine's words. */
function readingFailure(error: unknown, fileNames: readonly string[]): AppErrorShape {
  if (error instanceof AppError) return toErrorShape(error)
  console.error('[clinic-recall] import worker: reading stopped:', error)
  return toErrorShape(isEngineLimit(error) ? readerStopped(fileNames) : readerFault(fileNames))
}

function contextFor(databasePath: string, nowIso: string, user: WorkerStart['user']): Omit<ServiceContext, 'db'> {
  return {
    databasePath,
    documentsFolder: '',
    currentUser: () => user,
    setCurrentUser: () => undefined,
    now: () => new Date(nowIso)
  }
}

async function start(message: WorkerStart): Promise<void> {
  // Workbooks are unzipped and read here, not in the main process: 30,000 rows of .xlsx take
  // seconds, and the window must stay responsive meanwhile.
  const files = await readWorkbooks(message.files, (file) =>
    send({ type: 'progress', phase: 'reading', message: `Reading workbook ${file.name}`, bytesDone: 0, bytesTotal: 0, rowsDone: 0, rowsTotal: 0 })
  )
  if (Atomics.load(new Int32Array(message.cancelFlag), 0) === 1) throw new ImportCancelled()
  const db = openDatabase(message.databasePath)
  try {
    readAndPreview({ ...message, files }, db)
  } catch (error) {
    db.close()
    throw error
  }
}

function readAndPreview(message: WorkerStart, db: WritableDb): void {
  const cancel = new Int32Array(message.cancelFlag)
  const ctx: ServiceContext = { ...contextFor(message.databasePath, message.nowIso, message.user), db }
  const bytesTotal = message.files.reduce((n, f) => n + f.bytes.length, 0)
  let bytesDone = 0
  let rowsDone = 0
  let reading = 'Reading'
  const hooks: ParseHooks = {
    beforeFile: (file, index) => {
      reading = `Reading ${file.name}${message.files.length > 1 ? ` (${index + 1} of ${message.files.length})` : ''}`
      // Until the text is split into rows there is no row count: the bar shows bytes only.
      send({ type: 'progress', phase: 'reading', message: reading, bytesDone, bytesTotal, rowsDone: 0, rowsTotal: 0 })
    },
    rows: (_file, done, total) => {
      // Then one bar per file: rows read of the rows it has.
      send({
        type: 'progress',
        phase: 'reading',
        message: reading,
        bytesDone,
        bytesTotal,
        rowsDone: done,
        rowsTotal: total
      })
    },
    afterFile: (file, rows) => {
      bytesDone += file.bytes.length
      rowsDone += rows
    }
  }
  // The facts go to the staging file as the rows are read (staged-assembly.ts), never all in memory.
  const staged = parseAndStageImportFiles(ctx, message.files, message.format, message.stagingPath, hooks, message.mappings)
  try {
    send({ type: 'progress', phase: 'checking', message: 'Checking against the patients already stored', bytesDone, bytesTotal, rowsDone, rowsTotal: rowsDone })
    const { preview, baseImportId } = describeParsedImport(ctx, message.jobId, staged.parsed, staged.facts)
    state = { databasePath: message.databasePath, db, staged, baseImportId, cancel }
    send({ type: 'preview', preview })
  } catch (error) {
    staged.drop()
    throw error
  }
}

/** The column-mapping screen's answer; the database is only read (saved mappings), so it is opened read-only. */
async function columns(message: WorkerColumns): Promise<void> {
  const files = await readWorkbooks(message.files)
  const { reader, close } = openReadOnlyDatabase(message.databasePath)
  try {
    send({ type: 'columns', files: inspectImportFiles({ ...contextFor(message.databasePath, message.nowIso, null), db: reader }, files, message.mappings) })
  } finally {
    close()
  }
}

function commit(message: { nowIso: string; user: WorkerStart['user'] }): void {
  if (!state) throw new AppError('not_found', 'There is no previewed import to commit in this worker')
  const { db, staged, baseImportId, cancel, databasePath } = state
  const ctx: ServiceContext = { ...contextFor(databasePath, message.nowIso, message.user), db }
  const result = commitParsedImport(
    ctx,
    staged.parsed,
    {
      previewedAfterImportId: baseImportId,
      shouldCancel: () => Atomics.load(cancel, 0) === 1,
      onProgress: (done, total) =>
        send({
          type: 'progress',
          phase: 'committing',
          message: 'Saving to the practice database',
          bytesDone: 0,
          bytesTotal: 0,
          rowsDone: done,
          rowsTotal: total
        })
    },
    staged.facts
  )
  send({ type: 'result', result })
}

async function handle(message: ToWorker): Promise<void> {
  try {
    switch (message.type) {
      case 'start':
        await start(message)
        return
      case 'columns':
        await columns(message)
        return
      case 'commit':
        commit(message)
        return
      default: {
        const never: never = message
        throw new Error(`unexpected message ${JSON.stringify(never)}`)
      }
    }
  } catch (error) {
    if (error instanceof ImportCancelled) send({ type: 'cancelled' })
    else
      send({
        type: 'error',
        error:
          message.type === 'commit'
            ? savingFailure(error)
            : readingFailure(
                error,
                message.files.map((f) => f.name)
              )
      })
  } finally {
    // One import per worker: after the result (or any failure) the connection closes and the main
    // process ends the thread.
    if (message.type === 'commit' || state === null) {
      state?.staged.drop()
      state?.db.close()
      state = null
    }
  }
}

port.on('message', (message: ToWorker) => void handle(message))
