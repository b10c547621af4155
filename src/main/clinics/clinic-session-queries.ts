// Named queries of the clinics table: the sessions a practice runs, each with its slots and how
// many of them are taken. The services in this folder compose these and keep no SQL.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface ClinicRow {
  id: number
  type: string
  date: string
  start_time: string
  slot_minutes: number
  slots: number
  clinician: string | null
  location: string | null
  programme_id: number | null
}

export function findClinic(db: ReadableDb, clinicId: number): ClinicRow | undefined {
  return db.prepare('SELECT id, type, date, start_time, slot_minutes, slots, clinician, location, programme_id FROM clinics WHERE id = ?').get(clinicId) as
    ClinicRow | undefined
}

export interface NewClinic {
  type: string
  date: string
  startTime: string
  slotMinutes: number
  slots: number
  clinician: string | null
  location: string | null
  programmeId: number | null
  createdAt: string
  createdBy: string
}

/** Inserts the session and returns its id. */
export function insertClinic(w: WritableDb, clinic: NewClinic): number {
  const info = w
    .prepare(
      `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, clinician, location, programme_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      clinic.type,
      clinic.date,
      clinic.startTime,
      clinic.slotMinutes,
      clinic.slots,
      clinic.clinician,
      clinic.location,
      clinic.programmeId,
      clinic.createdAt,
      clinic.createdBy
    )
  return Number(info.lastInsertRowid)
}

export interface ClinicSummaryRow extends ClinicRow {
  booked: number
  attended: number
  did_not_attend: number
}

// "booked" counts every appointment holding a slot (booked, attended or did not attend), so it is
// the funnel's "booked" and never smaller than attended + didNotAttend.
const summaryQuery = `
  SELECT c.id, c.type, c.date, c.start_time, c.slot_minutes, c.slots, c.clinician, c.location, c.programme_id,
         COUNT(a.id) AS booked,
         COUNT(CASE WHEN a.status = 'attended' THEN 1 END) AS attended,
         COUNT(CASE WHEN a.status = 'did-not-attend' THEN 1 END) AS did_not_attend
  FROM clinics c LEFT JOIN appointments a ON a.clinic_id = c.id AND a.status <> 'cancelled'`

/** Every clinic with its counts: upcoming (from `today`) soonest first, then past clinics most recent first. */
export function clinicSummaries(db: ReadableDb, today: string): ClinicSummaryRow[] {
  return db
    .prepare(
      `${summaryQuery}
       GROUP BY c.id
       ORDER BY CASE WHEN c.date >= ? THEN 0 ELSE 1 END,
                CASE WHEN c.date >= ? THEN c.date END ASC,
                CASE WHEN c.date < ? THEN c.date END DESC,
                c.start_time, c.id`
    )
    .all(today, today, today) as ClinicSummaryRow[]
}

/** The counts of one clinic; the caller has already found the clinic, so the row is there. */
export function clinicSummary(db: ReadableDb, clinicId: number): ClinicSummaryRow {
  return db.prepare(`${summaryQuery} WHERE c.id = ? GROUP BY c.id`).get(clinicId) as ClinicSummaryRow
}

/** Every clinic type a clinic was created with, in name order. */
export function clinicTypesInUse(db: ReadableDb): string[] {
  return (db.prepare('SELECT DISTINCT type FROM clinics ORDER BY type').all() as { type: string }[]).map((r) => r.type)
}

export function countClinicsOn(db: ReadableDb, date: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM clinics WHERE date = ?').get(date) as { n: number }).n
}
