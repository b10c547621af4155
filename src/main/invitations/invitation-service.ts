// Invitation batches: from a saved cohort snapshot, each member who should be invited gets
// the channel the rule picks (SMS, letter — large print when flagged — or the phone list). Outputs:
// one print-ready PDF of standard letters (one page each, DL window), a large-print PDF, a DOCX of
// the letters from the practice's Word template, the SMS upload CSV, the call list and the batch
// sheet. Every invitation is recorded (cohort, patient, attempt, channel, template version, date,
// who) with the merged content, so the exact documents can be regenerated and checked.
import type { OperationOutput, ParsedInput } from '../../shared/contract'
import { chooseChannel, defaultContactPreferences, effectiveLanguageNeed, ukMobileNumber, type ContactChannel } from '../../shared/domain/contact-channel'
import { buildInvitationLetter, hasPostalAddress, nameCase, type InvitationAttempt, type InvitationLetter } from '../../shared/domain/letter-content'
import { defaultTemplateKey, fillMergeFields } from '../../shared/domain/letter-templates'
import { displayName } from '../../shared/domain/patient-record'
import { plainSmsText, smsLength, smsProblems } from '../../shared/domain/sms-message'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName, todayIso } from '../context'
import { batchSheetCsv, phoneListCsv, type BatchSheetRow } from '../documents/batch-sheet-csv'
import { CSV_MIME } from '../documents/csv-text'
import { discardStaged, listDocumentsOf, PDF_MIME, placeAndRecordDocuments, stageDocument, type StagedDocument } from '../documents/document-store'
import { builtInWordTemplate, DOCX_MIME, renderLettersDocx } from '../documents/invitation-letters-docx'
import { letterPrintProblems, renderLargePrintLettersPdf, renderLettersPdf, writeByHandWarning } from '../documents/invitation-letters-pdf'
import { smsUploadCsv, type SmsRecipient } from '../documents/sms-upload-csv'
import { getPracticeSettings } from '../settings/practice-settings-store'
import { reasonNotInvited } from './invitation-eligibility'
import { activeWordTemplate, currentTemplate, wordTemplateContent } from './template-store'

export type InvitationBatch = OperationOutput<'invitations.createBatch'>
type NotInvited = InvitationBatch['notInvited'][number]

interface MemberRow {
  patient_id: number
  priority: string | null
  severe: number
  nhs_number: string
  emis_number: string | null
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  address_lines_json: string
  postcode: string | null
  mobile: string | null
  home_phone: string | null
  main_language: string | null
  interpreter_required: number | null
  registration_status: string | null
  sms_declined: number | null
  large_print: number | null
  preferred_channel: 'any' | 'letter' | 'phone' | null
  no_contact: number | null
  interpreter_language: string | null
  upcoming_on: string | null
  attended_on: string | null
  same_attempt_on: string | null
  previous_attempt: number | null
  previous_on: string | null
}

/** What was sent to one patient, stored with the invitation (content_json) for regeneration. */
type SentContent =
  { channel: 'letter'; letter: InvitationLetter } | { channel: 'sms'; recipient: SmsRecipient; text: string } | { channel: 'phone'; phone: string }

interface BatchOptions {
  templateKey: string
  templateVersion: number
  sms: boolean
  phoneList: boolean
  waitDays: number
  docx: boolean
  wordTemplateId: number | null
  smsText: string | null
  warnings: string[]
}

function parseAddress(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string') : []
  } catch {
    return []
  }
}

function toAttempt(n: number): InvitationAttempt {
  if (n === 1 || n === 2 || n === 3) return n
  throw new AppError('invalid_input', `attempt must be 1, 2 or 3 (got ${n})`)
}

interface PlannedFile {
  kind: string
  mimeType: string
  fileName: string
  bytes: Buffer
}

