// When reading an export stops on something that is not the reader's own refusal (those are
// AppErrors that name the problem): the engine's limits (a RangeError: a string or array too long
// to hold, a stack too deep) or a fault of ours. The user is told plainly that the file could not
// be read; the engine's words go to the log, not to a receptionist.
import { AppError } from '../../../shared/result'
import { quotedFileNames } from '../jobs/import-worker-thread'

export function readerStopped(fileNames: readonly string[]): AppError {
  const it = fileNames.length > 1 ? 'they' : 'it'
  return new AppError(
    'bad_file',
    `${quotedFileNames(fileNames)} could not be read: the reader stopped on something no practice export contains; ${it} may be damaged or not a real export. Nothing was imported.`,
    { files: [...fileNames], reason: 'reader-stopped' }
  )
}

/** A RangeError is the engine refusing to go on (too long, too deep): the file's doing, not the database's. */
export function isEngineLimit(error: unknown): error is RangeError {
  return error instanceof RangeError
}

/** Any other unexpected failure while reading is a fault of ours, said as such (the log has the detail). */
export function readerFault(fileNames: readonly string[]): AppError {
  return new AppError(
    'internal',
    `${quotedFileNames(fileNames)} could not be read because of a fault in Clinic Recall, not in the file; nothing was imported. Please report it.`,
    { files: [...fileNames], reason: 'reader-fault' }
  )
}
