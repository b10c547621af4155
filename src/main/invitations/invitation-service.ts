// Invitation batches (spec §5): from a saved cohort snapshot, one letter per member who should get
// one, merged into one print-ready PDF, and a record of every invitation (who, which cohort,
// attempt, channel, template version, date, by whom). Members who do not get a letter are listed
// with the reason. SMS is not produced yet: every invitation in this version is a letter.
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { GeneratedFileT, OperationOutput, ParsedInput } from '../../shared/contract'
import {
  buildInvitationLetter,
  HYPERTENSION_REVIEW_TEMPLATE_ID,
  HYPERTENSION_REVIEW_TEMPLATE_VERSION,
  type InvitationAttempt,
  type InvitationLetter
} from '../../shared/domain/letter-content'
import { displayName } from '../../shared/domain/patient-record'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName, todayIso } from '../context'
import { freeDocumentPath, listDocumentsOf, PDF_MIME, saveDocument, sha256Hex } from '../documents/document-store'
import { renderLettersPdf } from '../documents/invitation-letters-pdf'
import { getPracticeSettings } from '../settings/practice-settings-store'
import { reasonNotInvited } from './invitation-eligibility'

export type InvitationBatch = OperationOutput<'invitations.createBatch'>
type NotInvited = InvitationBatch['notInvited'][number]

