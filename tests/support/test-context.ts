// A real SQLite file in a fresh temporary folder, migrated, with a fixed clock and a known user:
// integration tests run the real services against it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/connection'
import type { ServiceContext } from '../../src/main/context'
import type { UserT } from '../../src/shared/contract'

export interface TestContext extends ServiceContext {
  folder: string
  cleanup(): void
}

/**
 * A service context over a database a test opened itself (an older schema migrated forward, say):
 * the same fixed clock as createTestContext, and nobody signed in unless `user` is given.
 */
export function contextOver(db: ServiceContext['db'], at: { databasePath: string; folder: string; user?: UserT }): ServiceContext {
  let user: UserT | null = at.user ?? null
  return {
    db,
    databasePath: at.databasePath,
    documentsFolder: join(at.folder, 'documents'),
    currentUser: () => user,
    setCurrentUser: (u) => {
      user = u
    },
    now: () => new Date('2026-11-22T10:00:00Z')
  }
}

export function createTestContext(options: { now?: string; user?: UserT } = {}): TestContext {
  const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-test-'))
  const databasePath = join(folder, 'practice.sqlite')
  const db = openDatabase(databasePath)
  let user: UserT | null = options.user ?? { name: 'Test Pharmacist', role: 'clinician' }
  const fixedNow = new Date(options.now ?? '2026-11-22T10:00:00Z')
  return {
    db,
    databasePath,
    documentsFolder: join(folder, 'documents'),
    folder,
    currentUser: () => user,
    setCurrentUser: (u) => {
      user = u
    },
    now: () => fixedNow,
    cleanup: () => {
      db.close()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}
