// The practice's versions of the built-in letter templates, and its Word template. Version 1
// of each template is the wording in letter-templates.ts; every saved edit is a new row with the next
// version, so any invitation's wording can be found again from the version it recorded.
import type { WritableDb } from '../db/database-access'
import { BUILT_IN_TEMPLATES, isTemplateKey, templateProblems, type LetterTemplate, type TemplateKey } from '../../shared/domain/letter-templates'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName } from '../context'
import { sha256Hex } from '../documents/document-store'
import { inspectWordTemplate } from '../documents/invitation-letters-docx'

export interface StoredTemplate extends LetterTemplate {
  builtIn: boolean
  savedAt: string | null
  savedBy: string | null
}

interface TemplateRow {
  template_key: string
  version: number
  name: string
  title: string
  body: string
  sms_text: string
  saved_at: string
  saved_by: string
}

function fromRow(row: TemplateRow): StoredTemplate {
  if (!isTemplateKey(row.template_key)) throw new AppError('conflict', `Unknown template "${row.template_key}" in the database`)
  return {
    key: row.template_key,
    name: row.name,
    version: row.version,
    title: row.title,
    body: row.body,
    smsText: row.sms_text,
    builtIn: false,
    savedAt: row.saved_at,
    savedBy: row.saved_by
  }
}

function builtIn(key: TemplateKey): StoredTemplate {
  return { ...BUILT_IN_TEMPLATES[key], builtIn: true, savedAt: null, savedBy: null }
}

function requireKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) throw new AppError('invalid_input', `templateKey: unknown template "${key}"`)
  return key
}

/** The version used for new invitations: the latest saved edit, else the built-in wording. */
export function currentTemplate(db: WritableDb, key: string): StoredTemplate {
  const k = requireKey(key)
  const row = db.prepare('SELECT * FROM letter_templates WHERE template_key = ? ORDER BY version DESC LIMIT 1').get(k) as TemplateRow | undefined
  return row ? fromRow(row) : builtIn(k)
}

export function templateVersion(db: WritableDb, key: string, version: number): StoredTemplate {
  const k = requireKey(key)
  if (version === 1) return builtIn(k)
  const row = db.prepare('SELECT * FROM letter_templates WHERE template_key = ? AND version = ?').get(k, version) as TemplateRow | undefined
  if (!row) throw new AppError('not_found', `No version ${version} of template "${k}"`)
  return fromRow(row)
}

export function listTemplates(db: WritableDb): StoredTemplate[] {
  return Object.keys(BUILT_IN_TEMPLATES).map((key) => currentTemplate(db, key))
}

export function saveTemplate(ctx: ServiceContext, input: { key: string; title: string; body: string; smsText: string }): StoredTemplate {
  const key = requireKey(input.key)
  const problems = templateProblems(input)
  if (problems.length) throw new AppError('invalid_input', `Template "${BUILT_IN_TEMPLATES[key].name}" not saved: ${problems.join('; ')}`)
  const db = ctx.db
  return db.transaction(() => {
    const previous = currentTemplate(db, key)
    if (previous.title === input.title && previous.body === input.body && previous.smsText === input.smsText) return previous
    const version = previous.version + 1
    db.prepare(`INSERT INTO letter_templates (template_key, version, name, title, body, sms_text, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      key,
      version,
      previous.name,
      input.title,
      input.body,
      input.smsText,
      ctx.now().toISOString(),
      actorName(ctx)
    )
    logActivity(ctx, db, 'templates.save', `Template "${previous.name}" saved as version ${version}`, { key, version })
    return currentTemplate(db, key)
  })()
}

export interface WordTemplateInfo {
  wordTemplateId: number
  fileName: string
  fields: string[]
  uploadedAt: string
  uploadedBy: string
}

interface WordRow {
  id: number
  file_name: string
  fields_json: string
  uploaded_at: string
  uploaded_by: string
}

const wordInfo = (r: WordRow): WordTemplateInfo => ({
  wordTemplateId: r.id,
  fileName: r.file_name,
  fields: JSON.parse(r.fields_json) as string[],
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by
})

export function activeWordTemplate(db: WritableDb): (WordTemplateInfo & { content: Buffer }) | null {
  const row = db.prepare('SELECT * FROM word_templates WHERE active = 1 ORDER BY id DESC LIMIT 1').get() as (WordRow & { content: Buffer }) | undefined
  return row ? { ...wordInfo(row), content: row.content } : null
}

export function wordTemplateContent(db: WritableDb, id: number): Buffer {
  const row = db.prepare('SELECT content FROM word_templates WHERE id = ?').get(id) as { content: Buffer } | undefined
  if (!row) throw new AppError('not_found', `No Word template with id ${id}`)
  return row.content
}

export function uploadWordTemplate(ctx: ServiceContext, input: { name: string; contentBase64: string }): WordTemplateInfo {
  const bytes = Buffer.from(input.contentBase64, 'base64')
  if (!/\.docx$/i.test(input.name)) throw new AppError('invalid_input', `${input.name}: choose a Word .docx file`)
  const { fields } = inspectWordTemplate(bytes, input.name)
  const db = ctx.db
  return db.transaction(() => {
    db.prepare('UPDATE word_templates SET active = 0 WHERE active = 1').run()
    const info = db
      .prepare('INSERT INTO word_templates (file_name, content, sha256, fields_json, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.name, bytes, sha256Hex(bytes), JSON.stringify(fields), ctx.now().toISOString(), actorName(ctx))
    logActivity(ctx, db, 'templates.uploadWord', `Word template ${input.name} uploaded (${fields.length} merge fields)`, { fields })
    const row = db.prepare('SELECT * FROM word_templates WHERE id = ?').get(Number(info.lastInsertRowid)) as WordRow
    return wordInfo(row)
  })()
}

/** Stops using the Word template (kept, so batches made with it can still be regenerated). */
export function retireWordTemplate(ctx: ServiceContext): void {
  ctx.db.transaction(() => {
    const n = ctx.db.prepare('UPDATE word_templates SET active = 0 WHERE active = 1').run().changes
    if (n > 0) logActivity(ctx, ctx.db, 'templates.removeWord', 'Word template no longer used: letters use the built-in layout')
  })()
}
