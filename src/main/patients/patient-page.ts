// One patient's page (patients.show): everything the practice database holds about them, gathered
// from the capabilities that own each part — contact preferences (invitations), the QOF registers as
// the cohorts decide them (patient-conditions.ts), visit records (clinics), referrals (local
// services) — and the rows only this page reads (patient-page-queries.ts). Nothing here decides
// anything clinical; what "re-invite" means for the patient is the domain's (re-invitation.ts).
import { PATIENT_PAGE_SNAPSHOT_REASONS, type OperationOutput } from '../../shared/contract'
import type { BloodPressure, ExclusionCount } from '../../shared/domain/cohort-entry'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { lowestOfReadings } from '../../shared/domain/current-bp'
import { checkNhsNumber, formatNhsNumber } from '../../shared/domain/nhs-number'
import { displayName } from '../../shared/domain/patient-record'
import { reInvitation } from '../../shared/domain/re-invitation'
import { isNoLongerRegistered } from '../../shared/domain/registration-status'
import { ageOn } from '../../shared/domain/uk-date'
import { AppError } from '../../shared/result'
import { storedVisitOf } from '../clinics/visit-records'
import { storedVisitActions } from '../clinics/visits'
import { todayIso, type ReadingContext } from '../context'
import { getContact } from '../invitations/contact-preferences-store'
import { referralsOfPatient } from '../local-services/referrals'
import { patientConditionsOn } from './patient-conditions'
import {
  patientAppointmentRows,
  patientDetailsRow,
  patientFollowUpRows,
  patientInvitationRows,
  patientReadings,
  patientSnapshotRows,
  type PatientAppointmentRow,
  type PatientDetailsRow,
  type PatientSnapshotRow
} from './patient-page-queries'
import { patientIdOfNhsNumber } from './patient-queries'
import { snapshotPatientOf } from './snapshot-patient-excerpt'

export type PatientPage = OperationOutput<'patients.show'>

function addressLines(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string' && line.trim() !== '') : []
  } catch {
    return []
  }
}

function detailsOf(row: PatientDetailsRow, today: string): PatientPage['patient'] {
  return {
    patientId: row.id,
    nhsNumber: row.nhs_number,
    name: displayName({ title: row.title, givenName: row.given_name, familyName: row.family_name }),
    title: row.title,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    age: row.date_of_birth ? ageOn(row.date_of_birth, today) : null,
    sex: row.sex,
    addressLines: addressLines(row.address_lines_json),
    postcode: row.postcode,
    mobile: row.mobile,
    homePhone: row.home_phone,
    email: row.email,
    usualGp: row.usual_gp,
    ethnicity: row.ethnicity_text,
    ethnicityCategory: row.ethnicity_category,
    imdDecile: row.imd_decile,
    registrationStatus: row.registration_status,
    noLongerRegistered: isNoLongerRegistered(row.registration_status),
    notInLatestExport: row.not_in_export_since_import_id !== null,
    demographicsAsOf: row.demographics_as_of
  }
}

function ruleLabel(row: PatientSnapshotRow): string | null {
  if (row.rule === null) return null
  try {
    const counts = JSON.parse(row.exclusion_counts_json) as ExclusionCount[]
    return counts.find((c) => c.rule === row.rule)?.label ?? row.rule
  } catch {
    return row.rule
  }
}

function snapshotsOf(ctx: ReadingContext, patientId: number): PatientPage['snapshots'] {
  // Newest first: the reasons of the newest are read (one entry row each), so a patient listed by
  // years of monthly builds does not make their page wait for every one.
  return patientSnapshotRows(ctx.db, patientId).map((row, index) => {
    const reasonsRead = index < PATIENT_PAGE_SNAPSHOT_REASONS
    // Snapshots built before compact rows kept the reasons on the row itself.
    const storedReasons = row.reasons_json === 'null' ? null : (JSON.parse(row.reasons_json) as string[] | null)
    const reasons = storedReasons ?? (reasonsRead ? snapshotPatientOf(ctx.db, row.cohort_id, patientId)?.reasons : undefined) ?? []
    return {
      cohortId: row.cohort_id,
      name: row.name,
      definition: row.definition_id,
      programmeId: row.programme_id,
      programme: row.programme_name,
      asOf: row.as_of,
      builtAt: row.built_at,
      status: row.status,
      priority: row.priority,
      rule: row.rule,
      ruleLabel: ruleLabel(row),
      severe: row.severe === 1,
      bp: row.bp_json ? (JSON.parse(row.bp_json) as BloodPressure) : null,
      reasons,
      reasonsRead: reasonsRead || storedReasons !== null
    }
  })
}

function slotStart(row: PatientAppointmentRow): string {
  return slotStartTimes({ start: row.start_time, slotMinutes: row.slot_minutes, slots: row.slots })[row.slot_index] ?? row.start_time
}

