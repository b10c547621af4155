// Run whenever a front end opens the database: brings the documents folder back in line with the
// `documents` table after a crash (document-store.ts describes the writing order this relies on).
//  - Final-named files that a process no longer running had placed (its placement journal lists
//    them) but never recorded are removed: nobody was given them and nothing was sent, so removing
//    them loses nothing, and leaving them would put unrecorded patient letters in the folder.
//  - Partial files whose writer is no longer running are removed (they were never complete, or were
//    superseded).
//  - A record whose file an older version left under its partial name (it committed before
//    renaming) gets its file back if the partial's hash matches.
//  - Records whose file is missing or no longer matches its hash are reported: returned as warnings
//    and written to the activity log once (not again on every open while nothing changes).
// Only files a journal names and partial files are ever removed: anything else in the folder is
// left alone. Writers' files still being written (another front end running) are left alone too.
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { ServiceContext } from '../context'
import { assertSafeDocumentsFolder, canonicalPath, protectedPathReason } from '../files/output-path-guard'
import { isThisHost, readPlacementJournals, removePlacementJournal } from '../files/placement-journal'
import { isProcessRunning } from '../files/process-running'
import { isPartialName, partialWriterPid } from '../files/write-file-atomically'
import { isInMemory } from '../backups/backup-files'
import { sha256Hex } from './document-store'
import { allDocuments, documentPathRecorded } from './document-queries'
import { insertActivity, latestSummaryOf } from '../activity-log-queries'

export interface DocumentsFolderCheck {
  /** Final-named files placed by a crashed write and never recorded, now removed. */
  removedUnrecorded: string[]
  /** Partial files of writers no longer running, now removed. */
  removedPartials: string[]
  /** Recorded files recovered from the partial name an older version left them under. */
  recovered: string[]
  missing: { fileId: number; name: string; path: string }[]
  changed: { fileId: number; name: string; path: string }[]
  /** Plain sentences for the app and the CLI to show; empty when all is well. */
  warnings: string[]
}

// A file written by Clinic Recall is older than (or as old as) its record; file systems round times
// (FAT to 2 s), hence the margin. Only files touched after that are hashed at open: a changed file
// has a later time, and hashing years of letters on every open would be slow. documents.read still
// checks the hash of every file it hands out.
const recordedTimeMarginMs = 2000

// A file that cannot be removed now (held open, no permission) is left for a later open.
function tryRemove(path: string): boolean {
  try {
    rmSync(path, { force: true })
    return true
  } catch {
    return false
  }
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile()
  } catch {
    return false
  }
}

