// The audit's reads: set-based queries over the patients who were members of a cohort snapshot by
// the as-of date — of one programme's snapshots, or of any — joined to a temporary table of them.
// Every fact comes back tagged with the programme it belongs to (an invitation through its
// snapshot, an appointment as booked), so one read of the whole practice also gives each
// programme's own figures. Read-only as far as the practice's data goes: the one table written is
// in the connection's own temp schema and is dropped before returning.
import type { BpSetting } from '../../shared/domain/patient-record'
import type { ReadableDb } from '../db/database-access'
import { rowsOfJsonArray } from '../db/rows-of-json-array'
import {
  readAuditBpReviews,
  readAuditReferrals,
  readAuditScores,
  type AuditBpReviews,
  type AuditReferralRow,
  type AuditScores
} from './wellbeing-audit-queries'

/** A patient's facts as a plain array (one JSON array per patient): 100k of them are built far faster than as objects. */
export type AuditPatientFactsRow = [
  id: number,
  nhsNumber: string,
  title: string | null,
  givenName: string | null,
  familyName: string | null,
  dateOfBirth: string | null,
  sex: string | null,
  ethnicityText: string | null,
  ethnicityCategory: string | null,
  imdDecile: number | null
]

export type AuditReadingRow = [patientId: number, takenOn: string, systolic: number, diastolic: number, setting: BpSetting, appointmentId: number | null]

/** A patient's invitations from one programme's snapshots (null: a snapshot that belongs to none). */
export interface AuditInvitations {
  programmeId: number | null
  firstOn: string
  n: number
  highestAttempt: number
}

export interface AuditVisit {
  id: number
  date: string
  programmeId: number | null
}

