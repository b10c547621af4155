// A copy of the practice database taken just before each import (spec §8: "automatic backup before
// every import … keep the last 14"), in `backups/` beside the database file.
//
// `VACUUM INTO` rather than better-sqlite3's `db.backup()`: it is synchronous, so the copy is made
// in the same call sequence as the import that follows (no await between the backup and the
// transaction, architecture practice 9), it reads one consistent snapshot even with other
// connections open in WAL mode, and it writes a compact single file with no -wal beside it that can
// simply be copied back over the live file to restore.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Db } from '../db/connection'

/** How many import backups are kept; older ones are removed after a new one is made. */
export const backupsKept = 14

// before-import-20261122T100000123Z-01.sqlite: the counter keeps two backups in the same millisecond
// (tests with a fixed clock) apart and in order, so names sort oldest → newest.
const backupName = /^before-import-\d{8}T\d{9}Z-\d{2,}\.sqlite$/

export function backupFolderFor(databasePath: string): string {
  return join(dirname(databasePath), 'backups')
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z')
}

/** Copies the database into backups/ and prunes the oldest beyond `keep`; returns the file name, or null for an in-memory database. */
export function backupDatabase(db: Db, databasePath: string, now: Date, keep = backupsKept): string | null {
  if (databasePath === ':memory:' || databasePath === '') return null
  const folder = backupFolderFor(databasePath)
  mkdirSync(folder, { recursive: true })
  // After the highest counter already used for this instant (a pruned -01 must not be reused).
  const prefix = `before-import-${stamp(now)}-`
  const used = readdirSync(folder)
    .filter((n) => n.startsWith(prefix) && backupName.test(n))
    .map((n) => Number(n.slice(prefix.length, -'.sqlite'.length)))
  const name = `${prefix}${String(Math.max(0, ...used) + 1).padStart(2, '0')}.sqlite`
  db.prepare('VACUUM INTO ?').run(join(folder, name))
  pruneBackups(folder, keep)
  return name
}

export interface BackupFile {
  name: string
  path: string
  createdAt: string
  byteSize: number
}

/** Newest first. Only files this module wrote are listed (and ever removed). */
export function listBackups(databasePath: string): BackupFile[] {
  if (databasePath === ':memory:') return []
  const folder = backupFolderFor(databasePath)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => backupName.test(name))
    .map((name) => {
      const path = join(folder, name)
      const stats = statSync(path)
      return { name, path, createdAt: stats.mtime.toISOString(), byteSize: stats.size }
    })
    .sort((a, b) => b.name.localeCompare(a.name))
}

function pruneBackups(folder: string, keep: number): void {
  const files = readdirSync(folder)
    .filter((name) => backupName.test(name))
    .sort((a, b) => b.localeCompare(a))
  for (const name of files.slice(keep)) rmSync(join(folder, basename(name)), { force: true })
}

/** Removes a backup made for an import that was then cancelled or failed (it equals the live database). */
export function discardBackup(databasePath: string, name: string | null): void {
  if (!name || !backupName.test(name)) return
  rmSync(join(backupFolderFor(databasePath), name), { force: true })
}
