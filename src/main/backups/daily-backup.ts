// The daily backup: the first time in a calendar day (the practice's local day) that a front end
// opens the database to work on it, a copy is taken if none was taken yet that day. Front ends ask
// for it explicitly (createAppContext's `dailyBackup`), so import worker threads, benchmarks and
// tests that open the same file do not take one, and `--help` never opens the database at all.
import type { WritableDb } from '../db/database-access'
import { listBackupFiles, type BackupFile } from './backup-files'
import { takeBackup } from './take-backup'

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Takes today's daily backup unless there is one already; returns it when one was taken. */
export function takeDailyBackupIfDue(db: WritableDb, databasePath: string, now: Date): BackupFile | null {
  const today = localDay(now)
  if (listBackupFiles(databasePath, 'daily').some((b) => localDay(new Date(b.createdAt)) === today)) return null
  return takeBackup(db, databasePath, 'daily', now)
}
