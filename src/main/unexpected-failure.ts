// What a front end is told when an operation fails for a reason no service foresaw (not an
// AppError): the cause in words a receptionist can act on, never the engine's message ("SQLITE_FULL:
// database or disk is full", a stack). The engine's words go to the log, where the people who support
// the app read them. Only causes the operating system or SQLite name exactly are told apart.
import type { AppErrorShape } from '../shared/result'

export function unexpectedFailure(error: unknown): AppErrorShape {
  const code = String((error as { code?: unknown } | null)?.code ?? '')
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return {
      code: 'internal',
      message: 'This could not be finished because the disk is full. Free some disk space, then try again.',
      details: { reason: 'disk-full' }
    }
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return {
      code: 'conflict',
      message: 'This could not be finished because another window or the command line was saving to the same database. Try again in a moment.',
      details: { reason: 'busy' }
    }
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'internal',
      message: "This could not be saved because the database file cannot be written to: check its folder's permissions.",
      details: { reason: 'read-only' }
    }
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return {
      code: 'internal',
      message: 'The practice database file is damaged. Close Clinic Recall and restore the newest backup (Settings › Backups, or clinic-recall restore).',
      details: { reason: 'damaged' }
    }
  }
  return {
    code: 'internal',
    message:
      "Something unexpected went wrong and this was not finished. Try again; if it happens again, tell whoever supports Clinic Recall (the app's log has the details).",
    details: { reason: 'unexpected' }
  }
}
