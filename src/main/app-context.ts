// Builds the ServiceContext for a running front end: opens (and migrates) the practice database
// and keeps the acting staff member for this launch.
import { openDatabase } from './db/connection'
import { documentsFolderFor } from './data-location'
import type { ServiceContext } from './context'
import type { UserT } from '../shared/contract'

export function createAppContext(options: { databasePath: string; user?: UserT | null; documentsFolder?: string }): ServiceContext {
  const db = openDatabase(options.databasePath)
  let user: UserT | null = options.user ?? null
  return {
    db,
    databasePath: options.databasePath,
    documentsFolder: options.documentsFolder ?? documentsFolderFor(options.databasePath),
    currentUser: () => user,
    setCurrentUser: (next) => {
      user = next
    },
    now: () => new Date()
  }
}
