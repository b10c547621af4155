// The practice's saved versions of the letter templates (`letter_templates`): one row per saved
// edit, never updated. Version 1 of each template is the built-in wording and has no row.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface TemplateRow {
  template_key: string
  version: number
  name: string
  title: string
  body: string
  sms_text: string
  saved_at: string
  saved_by: string
}

/** The latest saved edit of a template, if it has one. */
export function latestTemplateRow(db: ReadableDb, key: string): TemplateRow | undefined {
  return db.prepare('SELECT * FROM letter_templates WHERE template_key = ? ORDER BY version DESC LIMIT 1').get(key) as TemplateRow | undefined
}

export function templateRowAt(db: ReadableDb, key: string, version: number): TemplateRow | undefined {
  return db.prepare('SELECT * FROM letter_templates WHERE template_key = ? AND version = ?').get(key, version) as TemplateRow | undefined
}

export interface NewTemplateVersion {
  key: string
  version: number
  name: string
  title: string
  body: string
  smsText: string
  savedAt: string
  savedBy: string
}

export function insertTemplateVersion(w: WritableDb, row: NewTemplateVersion): void {
  w.prepare(`INSERT INTO letter_templates (template_key, version, name, title, body, sms_text, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    row.key,
    row.version,
    row.name,
    row.title,
    row.body,
    row.smsText,
    row.savedAt,
    row.savedBy
  )
}
