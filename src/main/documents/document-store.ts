// Generated documents (letters PDF, audit workbook …) are files in the practice's documents folder,
// each recorded in the `documents` table with its SHA-256 so the exact file sent can be found and
// checked later: the exact document can be reproduced. Main chooses every path; the renderer only
// ever names a document by its id.
//
// Order of writing, so that after a crash at any point the records and the files agree once the
// repair pass (repair-documents.ts) has run:
//   1. each document is written under a `.partial` name and flushed to the disk (outside any
//      transaction: rendering and streaming may take a while);
//   2. in one IMMEDIATE transaction (so no other front end picks the same free names meanwhile):
//      free final names are chosen, a placement journal naming them is written durably, the
//      partials are renamed onto those names, and the rows that record them (and what they are
//      for) are inserted and committed;
//   3. the journal is removed.
// A crash in 1 leaves only partial files (removed at the next open). A crash in 2 before the commit
// leaves final-named files no row records, listed in the journal: the repair pass removes them —
// safe, since nobody was given them and nothing was sent. A crash after the commit leaves a journal
// whose files are all recorded: the repair pass keeps them and removes the journal.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { GeneratedFileT } from '../../shared/contract'
import { AppError } from '../../shared/result'
import type { WritableDb } from '../db/database-access'
import { documentPathRecorded, documentsOfBatch, findDocument, insertDocument, type DocumentRow } from './document-queries'
import type { ServiceContext } from '../context'
import { actorName } from '../context'
import { logDocumentOpened } from '../activity-log'
import { removePlacementJournal, writePlacementJournal } from '../files/placement-journal'
import { fileWriteError, moveIntoPlace, partialPathFor, syncFile, syncFolder, writeDurably } from '../files/write-file-atomically'

