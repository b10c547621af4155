// The practice's versions of the built-in letter templates, and its Word template. Version 1
// of each template is the wording in letter-templates.ts; every saved edit is a new row with the next
// version, so any invitation's wording can be found again from the version it recorded.
import type { ReadableDb } from '../db/database-access'
import { BUILT_IN_TEMPLATES, isTemplateKey, templateProblems, type LetterTemplate, type TemplateKey } from '../../shared/domain/letter-templates'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName } from '../context'
import { sha256Hex } from '../documents/document-store'
import { inspectWordTemplate } from '../documents/invitation-letters-docx'
import { insertTemplateVersion, latestTemplateRow, templateRowAt, type TemplateRow } from './template-queries'
import {
  activeWordTemplateRow,
  insertWordTemplate,
  retireActiveWordTemplates,
  wordTemplateBytes,
  wordTemplateRow,
  type WordTemplateRow
} from './word-template-queries'

export interface StoredTemplate extends LetterTemplate {
  builtIn: boolean
  savedAt: string | null
  savedBy: string | null
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
export function currentTemplate(db: ReadableDb, key: string): StoredTemplate {
  const k = requireKey(key)
  const row = latestTemplateRow(db, k)
  return row ? fromRow(row) : builtIn(k)
}

export function templateVersion(db: ReadableDb, key: string, version: number): StoredTemplate {
  const k = requireKey(key)
  if (version === 1) return builtIn(k)
  const row = templateRowAt(db, k, version)
  if (!row) throw new AppError('not_found', `No version ${version} of template "${k}"`)
  return fromRow(row)
}

export function listTemplates(db: ReadableDb): StoredTemplate[] {
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
    insertTemplateVersion(db, {
      key,
      version,
      name: previous.name,
      title: input.title,
      body: input.body,
      smsText: input.smsText,
      savedAt: ctx.now().toISOString(),
      savedBy: actorName(ctx)
    })
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

const wordInfo = (r: WordTemplateRow): WordTemplateInfo => ({
  wordTemplateId: r.id,
  fileName: r.file_name,
  fields: JSON.parse(r.fields_json) as string[],
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by
})

export function activeWordTemplate(db: ReadableDb): (WordTemplateInfo & { content: Buffer }) | null {
  const row = activeWordTemplateRow(db)
  return row ? { ...wordInfo(row), content: row.content } : null
}

export function wordTemplateContent(db: ReadableDb, id: number): Buffer {
  const content = wordTemplateBytes(db, id)
  if (content === undefined) throw new AppError('not_found', `No Word template with id ${id}`)
  return content
}

export function uploadWordTemplate(ctx: ServiceContext, input: { name: string; contentBase64: string }): WordTemplateInfo {
  const bytes = Buffer.from(input.contentBase64, 'base64')
  if (!/\.docx$/i.test(input.name)) throw new AppError('invalid_input', `${input.name}: choose a Word .docx file`)
  const { fields } = inspectWordTemplate(bytes, input.name)
  const db = ctx.db
  return db.transaction(() => {
    retireActiveWordTemplates(db)
    const id = insertWordTemplate(db, {
      fileName: input.name,
      content: bytes,
      sha256: sha256Hex(bytes),
      fieldsJson: JSON.stringify(fields),
      uploadedAt: ctx.now().toISOString(),
      uploadedBy: actorName(ctx)
    })
    logActivity(ctx, db, 'templates.uploadWord', `Word template ${input.name} uploaded (${fields.length} merge fields)`, { fields })
    return wordInfo(wordTemplateRow(db, id) as WordTemplateRow)
  })()
}

/** Stops using the Word template (kept, so batches made with it can still be regenerated). */
export function retireWordTemplate(ctx: ServiceContext): void {
  ctx.db.transaction(() => {
    const n = retireActiveWordTemplates(ctx.db)
    if (n > 0) logActivity(ctx, ctx.db, 'templates.removeWord', 'Word template no longer used: letters use the built-in layout')
  })()
}
