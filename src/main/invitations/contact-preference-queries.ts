// Contact preferences recorded in the app (`contact_preferences`, one row per patient at most),
// read beside the patient's contact details from the export.
import type { ContactPreferences } from '../../shared/domain/contact-channel'
import type { ReadableDb, WritableDb } from '../db/database-access'

/** A patient's contact details from the export and what the app recorded (null columns: nothing recorded). */
export interface PatientContactRow {
  title: string | null
  given_name: string | null
  family_name: string | null
  mobile: string | null
  home_phone: string | null
  main_language: string | null
  interpreter_required: number | null
  sms_declined: number | null
  large_print: number | null
  preferred_channel: ContactPreferences['preferredChannel'] | null
  no_contact: number | null
  interpreter_language: string | null
}

export function patientContactRow(db: ReadableDb, patientId: number): PatientContactRow | undefined {
  return db
    .prepare(
      `SELECT p.title, p.given_name, p.family_name, p.mobile, p.home_phone, p.main_language, p.interpreter_required,
              c.sms_declined, c.large_print, c.preferred_channel, c.no_contact, c.interpreter_language
       FROM patients p LEFT JOIN contact_preferences c ON c.patient_id = p.id WHERE p.id = ?`
    )
    .get(patientId) as PatientContactRow | undefined
}

export interface ContactPreferencesRow {
  patientId: number
  smsDeclined: boolean
  largePrint: boolean
  preferredChannel: ContactPreferences['preferredChannel']
  noContact: boolean
  /** Null: no interpreter need recorded in the app (the export's language applies). */
  interpreterLanguage: string | null
  updatedAt: string
  updatedBy: string
}

/** Records the patient's preferences, replacing any recorded before. */
export function upsertContactPreferences(w: WritableDb, row: ContactPreferencesRow): void {
  w.prepare(
    `INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, no_contact, interpreter_language, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (patient_id) DO UPDATE SET sms_declined = excluded.sms_declined, large_print = excluded.large_print,
       preferred_channel = excluded.preferred_channel, no_contact = excluded.no_contact,
       interpreter_language = excluded.interpreter_language,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`
  ).run(
    row.patientId,
    row.smsDeclined ? 1 : 0,
    row.largePrint ? 1 : 0,
    row.preferredChannel,
    row.noContact ? 1 : 0,
    row.interpreterLanguage,
    row.updatedAt,
    row.updatedBy
  )
}
