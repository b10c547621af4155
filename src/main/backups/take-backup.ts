// Takes one backup of the practice database into backups/ beside it, safely:
//   1. `VACUUM INTO` a temporary "<name>.<pid>.partial" file: one consistent snapshot even with
//      other connections open in WAL mode, written as a compact single file with no -wal beside it,
//      and synchronous, so a pre-import backup runs in the same call sequence as the import;
//   2. the copy is opened read-only and checked (integrity_check is ok, its schema version reads)
//      and flushed to disk;
//   3. only then renamed to its final name, so a kill at any point leaves at most a ".partial"
//      file, which is never listed or counted and is removed by the next backup;
//   4. the oldest of the same kind beyond 14 are removed.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import type { WritableDb } from '../db/database-access'
import {
  backupFolderFor,
  isInMemory,
  listBackupFiles,
  nextBackupName,
  partialNameFor,
  pruneBackups,
  removeLeftovers,
  type BackupFile,
  type BackupKind
} from './backup-files'
import { checkDatabaseFile } from './database-file-check'

function flushToDisk(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function whyItFailed(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'the disk is full'
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY') return 'the folder cannot be written to'
  if (error instanceof BackupFailedCheck) return 'the copy did not pass its check'
  return 'the copy could not be written'
}

class BackupFailedCheck extends Error {}

/** Returns the backup written, or null for an in-memory database (tests), which has no folder. */
export function takeBackup(db: WritableDb, databasePath: string, kind: BackupKind, now: Date): BackupFile | null {
  if (isInMemory(databasePath)) return null
  const folder = backupFolderFor(databasePath)
  const name = (() => {
    try {
      mkdirSync(folder, { recursive: true })
      removeLeftovers(databasePath)
      return nextBackupName(folder, kind, now)
    } catch (error) {
      throw new AppError('internal', `Could not make a backup of the practice database in ${folder}: ${whyItFailed(error)}.`)
    }
  })()
  const partial = join(folder, partialNameFor(name))
  try {
    db.prepare('VACUUM INTO ?').run(partial)
    const check = checkDatabaseFile(partial, 'full')
    if (!check.ok) throw new BackupFailedCheck(check.problem)
    flushToDisk(partial)
    renameSync(partial, join(folder, name))
  } catch (error) {
    rmSync(partial, { force: true })
    throw new AppError(
      'internal',
      `Could not make a backup of the practice database in ${folder}: ${whyItFailed(error)}. Nothing was changed. ` +
        'Free some disk space or check the folder can be written to, then try again.'
    )
  }
  pruneBackups(databasePath, kind)
  const written = listBackupFiles(databasePath, kind).find((b) => b.name === name)
  if (!written) throw new AppError('internal', `The backup ${name} was written but is no longer in ${folder}.`)
  return written
}

/** Removes a backup taken for a step that then changed nothing (it equals the live database). */
export function discardBackupFile(databasePath: string, name: string | null): void {
  if (!name) return
  const backup = listBackupFiles(databasePath).find((b) => b.name === name)
  if (backup) rmSync(backup.path, { force: true })
}