/** Every document of a batch, from what was sent: used to create it and to regenerate it. */
async function renderBatchFiles(
  stem: string,
  contents: readonly SentContent[],
  sheet: readonly BatchSheetRow[],
  wordTemplate: Buffer | null,
  docx: boolean
): Promise<PlannedFile[]> {
  const letters = contents.flatMap((c) => (c.channel === 'letter' ? [c.letter] : []))
  const standard = letters.filter((l) => !l.largePrint)
  const large = letters.filter((l) => l.largePrint)
  const sms = contents.flatMap((c) => (c.channel === 'sms' ? [c.recipient] : []))
  const files: PlannedFile[] = []
  if (standard.length > 0) files.push({ kind: 'letters-pdf', mimeType: PDF_MIME, fileName: `${stem}.pdf`, bytes: await renderLettersPdf(standard) })
  if (large.length > 0) {
    const { bytes } = await renderLargePrintLettersPdf(large)
    files.push({ kind: 'letters-large-print-pdf', mimeType: PDF_MIME, fileName: `${stem}-large-print.pdf`, bytes })
  }
  // Word: the standard letters in the practice's template; large-print letters in the built-in
  // layout at 16 pt (a practice letterhead cannot be scaled up reliably).
  if (docx && standard.length > 0) {
    files.push({ kind: 'letters-docx', mimeType: DOCX_MIME, fileName: `${stem}.docx`, bytes: renderLettersDocx(standard, wordTemplate) })
  }
  if (docx && large.length > 0) {
    files.push({
      kind: 'letters-large-print-docx',
      mimeType: DOCX_MIME,
      fileName: `${stem}-large-print.docx`,
      bytes: renderLettersDocx(large, builtInWordTemplate(true))
    })
  }
  if (sms.length > 0) files.push({ kind: 'sms-csv', mimeType: CSV_MIME, fileName: `${stem}-sms-upload.csv`, bytes: Buffer.from(smsUploadCsv(sms), 'utf8') })
  if (sheet.some((r) => r.channel === 'phone')) {
    files.push({ kind: 'phone-list-csv', mimeType: CSV_MIME, fileName: `${stem}-phone-list.csv`, bytes: Buffer.from(phoneListCsv(sheet), 'utf8') })
  }
  files.push({ kind: 'batch-sheet-csv', mimeType: CSV_MIME, fileName: `${stem}-batch-sheet.csv`, bytes: Buffer.from(batchSheetCsv(sheet), 'utf8') })
  return files
}

type BatchChoices = 'sms' | 'phoneList' | 'waitDays' | 'docx' | 'preview'
/** The contract's input; the channel choices may be left out by in-process callers (bench, demo). */
export type CreateBatchInput = Omit<ParsedInput<'invitations.createBatch'>, BatchChoices> & Partial<Pick<ParsedInput<'invitations.createBatch'>, BatchChoices>>

