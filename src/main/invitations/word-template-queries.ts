// The practice's uploaded Word templates (`word_templates`). At most one is active; a retired one is
// kept with its bytes, so batches made with it can still be regenerated.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface WordTemplateRow {
  id: number
  file_name: string
  fields_json: string
  uploaded_at: string
  uploaded_by: string
}

/** The Word template in use, with its bytes: the newest active one, if any. */
export function activeWordTemplateRow(db: ReadableDb): (WordTemplateRow & { content: Buffer }) | undefined {
  return db.prepare('SELECT * FROM word_templates WHERE active = 1 ORDER BY id DESC LIMIT 1').get() as (WordTemplateRow & { content: Buffer }) | undefined
}

export function wordTemplateRow(db: ReadableDb, id: number): WordTemplateRow | undefined {
  return db.prepare('SELECT * FROM word_templates WHERE id = ?').get(id) as WordTemplateRow | undefined
}

/** A Word template's bytes, active or retired. */
export function wordTemplateBytes(db: ReadableDb, id: number): Buffer | undefined {
  return db.prepare('SELECT content FROM word_templates WHERE id = ?').pluck().get(id) as Buffer | undefined
}

export interface NewWordTemplate {
  fileName: string
  content: Buffer
  sha256: string
  fieldsJson: string
  uploadedAt: string
  uploadedBy: string
}

/** Adds a Word template (active by the column's default) and returns its id. */
export function insertWordTemplate(w: WritableDb, template: NewWordTemplate): number {
  const info = w
    .prepare('INSERT INTO word_templates (file_name, content, sha256, fields_json, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?)')
    .run(template.fileName, template.content, template.sha256, template.fieldsJson, template.uploadedAt, template.uploadedBy)
  return Number(info.lastInsertRowid)
}

/** Stops using the active Word template (the row and its bytes are kept); how many were active. */
export function retireActiveWordTemplates(w: WritableDb): number {
  return w.prepare('UPDATE word_templates SET active = 0 WHERE active = 1').run().changes
}
