// Backups as the front ends see them: the list (every kind, newest first), "Back up now", and
// restore — by a listed backup's name from the app (the renderer never sends a path), or by any
// file path from the command line. Backups and restores are recorded in the activity log.
import { basename } from 'node:path'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { refuseDamagedDatabase } from '../db/connection'
import { backupFolderFor, backupsKeptPerKind, isInMemory, listBackupFiles, type BackupFile } from './backup-files'
import { DamagedDatabaseError } from './damaged-database'
import { restoreDatabase, restoreOverDamagedDatabase, type RestoreOutcome } from './restore-database'
import { takeBackup } from './take-backup'

export function listAllBackups(ctx: ServiceContext) {
  return {
    folder: isInMemory(ctx.databasePath) ? '' : backupFolderFor(ctx.databasePath),
    keepPerKind: backupsKeptPerKind,
    backups: listBackupFiles(ctx.databasePath).map(({ name, kind, createdAt, byteSize }) => ({ name, kind, createdAt, byteSize }))
  }
}

export function createManualBackup(ctx: ServiceContext): BackupFile {
  if (isInMemory(ctx.databasePath)) throw new AppError('invalid_input', 'This database is held in memory only: there is nothing to back up.')
  const backup = takeBackup(ctx.db, ctx.databasePath, 'manual', ctx.now()) as BackupFile
  // Logged after the copy, in the live database: the entry says a backup exists, so it is not in it.
  logActivity(ctx, ctx.db, 'backups.create', `Backed up the database to ${backup.name}`, { file: backup.name })
  return backup
}

/** From the app: only a backup the list shows can be restored, named as the list names it. */
export async function restoreListedBackup(ctx: ServiceContext, name: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  const backup = listBackupFiles(ctx.databasePath).find((b) => b.name === name)
  if (!backup)
    throw new AppError(
      'not_found',
      `There is no backup called ${name} in ${backupFolderFor(ctx.databasePath)} (it may have been removed as one of the oldest).`
    )
  const outcome = await restoreDatabase(ctx, backup.path)
  return { restoredFrom: backup.name, safetyBackup: basename(outcome.safetyBackup) }
}

/**
 * From the command line, where the live database may be the damaged one the user was told to
 * restore over: then it is not opened at all (restoreOverDamagedDatabase), and the restored file is
 * opened afterwards only to record the restore.
 */
export async function restoreFromFile(target: { databasePath: string; open(): ServiceContext; now: Date }, sourcePath: string): Promise<RestoreOutcome> {
  try {
    refuseDamagedDatabase(target.databasePath)
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) throw error
    const { restoredFrom, damagedCopy } = restoreOverDamagedDatabase(target.databasePath, sourcePath, target.now)
    const ctx = target.open()
    logActivity(ctx, ctx.db, 'backups.restore', `Restored the damaged database from ${restoredFrom}; the damaged file is kept as ${damagedCopy}`, {
      restoredFrom,
      damagedCopy
    })
    return { restoredFrom, safetyBackup: damagedCopy, damagedCopy }
  }
  return restoreDatabase(target.open(), sourcePath)
}
