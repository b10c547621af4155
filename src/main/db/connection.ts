// Opens the practice database: WAL so the app and the CLI can read while one writes, foreign keys
// on, migrations applied. Every front end opens the database through here.
//
// An existing file is checked first (PRAGMA quick_check, on a read-only connection), before this
// connection switches on WAL or migrates: a damaged file is refused with what to do, and not one
// byte of it is written by the attempt.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { checkDatabaseFile } from '../backups/database-file-check'
import { damagedDatabaseError } from '../backups/damaged-database'
import { migrate } from './migrations'
import { asWritable, type ReadableDb, type WritableDb } from './database-access'

/** Throws DamagedDatabaseError when the file at `path` exists and is not a sound SQLite database; a missing or empty file is a new database. */
export function refuseDamagedDatabase(path: string): void {
  const check = checkDatabaseFile(path, 'quick')
  if (check.ok || check.problem === 'missing' || check.problem === 'empty') return
  throw damagedDatabaseError(path, check.problem)
}

/** An existing database opened read-only (no migration, no WAL switch): for a worker that only reads. */
export function openReadOnlyDatabase(path: string): { reader: ReadableDb; close: () => void } {
  const connection = new Database(path, { readonly: true, fileMustExist: true })
  return { reader: connection as unknown as ReadableDb, close: () => connection.close() }
}

export function openDatabase(path: string): WritableDb {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true })
    refuseDamagedDatabase(path)
  }
  const db = new Database(path)
  try {
    // Set only when needed: it is a write to the file's header.
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
  } catch (error) {
    db.close()
    throw error
  }
  return asWritable(db)
}
