// Named queries of the visit records (visit_records: one current record per attended visit, on its
// clinic's form) and of their scores (visit_measures: one row per questionnaire score). Rows are
// only ever added: a correction is a new record naming the one it replaces.
import type { ReferralKind } from '../../shared/domain/local-services'
import type { VisitMeasureScore } from '../../shared/domain/visit-measures'
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface VisitRecordRow {
  id: number
  appointment_id: number
  form: 'bp-review' | 'time-to-talk'
  record_json: string
  risk_prompt: number
  recorded_at: string
  recorded_by: string
}

export interface NewVisitRecord {
  appointmentId: number
  form: 'bp-review' | 'time-to-talk'
  recordJson: string
  riskPrompt: boolean
  recordedAt: string
  recordedBy: string
}

/** Adds the visit's record and returns its id; a second record of one visit that corrects nothing is refused by the database. */
export function insertVisitRecord(w: WritableDb, record: NewVisitRecord): number {
  const info = w
    .prepare('INSERT INTO visit_records (appointment_id, form, record_json, risk_prompt, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)')
    .run(record.appointmentId, record.form, record.recordJson, record.riskPrompt ? 1 : 0, record.recordedAt, record.recordedBy)
  return Number(info.lastInsertRowid)
}

/** One row per score of the record. */
export function insertVisitMeasures(w: WritableDb, visit: { recordId: number; appointmentId: number }, scores: readonly VisitMeasureScore[]): void {
  const insert = w.prepare(
    'INSERT INTO visit_measures (visit_record_id, appointment_id, measure, score, band, items_json, entered_as) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )
  for (const s of scores) {
    insert.run(visit.recordId, visit.appointmentId, s.measure, s.score, s.band, s.items === null ? null : JSON.stringify(s.items), s.enteredAs)
  }
}

/** The visit's current record (the one no correction replaced), if it was recorded on a form. */
export function currentVisitRecord(db: ReadableDb, appointmentId: number): VisitRecordRow | undefined {
  return db
    .prepare(
      `SELECT r.id, r.appointment_id, r.form, r.record_json, r.risk_prompt, r.recorded_at, r.recorded_by FROM visit_records r
       WHERE r.appointment_id = ? AND NOT EXISTS (SELECT 1 FROM visit_records c WHERE c.corrects = r.id)`
    )
    .get(appointmentId) as VisitRecordRow | undefined
}

export interface VisitMeasureRow {
  measure: VisitMeasureScore['measure']
  score: number
  band: string
  items_json: string | null
  entered_as: VisitMeasureScore['enteredAs']
}

/** The scores stored with a record, in the order they were written (the form's order). */
export function measuresOfVisitRecord(db: ReadableDb, recordId: number): VisitMeasureRow[] {
  return db
    .prepare('SELECT measure, score, band, items_json, entered_as FROM visit_measures WHERE visit_record_id = ? ORDER BY id')
    .all(recordId) as VisitMeasureRow[]
}

export interface ReferralAtVisitRow {
  id: number
  service_id: number
  service_name: string
  kind: ReferralKind
}

/** The referrals and signpostings made at the visit, in the order they were made. */
export function referralsMadeAtVisit(db: ReadableDb, appointmentId: number): ReferralAtVisitRow[] {
  return db
    .prepare(
      `SELECT r.id, r.service_id, s.name AS service_name, r.kind FROM referrals r JOIN local_services s ON s.id = r.service_id
       WHERE r.appointment_id = ? ORDER BY r.id`
    )
    .all(appointmentId) as ReferralAtVisitRow[]
}