export function repairDocumentsFolder(ctx: ServiceContext): DocumentsFolderCheck {
  const check: DocumentsFolderCheck = { removedUnrecorded: [], removedPartials: [], recovered: [], missing: [], changed: [], warnings: [] }
  if (isInMemory(ctx.databasePath) || !ctx.documentsFolder) return check
  assertSafeDocumentsFolder(ctx)
  const folder = ctx.documentsFolder
  const db = ctx.db
  const isRecorded = documentPathRecorded(db)
  // Never remove the database, a companion or a backup, whatever a journal says.
  const removable = (path: string) =>
    resolve(dirname(path)) === resolve(folder) && isRegularFile(path) && protectedPathReason({ ...ctx, documentsFolder: '' }, path) === null

  if (existsSync(folder)) {
    const database = canonicalPath(ctx.databasePath)
    for (const journal of readPlacementJournals(folder)) {
      if (!isThisHost(journal.host) || isProcessRunning(journal.pid) || canonicalPath(journal.databasePath) !== database) continue
      for (const path of journal.files) {
        if (removable(path) && !isRecorded(path) && tryRemove(path)) check.removedUnrecorded.push(path)
      }
      removePlacementJournal(journal.path)
    }
  }

  const rows = allDocuments(db)
  for (const row of rows) {
    if (existsSync(row.path)) continue
    const legacyPartial = `${row.path}.partial`
    if (isRegularFile(legacyPartial) && sha256Hex(readFileSync(legacyPartial)) === row.sha256) {
      try {
        renameSync(legacyPartial, row.path)
        check.recovered.push(row.path)
      } catch {
        // left for a later open; the record is reported missing meanwhile
      }
    }
  }

  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      if (!isPartialName(name)) continue
      const pid = partialWriterPid(name)
      if (pid !== null && isProcessRunning(pid)) continue
      const path = join(folder, name)
      if (removable(path) && tryRemove(path)) check.removedPartials.push(path)
    }
  }

  for (const row of rows) {
    let modifiedMs: number
    try {
      modifiedMs = statSync(row.path).mtimeMs
    } catch {
      check.missing.push({ fileId: row.id, name: row.file_name, path: row.path })
      continue
    }
    const recordedMs = Date.parse(row.created_at)
    const touchedSince = Number.isNaN(recordedMs) || modifiedMs > recordedMs + recordedTimeMarginMs
    if (touchedSince && sha256Hex(readFileSync(row.path)) !== row.sha256) check.changed.push({ fileId: row.id, name: row.file_name, path: row.path })
  }

  if (check.missing.length) {
    check.warnings.push(
      `${check.missing.length} recorded document${check.missing.length === 1 ? ' is' : 's are'} missing from the documents folder (${listNames(check.missing)}): moved or deleted outside Clinic Recall. Create them again (for letters: Regenerate on the batch).`
    )
  }
  if (check.changed.length) {
    check.warnings.push(
      `${check.changed.length} recorded document${check.changed.length === 1 ? ' has' : 's have'} been changed since ${check.changed.length === 1 ? 'it was' : 'they were'} created (${listNames(check.changed)}): ${check.changed.length === 1 ? 'it is' : 'they are'} no longer the document that was recorded and will not be opened. Create them again (for letters: Regenerate on the batch).`
    )
  }
  logCheck(ctx, check)
  latestWarnings.set(ctx.databasePath, check.warnings)
  return check
}

const latestWarnings = new Map<string, string[]>()

/** The warnings of the last check of this database's documents, for a front end to show. */
export function documentsFolderWarnings(databasePath: string): string[] {
  return latestWarnings.get(databasePath) ?? []
}

function listNames(items: readonly { name: string }[]): string {
  const shown = items.slice(0, 5).map((i) => i.name)
  return items.length > shown.length ? `${shown.join(', ')} and ${items.length - shown.length} more` : shown.join(', ')
}

// Written directly rather than through logActivity: the check runs as the database opens, before
// anyone has signed in in the app, and it is the app's own action, not a person's.
function logCheck(ctx: ServiceContext, check: DocumentsFolderCheck): void {
  const actor = ctx.currentUser()?.name ?? 'unknown user'
  const at = ctx.now().toISOString()
  const cleaned = check.removedUnrecorded.length + check.removedPartials.length + check.recovered.length
  ctx.db.transaction(() => {
    if (cleaned > 0) {
      const parts = [
        check.removedUnrecorded.length
          ? `removed ${check.removedUnrecorded.length} unrecorded document file(s) left by an interrupted batch or export (never sent)`
          : '',
        check.removedPartials.length ? `removed ${check.removedPartials.length} unfinished file(s)` : '',
        check.recovered.length ? `put ${check.recovered.length} recorded document file(s) back under their names` : ''
      ].filter(Boolean)
      insertActivity(ctx.db, {
        at,
        userName: actor,
        role: 'system',
        action: 'documents.repair',
        summary: `Documents folder tidied after an interruption: ${parts.join('; ')}`,
        detailsJson: JSON.stringify({ removedUnrecorded: check.removedUnrecorded, removedPartials: check.removedPartials, recovered: check.recovered })
      })
    }
    if (check.warnings.length) {
      const summary = check.warnings.join(' ')
      if (latestSummaryOf(ctx.db, 'documents.check') !== summary) {
        insertActivity(ctx.db, {
          at,
          userName: actor,
          role: 'system',
          action: 'documents.check',
          summary,
          detailsJson: JSON.stringify({ missing: check.missing.map((m) => m.fileId), changed: check.changed.map((c) => c.fileId) })
        })
      }
    }
  })()
}
