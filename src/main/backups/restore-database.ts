// Puts a backup back as the practice database, safely:
//   1. the backup is checked: a SQLite file that passes integrity_check, with Clinic Recall's tables,
//      from this version or an older one (a newer version's schema is refused: this code cannot
//      know what it holds);
//   2. a "before-restore" backup of the current database is taken first, so a restore can be undone;
//   3. the backup's pages are copied into the live database with SQLite's online backup API, which
//      writes through SQLite's own locking and the live file's WAL. Copying a file over the live
//      one is what corrupts it when a -wal file beside it still holds changes: SQLite would replay
//      those onto the copied pages. Other connections (the CLI, a second window) simply see the
//      restored data on their next read.
//   4. migrations run on the live connection (an older backup is brought forward) and the result
//      is checked again.
// A live database so damaged that it cannot be opened is handled by restoreOverDamagedDatabase: the
// damaged files are kept aside in backups/ and a checked copy of the backup takes their place.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { latestSchemaVersion, migrate } from '../db/migrations'
import { invalidatePatientRecordCache } from '../patients/patient-records'
import { backupFolderFor, isInMemory, parseBackupName, type BackupFile } from './backup-files'
import { checkDatabaseFile } from './database-file-check'
import { takeBackup } from './take-backup'

export interface RestoreOutcome {
  /** The file restored from (absolute path). */
  restoredFrom: string
  /** The copy of the database as it was just before (absolute path): a before-restore backup, or for a damaged database the damaged file kept aside. */
  safetyBackup: string
  /** Where the damaged files were kept, when the live database was damaged. */
  damagedCopy: string | null
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p)
    } catch {
      return resolve(p)
    }
  }
  const [x, y] = [real(a), real(b)]
  return process.platform === 'win32' || process.platform === 'darwin' ? x.toLowerCase() === y.toLowerCase() : x === y
}

/** Refuses the live database, its -wal or -shm, or a file that is not a sound Clinic Recall database of this version or older. */
export function checkRestoreSource(databasePath: string, sourcePath: string): { pageSize: number; userVersion: number } {
  const source = resolve(sourcePath)
  if ([databasePath, `${databasePath}-wal`, `${databasePath}-shm`, `${databasePath}-journal`].some((p) => samePath(p, source))) {
    throw new AppError(
      'invalid_input',
      `${source} is the practice database itself (or one of its working files), so it cannot be restored over itself. Choose a backup, for example one in ${backupFolderFor(databasePath)}.`
    )
  }
  const check = checkDatabaseFile(source, 'full')
  if (!check.ok) {
    switch (check.problem) {
      case 'missing':
        throw new AppError('not_found', `${source}: there is no such file. Nothing was changed.`)
      case 'empty':
      case 'not-a-database':
        throw new AppError('bad_file', `${source} is not a Clinic Recall database (it is not a database file at all). Nothing was changed.`)
      case 'damaged':
        throw new AppError(
          'bad_file',
          `${source} is damaged (it fails SQLite's own check), so it cannot be restored. Nothing was changed: choose another backup.`
        )
    }
  }
  if (!check.isClinicRecallDatabase) {
    throw new AppError('bad_file', `${source} is a database but not a Clinic Recall one (it has no patients, imports or activity log). Nothing was changed.`)
  }
  if (check.userVersion > latestSchemaVersion) {
    throw new AppError(
      'conflict',
      `${source} was made by a newer version of Clinic Recall (schema ${check.userVersion}; this version knows up to ${latestSchemaVersion}), ` +
        'so this version cannot restore it. Nothing was changed: install the newer version, or choose an older backup.'
    )
  }
  return { pageSize: check.pageSize, userVersion: check.userVersion }
}

/**
 * The online backup API cannot copy between page sizes into a WAL database. A backup from an
 * older SQLite or another tool may differ: it is first rewritten at the live page size (VACUUM INTO
 * honours a page_size set just before it), next to the backups, and that copy is what is restored.
 */
function sourceAtPageSize(sourcePath: string, sourcePageSize: number, livePageSize: number, folder: string): { path: string; temporary: boolean } {
  if (sourcePageSize === livePageSize) return { path: sourcePath, temporary: false }
  mkdirSync(folder, { recursive: true })
  const copy = join(folder, `restore-copy.${process.pid}.partial`)
  rmSync(copy, { force: true })
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true })
  try {
    source.pragma(`page_size = ${livePageSize}`)
    source.prepare('VACUUM INTO ?').run(copy)
  } finally {
    source.close()
  }
  const check = checkDatabaseFile(copy, 'full')
  if (!check.ok || check.pageSize !== livePageSize) {
    rmSync(copy, { force: true })
    throw new AppError('bad_file', `${sourcePath} could not be converted to this database's page size, so it was not restored. Nothing was changed.`)
  }
  return { path: copy, temporary: true }
}

