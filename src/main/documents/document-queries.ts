// The `documents` table (one row per generated file, with its hash) and which batch a document
// belongs to.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface DocumentRow {
  id: number
  kind: string
  file_name: string
  path: string
  mime_type: string
  sha256: string
  created_at: string
}

/** A test for "is a document recorded at this path", prepared once for a loop over candidates. */
export function documentPathRecorded(db: ReadableDb): (path: string) => boolean {
  const statement = db.prepare('SELECT 1 FROM documents WHERE path = ?').pluck()
  return (path) => statement.get(path) !== undefined
}

export interface NewDocument {
  kind: string
  fileName: string
  path: string
  mimeType: string
  sha256: string
  createdAt: string
  createdBy: string
}

export function insertDocument(w: WritableDb, document: NewDocument): number {
  const info = w
    .prepare('INSERT INTO documents (kind, file_name, path, mime_type, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(document.kind, document.fileName, document.path, document.mimeType, document.sha256, document.createdAt, document.createdBy)
  return Number(info.lastInsertRowid)
}

export function findDocument(db: ReadableDb, documentId: number): DocumentRow | undefined {
  return db.prepare('SELECT id, kind, file_name, path, mime_type, sha256, created_at FROM documents WHERE id = ?').get(documentId) as DocumentRow | undefined
}

export function allDocuments(db: ReadableDb): DocumentRow[] {
  return db.prepare('SELECT id, kind, file_name, path, mime_type, sha256, created_at FROM documents ORDER BY id').all() as DocumentRow[]
}

/** A batch's documents in the order they were made. */
export function documentsOfBatch(db: ReadableDb, batchId: number): DocumentRow[] {
  return db
    .prepare(
      `SELECT d.id, d.kind, d.file_name, d.path, d.mime_type, d.sha256, d.created_at FROM invitation_batch_documents bd
       JOIN documents d ON d.id = bd.document_id WHERE bd.batch_id = ? ORDER BY d.id`
    )
    .all(batchId) as DocumentRow[]
}

/** The invitation batch a document was made for, if it was made for one. */
export function batchOfDocument(db: ReadableDb, documentId: number): number | undefined {
  return db.prepare('SELECT batch_id FROM invitation_batch_documents WHERE document_id = ?').pluck().get(documentId) as number | undefined
}