export async function createInvitationBatch(ctx: ServiceContext, input: CreateBatchInput): Promise<InvitationBatch> {
  const db = ctx.db
  const attempt = toAttempt(input.attempt)
  const date = input.date ?? todayIso(ctx)
  const waitDays = input.waitDays ?? 14
  const cohort = db.prepare('SELECT id, as_of, definition_id FROM cohorts WHERE id = ?').get(input.cohortId) as
    { id: number; as_of: string; definition_id: string } | undefined
  if (!cohort) throw new AppError('not_found', `No cohort with id ${input.cohortId}`)
  const template = currentTemplate(db, input.templateKey ?? defaultTemplateKey(cohort.definition_id, attempt))
  const allowSms = input.sms ?? true
  const phoneList = input.phoneList ?? false
  const wantDocx = input.docx ?? true
  const word = wantDocx ? activeWordTemplate(db) : null

  // Members in alphabetical order (family name, given name), so the printed pile matches the
  // batch sheet; the NHS number breaks ties so the order never depends on the database.
  const members = db
    .prepare(
      `SELECT ce.patient_id, ce.priority, ce.severe, p.nhs_number, p.emis_number, p.title, p.given_name, p.family_name,
              p.date_of_birth, p.address_lines_json, p.postcode, p.mobile, p.home_phone, p.main_language,
              p.interpreter_required, p.registration_status, cp.sms_declined, cp.large_print, cp.preferred_channel, cp.no_contact, cp.interpreter_language,
              (SELECT MIN(c.date) FROM appointments a JOIN clinics c ON c.id = a.clinic_id
                 WHERE a.patient_id = p.id AND a.status = 'booked' AND c.date >= @date) AS upcoming_on,
              (SELECT MAX(c.date) FROM appointments a JOIN clinics c ON c.id = a.clinic_id
                 WHERE a.patient_id = p.id AND a.status = 'attended' AND c.date >= @asOf AND c.date <= @date) AS attended_on,
              (SELECT MIN(i.sent_on) FROM invitations i
                 WHERE i.patient_id = p.id AND i.cohort_id = @cohortId AND i.attempt = @attempt) AS same_attempt_on,
              (SELECT i.attempt FROM invitations i WHERE i.patient_id = p.id AND i.sent_on <= @date
                 ORDER BY i.sent_on DESC, i.id DESC LIMIT 1) AS previous_attempt,
              (SELECT MAX(i.sent_on) FROM invitations i WHERE i.patient_id = p.id AND i.sent_on <= @date) AS previous_on
       FROM cohort_entries ce JOIN patients p ON p.id = ce.patient_id
       LEFT JOIN contact_preferences cp ON cp.patient_id = p.id
       WHERE ce.cohort_id = @cohortId AND ce.status = 'member'
       ORDER BY LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, '')), p.nhs_number`
    )
    .all({ cohortId: cohort.id, asOf: cohort.as_of, date, attempt }) as MemberRow[]

  const practice = getPracticeSettings(ctx)
  const smsText = plainSmsText(fillMergeFields(template.smsText, { practiceName: practice.practiceName.trim(), practicePhone: practice.phone.trim() }))
  // An SMS text that cannot go as one safe message sends nobody an SMS: those patients get a letter
  // instead, and the batch says why, so the wording can be fixed before the next round.
  const smsBlocked = allowSms ? smsProblems(smsText, template.smsText) : []
  const warnings: string[] = smsBlocked.length
    ? [
        `No SMS sent — the SMS text of template "${template.name}" v${template.version}: ${smsBlocked.join('; ')}. Patients with a mobile get a letter instead; edit the SMS text (Invitations → Letter templates) or the practice name and phone (Settings).`
      ]
    : []
  const invited: { patientId: number; content: SentContent }[] = []
  const notInvited: NotInvited[] = []
  const sheet: BatchSheetRow[] = []
  for (const m of members) {
    const name = displayName({ title: m.title, givenName: m.given_name, familyName: m.family_name })
    const addressLines = parseAddress(m.address_lines_json)
    const preferences = {
      smsDeclined: m.sms_declined === 1,
      largePrint: m.large_print === 1,
      preferredChannel: m.preferred_channel ?? defaultContactPreferences.preferredChannel,
      noContact: m.no_contact === 1
    }
    // The interpreter need staff recorded in the app wins over the export's columns while set.
    const language = effectiveLanguageNeed(
      { mainLanguage: m.main_language, interpreterRequired: m.interpreter_required === null ? null : m.interpreter_required === 1 },
      m.interpreter_language
    )
    const needs = { mainLanguage: language.mainLanguage, interpreterRequired: language.interpreterRequired, largePrint: preferences.largePrint }
    const skip = (reason: string) => {
      notInvited.push({ nhsNumber: m.nhs_number, name, reason })
      sheet.push({ nhsNumber: m.nhs_number, name, channel: null, contact: null, note: reason, ...needs, writeByHand: false })
    }
    const reason = reasonNotInvited(
      {
        priority: m.priority,
        severe: m.severe === 1,
        noContactPermitted: preferences.noContact,
        upcomingAppointmentOn: m.upcoming_on,
        attendedSinceCohortOn: m.attended_on,
        sameAttemptSentOn: m.same_attempt_on,
        previousInvitation: m.previous_on !== null && m.previous_attempt !== null ? { attempt: m.previous_attempt, sentOn: m.previous_on } : null
      },
      attempt,
      date,
      waitDays
    )
    if (reason !== null) {
      skip(reason)
      continue
    }
    const decision = chooseChannel(
      {
        mobile: m.mobile,
        homePhone: m.home_phone,
        hasPostalAddress: hasPostalAddress({ addressLines, postcode: m.postcode }),
        registrationStatus: m.registration_status,
        preferences
      },
      { allowSms: allowSms && smsBlocked.length === 0, phoneList }
    )
    if (decision.channel === null) {
      skip(decision.reason)
      continue
    }
    const smsWasPossible = smsBlocked.length > 0 && !preferences.smsDeclined && preferences.preferredChannel === 'any' && ukMobileNumber(m.mobile) !== null
    const note = smsWasPossible ? 'SMS text could not be sent (see the batch warning): letter instead' : decision.note
    let content: SentContent
    let contact: string | null = null
    // What the letter PDF cannot print (a script it has no glyphs for, an address too long for
    // the window) is listed on the sheet for staff to write by hand; the patient is still invited.
    let byHand: string[] = []
    if (decision.channel === 'sms') {
      const mobile = ukMobileNumber(m.mobile) ?? ''
      contact = mobile
      content = {
        channel: 'sms',
        text: smsText,
        recipient: {
          nhsNumber: m.nhs_number,
          emisNumber: m.emis_number,
          mobile,
          dateOfBirth: m.date_of_birth,
          firstName: m.given_name ? nameCase(m.given_name) : '',
          lastName: m.family_name ? nameCase(m.family_name) : ''
        }
      }
    } else if (decision.channel === 'phone') {
      contact = ukMobileNumber(m.mobile) ?? m.home_phone ?? m.mobile ?? ''
      content = { channel: 'phone', phone: contact }
    } else {
      content = {
        channel: 'letter',
        letter: buildInvitationLetter({
          practice,
          attempt,
          date,
          template,
          largePrint: preferences.largePrint,
          patient: {
            nhsNumber: m.nhs_number,
            title: m.title,
            givenName: m.given_name,
            familyName: m.family_name,
            addressLines,
            postcode: m.postcode,
            dateOfBirth: m.date_of_birth
          }
        })
      }
      byHand = letterPrintProblems(content.letter)
    }
    invited.push({ patientId: m.patient_id, content })
    const channelLabel = decision.channel === 'letter' && preferences.largePrint ? 'large-print letter' : decision.channel
    const sheetNote = [note, ...byHand].filter((n): n is string => n !== null && n !== '').join('; ') || null
    sheet.push({ nhsNumber: m.nhs_number, name, channel: channelLabel, contact, note: sheetNote, ...needs, writeByHand: byHand.length > 0 })
  }

  const count = (channel: ContactChannel) => invited.filter((i) => i.content.channel === channel).length
  const smsCount = count('sms')
  const lettersToWriteByHand = sheet.filter((r) => r.writeByHand).length
  if (lettersToWriteByHand > 0) warnings.push(writeByHandWarning(lettersToWriteByHand))

  const options: BatchOptions = {
    templateKey: template.key,
    templateVersion: template.version,
    sms: allowSms,
    phoneList,
    waitDays,
    docx: wantDocx,
    wordTemplateId: word?.wordTemplateId ?? null,
    smsText: smsCount > 0 ? smsText : null,
    warnings
  }

  const letters = count('letter')
  const largePrint = invited.filter((i) => i.content.channel === 'letter' && i.content.letter.largePrint).length
  const phone = count('phone')
  const createdBy = actorName(ctx)
  const summary = {
    cohortId: cohort.id,
    attempt,
    createdOn: date,
    createdBy,
    letters,
    sms: smsCount,
    phone,
    largePrint,
    templateKey: template.key,
    templateVersion: template.version,
    notInvited,
    sheet,
    smsMessage: options.smsText === null ? null : { text: options.smsText, ...pickLength(options.smsText) },
    warnings,
    lettersToWriteByHand
  }
  // A preview answers "who would get what" before anything is printed or recorded.
  if (input.preview === true) return { batchId: 0, ...summary, files: [] }

  // Files first, then the records (document-store.ts explains the order): each file is written in
  // full under a partial name before the transaction; the transaction places them under their final
  // names and records the batch, so a batch is never recorded without all its files on disk.
  const stem = batchFileStem(cohort.id, attempt, date)
  const planned =
    invited.length > 0
      ? await renderBatchFiles(
          stem,
          invited.map((i) => i.content),
          sheet,
          word?.content ?? null,
          wantDocx
        )
      : []
  const staged = stageAll(ctx, planned)

  const { batchId, files } = placeAndRecordDocuments(ctx, staged, (db, files) => {
    const batch = db
      .prepare(
        `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version, not_invited_json, options_json, sheet_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(cohort.id, attempt, date, createdBy, template.key, template.version, JSON.stringify(notInvited), JSON.stringify(options), JSON.stringify(sheet))
    const id = Number(batch.lastInsertRowid)
    const link = db.prepare('INSERT INTO invitation_batch_documents (batch_id, document_id) VALUES (?, ?)')
    for (const file of files) link.run(id, file.fileId)
    const insert = db.prepare(
      `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by, content_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    for (const i of invited) {
      insert.run(id, cohort.id, i.patientId, attempt, i.content.channel, date, template.key, template.version, createdBy, JSON.stringify(i.content))
    }
    logActivity(
      ctx,
      db,
      'invitations.createBatch',
      `Invitation ${attempt} for cohort ${cohort.id}: ${letters} letters (${largePrint} large print), ${smsCount} SMS, ${phone} to phone, ${notInvited.length} members not invited`,
      {
        batchId: id,
        cohortId: cohort.id,
        attempt,
        date,
        letters,
        largePrint,
        sms: smsCount,
        phone,
        notInvited: notInvited.length,
        template: `${template.key} v${template.version}`,
        files: files.map((f) => f.name)
      }
    )
    return { batchId: id, files }
  })

  return { batchId, ...summary, files }
}

/** The start of every file name of a batch's documents (the CLI checks `--out` against it first). */
export function batchFileStem(cohortId: number, attempt: number, date: string): string {
  return `invitations-cohort-${cohortId}-attempt-${attempt}-${date}`
}

/** Writes every planned file under its partial name; if one fails, none is left behind. */
function stageAll(ctx: ServiceContext, planned: readonly PlannedFile[]): StagedDocument[] {
  const staged: StagedDocument[] = []
  try {
    for (const f of planned) staged.push(stageDocument(ctx, f))
  } catch (error) {
    discardStaged(staged)
    throw error
  }
  return staged
}

function pickLength(text: string): { length: number; limit: number } {
  const { length, limit } = smsLength(text)
  return { length, limit }
}

interface BatchRow {
  id: number
  cohort_id: number
  attempt: number
  created_on: string
  created_by: string
  template_id: string
  template_version: number
  not_invited_json: string
  options_json: string
  sheet_json: string
  letters: number
  sms: number
  phone: number
  large_print: number
}

function batchFromRow(ctx: Pick<ServiceContext, 'db'>, r: BatchRow): InvitationBatch {
  const options = JSON.parse(r.options_json) as Partial<BatchOptions>
  // Sheets recorded before letters were checked for what they cannot print have no writeByHand.
  const sheet = (JSON.parse(r.sheet_json) as (Omit<BatchSheetRow, 'writeByHand'> & { writeByHand?: boolean })[]).map((row) => ({
    ...row,
    writeByHand: row.writeByHand ?? false
  }))
  return {
    batchId: r.id,
    cohortId: r.cohort_id,
    attempt: r.attempt,
    createdOn: r.created_on,
    createdBy: r.created_by,
    letters: r.letters,
    sms: r.sms,
    phone: r.phone,
    largePrint: r.large_print,
    templateKey: r.template_id,
    templateVersion: r.template_version,
    notInvited: JSON.parse(r.not_invited_json) as NotInvited[],
    sheet,
    smsMessage: options.smsText ? { text: options.smsText, ...pickLength(options.smsText) } : null,
    warnings: options.warnings ?? [],
    lettersToWriteByHand: sheet.filter((row) => row.writeByHand).length,
    files: listDocumentsOf(ctx, r.id)
  }
}

const batchSelect = `SELECT b.id, b.cohort_id, b.attempt, b.created_on, b.created_by, b.template_id, b.template_version,
        b.not_invited_json, b.options_json, b.sheet_json,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'letter') AS letters,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'sms') AS sms,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'phone') AS phone,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'letter'
           AND json_extract(i.content_json, '$.letter.largePrint') = 1) AS large_print
     FROM invitation_batches b`

export function listBatches(ctx: Pick<ServiceContext, 'db'>): InvitationBatch[] {
  const rows = ctx.db.prepare(`${batchSelect} ORDER BY b.id DESC`).all() as BatchRow[]
  return rows.map((r) => batchFromRow(ctx, r))
}

/**
 * Rebuilds a batch's documents from what was recorded (the merged letters, SMS rows, sheet and the
 * Word template used), writes them as new documents and says whether each is byte-for-byte the
 * document sent. Later changes to addresses, settings or templates do not change the result.
 */
export async function regenerateBatch(ctx: ServiceContext, batchId: number): Promise<OperationOutput<'invitations.regenerate'>> {
  const db = ctx.db
  const row = db.prepare(`${batchSelect} WHERE b.id = ?`).get(batchId) as BatchRow | undefined
  if (!row) throw new AppError('not_found', `No invitation batch with id ${batchId}`)
  const options = JSON.parse(row.options_json) as Partial<BatchOptions>
  const contents = (db.prepare('SELECT content_json FROM invitations WHERE batch_id = ? ORDER BY id').all(batchId) as { content_json: string | null }[]).map(
    (r) => r.content_json
  )
  if (contents.some((c) => c === null)) {
    throw new AppError('conflict', `Batch ${batchId} was created before contents were recorded; it cannot be regenerated exactly`)
  }
  const sent = contents.map((c) => JSON.parse(c as string) as SentContent)
  const word = options.wordTemplateId ? wordTemplateContent(db, options.wordTemplateId) : null
  const stem = batchFileStem(row.cohort_id, row.attempt, row.created_on)
  const planned = await renderBatchFiles(stem, sent, JSON.parse(row.sheet_json) as BatchSheetRow[], word, options.docx ?? false)
  const originals = db
    .prepare(`SELECT d.kind, d.sha256 FROM invitation_batch_documents bd JOIN documents d ON d.id = bd.document_id WHERE bd.batch_id = ?`)
    .all(batchId) as { kind: string; sha256: string }[]
  // The same order as a new batch: files complete on disk, then placed and recorded together.
  const staged = stageAll(
    ctx,
    planned.map((f) => ({ ...f, kind: `${f.kind}-regenerated`, fileName: f.fileName.replace(/(\.[a-z]+)$/, `-regenerated$1`) }))
  )
  return placeAndRecordDocuments(ctx, staged, (db, saved) => {
    const files = saved.map((file, i) => {
      const original = planned[i] as PlannedFile
      const matchesOriginal = originals.some((o) => o.kind === original.kind && o.sha256 === (staged[i] as StagedDocument).sha256)
      return { ...file, matchesOriginal }
    })
    logActivity(
      ctx,
      db,
      'invitations.regenerate',
      `Batch ${batchId} documents regenerated: ${files.filter((f) => f.matchesOriginal).length} of ${files.length} identical to the originals`,
      {
        batchId
      }
    )
    return { files }
  })
}
