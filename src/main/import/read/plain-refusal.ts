// The last line of defence on the way from a file to the user: whatever goes wrong while a file is
// read, the practice gets a plain sentence naming the file, never a JavaScript message such as
// "Invalid string length" or "Maximum call stack size exceeded". The original error is logged for
// whoever maintains the app.
import { AppError } from '../../../shared/result'
import { badFile } from './bad-file'
import { ImportCancelled } from '../commit/commit-import'

const tooBig = /invalid string length|invalid array length|string longer than|allocation failed|out of memory|maximum call stack/i

/** `error` as an AppError naming the file (a cancelled import stays a cancellation). */
export function plainRefusal(fileNames: string, error: unknown): unknown {
  if (error instanceof AppError || error instanceof ImportCancelled) return error
  console.error(`[clinic-recall] reading ${fileNames} failed:`, error)
  const message = error instanceof Error ? error.message : String(error)
  return badFile(
    fileNames,
    tooBig.test(message)
      ? 'is too large or too unusual to read in one go (it has more, or longer, rows and cells than this computer can hold at once); export the report again with fewer columns, or split it into smaller files and import them together'
      : 'could not be read: it may be damaged or not a report export; open it in Excel to check it looks like a list of patients, then export the report again'
  )
}

/** Runs `read`, turning any unexpected error into a plain refusal naming the file. */
export function readingFile<T>(fileName: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    throw plainRefusal(fileName, error)
  }
}
