// What the main process and the import worker (import-worker.ts) say to each other. Plain data
// only: these cross a worker_threads boundary by structured clone.
import type { AppErrorShape } from '../../../shared/result'
import type { ImportFileColumnsT, ImportPreviewT, ImportResultT, UserT } from '../../../shared/contract'
import type { GivenColumnMapping, ImportFormatChoiceT } from '../import-service'
import type { ExportTable } from '../read/export-table'

export interface WorkerStart {
  type: 'start'
  jobId: string
  databasePath: string
  /** `table`: rows already read (a caller may pass them); otherwise workbooks are read in the worker. */
  files: { name: string; bytes: Uint8Array; table?: ExportTable }[]
  format: ImportFormatChoiceT
  /** Column mappings given with this import (the mapping screen), as for imports.preview. */
  mappings: GivenColumnMapping[]
  /** The clock and the acting user, from the main process (the worker has neither). */
  nowIso: string
  user: UserT | null
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the user presses Cancel. */
  cancelFlag: SharedArrayBuffer
  /** Where the worker stages the parsed facts (import-staging.ts); the main process deletes the file when the job ends. */
  stagingPath: string
}

export interface WorkerCommit {
  type: 'commit'
  nowIso: string
  user: UserT | null
}

/** The column-mapping screen's question: each file's columns (a worker of its own, ended after the answer). */
export interface WorkerColumns {
  type: 'columns'
  /** Opened read-only in the worker, for the saved column mappings. */
  databasePath: string
  files: { name: string; bytes: Uint8Array; table?: ExportTable }[]
  mappings: GivenColumnMapping[]
  nowIso: string
}

export type ToWorker = WorkerStart | WorkerCommit | WorkerColumns

export interface WorkerProgress {
  type: 'progress'
  phase: 'reading' | 'checking' | 'committing'
  message: string
  bytesDone: number
  bytesTotal: number
  rowsDone: number
  rowsTotal: number
}

export type FromWorker =
  | WorkerProgress
  | { type: 'preview'; preview: ImportPreviewT }
  | { type: 'result'; result: ImportResultT }
  | { type: 'columns'; files: ImportFileColumnsT[] }
  | { type: 'cancelled' }
  | { type: 'error'; error: AppErrorShape }
