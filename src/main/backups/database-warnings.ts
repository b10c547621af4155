// What a front end should tell the user about the database itself, not about any one step: it is on
// a network drive, or today's daily backup could not be taken. Shown by the CLI on stderr, in
// session.get (`warnings`) and as a banner in the app.
import { databaseLocationWarnings } from './network-drive'

const dailyBackupProblems = new Map<string, string>()

export function noteDailyBackupFailed(databasePath: string, message: string): void {
  dailyBackupProblems.set(databasePath, `Today's automatic backup could not be taken: ${message}`)
}

export function databaseWarnings(databasePath: string): string[] {
  const problem = dailyBackupProblems.get(databasePath)
  return [...databaseLocationWarnings(databasePath), ...(problem ? [problem] : [])]
}
