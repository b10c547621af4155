// The backups folder beside the practice database: what a backup file is called, which files count
// as backups, and which are pruned. Only names this module writes are ever listed or removed, so a
// file someone else put in the folder is left alone.
//
// A backup is written under a temporary ".partial" name and renamed only once it has been checked
// (take-backup.ts), so a file with a final name is a complete, checked copy. A 0-byte file with a
// final name (an older version killed mid-copy) is not a backup: it is never listed or counted.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isProcessRunning } from '../files/process-running'

/** The four kinds; each keeps its own last `backupsKeptPerKind`, so daily copies never push out import ones. */
export const backupKinds = ['before-import', 'daily', 'manual', 'before-restore'] as const
export type BackupKind = (typeof backupKinds)[number]

export const backupsKeptPerKind = 14

// daily-20261122T100000123Z-01.sqlite: the UTC instant to the millisecond, then a counter that keeps
// two backups of the same instant (tests with a fixed clock) apart and in order.
const backupNamePattern = /^(before-import|daily|manual|before-restore)-(\d{8}T\d{9}Z)-(\d{2,})\.sqlite$/
// A copy still being written (or left by a process that was killed): <final name>.<pid>.partial,
// with the -journal SQLite keeps beside it while writing; restore-copy.<pid>.partial is a restore's
// converted copy (restore-database.ts).
const partialNamePattern = /^((?:before-import|daily|manual|before-restore)-\d{8}T\d{9}Z-\d{2,}\.sqlite|restore-copy)\.(\d+)\.partial(?:-journal)?$/

export interface BackupFile {
  name: string
  kind: BackupKind
  path: string
  /** When it was taken (from its name, which a copy of the folder keeps; the file time may not survive). */
  createdAt: string
  byteSize: number
}

export function backupFolderFor(databasePath: string): string {
  return join(dirname(databasePath), 'backups')
}

export function isInMemory(databasePath: string): boolean {
  return databasePath === ':memory:' || databasePath === ''
}

function stampOf(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z')
}

function instantOf(stamp: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp)
  if (!m) return new Date(Number.NaN)
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`)
}

export function parseBackupName(name: string): { kind: BackupKind; createdAt: Date; counter: number } | null {
  const m = backupNamePattern.exec(name)
  if (!m) return null
  const createdAt = instantOf(m[2] as string)
  if (Number.isNaN(createdAt.getTime())) return null
  return { kind: m[1] as BackupKind, createdAt, counter: Number(m[3]) }
}

/** The next free name for a backup of this kind taken at `now` (after the highest counter used, so a pruned -01 is never reused). */
export function nextBackupName(folder: string, kind: BackupKind, now: Date): string {
  const prefix = `${kind}-${stampOf(now)}-`
  const used = entriesOf(folder)
    .map((n) => partialNamePattern.exec(n)?.[1] ?? n)
    .filter((n) => n.startsWith(prefix) && backupNamePattern.test(n))
    .map((n) => Number(n.slice(prefix.length, -'.sqlite'.length)))
  return `${prefix}${String(Math.max(0, ...used) + 1).padStart(2, '0')}.sqlite`
}

export function partialNameFor(finalName: string): string {
  return `${finalName}.${process.pid}.partial`
}

/** The folder's entries; none when it is missing or cannot be read (a backup there then fails with its own message). */
function entriesOf(folder: string): string[] {
  try {
    return readdirSync(folder)
  } catch {
    return []
  }
}

function newestFirst(a: BackupFile, b: BackupFile): number {
  const byTime = b.createdAt.localeCompare(a.createdAt)
  return byTime !== 0 ? byTime : b.name.localeCompare(a.name)
}

/** Every complete backup in the folder, newest first (optionally one kind only). */
export function listBackupFiles(databasePath: string, kind?: BackupKind): BackupFile[] {
  if (isInMemory(databasePath)) return []
  const folder = backupFolderFor(databasePath)
  const files: BackupFile[] = []
  for (const name of entriesOf(folder)) {
    const parsed = parseBackupName(name)
    if (!parsed || (kind && parsed.kind !== kind)) continue
    const path = join(folder, name)
    let byteSize: number
    try {
      const stats = statSync(path)
      if (!stats.isFile()) continue
      byteSize = stats.size
    } catch {
      continue // removed by another process between the listing and the stat
    }
    if (byteSize === 0) continue
    files.push({ name, kind: parsed.kind, path, createdAt: parsed.createdAt.toISOString(), byteSize })
  }
  return files.sort(newestFirst)
}

/** Keeps the newest `keep` of one kind; older ones of that kind are removed, other kinds untouched. */
export function pruneBackups(databasePath: string, kind: BackupKind, keep = backupsKeptPerKind): void {
  for (const old of listBackupFiles(databasePath, kind).slice(keep)) rmSync(old.path, { force: true })
}

/**
 * Removes what a killed or failed backup left: ".partial" files whose process is no longer running
 * (another copy of the app may be writing one right now: that one stays) and empty files with a
 * backup's name.
 */
export function removeLeftovers(databasePath: string): void {
  if (isInMemory(databasePath)) return
  const folder = backupFolderFor(databasePath)
  for (const name of entriesOf(folder)) {
    const path = join(folder, name)
    const partial = partialNamePattern.exec(name)
    try {
      if (partial && !isProcessRunning(Number(partial[2]))) rmSync(path, { force: true })
      else if (parseBackupName(name) && statSync(path).size === 0) rmSync(path, { force: true })
    } catch {
      // Gone already, or not ours to remove: leaving it is harmless, it is never listed.
    }
  }
}
