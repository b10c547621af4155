// Checks a SQLite file without changing it: the live database before it is opened for writing, a
// backup before it is listed, a file before it is restored. The file is opened read-only, so a
// damaged file is never checkpointed, migrated or otherwise written to by the check.
import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs'

export type DatabaseFileCheck =
  | { ok: true; userVersion: number; pageSize: number; isClinicRecallDatabase: boolean }
  | { ok: false; problem: 'missing' | 'empty' | 'not-a-database' | 'damaged' }

/** Tables every Clinic Recall database has had since its first version. */
const clinicRecallTables = ['patients', 'imports', 'bp_readings', 'activity_log']

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1')

function startsWithSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(sqliteHeader.length)
    const read = readSync(fd, head, 0, head.length, 0)
    return read === head.length && head.equals(sqliteHeader)
  } finally {
    closeSync(fd)
  }
}

/**
 * `quick` is PRAGMA quick_check (every page and record is readable, as at each open); `full` is
 * integrity_check (also that every index matches its table), for backups, which are checked once.
 */
export function checkDatabaseFile(path: string, depth: 'quick' | 'full'): DatabaseFileCheck {
  let size: number
  try {
    const stats = statSync(path)
    if (!stats.isFile()) return { ok: false, problem: 'not-a-database' }
    size = stats.size
  } catch {
    return { ok: false, problem: 'missing' }
  }
  if (size === 0) return { ok: false, problem: 'empty' }
  if (!startsWithSqliteHeader(path)) return { ok: false, problem: 'not-a-database' }
  // A read-only connection to a file in WAL mode still creates an empty -wal and -shm beside it.
  // For a sound file that is harmless (the app opens it next); a refused file is left exactly as
  // it was found. Only files this check created are removed, and only when it refuses: no
  // Clinic Recall process can have a refused file open, so no one else is using them.
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p))
  const verdict = inspect(path, depth)
  if (!verdict.ok) {
    for (const created of sidecars) {
      try {
        if (existsSync(created) && (created.endsWith('-shm') || statSync(created).size === 0)) rmSync(created, { force: true })
      } catch {
        // Left in place: an empty -wal/-shm changes nothing in the database.
      }
    }
  }
  return verdict
}

function inspect(path: string, depth: 'quick' | 'full'): DatabaseFileCheck {
  let db: Database.Database | null = null
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const result = db.pragma(depth === 'quick' ? 'quick_check(1)' : 'integrity_check(1)', { simple: true })
    if (result !== 'ok') return { ok: false, problem: 'damaged' }
    const userVersion = db.pragma('user_version', { simple: true }) as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
    return { ok: true, userVersion, pageSize, isClinicRecallDatabase: clinicRecallTables.every((t) => tables.has(t)) }
  } catch {
    // SQLITE_CORRUPT / SQLITE_NOTADB and the like: the header looked right but the pages do not.
    return { ok: false, problem: 'damaged' }
  } finally {
    db?.close()
  }
}
