// What to tell the user when writing an import fails for a reason that is not the importer's own
// refusal (those are AppErrors with their own words): the import's one transaction was rolled back,
// so nothing was written, and then the cause in plain words (unexpected-failure.ts); the engine's
// own words go to the log.
import { AppError, toErrorShape, type AppErrorShape } from '../../../shared/result'
import { unexpectedFailure } from '../../unexpected-failure'

export function savingFailure(error: unknown): AppErrorShape {
  if (error instanceof AppError) return toErrorShape(error)
  console.error('[clinic-recall] saving an import failed:', error)
  const cause = unexpectedFailure(error)
  return { ...cause, message: `The import was not saved: nothing was imported and the database is as it was. ${cause.message}` }
}
