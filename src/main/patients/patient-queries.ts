// Finding a patient in the practice database.
import type { ReadableDb } from '../db/database-access'

/** The patient's row id for a (checked, normalised) NHS number, if they are in the database. */
export function patientIdOfNhsNumber(db: ReadableDb, nhsNumber: string): number | undefined {
  return db.prepare('SELECT id FROM patients WHERE nhs_number = ?').pluck().get(nhsNumber) as number | undefined
}

/** The patient's date of birth as imported (ISO), or null when the export had none. */
export function patientDateOfBirth(db: ReadableDb, patientId: number): string | null {
  return (db.prepare('SELECT date_of_birth FROM patients WHERE id = ?').pluck().get(patientId) as string | null | undefined) ?? null
}

export interface PatientLetterRow {
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  /** JSON array of address lines, as imported. */
  address_lines_json: string
  postcode: string | null
}

/** What a letter to the patient needs: name, address and date of birth. */
export function patientLetterRow(db: ReadableDb, patientId: number): PatientLetterRow | undefined {
  return db
    .prepare('SELECT nhs_number, title, given_name, family_name, date_of_birth, address_lines_json, postcode FROM patients WHERE id = ?')
    .get(patientId) as PatientLetterRow | undefined
}
