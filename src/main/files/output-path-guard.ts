// Where Clinic Recall may write a file someone asked for (`--out`) and where it keeps its documents.
// Writing over the practice database, its write-ahead log or shared-memory file, its rollback
// journal, or a backup would destroy the very data the app exists to keep, so those paths are refused
// however they are spelt: through a symbolic link, a `..`, a hard link, or different letter case on a
// disk that ignores case. Files the app records in its documents folder are refused too: overwriting
// one would make the recorded letter differ from the one sent.
import { existsSync, realpathSync, statSync, type Stats } from 'node:fs'
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { AppError } from '../../shared/result'
import { backupFolderFor, isInMemory } from '../backups/backup-files'
import type { ServiceContext } from '../context'

type GuardContext = Pick<ServiceContext, 'databasePath' | 'documentsFolder'>

const databaseCompanions = [
  { suffix: '', words: 'is the practice database itself' },
  { suffix: '-wal', words: "is the practice database's write-ahead log" },
  { suffix: '-shm', words: "is the practice database's shared-memory file" },
  { suffix: '-journal', words: "is the practice database's rollback journal" }
] as const

// Windows and macOS disks ignore letter case by default; comparing folded paths there is cheap and
// errs on the side of refusing.
const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin'
const fold = (path: string) => (caseInsensitive ? path.toLowerCase() : path)

/** The path with every symbolic link in its existing part resolved; the rest appended as written. */
export function canonicalPath(path: string): string {
  const absolute = resolve(path)
  const missing: string[] = []
  let existing = absolute
  for (;;) {
    try {
      const real = realpathSync.native(existing)
      return missing.length ? join(real, ...missing.reverse()) : real
    } catch {
      const parent = dirname(existing)
      if (parent === existing) return absolute
      missing.push(basename(existing))
      existing = parent
    }
  }
}

function samePath(a: string, b: string): boolean {
  return fold(canonicalPath(a)) === fold(canonicalPath(b))
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(fold(canonicalPath(folder)), fold(canonicalPath(path)))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

/** The same file on disk (catches hard links and any spelling the checks above miss). */
function sameFile(a: Stats | null, b: Stats | null): boolean {
  return a !== null && b !== null && a.ino !== 0 && a.dev === b.dev && a.ino === b.ino
}

/** Why writing `path` would damage the practice's data, or null when it is safe. */
export function protectedPathReason(ctx: GuardContext, path: string): string | null {
  const target = statOrNull(path)
  if (!isInMemory(ctx.databasePath)) {
    for (const { suffix, words } of databaseCompanions) {
      const protectedPath = `${ctx.databasePath}${suffix}`
      if (samePath(path, protectedPath) || sameFile(target, statOrNull(protectedPath))) return words
    }
    const backups = backupFolderFor(ctx.databasePath)
    if (isInside(path, backups)) return `is inside the backups folder (${backups})`
  }
  if (ctx.documentsFolder && isInside(path, ctx.documentsFolder)) {
    return `is inside the app's documents folder (${ctx.documentsFolder}), where it keeps the recorded copy of every document`
  }
  return null
}

/**
 * Refuses an output file that would overwrite the database, its companions, a backup or a recorded
 * document, or that names an existing folder. `what` names the option in the message (`--out`).
 * Returns the absolute path to write.
 */
export function assertSafeOutputPath(ctx: GuardContext, path: string, what: string): string {
  const absolute = resolve(path)
  const reason = protectedPathReason(ctx, absolute)
  if (reason) throw new AppError('invalid_input', `${what} "${absolute}" ${reason}; choose another file name`, { path: absolute })
  if (statOrNull(absolute)?.isDirectory()) {
    throw new AppError('invalid_input', `${what} "${absolute}" is a folder; give a file name inside it instead`, { path: absolute })
  }
  return absolute
}

/**
 * Refuses an output folder that is inside the backups or documents folder, or is an existing file.
 * When the names of the files to come are not known yet (they are chosen as they are made) but all
 * start with `fileNamesStartWith`, a protected file in the folder with such a name is refused up
 * front, before anything is created. The files written into it are each checked with
 * `assertSafeOutputPath` as well.
 */
export function assertSafeOutputFolder(ctx: GuardContext, folder: string, what: string, fileNamesStartWith?: string): string {
  const absolute = resolve(folder)
  const reason = protectedPathReason(ctx, absolute)
  if (reason) throw new AppError('invalid_input', `${what} "${absolute}" ${reason}; choose another folder`, { path: absolute })
  if (fileNamesStartWith !== undefined && !isInMemory(ctx.databasePath)) {
    for (const { suffix, words } of databaseCompanions) {
      const protectedPath = `${ctx.databasePath}${suffix}`
      const sameFolder = samePath(dirname(protectedPath), absolute)
      if (sameFolder && fold(basename(protectedPath)).startsWith(fold(fileNamesStartWith))) {
        throw new AppError(
          'invalid_input',
          `${what} "${absolute}": a file written there could replace "${protectedPath}", which ${words}; choose another folder`,
          { path: absolute }
        )
      }
    }
  }
  const stats = statOrNull(absolute)
  if (stats && !stats.isDirectory()) {
    throw new AppError('invalid_input', `${what} "${absolute}" is a file, not a folder; choose a folder`, { path: absolute })
  }
  return absolute
}

/**
 * The documents folder must be a folder of its own: not the database file, not the backups folder
 * (or inside it), and not the database's own folder, where its documents would sit among the
 * database's companions.
 */
export function assertSafeDocumentsFolder(ctx: GuardContext): void {
  if (isInMemory(ctx.databasePath) || !ctx.documentsFolder) return
  const folder = ctx.documentsFolder
  const refuse = (words: string) => {
    throw new AppError('invalid_input', `The documents folder "${folder}" ${words}; Clinic Recall keeps its documents in a folder of their own`, {
      path: folder
    })
  }
  for (const { suffix, words } of databaseCompanions) {
    if (samePath(folder, `${ctx.databasePath}${suffix}`)) refuse(words)
  }
  if (samePath(folder, dirname(ctx.databasePath))) refuse('is the folder the practice database is in')
  const backups = backupFolderFor(ctx.databasePath)
  if (isInside(folder, backups)) refuse(`is the backups folder (${backups}) or inside it`)
  if (existsSync(folder) && !statSync(folder).isDirectory()) refuse('is a file, not a folder')
}