export const PDF_MIME = 'application/pdf'
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function sha256Hex(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The documents folder, created when first needed. */
export function ensureDocumentsFolder(ctx: Pick<ServiceContext, 'documentsFolder'>): string {
  mkdirSync(ctx.documentsFolder, { recursive: true })
  return ctx.documentsFolder
}

function safeFileName(fileName: string): string {
  return basename(fileName).replace(/[^A-Za-z0-9._-]+/g, '-')
}

/**
 * A path in the documents folder for `fileName` that no file has and no record names: `name.pdf`,
 * else `name-2.pdf`, `name-3.pdf` …, so a second document of the same name never overwrites the
 * first, nor takes the name of a recorded one that has gone missing.
 */
export function freeDocumentPath(ctx: Pick<ServiceContext, 'documentsFolder' | 'db'>, fileName: string, taken: ReadonlySet<string> = new Set()): string {
  const folder = ensureDocumentsFolder(ctx)
  const safe = safeFileName(fileName)
  const ext = extname(safe)
  const stem = safe.slice(0, safe.length - ext.length)
  const isRecorded = documentPathRecorded(ctx.db)
  for (let n = 1; ; n++) {
    const candidate = join(folder, n === 1 ? safe : `${stem}-${n}${ext}`)
    if (!taken.has(candidate) && !existsSync(candidate) && !isRecorded(candidate)) return candidate
  }
}

/** A document written in full under its partial name, waiting to be placed and recorded. */
export interface StagedDocument {
  kind: string
  mimeType: string
  fileName: string
  partialPath: string
  sha256: string
}

/** Step 1 for a document built in memory: written under a partial name and flushed. */
export function stageDocument(
  ctx: Pick<ServiceContext, 'documentsFolder'>,
  file: { kind: string; mimeType: string; fileName: string; bytes: Buffer }
): StagedDocument {
  const partialPath = stagingPath(ctx, file.fileName)
  try {
    writeDurably(partialPath, file.bytes)
  } catch (error) {
    rmSync(partialPath, { force: true })
    throw fileWriteError(join(ctx.documentsFolder, safeFileName(file.fileName)), error)
  }
  return { kind: file.kind, mimeType: file.mimeType, fileName: file.fileName, partialPath, sha256: sha256Hex(file.bytes) }
}

/** Where a streaming writer writes a document before `stagedFromFile`. */
export function stagingPath(ctx: Pick<ServiceContext, 'documentsFolder'>, fileName: string): string {
  return partialPathFor(join(ensureDocumentsFolder(ctx), safeFileName(fileName)))
}

/** Step 1 for a document a streaming writer has written to `stagingPath`: flushed and hashed. */
export function stagedFromFile(file: { kind: string; mimeType: string; fileName: string }, partialPath: string): StagedDocument {
  syncFile(partialPath)
  return { ...file, partialPath, sha256: sha256Hex(readFileSync(partialPath)) }
}

export function discardStaged(staged: readonly StagedDocument[]): void {
  for (const s of staged) rmSync(s.partialPath, { force: true })
}

/**
 * Step 2 and 3: places staged documents under free final names and records them, with whatever
 * `record` adds (a batch, an activity-log entry), in one transaction. If anything fails nothing is
 * recorded and no file of this call is left behind. No await inside: `record` is synchronous.
 */
export function placeAndRecordDocuments<T>(ctx: ServiceContext, staged: readonly StagedDocument[], record: (db: WritableDb, files: GeneratedFileT[]) => T): T {
  const db = ctx.db
  const placed: string[] = []
  let journal: string | null = null
  try {
    return db
      .transaction(() => {
        const folder = ensureDocumentsFolder(ctx)
        const taken = new Set<string>()
        const finals = staged.map((s) => {
          const path = freeDocumentPath(ctx, s.fileName, taken)
          taken.add(path)
          return path
        })
        journal = writePlacementJournal(folder, ctx.databasePath, finals)
        staged.forEach((s, i) => {
          moveIntoPlace(s.partialPath, finals[i] as string)
          placed.push(finals[i] as string)
        })
        syncFolder(folder)
        const files = staged.map((s, i) => recordDocument(ctx, db, { kind: s.kind, mimeType: s.mimeType, path: finals[i] as string, sha256: s.sha256 }))
        return record(db, files)
      })
      .immediate()
  } catch (error) {
    // Not committed: the placed files are records of nothing.
    for (const path of placed) rmSync(path, { force: true })
    discardStaged(staged)
    throw error
  } finally {
    if (journal) removePlacementJournal(journal)
  }
}

/** One `documents` row for a file already in place; inside the caller's transaction. */
function recordDocument(ctx: ServiceContext, db: WritableDb, input: { kind: string; mimeType: string; path: string; sha256: string }): GeneratedFileT {
  const name = basename(input.path)
  const fileId = insertDocument(db, {
    kind: input.kind,
    fileName: name,
    path: input.path,
    mimeType: input.mimeType,
    sha256: input.sha256,
    createdAt: ctx.now().toISOString(),
    createdBy: actorName(ctx)
  })
  return { fileId, name, kind: input.kind, mimeType: input.mimeType }
}

function documentRow(ctx: Pick<ServiceContext, 'db'>, fileId: number): DocumentRow {
  const row = findDocument(ctx.db, fileId)
  if (!row) throw new AppError('not_found', `No document with id ${fileId}`)
  return row
}

/** Where a recorded document is on disk (for the CLI and demo to copy it out). */
export function documentPath(ctx: Pick<ServiceContext, 'db'>, fileId: number): string {
  const row = documentRow(ctx, fileId)
  if (!existsSync(row.path)) {
    throw new AppError(
      'not_found',
      `The file of document ${fileId} (${row.file_name}) is missing from ${dirname(row.path)}: it was moved or deleted outside Clinic Recall. Create it again (for letters: Regenerate on the batch).`,
      { fileId }
    )
  }
  return row.path
}

/** A batch's documents whose files are there: a file id is never handed out for a missing file. */
export function listDocumentsOf(ctx: Pick<ServiceContext, 'db'>, batchId: number): GeneratedFileT[] {
  return documentsOfBatch(ctx.db, batchId)
    .filter((r) => existsSync(r.path))
    .map((r) => ({ fileId: r.id, name: r.file_name, kind: r.kind, mimeType: r.mime_type }))
}

/**
 * The document's bytes for the renderer to save or open. A file whose hash no longer matches the
 * record is refused: it is not the document that was sent.
 */
export function readDocument(
  ctx: Pick<ServiceContext, 'db' | 'currentUser' | 'now'>,
  fileId: number
): { name: string; mimeType: string; contentBase64: string } {
  const row = documentRow(ctx, fileId)
  const path = documentPath(ctx, fileId)
  const bytes = readFileSync(path)
  if (sha256Hex(bytes) !== row.sha256) {
    throw new AppError('conflict', `Document ${fileId} (${row.file_name}) has changed since it was created; it is not the document that was recorded`)
  }
  // Letters and workbooks name patients: who opened which one is part of the record.
  logDocumentOpened(ctx, { fileId: row.id, kind: row.kind, fileName: row.file_name })
  return { name: row.file_name, mimeType: row.mime_type, contentBase64: bytes.toString('base64') }
}
