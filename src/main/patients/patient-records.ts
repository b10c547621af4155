// Builds the PatientRecord the domain rules read, for every patient, from a handful of whole-table
// queries grouped in JavaScript (one query per patient would be 100k round trips at scale). Only what
// was known on the as-of date is loaded: readings and events dated after it are left out (undated
// register flags are always in), so a cohort as of a past date sees the record as it was. No ORDER BY
// on the big tables: the domain rules sort what they need, and sorting a million rows costs seconds.
import type { Db } from '../db/connection'
import { type ClinicalConcept, isClinicalConcept } from '../../shared/domain/clinical-concepts'
import { isEthnicCategory } from '../../shared/domain/ethnicity'
import type { BpReading, CodedEvent, PatientRecord } from '../../shared/domain/patient-record'

interface PatientRow {
  id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  sex: string | null
  ethnicity_text: string | null
  ethnicity_category: string | null
  registration_status: string | null
  imd_decile: number | null
}

// Rows come out of SQLite already in the domain's shape (plus patient_id), so a million readings
// are not allocated twice.
interface ReadingRow extends BpReading {
  patient_id: number
}

interface EventRow {
  patient_id: number
  event_date: string | null
  concept: string
  code: string
  term: string
}

function groupBy<T extends { patient_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const list = map.get(row.patient_id)
    if (list) list.push(row)
    else map.set(row.patient_id, [row])
  }
  return map
}

export interface LoadOptions {
  /**
   * Only patients with at least one coded event of these concepts (known by asOf). A cohort whose
   * first criterion needs such an event (the register needs a HYP event) loads a fraction of the
   * practice this way; the others could never be eligible.
   */
  withAnyOf?: readonly ClinicalConcept[]
}

/** How many patients the practice database holds: a cohort's denominator. */
export function countPatients(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM patients').get() as { n: number }).n
}

export function loadPatientRecords(db: Db, asOf: string, options: LoadOptions = {}): PatientRecord[] {
  const concepts = options.withAnyOf ?? null
  // "patient_id IN (candidates)" where candidates are patients with one of the concepts; parameters
  // only, the placeholders are generated from the list's length.
  const candidates = concepts
    ? `SELECT patient_id FROM coded_events WHERE concept IN (${concepts.map(() => '?').join(', ')})
         AND (event_date IS NULL OR event_date <= ?)`
    : null
  const candidateParams = concepts ? [...concepts, asOf] : []
  const only = (column: string) => (candidates ? `AND ${column} IN (${candidates})` : '')

  const patients = db
    .prepare(
      `SELECT id, nhs_number, title, given_name, family_name, date_of_birth, sex, ethnicity_text, ethnicity_category,
              registration_status, imd_decile
         FROM patients WHERE 1 = 1 ${only('id')} ORDER BY id`
    )
    .all(...candidateParams) as PatientRow[]

  const readings = groupBy(
    db
      .prepare(`SELECT patient_id, taken_on AS date, systolic, diastolic, setting FROM bp_readings WHERE taken_on <= ? ${only('patient_id')}`)
      .all(asOf, ...candidateParams) as ReadingRow[]
  )
  const events = groupBy(
    db
      .prepare(
        `SELECT patient_id, event_date, concept, code, term FROM coded_events
          WHERE (event_date IS NULL OR event_date <= ?) ${only('patient_id')}`
      )
      .all(asOf, ...candidateParams) as EventRow[]
  )
  // Cancelled, attended and missed appointments are not "booked into an upcoming clinic".
  const nextBooked = new Map(
    (
      db
        .prepare(
          `SELECT a.patient_id AS patient_id, MIN(c.date) AS on_date FROM appointments a JOIN clinics c ON c.id = a.clinic_id
            WHERE a.status = 'booked' AND c.date >= ? GROUP BY a.patient_id`
        )
        .all(asOf) as { patient_id: number; on_date: string }[]
    ).map((r) => [r.patient_id, r.on_date])
  )
  const lastInvited = new Map(
    (
      db
        .prepare('SELECT patient_id, MAX(sent_on) AS sent_on FROM invitations WHERE sent_on <= ? GROUP BY patient_id')
        .all(asOf) as { patient_id: number; sent_on: string }[]
    ).map((r) => [r.patient_id, r.sent_on])
  )

  return patients.map((p) => ({
    patientId: p.id,
    nhsNumber: p.nhs_number,
    title: p.title,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    sex: p.sex,
    ethnicityText: p.ethnicity_text,
    ethnicityCategory: p.ethnicity_category && isEthnicCategory(p.ethnicity_category) ? p.ethnicity_category : null,
    registrationStatus: p.registration_status,
    imdDecile: p.imd_decile,
    readings: readings.get(p.id) ?? [],
    // A concept this build does not know (a newer code library) is skipped rather than guessed.
    events: (events.get(p.id) ?? []).flatMap((e): CodedEvent[] =>
      isClinicalConcept(e.concept) ? [{ date: e.event_date, concept: e.concept, code: e.code, term: e.term }] : []
    ),
    nextBookedAppointmentOn: nextBooked.get(p.id) ?? null,
    lastInvitedOn: lastInvited.get(p.id) ?? null
  }))
}
