// The reads behind the cohort engine's patient records: every stored fact in storage order as
// plain tuples (for a PCN's 100k patients, arrays cost far less than objects), the programme state
// as of a date, and one patient's facts as a past build could see them.
import type { BpSetting } from '../../shared/domain/patient-record'
import type { ReadableDb } from '../db/database-access'
import { rowsOfJsonArray } from '../db/rows-of-json-array'

export type PatientTuple = [
  id: number,
  nhsNumber: string,
  title: string | null,
  givenName: string | null,
  familyName: string | null,
  dateOfBirth: string | null,
  sex: string | null,
  ethnicityText: string | null,
  ethnicityCategory: string | null,
  registrationStatus: string | null,
  imdDecile: number | null
]
export type ReadingTuple = [patientId: number, takenOn: string, systolic: number, diastolic: number, setting: BpSetting, measure: string | null]
export type EventTuple = [
  patientId: number,
  eventDate: string | null,
  concept: string,
  code: string,
  term: string,
  value: number | null,
  matchedBy: string | null
]

/** A key that changes whenever a patient, reading or event is added or a patient row is updated. */
export function factsVersion(db: ReadableDb): string {
  const row = db
    .prepare(
      `SELECT (SELECT MAX(id) FROM imports) AS i, (SELECT MAX(id) FROM patients) AS p, (SELECT MAX(id) FROM bp_readings) AS r,
              (SELECT MAX(id) FROM coded_events) AS e, (SELECT MAX(updated_at) FROM patients) AS u,
              (SELECT COUNT(*) FROM patients) AS n`
    )
    .raw()
    .get() as unknown[]
  return row.join('|')
}

/**
 * Which patients a read of facts covers: those with ids from `fromId` to `toId`, and of them every
 * patient (`include` null) or those with a coded event of one of `include`'s concepts, of any date —
 * in both cases not those with one of `exclude`'s (the candidates an earlier read already covered).
 * Concepts, not dates: a superset of who can be a candidate on any as-of date, which the records'
 * own as-of filter then narrows.
 */
export interface FactsScope {
  include: readonly string[] | null
  exclude: readonly string[]
  fromId: number
  toId: number
}

function scopeSql(column: string, scope: FactsScope): { where: string; params: (string | number)[] } {
  const withAny = (concepts: readonly string[]) => `SELECT patient_id FROM coded_events WHERE concept IN (${concepts.map(() => '?').join(', ')})`
  const parts = [`${column} BETWEEN ? AND ?`]
  const params: (string | number)[] = [scope.fromId, scope.toId]
  if (scope.include !== null) {
    // No concepts: no patient can be a candidate.
    if (scope.include.length === 0) return { where: 'WHERE 0', params: [] }
    parts.push(`${column} IN (${withAny(scope.include)})`)
    params.push(...scope.include)
  }
  if (scope.exclude.length > 0) {
    parts.push(`${column} NOT IN (${withAny(scope.exclude)})`)
    params.push(...scope.exclude)
  }
  return { where: `WHERE ${parts.join(' AND ')}`, params }
}

/** The lowest and highest patient ids (0 and -1 when there are none): the range a read is sliced over. */
export function patientIdRange(db: ReadableDb): { lowest: number; highest: number } {
  return db.prepare('SELECT IFNULL(MIN(id), 0) AS lowest, IFNULL(MAX(id), -1) AS highest FROM patients').get() as { lowest: number; highest: number }
}

// The three reads below come back as one JSON text each (rows-of-json-array.ts): a third less CPU
// than a JS array per row for the hundreds of thousands of facts a first build reads.

/** In id order. */
export function allPatients(db: ReadableDb, scope: FactsScope): PatientTuple[] {
  const { where, params } = scopeSql('id', scope)
  return rowsOfJsonArray<PatientTuple>(
    db,
    `SELECT json_group_array(json_array(id, nhs_number, title, given_name, family_name, date_of_birth, sex, ethnicity_text, ethnicity_category,
                                        registration_status, imd_decile) ORDER BY id)
       FROM patients ${where}`,
    params
  )
}

/** In id (storage) order, the order `patientReadingsAsBuilt` uses. */
export function allReadings(db: ReadableDb, scope: FactsScope): ReadingTuple[] {
  const { where, params } = scopeSql('patient_id', scope)
  return rowsOfJsonArray<ReadingTuple>(
    db,
    `SELECT json_group_array(json_array(patient_id, taken_on, systolic, diastolic, setting, measure) ORDER BY id) FROM bp_readings ${where}`,
    params
  )
}

