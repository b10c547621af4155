// A practice database as it stood at an older schema version: a real SQLite file in a fresh
// temporary folder, brought there by the app's own runner (migrate with upTo), so a migration's test
// starts from exactly what a practice had before it. Foreign keys are on, as openDatabase sets them,
// because the app applies every migration on such a connection.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { migrate, schemaVersion } from '../../src/main/db/migrations'

export interface DatabaseAtVersion {
  db: Database.Database
  path: string
  folder: string
  /** Closes the connection (if still open) and removes the folder. */
  cleanup(): void
}

/** A new database file with migrations 1..version applied (0 = an empty file, before the first). */
export function databaseAtVersion(version: number): DatabaseAtVersion {
  const folder = mkdtempSync(join(tmpdir(), `clinic-recall-v${version}-`))
  const path = join(folder, 'practice.sqlite')
  const db = new Database(path)
  db.pragma('foreign_keys = ON')
  migrate(db, version)
  if (schemaVersion(db) !== version) throw new Error(`expected schema version ${version}, got ${schemaVersion(db)}`)
  return {
    db,
    path,
    folder,
    cleanup: () => {
      if (db.open) db.close()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

/**
 * Applies exactly migration `version` to a database one version below it, as the app's runner does
 * (its SQL and the version bump in one transaction). Refuses a database at any other version, so a
 * test can never silently apply several migrations or none.
 */
export function applyMigration(db: Database.Database, version: number): void {
  const current = schemaVersion(db)
  if (current !== version - 1) throw new Error(`migration ${version} needs a database at version ${version - 1}; this one is at ${current}`)
  migrate(db, version)
}

const tempFolders: string[] = []

/** A path for a new database in a fresh temporary folder, removed by `removeTempDatabases()`. */
export function tempDatabasePath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-mig-'))
  tempFolders.push(folder)
  return join(folder, 'practice.sqlite')
}

export function removeTempDatabases(): void {
  for (const folder of tempFolders.splice(0)) rmSync(folder, { recursive: true, force: true })
}
