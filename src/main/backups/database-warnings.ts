// What a front end should tell the user about the database itself, not about any one step: it is on
// a network drive, today's daily backup could not be taken, or recorded documents have gone missing
// or been changed (found by the documents check when the database was opened). Shown by the CLI on stderr, in
// session.get (`warnings`) and as a banner in the app.
import { documentsFolderWarnings } from '../documents/repair-documents'
import { databaseLocationWarnings } from './network-drive'

const dailyBackupProblems = new Map<string, string>()

export function noteDailyBackupFailed(databasePath: string, message: string): void {
  dailyBackupProblems.set(databasePath, `Today's automatic backup could not be taken: ${message}`)
}

export function databaseWarnings(databasePath: string): string[] {
  const problem = dailyBackupProblems.get(databasePath)
  return [...databaseLocationWarnings(databasePath), ...(problem ? [problem] : []), ...documentsFolderWarnings(databasePath)]
}
