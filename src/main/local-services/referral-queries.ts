// Named queries of the referrals table: a patient referred (or signposted) to a local service,
// with the outcome once it is known. Every read joins the patient and the service so a front end
// can show who and where without a second query.
import type { ReadableDb, WritableDb } from '../db/database-access'
import type { LocalServiceCategory, ReferralKind, ReferralOutcome } from '../../shared/domain/local-services'

export interface ReferralRow {
  id: number
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  service_id: number
  service_name: string
  service_category: LocalServiceCategory
  service_phone: string | null
  service_web: string | null
  service_address: string | null
  appointment_id: number | null
  programme_id: number | null
  referred_on: string
  referred_by: string
  kind: ReferralKind
  note: string
  outcome: ReferralOutcome | null
  outcome_on: string | null
  outcome_by: string | null
}

const referralColumns = `r.id, r.patient_id, p.nhs_number, p.title, p.given_name, p.family_name,
  r.service_id, s.name AS service_name, s.category AS service_category, s.phone AS service_phone, s.web AS service_web, s.address AS service_address,
  r.appointment_id, r.programme_id, r.referred_on, r.referred_by, r.kind, r.note, r.outcome, r.outcome_on, r.outcome_by`

const referralJoins = 'FROM referrals r JOIN patients p ON p.id = r.patient_id JOIN local_services s ON s.id = r.service_id'

export function findReferral(db: ReadableDb, referralId: number): ReferralRow | undefined {
  return db.prepare(`SELECT ${referralColumns} ${referralJoins} WHERE r.id = ?`).get(referralId) as ReferralRow | undefined
}

/** A patient's referrals, latest first. */
export function referralsOfPatientRows(db: ReadableDb, patientId: number): ReferralRow[] {
  return db.prepare(`SELECT ${referralColumns} ${referralJoins} WHERE r.patient_id = ? ORDER BY r.referred_on DESC, r.id DESC`).all(patientId) as ReferralRow[]
}

/** Every referral with no outcome recorded, oldest first (the worklist rule picks those waited long enough). */
export function referralsAwaitingOutcome(db: ReadableDb): ReferralRow[] {
  return db
    .prepare(`SELECT ${referralColumns} ${referralJoins} WHERE r.outcome IS NULL ORDER BY r.referred_on, lower(IFNULL(p.family_name, '')), r.id`)
    .all() as ReferralRow[]
}

/** The patient's referrals to this service with no outcome yet, latest first. */
export function openReferralsToService(db: ReadableDb, patientId: number, serviceId: number): { id: number; referred_on: string; kind: ReferralKind }[] {
  return db
    .prepare('SELECT id, referred_on, kind FROM referrals WHERE patient_id = ? AND service_id = ? AND outcome IS NULL ORDER BY referred_on DESC, id DESC')
    .all(patientId, serviceId) as { id: number; referred_on: string; kind: ReferralKind }[]
}

export interface PatientNameRow {
  id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
}

export function patientNameByNhsNumber(db: ReadableDb, nhsNumber: string): PatientNameRow | undefined {
  return db.prepare('SELECT id, nhs_number, title, given_name, family_name FROM patients WHERE nhs_number = ?').get(nhsNumber) as PatientNameRow | undefined
}

/** The visit a referral is made at: whose it is, the programme it was booked for, and the clinic day. */
export function appointmentOfReferral(
  db: ReadableDb,
  appointmentId: number
): { patient_id: number; programme_id: number | null; clinic_date: string; status: string } | undefined {
  return db
    .prepare('SELECT a.patient_id, a.programme_id, c.date AS clinic_date, a.status FROM appointments a JOIN clinics c ON c.id = a.clinic_id WHERE a.id = ?')
    .get(appointmentId) as { patient_id: number; programme_id: number | null; clinic_date: string; status: string } | undefined
}

export interface NewReferral {
  patientId: number
  serviceId: number
  appointmentId: number | null
  programmeId: number | null
  referredOn: string
  referredBy: string
  kind: ReferralKind
  note: string
  recordedAt: string
}

export function insertReferral(w: WritableDb, r: NewReferral): number {
  const info = w
    .prepare(
      `INSERT INTO referrals (patient_id, service_id, appointment_id, programme_id, referred_on, referred_by, kind, note, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(r.patientId, r.serviceId, r.appointmentId, r.programmeId, r.referredOn, r.referredBy, r.kind, r.note, r.recordedAt)
  return Number(info.lastInsertRowid)
}

/** Records the outcome with its day and who recorded it; a null outcome clears all three. */
export function updateReferralOutcome(w: WritableDb, referralId: number, outcome: ReferralOutcome | null, on: string | null, by: string | null): void {
  w.prepare('UPDATE referrals SET outcome = ?, outcome_on = ?, outcome_by = ? WHERE id = ?').run(outcome, on, by, referralId)
}
