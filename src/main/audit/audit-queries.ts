// The audit's reads: set-based queries over the patients who were members of a cohort snapshot by
// the as-of date, joined to a temporary table of them. Read-only as far as the practice's data goes:
// the one table written is in the connection's own temp schema and is dropped before returning.
import type { BpSetting } from '../../shared/domain/patient-record'
import type { ReadableDb } from '../db/database-access'

export interface AuditPatientFactsRow {
  id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  sex: string | null
  ethnicity_text: string | null
  ethnicity_category: string | null
  imd_decile: number | null
}

export type AuditReadingRow = [patientId: number, takenOn: string, systolic: number, diastolic: number, setting: BpSetting, appointmentId: number | null]

/** What the audit reads from the database, before any per-patient working out (the bench's "query" phase). */
export interface AuditRows {
  asOf: string
  patients: AuditPatientFactsRow[]
  invitations: Map<number, { first_on: string; n: number }>
  booked: Set<number>
  visits: Map<number, { id: number; date: string }[]>
  readings: Map<number, AuditReadingRow[]>
}

/**
 * Set-based queries over the patients who were members of a cohort snapshot by the as-of date
 * (never one per patient). The big ones come back as plain arrays (`raw`), which for a PCN's
 * 100k patients saves building a few hundred thousand short-lived objects.
 */
export function readAuditRows(db: ReadableDb, asOf: string): AuditRows {
  // Who is eligible is worked out once, into a temporary table keyed by patient id, and every read
  // joins to it: a third of the time of repeating the DISTINCT over cohort_entries in each query.
  db.prepare('CREATE TEMP TABLE IF NOT EXISTS audit_eligible (patient_id INTEGER PRIMARY KEY, readings_from TEXT)').run()
  try {
    db.prepare('DELETE FROM temp.audit_eligible').run()
    db.prepare(
      `INSERT OR IGNORE INTO temp.audit_eligible (patient_id)
       SELECT ce.patient_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
       WHERE ce.status = 'member' AND c.as_of <= ?`
    ).run(asOf)
    return readEligibleRows(db, asOf)
  } finally {
    db.prepare('DROP TABLE IF EXISTS temp.audit_eligible').run()
  }
}

function readEligibleRows(db: ReadableDb, asOf: string): AuditRows {
  const patients = db
    .prepare(
      `SELECT p.id, p.nhs_number, p.title, p.given_name, p.family_name, p.date_of_birth, p.sex, p.ethnicity_text, p.ethnicity_category, p.imd_decile
       FROM temp.audit_eligible e JOIN patients p ON p.id = e.patient_id ORDER BY e.patient_id`
    )
    .all() as AuditPatientFactsRow[]

  const invitations = new Map<number, { first_on: string; n: number }>()
  for (const [patientId, firstOn, n] of db
    .prepare(
      `SELECT i.patient_id, MIN(i.sent_on), COUNT(*) FROM temp.audit_eligible e JOIN invitations i ON i.patient_id = e.patient_id
       WHERE i.sent_on <= @asOf GROUP BY i.patient_id`
    )
    .raw()
    .all({ asOf }) as [number, string, number][]) {
    invitations.set(patientId, { first_on: firstOn, n })
  }

  // Booked: any appointment not cancelled, made by the as-of date or for a clinic by then (so a
  // patient who attended always counts as booked, whatever the clock said when it was recorded).
  const booked = new Set(
    db
      .prepare(
        `SELECT DISTINCT a.patient_id FROM temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
         JOIN clinics c ON c.id = a.clinic_id
         WHERE a.status <> 'cancelled' AND (substr(a.booked_at, 1, 10) <= @asOf OR c.date <= @asOf)`
      )
      .pluck()
      .all({ asOf }) as number[]
  )

  const visits = new Map<number, { id: number; date: string }[]>()
  for (const [id, patientId, date] of db
    .prepare(
      `SELECT a.id, a.patient_id, c.date FROM temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
       JOIN clinics c ON c.id = a.clinic_id
       WHERE a.status = 'attended' AND c.date <= @asOf
       ORDER BY a.patient_id, c.date, a.id`
    )
    .raw()
    .all({ asOf }) as [number, number, string][]) {
    const list = visits.get(patientId)
    if (list) list.push({ id, date })
    else visits.set(patientId, [{ id, date }])
  }

  // Only readings that can be a baseline or a follow-up are read (most of a PCN's BP history is
  // not): those taken at a visit, and those from the earlier of the first attended clinic and 13
  // months before the first invitation (the baseline looks back 12; a month spare for month-end
  // arithmetic). A patient neither invited nor seen has no baseline, so none of theirs is read.
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
  const readings = new Map<number, AuditReadingRow[]>()
  for (const row of db
    .prepare(
      `SELECT r.patient_id, r.taken_on, r.systolic, r.diastolic, r.setting, r.appointment_id
       FROM temp.audit_eligible e JOIN bp_readings r ON r.patient_id = e.patient_id
       WHERE e.readings_from IS NOT NULL AND r.taken_on <= @asOf
         AND (r.taken_on >= e.readings_from OR r.appointment_id IS NOT NULL)
       ORDER BY r.patient_id, r.taken_on, r.id`
    )
    .raw()
    .all({ asOf }) as AuditReadingRow[]) {
    const list = readings.get(row[0])
    if (list) list.push(row)
    else readings.set(row[0], [row])
  }
  return { asOf, patients, invitations, booked, visits, readings }
}
