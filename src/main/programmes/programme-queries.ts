// Named queries of the programmes table and the at-a-glance progress of each programme. A
// programme's snapshots are the cohorts rows carrying its id; its invitations come through those
// snapshots; its appointments carry its id (set at booking).
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface ProgrammeRow {
  id: number
  name: string
  definition_id: string
  parameters_json: string
  clinic_types_json: string
  template_ids_json: string
  follow_up_weeks: number | null
  outcome: 'bp' | 'wellbeing'
  start_date: string
  status: 'active' | 'closed'
  created_at: string
  created_by: string
}

export function allProgrammes(db: ReadableDb): ProgrammeRow[] {
  return db.prepare("SELECT * FROM programmes ORDER BY status = 'closed', id").all() as ProgrammeRow[]
}

export function findProgramme(db: ReadableDb, programmeId: number): ProgrammeRow | undefined {
  return db.prepare('SELECT * FROM programmes WHERE id = ?').get(programmeId) as ProgrammeRow | undefined
}

export function activeProgrammesOfDefinition(db: ReadableDb, definitionId: string): ProgrammeRow[] {
  return db.prepare("SELECT * FROM programmes WHERE definition_id = ? AND status = 'active' ORDER BY id").all(definitionId) as ProgrammeRow[]
}

export interface NewProgramme {
  name: string
  definitionId: string
  parametersJson: string
  clinicTypesJson: string
  templateIdsJson: string
  followUpWeeks: number | null
  outcome: 'bp' | 'wellbeing'
  startDate: string
  createdAt: string
  createdBy: string
}

export function insertProgramme(w: WritableDb, p: NewProgramme): number {
  const info = w
    .prepare(
      `INSERT INTO programmes (name, definition_id, parameters_json, clinic_types_json, template_ids_json, follow_up_weeks, outcome, start_date, status, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`
    )
    .run(p.name, p.definitionId, p.parametersJson, p.clinicTypesJson, p.templateIdsJson, p.followUpWeeks, p.outcome, p.startDate, p.createdAt, p.createdBy)
  return Number(info.lastInsertRowid)
}

export function setProgrammeStatus(w: WritableDb, programmeId: number, status: 'active' | 'closed', at: string, by: string): void {
  w.prepare(`UPDATE programmes SET status = ?, closed_at = CASE WHEN ? = 'closed' THEN ? END, closed_by = CASE WHEN ? = 'closed' THEN ? END WHERE id = ?`).run(
    status,
    status,
    at,
    status,
    by,
    programmeId
  )
}

export interface ProgrammeProgressRow {
  programme_id: number
  snapshots: number
  latest_cohort_id: number | null
  latest_as_of: string | null
  latest_members: number | null
  invited: number
  booked: number
  attended: number
  clinics: number
}

/** Per programme: snapshots, the latest one's size, patients invited, booked and seen, clinics — each a count of distinct patients. */
export function programmeProgress(db: ReadableDb): ProgrammeProgressRow[] {
  return db
    .prepare(
      `SELECT p.id AS programme_id,
         (SELECT COUNT(*) FROM cohorts c WHERE c.programme_id = p.id) AS snapshots,
         (SELECT c.id FROM cohorts c WHERE c.programme_id = p.id ORDER BY c.id DESC LIMIT 1) AS latest_cohort_id,
         (SELECT c.as_of FROM cohorts c WHERE c.programme_id = p.id ORDER BY c.id DESC LIMIT 1) AS latest_as_of,
         (SELECT c.member_count FROM cohorts c WHERE c.programme_id = p.id ORDER BY c.id DESC LIMIT 1) AS latest_members,
         (SELECT COUNT(DISTINCT i.patient_id) FROM invitations i JOIN cohorts c ON c.id = i.cohort_id WHERE c.programme_id = p.id) AS invited,
         (SELECT COUNT(DISTINCT a.patient_id) FROM appointments a WHERE a.programme_id = p.id AND a.status <> 'cancelled') AS booked,
         (SELECT COUNT(DISTINCT a.patient_id) FROM appointments a WHERE a.programme_id = p.id AND a.status = 'attended') AS attended,
         (SELECT COUNT(*) FROM clinics k WHERE k.programme_id = p.id) AS clinics
       FROM programmes p`
    )
    .all() as ProgrammeProgressRow[]
}

/** The programme of a patient's latest invitation sent on or before `day`, if any. */
export function programmeOfLatestInvitation(db: ReadableDb, patientId: number, day: string): number | null {
  const row = db
    .prepare(
      `SELECT c.programme_id FROM invitations i JOIN cohorts c ON c.id = i.cohort_id
       WHERE i.patient_id = ? AND i.sent_on <= ? AND c.programme_id IS NOT NULL ORDER BY i.sent_on DESC, i.id DESC LIMIT 1`
    )
    .pluck()
    .get(patientId, day) as number | undefined
  return row ?? null
}

/** The programme of the latest snapshot the patient was a member of, if any. */
export function programmeOfLatestMembership(db: ReadableDb, patientId: number): number | null {
  const row = db
    .prepare(
      `SELECT c.programme_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
       WHERE ce.patient_id = ? AND ce.status = 'member' AND c.programme_id IS NOT NULL ORDER BY c.as_of DESC, c.id DESC LIMIT 1`
    )
    .pluck()
    .get(patientId) as number | undefined
  return row ?? null
}