interface MemberRow {
  patient_id: number
  priority: string | null
  severe: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  address_lines_json: string
  postcode: string | null
  upcoming_on: string | null
  attended_on: string | null
  same_attempt_on: string | null
  previous_attempt: number | null
  previous_on: string | null
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

export async function createInvitationBatch(
  ctx: ServiceContext,
  input: ParsedInput<'invitations.createBatch'>
): Promise<InvitationBatch> {
  const db = ctx.db
  const attempt = toAttempt(input.attempt)
  const date = input.date ?? todayIso(ctx)
  const cohort = db.prepare('SELECT id, as_of FROM cohorts WHERE id = ?').get(input.cohortId) as { id: number; as_of: string } | undefined
  if (!cohort) throw new AppError('not_found', `No cohort with id ${input.cohortId}`)

  // Members in alphabetical order (family name, given name), so the printed pile matches the
  // batch list; the NHS number breaks ties so the order never depends on the database.
  const members = db
    .prepare(
      `SELECT ce.patient_id, ce.priority, ce.severe, p.nhs_number, p.title, p.given_name, p.family_name,
              p.address_lines_json, p.postcode,
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
       WHERE ce.cohort_id = @cohortId AND ce.status = 'member'
       ORDER BY LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, '')), p.nhs_number`
    )
    .all({ cohortId: cohort.id, asOf: cohort.as_of, date, attempt }) as MemberRow[]

  const practice = getPracticeSettings(ctx)
  const letters: InvitationLetter[] = []
  const invited: number[] = []
  const notInvited: NotInvited[] = []
  for (const m of members) {
    const addressLines = parseAddress(m.address_lines_json)
    const reason = reasonNotInvited(
      {
        priority: m.priority,
        severe: m.severe === 1,
        addressLines,
        postcode: m.postcode,
        upcomingAppointmentOn: m.upcoming_on,
        attendedSinceCohortOn: m.attended_on,
        sameAttemptSentOn: m.same_attempt_on,
        previousInvitation: m.previous_on !== null && m.previous_attempt !== null ? { attempt: m.previous_attempt, sentOn: m.previous_on } : null
      },
      attempt,
      date
    )
    if (reason !== null) {
      notInvited.push({ nhsNumber: m.nhs_number, name: displayName({ title: m.title, givenName: m.given_name, familyName: m.family_name }), reason })
      continue
    }
    invited.push(m.patient_id)
    letters.push(
      buildInvitationLetter({
        practice,
        attempt,
        date,
        patient: {
          nhsNumber: m.nhs_number,
          title: m.title,
          givenName: m.given_name,
          familyName: m.family_name,
          addressLines,
          postcode: m.postcode
        }
      })
    )
  }

  // The PDF is built and written before the transaction (no await inside it), under a temporary
  // name; it takes its real name only once the records are committed, and is removed if they fail.
  let pdf: { finalPath: string; tempPath: string; sha256: string } | null = null
  if (letters.length > 0) {
    const bytes = await renderLettersPdf(letters)
    const finalPath = freeDocumentPath(ctx, `invitations-cohort-${cohort.id}-attempt-${attempt}-${date}.pdf`)
    const tempPath = `${finalPath}.partial`
    writeFileSync(tempPath, bytes)
    pdf = { finalPath, tempPath, sha256: sha256Hex(bytes) }
  }

  const createdBy = actorName(ctx)
  let batchId: number
  const files: GeneratedFileT[] = []
  try {
    batchId = db.transaction(() => {
      const batch = db
        .prepare(
          `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version, not_invited_json)
           VALUES (?, ?, ?, ?, ?, ?, ?)`
        )
        .run(cohort.id, attempt, date, createdBy, HYPERTENSION_REVIEW_TEMPLATE_ID, HYPERTENSION_REVIEW_TEMPLATE_VERSION, JSON.stringify(notInvited))
      const id = Number(batch.lastInsertRowid)
      if (pdf) {
        const file = saveDocument(ctx, db, { kind: 'letters-pdf', mimeType: PDF_MIME, path: pdf.finalPath, sha256: pdf.sha256 })
        db.prepare('INSERT INTO invitation_batch_documents (batch_id, document_id) VALUES (?, ?)').run(id, file.fileId)
        files.push(file)
      }
      const insert = db.prepare(
        `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
         VALUES (?, ?, ?, ?, 'letter', ?, ?, ?, ?)`
      )
      for (const patientId of invited) {
        insert.run(id, cohort.id, patientId, attempt, date, HYPERTENSION_REVIEW_TEMPLATE_ID, HYPERTENSION_REVIEW_TEMPLATE_VERSION, createdBy)
      }
      logActivity(
        ctx,
        db,
        'invitations.createBatch',
        `Invitation ${attempt} for cohort ${cohort.id}: ${letters.length} letters, ${notInvited.length} members not sent a letter`,
        { batchId: id, cohortId: cohort.id, attempt, date, letters: letters.length, notInvited: notInvited.length, file: pdf ? basename(pdf.finalPath) : null }
      )
      return id
    })()
  } catch (error) {
    if (pdf) rmSync(pdf.tempPath, { force: true })
    throw error
  }
  if (pdf) renameSync(pdf.tempPath, pdf.finalPath)

  return {
    batchId,
    cohortId: cohort.id,
    attempt,
    createdOn: date,
    createdBy,
    letters: letters.length,
    // SMS (Accurx batch CSV) is a later issue: this version sends letters only.
    sms: 0,
    notInvited,
    files
  }
}

export function listBatches(ctx: Pick<ServiceContext, 'db'>): InvitationBatch[] {
  const rows = ctx.db
    .prepare(
      `SELECT b.id, b.cohort_id, b.attempt, b.created_on, b.created_by, b.not_invited_json,
              (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'letter') AS letters,
              (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'sms') AS sms
       FROM invitation_batches b ORDER BY b.id DESC`
    )
    .all() as {
    id: number
    cohort_id: number
    attempt: number
    created_on: string
    created_by: string
    not_invited_json: string
    letters: number
    sms: number
  }[]
  return rows.map((r) => ({
    batchId: r.id,
    cohortId: r.cohort_id,
    attempt: r.attempt,
    createdOn: r.created_on,
    createdBy: r.created_by,
    letters: r.letters,
    sms: r.sms,
    notInvited: JSON.parse(r.not_invited_json) as NotInvited[],
    files: listDocumentsOf(ctx, r.id)
  }))
}
