// The copy of the practice database taken just before each import ("before-import" backups, 14
// kept), in `backups/` beside the database. How a backup is written, checked and pruned is in
// src/main/backups; this is the import's view of it.
import type { WritableDb } from '../../db/database-access'
import { backupFolderFor, backupsKeptPerKind, listBackupFiles, type BackupFile } from '../../backups/backup-files'
import { discardBackupFile, takeBackup } from '../../backups/take-backup'

export { backupFolderFor, type BackupFile }

/** How many import backups are kept; older ones are removed after a new one is made. */
export const backupsKept = backupsKeptPerKind

/** Copies the database into backups/ (checked before it gets its name); returns the file name, or null for an in-memory database. */
export function backupDatabase(db: WritableDb, databasePath: string, now: Date): string | null {
  return takeBackup(db, databasePath, 'before-import', now)?.name ?? null
}

/** The before-import backups, newest first. */
export function listBackups(databasePath: string): BackupFile[] {
  return listBackupFiles(databasePath, 'before-import')
}

/** Removes a backup made for an import that was then cancelled or failed (it equals the live database). */
export function discardBackup(databasePath: string, name: string | null): void {
  if (name?.startsWith('before-import-')) discardBackupFile(databasePath, name)
}
