// Builds the ServiceContext for a running front end: opens (and checks and migrates) the practice
// database, takes the day's first backup when asked, and keeps the acting staff member for this
// launch.
import { openDatabase } from './db/connection'
import { documentsFolderFor } from './data-location'
import type { ServiceContext } from './context'
import type { UserT } from '../shared/contract'
import { AppError } from '../shared/result'
import { takeDailyBackupIfDue } from './backups/daily-backup'
import { noteDailyBackupFailed } from './backups/database-warnings'
import { repairDocumentsFolder } from './documents/repair-documents'

export function createAppContext(options: {
  databasePath: string
  user?: UserT | null
  documentsFolder?: string
  /**
   * Take today's daily backup if there is none yet. The desktop app, browser mode and the CLI ask
   * for it (the CLI only for a command that opens the database); benchmarks, worker threads and
   * tests do not.
   */
  dailyBackup?: boolean
}): ServiceContext {
  const db = openDatabase(options.databasePath)
  let user: UserT | null = options.user ?? null
  const now = () => new Date()
  if (options.dailyBackup) {
    try {
      takeDailyBackupIfDue(db, options.databasePath, now())
    } catch (error) {
      // A missed backup must not stop the clinic's work; it is shown as a warning instead.
      noteDailyBackupFailed(options.databasePath, error instanceof AppError ? error.message : 'the copy could not be written.')
    }
  }
  const ctx: ServiceContext = {
    db,
    databasePath: options.databasePath,
    documentsFolder: options.documentsFolder ?? documentsFolderFor(options.databasePath),
    currentUser: () => user,
    setCurrentUser: (next) => {
      user = next
    },
    now
  }
  // Documents left half-placed by a crash are tidied before any front end lists or opens one.
  try {
    repairDocumentsFolder(ctx)
  } catch (error) {
    db.close()
    throw error
  }
  return ctx
}
