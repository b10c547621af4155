// The audit's reads of what visits recorded on their forms — each questionnaire score, and the
// adherence a BP review asked about — and of the referrals made to local services. Set-based, like
// the rest of the audit's reads (audit-queries.ts), and joined to its temporary table of eligible
// patients: these run inside readAuditRows, while that table exists.
//
// A visit's record is its current one (the record no correction replaced): a corrected score is
// what the clinician meant to record, so the audit counts it.
import type { ReferralOutcome } from '../../shared/domain/local-services'
import type { VisitMeasureId } from '../../shared/domain/visit-measures'
import type { ReadableDb } from '../db/database-access'

export interface AuditScope {
  asOf: string
  /** The programme read; null = every programme's visits and referrals, and those of none. */
  programmeId: number | null
}

/** Per attended appointment, the scores of its current record (ONS4: each answer). */
export type AuditScores = Map<number, Partial<Record<VisitMeasureId, number>>>

/** Attended appointments recorded on the BP review form → the record's adherence as JSON (null: not asked). */
export type AuditBpReviews = Map<number, string | null>

export type AuditReferralRow = [
  patientId: number,
  serviceId: number,
  service: string,
  programmeId: number | null,
  outcome: ReferralOutcome | null,
  outcomeOn: string | null
]

// The attended visits of the eligible patients by the as-of date, for the programme read, joined to
// the current record of each (`r`).
const visitRecords = `temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
  JOIN clinics c ON c.id = a.clinic_id
  JOIN visit_records r ON r.appointment_id = a.id`
const attendedInScope = `a.status = 'attended' AND c.date <= @asOf AND (@programmeId IS NULL OR a.programme_id = @programmeId)
  AND NOT EXISTS (SELECT 1 FROM visit_records x WHERE x.corrects = r.id)`

/** The questionnaire scores of every attended visit in scope (one row per score in the database). */
export function readAuditScores(db: ReadableDb, scope: AuditScope): AuditScores {
  const scores: AuditScores = new Map()
  for (const [appointmentId, measure, score] of db
    .prepare(`SELECT m.appointment_id, m.measure, m.score FROM ${visitRecords} JOIN visit_measures m ON m.visit_record_id = r.id WHERE ${attendedInScope}`)
    .raw()
    .all(scope) as [number, VisitMeasureId, number][]) {
    const visit = scores.get(appointmentId)
    if (visit) visit[measure] = score
    else scores.set(appointmentId, { [measure]: score })
  }
  return scores
}

/** Every attended visit in scope recorded on the BP review form, with what it recorded about adherence. */
export function readAuditBpReviews(db: ReadableDb, scope: AuditScope): AuditBpReviews {
  const reviews: AuditBpReviews = new Map()
  for (const [appointmentId, adherence] of db
    .prepare(`SELECT a.id, json_extract(r.record_json, '$.adherence') FROM ${visitRecords} WHERE ${attendedInScope} AND r.form = 'bp-review'`)
    .raw()
    .all(scope) as [number, string | null][]) {
    reviews.set(appointmentId, adherence)
  }
  return reviews
}

/** The referrals of the eligible patients made by the as-of date, for the programme read (any, or none, for the practice). */
export function readAuditReferrals(db: ReadableDb, scope: AuditScope): AuditReferralRow[] {
  return db
    .prepare(
      `SELECT r.patient_id, r.service_id, s.name, r.programme_id, r.outcome, r.outcome_on
       FROM temp.audit_eligible e JOIN referrals r ON r.patient_id = e.patient_id JOIN local_services s ON s.id = r.service_id
       WHERE r.referred_on <= @asOf AND (@programmeId IS NULL OR r.programme_id = @programmeId)
       ORDER BY r.id`
    )
    .raw()
    .all(scope) as AuditReferralRow[]
}