function describeSource(sourcePath: string): string {
  const parsed = parseBackupName(basename(sourcePath))
  return parsed ? `${basename(sourcePath)} (taken ${parsed.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : sourcePath
}

/** Restores into the open, healthy live database of `ctx`. */
export async function restoreDatabase(ctx: ServiceContext, sourcePath: string): Promise<RestoreOutcome> {
  if (isInMemory(ctx.databasePath)) throw new AppError('invalid_input', 'This database is held in memory only: there is nothing to restore into.')
  const source = resolve(sourcePath)
  const { pageSize } = checkRestoreSource(ctx.databasePath, source)
  const safety = takeBackup(ctx.db, ctx.databasePath, 'before-restore', ctx.now()) as BackupFile
  const livePageSize = ctx.db.pragma('page_size', { simple: true }) as number
  const copy = sourceAtPageSize(source, pageSize, livePageSize, backupFolderFor(ctx.databasePath))
  try {
    const from = new Database(copy.path, { readonly: true, fileMustExist: true })
    try {
      // All remaining pages in the second step: a restore should not interleave with other requests for long.
      await from.backup(ctx.databasePath, { progress: () => 1_000_000 })
    } finally {
      from.close()
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'internal',
      `The restore from ${source} could not be completed (the database may be in use by an import). The database is as it was; the safety copy ${safety.name} holds it too. Try again when nothing else is saving.`
    )
  } finally {
    if (copy.temporary) rmSync(copy.path, { force: true })
  }
  if (ctx.db.pragma('journal_mode', { simple: true }) !== 'wal') ctx.db.pragma('journal_mode = WAL')
  migrate(ctx.db)
  // The connection is the same one, its data another: the facts kept in memory for cohort builds
  // (and which patients they know to have a current snapshot version) must be read again, even when
  // the restored facts carry the same ids.
  invalidatePatientRecordCache(ctx.db)
  if (ctx.db.pragma('integrity_check(1)', { simple: true }) !== 'ok') {
    throw new AppError(
      'internal',
      `The database restored from ${source} does not pass its check. The database as it was before is in ${safety.path}: restore that one.`
    )
  }
  logActivity(ctx, ctx.db, 'backups.restore', `Restored the database from ${describeSource(source)}; the database as it was is kept as ${safety.name}`, {
    restoredFrom: source,
    safetyBackup: safety.name
  })
  return { restoredFrom: source, safetyBackup: safety.path, damagedCopy: null }
}

function stampOf(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z')
}

/**
 * For a live database that fails its check at open, so no connection (and no restore through the
 * backup API) can use it. Clinic Recall refuses to open such a file, so nothing of ours is using it;
 * the damaged file and its -wal/-shm are kept aside as "damaged-…" (never listed, never pruned)
 * for IT support, and a checked copy of the backup is renamed into place.
 */
export function restoreOverDamagedDatabase(databasePath: string, sourcePath: string, now: Date): { restoredFrom: string; damagedCopy: string } {
  const source = resolve(sourcePath)
  checkRestoreSource(databasePath, source)
  const folder = backupFolderFor(databasePath)
  mkdirSync(folder, { recursive: true })
  let damagedCopy = join(folder, `damaged-${stampOf(now)}.sqlite`)
  for (let n = 2; existsSync(damagedCopy); n++) damagedCopy = join(folder, `damaged-${stampOf(now)}-${n}.sqlite`)
  copyFileSync(databasePath, damagedCopy)
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${databasePath}${suffix}`)) copyFileSync(`${databasePath}${suffix}`, `${damagedCopy}${suffix}`)
  const incoming = `${databasePath}.restoring.${process.pid}.partial`
  rmSync(incoming, { force: true })
  const from = new Database(source, { readonly: true, fileMustExist: true })
  try {
    from.prepare('VACUUM INTO ?').run(incoming)
  } finally {
    from.close()
  }
  const check = checkDatabaseFile(incoming, 'full')
  if (!check.ok) {
    rmSync(incoming, { force: true })
    throw new AppError('internal', `The copy of ${source} did not pass its check, so nothing was changed. Try again, or choose another backup.`)
  }
  // The damaged -wal must not be replayed onto the restored pages.
  rmSync(`${databasePath}-wal`, { force: true })
  rmSync(`${databasePath}-shm`, { force: true })
  renameSync(incoming, databasePath)
  return { restoredFrom: source, damagedCopy }
}
