// Generated documents (letters PDF, audit workbook …) are files in the practice's documents folder,
// each recorded in the `documents` table with its SHA-256 so the exact file sent can be found and
// checked later (spec §5 "the exact document can be reproduced"). Main chooses every path; the
// renderer only ever names a document by its id.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { GeneratedFileT } from '../../shared/contract'
import { AppError } from '../../shared/result'
import type { Db } from '../db/connection'
import type { ServiceContext } from '../context'
import { actorName } from '../context'

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

/**
 * A path in the documents folder for `fileName` that no file has yet: `name.pdf`, else `name-2.pdf`,
 * `name-3.pdf` …, so a second document of the same name never overwrites the first.
 */
export function freeDocumentPath(ctx: Pick<ServiceContext, 'documentsFolder'>, fileName: string): string {
  const folder = ensureDocumentsFolder(ctx)
  const safe = basename(fileName).replace(/[^A-Za-z0-9._-]+/g, '-')
  const ext = extname(safe)
  const stem = safe.slice(0, safe.length - ext.length)
  for (let n = 1; ; n++) {
    const candidate = join(folder, n === 1 ? safe : `${stem}-${n}${ext}`)
    if (!existsSync(candidate)) return candidate
  }
}

export type SaveDocumentInput =
  | {
      kind: string
      mimeType: string
      /** Written into the documents folder now (a free name is chosen), then recorded. */
      bytes: Buffer
      fileName: string
    }
  | {
      kind: string
      mimeType: string
      /** A file main has written (or is about to move into place): recorded as is. */
      path: string
      /** The file's hash, when the caller already has the bytes; otherwise the file is read. */
      sha256?: string
    }

/**
 * Records a document; call inside the transaction that records what the document is for. The
 * file name shown to users is the file's own name.
 */
export function saveDocument(ctx: ServiceContext, db: Db, input: SaveDocumentInput): GeneratedFileT {
  let path: string
  let sha256: string
  if ('bytes' in input) {
    path = freeDocumentPath(ctx, input.fileName)
    writeFileSync(path, input.bytes)
    sha256 = sha256Hex(input.bytes)
  } else {
    path = input.path
    sha256 = input.sha256 ?? sha256Hex(readFileSync(path))
  }
  const name = basename(path)
  const info = db
    .prepare('INSERT INTO documents (kind, file_name, path, mime_type, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.kind, name, path, input.mimeType, sha256, ctx.now().toISOString(), actorName(ctx))
  return { fileId: Number(info.lastInsertRowid), name, kind: input.kind, mimeType: input.mimeType }
}

interface DocumentRow {
  id: number
  kind: string
  file_name: string
  path: string
  mime_type: string
  sha256: string
}

function documentRow(ctx: Pick<ServiceContext, 'db'>, fileId: number): DocumentRow {
  const row = ctx.db.prepare('SELECT id, kind, file_name, path, mime_type, sha256 FROM documents WHERE id = ?').get(fileId) as
    | DocumentRow
    | undefined
  if (!row) throw new AppError('not_found', `No document with id ${fileId}`)
  return row
}

/** Where a recorded document is on disk (for the CLI and demo to copy it out). */
export function documentPath(ctx: Pick<ServiceContext, 'db'>, fileId: number): string {
  const row = documentRow(ctx, fileId)
  if (!existsSync(row.path)) {
    throw new AppError('not_found', `Document ${fileId} (${row.file_name}) is no longer at ${row.path}; it may have been moved or deleted`)
  }
  return row.path
}

export function listDocumentsOf(ctx: Pick<ServiceContext, 'db'>, batchId: number): GeneratedFileT[] {
  const rows = ctx.db
    .prepare(
      `SELECT d.id, d.file_name, d.kind, d.mime_type FROM invitation_batch_documents bd
       JOIN documents d ON d.id = bd.document_id WHERE bd.batch_id = ? ORDER BY d.id`
    )
    .all(batchId) as { id: number; file_name: string; kind: string; mime_type: string }[]
  return rows.map((r) => ({ fileId: r.id, name: r.file_name, kind: r.kind, mimeType: r.mime_type }))
}

/**
 * The document's bytes for the renderer to save or open. A file whose hash no longer matches the
 * record is refused: it is not the document that was sent.
 */
export function readDocument(ctx: Pick<ServiceContext, 'db'>, fileId: number): { name: string; mimeType: string; contentBase64: string } {
  const row = documentRow(ctx, fileId)
  const path = documentPath(ctx, fileId)
  const bytes = readFileSync(path)
  if (sha256Hex(bytes) !== row.sha256) {
    throw new AppError('conflict', `Document ${fileId} (${row.file_name}) has changed since it was created; it is not the document that was recorded`)
  }
  return { name: row.file_name, mimeType: row.mime_type, contentBase64: bytes.toString('base64') }
}
