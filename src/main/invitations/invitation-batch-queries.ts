// Invitation batches and the invitations they sent: each cohort member's facts a new batch decides
// on, the batch and invitation rows it records (with the merged content, for regeneration), and the
// recorded batches read back with their counts per channel. Batches and invitations are never
// updated once written.
import type { ReadableDb, WritableDb } from '../db/database-access'

/** A cohort member with their contact details, recorded preferences and invitation and booking facts. */
export interface BatchMemberRow {
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
  /** Earliest clinic still booked on or after the letter date. */
  upcoming_on: string | null
  /** Latest clinic attended between the cohort's as-of date and the letter date. */
  attended_on: string | null
  /** When this cohort's invitation of this attempt was already sent to them. */
  same_attempt_on: string | null
  /** Their latest invitation (any cohort) on or before the letter date: its attempt and day. */
  previous_attempt: number | null
  previous_on: string | null
  /**
   * The latest invitation within the recent-invitation window that another snapshot sent — by
   * another programme, or by this programme at this attempt or a later one — and its programme's name.
   */
  recent_elsewhere_on: string | null
  recent_elsewhere_programme: string | null
}

export interface BatchMemberQuery {
  cohortId: number
  /** The cohort's as-of date. */
  asOf: string
  /** The letter date. */
  date: string
  attempt: number
  /** The programme of the cohort being invited (null for a snapshot the app could not attribute). */
  programmeId: number | null
  /** How many days back an invitation by another programme keeps a patient out of this batch. */
  recentDays: number
}

// An invitation another snapshot sent within the window: another programme's (any attempt), or
// this programme's at the attempt being sent or later (a rebuilt snapshot must not invite again).
// This cohort's own earlier attempts are the normal chain and never count.
const recentElsewhere = `SELECT i.id FROM invitations i JOIN cohorts ic ON ic.id = i.cohort_id
                 WHERE i.patient_id = p.id AND i.cohort_id <> @cohortId AND i.sent_on <= @date
                   AND i.sent_on >= date(@date, '-' || @recentDays || ' days')
                   AND (ic.programme_id IS NOT @programmeId OR i.attempt >= @attempt)
                 ORDER BY i.sent_on DESC, i.id DESC LIMIT 1`

/**
 * The cohort's members in alphabetical order (family name, given name), so the printed pile matches
 * the batch sheet; the NHS number breaks ties so the order never depends on the database.
 */
export function batchMembers(db: ReadableDb, query: BatchMemberQuery): BatchMemberRow[] {
  return db
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
              (SELECT MAX(i.sent_on) FROM invitations i WHERE i.patient_id = p.id AND i.sent_on <= @date) AS previous_on,
              ri.sent_on AS recent_elsewhere_on, IFNULL(rpr.name, ric.name) AS recent_elsewhere_programme
       FROM cohort_entries ce JOIN patients p ON p.id = ce.patient_id
       LEFT JOIN contact_preferences cp ON cp.patient_id = p.id
       -- The one recent invitation is found once per member; its day and programme are joined to it.
       LEFT JOIN invitations ri ON ri.id = (${recentElsewhere})
       LEFT JOIN cohorts ric ON ric.id = ri.cohort_id
       LEFT JOIN programmes rpr ON rpr.id = ric.programme_id
       WHERE ce.cohort_id = @cohortId AND ce.status = 'member'
       ORDER BY LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, '')), p.nhs_number`
    )
    .all({
      cohortId: query.cohortId,
      asOf: query.asOf,
      date: query.date,
      attempt: query.attempt,
      programmeId: query.programmeId,
      recentDays: query.recentDays
    }) as BatchMemberRow[]
}

export interface NewInvitationBatch {
  cohortId: number
  attempt: number
  createdOn: string
  createdBy: string
  templateKey: string
  templateVersion: number
  notInvitedJson: string
  optionsJson: string
  sheetJson: string
}

export function insertInvitationBatch(w: WritableDb, batch: NewInvitationBatch): number {
  const info = w
    .prepare(
      `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version, not_invited_json, options_json, sheet_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      batch.cohortId,
      batch.attempt,
      batch.createdOn,
      batch.createdBy,
      batch.templateKey,
      batch.templateVersion,
      batch.notInvitedJson,
      batch.optionsJson,
      batch.sheetJson
    )
  return Number(info.lastInsertRowid)
}

export function linkBatchDocuments(w: WritableDb, batchId: number, documentIds: readonly number[]): void {
  const link = w.prepare('INSERT INTO invitation_batch_documents (batch_id, document_id) VALUES (?, ?)')
  for (const documentId of documentIds) link.run(batchId, documentId)
}

export interface NewInvitation {
  batchId: number
  cohortId: number
  patientId: number
  attempt: number
  channel: string
  sentOn: string
  templateKey: string
  templateVersion: number
  createdBy: string
  /** What was sent, merged, so the documents can be regenerated exactly. */
  contentJson: string
}

/** Records the invitations in the order given (one statement, run per row). */
export function insertInvitations(w: WritableDb, invitations: readonly NewInvitation[]): void {
  const insert = w.prepare(
    `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by, content_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  for (const i of invitations) {
    insert.run(i.batchId, i.cohortId, i.patientId, i.attempt, i.channel, i.sentOn, i.templateKey, i.templateVersion, i.createdBy, i.contentJson)
  }
}

/** A recorded batch with how many invitations it sent by each channel. */
export interface BatchRow {
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
  programme_id: number | null
}

const batchSelect = `SELECT b.id, b.cohort_id, (SELECT c.programme_id FROM cohorts c WHERE c.id = b.cohort_id) AS programme_id, b.attempt, b.created_on, b.created_by, b.template_id, b.template_version,
        b.not_invited_json, b.options_json, b.sheet_json,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'letter') AS letters,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'sms') AS sms,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'phone') AS phone,
        (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.channel = 'letter'
           AND json_extract(i.content_json, '$.letter.largePrint') = 1) AS large_print
     FROM invitation_batches b`

/** Newest first. */
export function allBatchRows(db: ReadableDb): BatchRow[] {
  return db.prepare(`${batchSelect} ORDER BY b.id DESC`).all() as BatchRow[]
}

export function findBatchRow(db: ReadableDb, batchId: number): BatchRow | undefined {
  return db.prepare(`${batchSelect} WHERE b.id = ?`).get(batchId) as BatchRow | undefined
}

/** What each invitation of a batch sent, in the order recorded; null for batches from before contents were kept. */
export function invitationContentsOfBatch(db: ReadableDb, batchId: number): (string | null)[] {
  return db.prepare('SELECT content_json FROM invitations WHERE batch_id = ? ORDER BY id').pluck().all(batchId) as (string | null)[]
}
