// Every file Clinic Recall generates reaches its final name complete or not at all: the bytes go to a
// `.partial` file beside it, are flushed to the disk (fsync), and only then is the partial renamed
// onto the final name (a rename within one folder is atomic). A crash or a full disk leaves at most a
// `.partial` file, never a half-written letter or workbook under a name someone would open.
import { randomBytes } from 'node:crypto'
import { closeSync, constants, copyFileSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../shared/result'

const partialSuffix = '.partial'
// `<name>.<pid>-<8 hex>.partial`: the writer's process id lets the documents repair pass tell a dead
// writer's leftovers from a file another running front end is still writing; the random part keeps
// two writes of the same name in one process apart.
const partialName = /\.(\d+)-[0-9a-f]{8}\.partial$/

export function partialPathFor(path: string): string {
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}${partialSuffix}`
}

export function isPartialName(fileName: string): boolean {
  return fileName.endsWith(partialSuffix)
}

/** The process that wrote a partial file, or null for one in an older format (no writer recorded). */
export function partialWriterPid(fileName: string): number | null {
  const match = partialName.exec(fileName)
  return match ? Number(match[1]) : null
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined
}

/** A file-system failure in words a receptionist can act on, naming the file. */
export function fileWriteError(path: string, error: unknown, during: 'write' | 'replace' = 'write'): AppError {
  if (error instanceof AppError) return error
  const code = errorCode(error)
  const file = `"${path}"`
  // Windows refuses to replace a file another program holds open (Excel, a PDF viewer).
  if (during === 'replace' && process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) {
    return new AppError('conflict', `Could not save ${file}: the file is open in another program (perhaps Excel or a PDF viewer). Close it and try again.`, {
      path
    })
  }
  switch (code) {
    case 'ENOSPC':
      return new AppError('internal', `Could not save ${file}: the disk is full. Free some space and try again.`, { path })
    case 'EACCES':
    case 'EPERM':
      return new AppError('invalid_input', `Could not save ${file}: Clinic Recall is not allowed to write there. Choose another folder.`, { path })
    case 'EROFS':
      return new AppError('invalid_input', `Could not save ${file}: that disk is read-only. Choose another folder.`, { path })
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('invalid_input', `Could not save ${file}: the folder ${dirname(path)} does not exist.`, { path })
    case 'EISDIR':
      return new AppError('invalid_input', `Could not save ${file}: that is a folder; give a file name.`, { path })
    case 'EBUSY':
      return new AppError('conflict', `Could not save ${file}: the file is in use by another program. Close it and try again.`, { path })
    default:
      return new AppError('internal', `Could not save ${file} (${code ?? 'unexpected error'}).`, { path })
  }
}

/** Writes a new file (never an existing one) and flushes it to the disk before returning. */
export function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx')
  try {
    let offset = 0
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Flushes a file someone else wrote (a streaming writer) to the disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Makes renames in a folder durable. Best effort: Windows cannot open a folder to flush it (NTFS
 * journals the rename itself).
 */
export function syncFolder(folder: string): void {
  let fd: number | null = null
  try {
    fd = openSync(folder, 'r')
    fsyncSync(fd)
  } catch {
    // not supported on this platform or file system; the rename is still atomic
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

/** Renames a complete partial file onto its final name; the partial is removed if that fails. */
export function moveIntoPlace(partialPath: string, finalPath: string): void {
  try {
    renameSync(partialPath, finalPath)
  } catch (error) {
    rmSync(partialPath, { force: true })
    throw fileWriteError(finalPath, error, 'replace')
  }
}

/** Writes `bytes` to `path` so that `path` holds either its old content or all of the new. */
export function writeFileAtomically(path: string, bytes: Uint8Array | string): void {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes
  const partial = partialPathFor(path)
  try {
    writeDurably(partial, data)
  } catch (error) {
    rmSync(partial, { force: true })
    throw fileWriteError(path, error)
  }
  moveIntoPlace(partial, path)
  syncFolder(dirname(path))
}

/** Copies a file the same way: the copy appears under `target` complete or not at all. */
export function copyFileAtomically(source: string, target: string): void {
  const partial = partialPathFor(target)
  try {
    copyFileSync(source, partial, constants.COPYFILE_EXCL)
    syncFile(partial)
  } catch (error) {
    rmSync(partial, { force: true })
    throw fileWriteError(target, error)
  }
  moveIntoPlace(partial, target)
  syncFolder(dirname(target))
}