/** In id (storage) order, the order `patientEventsAsBuilt` uses. */
export function allCodedEvents(db: ReadableDb, scope: FactsScope): EventTuple[] {
  const { where, params } = scopeSql('patient_id', scope)
  return rowsOfJsonArray<EventTuple>(
    db,
    `SELECT json_group_array(json_array(patient_id, event_date, concept, code, term, value, matched_by) ORDER BY id) FROM coded_events ${where}`,
    params
  )
}

/** How many patients the practice database holds: a cohort's denominator. */
export function countPatients(db: ReadableDb): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM patients').get() as { n: number }).n
}

const onlyPatient = (column: string, patientId?: number) => (patientId === undefined ? '' : `AND ${column} = @patientId`)
const paramsOf = (asOf: string, patientId?: number) => ({ asOf, ...(patientId === undefined ? {} : { patientId }) })

/**
 * Each patient's first upcoming booked clinic date on or after asOf. Cancelled, attended and missed
 * appointments are not "booked into an upcoming clinic", and nor is one left open in a clinic
 * before the as-of date (the left-open worklist).
 */
export function nextBookedClinicDates(db: ReadableDb, asOf: string, patientId?: number): [patientId: number, date: string][] {
  return db
    .prepare(
      `SELECT a.patient_id, MIN(c.date) FROM appointments a JOIN clinics c ON c.id = a.clinic_id
        WHERE a.status = 'booked' AND c.date >= @asOf ${onlyPatient('a.patient_id', patientId)} GROUP BY a.patient_id`
    )
    .raw()
    .all(paramsOf(asOf, patientId)) as [number, string][]
}

/** Every invitation sent on or before asOf, grouped by patient and in date order (one pass over the (patient_id, sent_on) index). */
export function invitationDatesByPatient(db: ReadableDb, asOf: string, patientId?: number): [patientId: number, sentOn: string][] {
  return db
    .prepare(`SELECT patient_id, sent_on FROM invitations WHERE sent_on <= @asOf ${onlyPatient('patient_id', patientId)} ORDER BY patient_id, sent_on`)
    .raw()
    .all(paramsOf(asOf, patientId)) as [number, string][]
}

/** Patients whose contact preferences say "no contact permitted". */
export function noContactPatientIds(db: ReadableDb, patientId?: number): number[] {
  return db
    .prepare(`SELECT patient_id FROM contact_preferences WHERE no_contact = 1 ${onlyPatient('patient_id', patientId)}`)
    .pluck()
    .all(patientId === undefined ? {} : { patientId }) as number[]
}

/** The newest reading and event ids: what a build can see (ids only grow). */
export function latestFactIds(db: ReadableDb): { readingId: number; eventId: number } {
  return db.prepare('SELECT (SELECT IFNULL(MAX(id), 0) FROM bp_readings) AS readingId, (SELECT IFNULL(MAX(id), 0) FROM coded_events) AS eventId').get() as {
    readingId: number
    eventId: number
  }
}

/** One patient's readings dated by asOf and stored by the build (id ≤ seen), in storage order. */
export function patientReadingsAsBuilt(
  db: ReadableDb,
  patientId: number,
  asOf: string,
  seenReadingId: number
): [takenOn: string, systolic: number, diastolic: number, setting: BpSetting, measure: string | null][] {
  return db
    .prepare(
      `SELECT taken_on, systolic, diastolic, setting, measure FROM bp_readings
        WHERE patient_id = ? AND taken_on <= ? AND id <= ? ORDER BY id`
    )
    .raw()
    .all(patientId, asOf, seenReadingId) as [string, number, number, BpSetting, string | null][]
}

export interface PatientEventRow {
  event_date: string | null
  concept: string
  code: string
  term: string
  value: number | null
  matched_by: string | null
}

/** One patient's coded events dated by asOf (or undated) and stored by the build, in storage order. */
export function patientEventsAsBuilt(db: ReadableDb, patientId: number, asOf: string, seenEventId: number): PatientEventRow[] {
  return db
    .prepare(
      `SELECT event_date, concept, code, term, value, matched_by FROM coded_events
        WHERE patient_id = ? AND (event_date IS NULL OR event_date <= ?) AND id <= ? ORDER BY id`
    )
    .all(patientId, asOf, seenEventId) as PatientEventRow[]
}
