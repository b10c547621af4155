// Finding a patient in the practice database.
import type { ReadableDb } from '../db/database-access'

/** The patient's row id for a (checked, normalised) NHS number, if they are in the database. */
export function patientIdOfNhsNumber(db: ReadableDb, nhsNumber: string): number | undefined {
  return db.prepare('SELECT id FROM patients WHERE nhs_number = ?').pluck().get(nhsNumber) as number | undefined
}
