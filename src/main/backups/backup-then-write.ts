// A "before" backup must be a copy of exactly the database the change that follows starts from.
// SQLite cannot VACUUM INTO inside a transaction, so the copy is taken just before the write
// transaction begins, and between the two another connection (a second window's import, the
// command line) may commit. PRAGMA data_version changes on this connection exactly when another
// connection has committed, so: read it, take the backup, BEGIN IMMEDIATE (the write lock: from
// here nobody else can commit), and read it again. Unchanged: the copy is the starting point.
// Changed: roll back, throw the copy away and take a new one, a few times, then give up plainly.
import { AppError } from '../../shared/result'
import type { WritableDb } from '../db/database-access'

const attempts = 3

class DatabaseMovedOn extends Error {}

function dataVersion(db: WritableDb): number {
  return db.pragma('data_version', { simple: true }) as number
}

export function backupThenWrite<T>(
  db: WritableDb,
  steps: {
    /** Takes the backup; null when none is taken (nothing to check then). */
    take(): string | null
    /** Removes the backup again: the write did not happen, so the copy equals the live file. */
    discard(backupFile: string | null): void
    write(backupFile: string | null): T
  }
): T {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const versionBefore = dataVersion(db)
    const backupFile = steps.take()
    try {
      return db
        .transaction(() => {
          if (backupFile !== null && dataVersion(db) !== versionBefore) throw new DatabaseMovedOn()
          return steps.write(backupFile)
        })
        .immediate()
    } catch (error) {
      steps.discard(backupFile)
      if (!(error instanceof DatabaseMovedOn)) throw error
    }
  }
  throw new AppError(
    'conflict',
    'The practice database kept changing while the backup before this import was being taken (another window or the command line was saving at the same time). ' +
      'Nothing was imported: try again in a moment.'
  )
}