/** What the audit reads from the database, before any per-patient working out (the bench's "query" phase). */
export interface AuditRows {
  asOf: string
  /** The programme read; null = every snapshot, invitation and appointment of the practice. */
  programmeId: number | null
  patients: AuditPatientFactsRow[]
  /** Per patient, the programmes whose snapshots (built by the as-of date) list them as a member. */
  memberOf: Map<number, number[]>
  invitations: Map<number, AuditInvitations[]>
  /** Per patient, the programmes of their appointments not cancelled. */
  booked: Map<number, (number | null)[]>
  visits: Map<number, AuditVisit[]>
  readings: Map<number, AuditReadingRow[]>
  /** Per attended appointment, the questionnaire scores of its record (wellbeing-audit-queries.ts). */
  scores: AuditScores
  /** Attended appointments recorded on the BP review form, with the adherence they recorded. */
  bpReviews: AuditBpReviews
  /** Referrals to local services, each tagged with its programme. */
  referrals: AuditReferralRow[]
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Eligible patients per slice of the readings read: 20k patients' readings are a few MB of JSON. */
const READINGS_SLICE = 20_000

/**
 * Set-based queries over the patients who were members of a cohort snapshot by the as-of date
 * (never one per patient): of `programmeId`'s snapshots, or of any when it is null. The big ones
 * come back as plain arrays, each read's rows as one JSON text (rowsOfJsonArray), which for a PCN's
 * 100k patients saves building a few hundred thousand short-lived objects and a fifth of the reads' CPU.
 */
export function readAuditRows(db: ReadableDb, asOf: string, programmeId: number | null = null): AuditRows {
  // Who is eligible is worked out once, into a temporary table keyed by patient id, and every read
  // joins to it: a third of the time of repeating the DISTINCT over cohort_entries in each query.
  db.prepare('CREATE TEMP TABLE IF NOT EXISTS audit_eligible (patient_id INTEGER PRIMARY KEY, readings_from TEXT)').run()
  try {
    db.prepare('DELETE FROM temp.audit_eligible').run()
    db.prepare(
      `INSERT OR IGNORE INTO temp.audit_eligible (patient_id)
       SELECT ce.patient_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
       WHERE ce.status = 'member' AND c.as_of <= @asOf AND (@programmeId IS NULL OR c.programme_id = @programmeId)`
    ).run({ asOf, programmeId })
    return readEligibleRows(db, asOf, programmeId)
  } finally {
    db.prepare('DROP TABLE IF EXISTS temp.audit_eligible').run()
  }
}

function readEligibleRows(db: ReadableDb, asOf: string, programmeId: number | null): AuditRows {
  const scope = { asOf, programmeId }
  const patients = rowsOfJsonArray<AuditPatientFactsRow>(
    db,
    `SELECT json_group_array(json_array(p.id, p.nhs_number, p.title, p.given_name, p.family_name, p.date_of_birth, p.sex, p.ethnicity_text,
       p.ethnicity_category, p.imd_decile) ORDER BY e.patient_id)
     FROM temp.audit_eligible e JOIN patients p ON p.id = e.patient_id`
  )

  // Reading one programme, everyone is a member of it; reading the practice, each patient's programmes.
  const memberOf = new Map<number, number[]>()
  if (programmeId === null) {
    for (const [patientId, memberProgrammeId] of rowsOfJsonArray<[number, number]>(
      db,
      `SELECT json_group_array(json_array(patient_id, programme_id) ORDER BY patient_id, programme_id) FROM (
         SELECT DISTINCT ce.patient_id, c.programme_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
         WHERE ce.status = 'member' AND c.as_of <= @asOf AND c.programme_id IS NOT NULL)`,
      { asOf }
    )) {
      pushTo(memberOf, patientId, memberProgrammeId)
    }
  } else {
    for (const p of patients) memberOf.set(p[0], [programmeId])
  }

  // An invitation belongs to the programme of the snapshot it was sent from.
  const invitations = new Map<number, AuditInvitations[]>()
  for (const [patientId, invitationProgrammeId, firstOn, n, highestAttempt] of rowsOfJsonArray<[number, number | null, string, number, number]>(
    db,
    `SELECT json_group_array(json_array(patient_id, programme_id, first_on, n, highest_attempt) ORDER BY patient_id, programme_id) FROM (
       SELECT i.patient_id, c.programme_id, MIN(i.sent_on) AS first_on, COUNT(*) AS n, MAX(i.attempt) AS highest_attempt
       FROM temp.audit_eligible e JOIN invitations i ON i.patient_id = e.patient_id JOIN cohorts c ON c.id = i.cohort_id
       WHERE i.sent_on <= @asOf AND (@programmeId IS NULL OR c.programme_id = @programmeId)
       GROUP BY i.patient_id, c.programme_id)`,
    scope
  )) {
    pushTo(invitations, patientId, { programmeId: invitationProgrammeId, firstOn, n, highestAttempt })
  }

  // Booked: any appointment not cancelled, made by the as-of date or for a clinic by then (so a
  // patient who attended always counts as booked, whatever the clock said when it was recorded);
  // an appointment belongs to the programme it was booked for.
  const booked = new Map<number, (number | null)[]>()
  for (const [patientId, bookedProgrammeId] of rowsOfJsonArray<[number, number | null]>(
    db,
    `SELECT json_group_array(json_array(patient_id, programme_id) ORDER BY patient_id, programme_id) FROM (
       SELECT DISTINCT a.patient_id, a.programme_id FROM temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
       JOIN clinics c ON c.id = a.clinic_id
       WHERE a.status <> 'cancelled' AND (substr(a.booked_at, 1, 10) <= @asOf OR c.date <= @asOf)
         AND (@programmeId IS NULL OR a.programme_id = @programmeId))`,
    scope
  )) {
    pushTo(booked, patientId, bookedProgrammeId)
  }

  const visits = new Map<number, AuditVisit[]>()
  for (const [id, patientId, date, visitProgrammeId] of rowsOfJsonArray<[number, number, string, number | null]>(
    db,
    `SELECT json_group_array(json_array(a.id, a.patient_id, c.date, a.programme_id) ORDER BY a.patient_id, c.date, a.id)
     FROM temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
     JOIN clinics c ON c.id = a.clinic_id
     WHERE a.status = 'attended' AND c.date <= @asOf AND (@programmeId IS NULL OR a.programme_id = @programmeId)`,
    scope
  )) {
    pushTo(visits, patientId, { id, date, programmeId: visitProgrammeId })
  }

  // Only readings that can be a baseline or a follow-up are read (most of a PCN's BP history is
  // not): those taken at a visit, and those from the earlier of the first attended clinic and 13
  // months before the first invitation (the baseline looks back 12; a month spare for month-end
  // arithmetic), whichever programme sent or saw them: a superset of what any one programme's
  // baseline can need. A patient neither invited nor seen has no baseline, so none of theirs is read.
  db.prepare(
    `UPDATE temp.audit_eligible AS e SET readings_from = b.first_day FROM (
       SELECT patient_id, MIN(day) AS first_day FROM (
         SELECT patient_id, date(MIN(sent_on), '-13 months') AS day FROM invitations WHERE sent_on <= @asOf GROUP BY patient_id
         UNION ALL
         SELECT a.patient_id, MIN(c.date) FROM appointments a JOIN clinics c ON c.id = a.clinic_id
          WHERE a.status = 'attended' AND c.date <= @asOf GROUP BY a.patient_id)
       GROUP BY patient_id) AS b
     WHERE b.patient_id = e.patient_id`
  ).run({ asOf })
  // The one read whose size grows with the years a programme has run (every reading since the
  // earliest first invitation), so it is taken a slice of eligible patients at a time: each slice's
  // JSON text stays far below the longest string V8 can hold (about 512 MB) however long the history.
  const readings = new Map<number, AuditReadingRow[]>()
  for (let start = 0; start < patients.length; start += READINGS_SLICE) {
    const fromId = patients[start]![0]
    const toId = patients[Math.min(start + READINGS_SLICE, patients.length) - 1]![0]
    for (const row of rowsOfJsonArray<AuditReadingRow>(
      db,
      `SELECT json_group_array(json_array(r.patient_id, r.taken_on, r.systolic, r.diastolic, r.setting, r.appointment_id) ORDER BY r.patient_id, r.taken_on, r.id)
       FROM temp.audit_eligible e JOIN bp_readings r ON r.patient_id = e.patient_id
       WHERE e.patient_id BETWEEN @fromId AND @toId AND e.readings_from IS NOT NULL AND r.taken_on <= @asOf
         AND (r.taken_on >= e.readings_from OR r.appointment_id IS NOT NULL)`,
      { asOf, fromId, toId }
    )) {
      pushTo(readings, row[0], row)
    }
  }
  // What the visits recorded on their forms, and the referrals, over the same eligible patients.
  const scores = readAuditScores(db, scope)
  const bpReviews = readAuditBpReviews(db, scope)
  const referrals = readAuditReferrals(db, scope)
  return { asOf, programmeId, patients, memberOf, invitations, booked, visits, readings, scores, bpReviews, referrals }
}