function appointmentOf(row: PatientAppointmentRow): PatientPage['appointments'][number] {
  return {
    appointmentId: row.id,
    clinicId: row.clinic_id,
    clinicType: row.type,
    date: row.date,
    start: slotStart(row),
    clinician: row.clinician,
    location: row.location,
    status: row.status,
    programmeId: row.programme_id,
    programme: row.programme_name,
    bookedAt: row.booked_at,
    bookedBy: row.booked_by,
    outcomeAt: row.outcome_at,
    outcomeBy: row.outcome_by
  }
}

function requirePatientId(ctx: ReadingContext, nhsNumberInput: string): number {
  const check = checkNhsNumber(nhsNumberInput)
  if (!check.valid) throw new AppError('invalid_input', `nhsNumber: ${check.reason}`, { field: 'nhsNumber' })
  const patientId = patientIdOfNhsNumber(ctx.db, check.nhsNumber)
  if (patientId === undefined) {
    throw new AppError('not_found', `No patient with NHS number ${formatNhsNumber(check.nhsNumber)} in this practice's database`, { field: 'nhsNumber' })
  }
  return patientId
}

export function showPatient(ctx: ReadingContext, nhsNumberInput: string): PatientPage {
  const today = todayIso(ctx)
  const patientId = requirePatientId(ctx, nhsNumberInput)
  // The patient was just found by id, so the row is there.
  const patient = detailsOf(patientDetailsRow(ctx.db, patientId) as PatientDetailsRow, today)
  const nhsNumber = patient.nhsNumber

  const readings = patientReadings(ctx.db, patientId)
  const appointmentRows = patientAppointmentRows(ctx.db, patientId)
  const snapshots = snapshotsOf(ctx, patientId)
  const invitations = patientInvitationRows(ctx.db, patientId).map((row) => ({
    invitationId: row.id,
    batchId: row.batch_id,
    cohortId: row.cohort_id,
    cohortName: row.cohort_name,
    programmeId: row.programme_id,
    programme: row.programme_name,
    attempt: row.attempt,
    channel: row.channel,
    sentOn: row.sent_on
  }))

  const visits = appointmentRows
    .filter((row) => row.status === 'attended')
    .map((row) => {
      const atVisit = readings.filter((r) => r.appointment_id === row.id)
      return {
        appointmentId: row.id,
        date: row.date,
        clinicType: row.type,
        bp: atVisit.length > 0 ? lowestOfReadings(atVisit) : null,
        actions: storedVisitActions(row.actions_json),
        note: row.note ?? '',
        record: storedVisitOf(ctx.db, row.id)
      }
    })

  const contact = getContact(ctx, nhsNumber)
  const latestMembership = snapshots.find((s) => s.status === 'member') ?? null
  const upcoming = appointmentRows.filter((a) => a.status === 'booked' && a.date >= today).map((a) => a.date)
  const attendedSince = latestMembership ? appointmentRows.filter((a) => a.status === 'attended' && a.date >= latestMembership.asOf).map((a) => a.date) : []
  const next = reInvitation({
    snapshot: latestMembership,
    sentFromSnapshot: latestMembership ? invitations.filter((i) => i.cohortId === latestMembership.cohortId) : [],
    noContact: contact.noContact,
    noLongerRegistered: patient.noLongerRegistered,
    upcomingBookingOn: upcoming.length > 0 ? upcoming.reduce((a, b) => (a < b ? a : b)) : null,
    attendedSinceSnapshotOn: attendedSince.length > 0 ? attendedSince.reduce((a, b) => (a > b ? a : b)) : null,
    today
  })

  return {
    asOf: today,
    patient,
    contact,
    registers: patientConditionsOn(ctx.db, patientId, today),
    readings: readings.map((r) => ({
      readingId: r.id,
      date: r.taken_on,
      systolic: r.systolic,
      diastolic: r.diastolic,
      setting: r.setting,
      measure: r.measure,
      source: r.source,
      appointmentId: r.appointment_id
    })),
    snapshots,
    invitations,
    appointments: appointmentRows.map(appointmentOf),
    visits,
    followUps: patientFollowUpRows(ctx.db, patientId).map((row) => ({
      appointmentId: row.appointment_id,
      dueOn: row.due_on,
      reason: row.reason,
      status: row.status
    })),
    referrals: referralsOfPatient(ctx, nhsNumber).referrals,
    reInvitation: {
      cohortId: next.cohortId,
      cohortName: next.cohortId === null ? null : (snapshots.find((s) => s.cohortId === next.cohortId)?.name ?? null),
      attempt: next.attempt,
      from: next.from,
      explanation: next.explanation
    }
  }
}
