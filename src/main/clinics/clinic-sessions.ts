// Clinic sessions: creating one, the list of them, and one clinic with every slot and who is in
// it. Creating is one transaction with its activity-log entry; the slot times come from
// shared/domain/clinic-slots.
import type { z } from 'zod'
import type {
  Appointment as AppointmentSchema,
  ClinicDetail as ClinicDetailSchema,
  ClinicInput as ClinicInputSchema,
  ClinicSummary as ClinicSummarySchema
} from '../../shared/contract'
import { AppError } from '../../shared/result'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { clinicName } from '../../shared/domain/clinic-types'
import { displayName } from '../../shared/domain/patient-record'
import type { ReadableDb } from '../db/database-access'
import { actorName, todayIso, type ReadingContext, type ServiceContext } from '../context'
import { logActivity } from '../activity-log'
import { requireActiveProgramme } from '../programmes/programmes'
import { followUpOfAppointment } from '../followups/follow-up-queries'
import { clinicSummaries, clinicSummary, findClinic, insertClinic, type ClinicRow, type ClinicSummaryRow } from './clinic-session-queries'
import { liveAppointmentsOfClinic, type AppointmentRow } from './appointment-queries'
import { visitBloodPressure } from './visit-queries'
import { storedVisitActions } from './visits'
import { storedVisitOf } from './visit-records'
import { formatDateText } from '../../shared/format/staff-text'

export type ClinicInput = z.output<typeof ClinicInputSchema>
export type ClinicSummary = z.output<typeof ClinicSummarySchema>
export type ClinicDetail = z.output<typeof ClinicDetailSchema>
export type Appointment = z.output<typeof AppointmentSchema>

export function createClinic(ctx: ServiceContext, input: ClinicInput): { clinicId: number } {
  // Refuses a session that would run past midnight before anything is written.
  slotStartTimes({ start: input.start, slotMinutes: input.slotMinutes, slots: input.slots })
  const clinician = input.clinician?.trim() || null
  const location = input.location?.trim() || null
  const create = ctx.db.transaction(() => {
    const programme = input.programmeId === undefined ? null : requireActiveProgramme(ctx.db, input.programmeId, 'take a new clinic')
    const clinicId = insertClinic(ctx.db, {
      programmeId: programme?.programmeId ?? null,
      type: input.type,
      date: input.date,
      startTime: input.start,
      slotMinutes: input.slotMinutes,
      slots: input.slots,
      clinician,
      location,
      createdAt: ctx.now().toISOString(),
      createdBy: actorName(ctx)
    })
    logActivity(
      ctx,
      ctx.db,
      'clinics.create',
      `Created ${clinicName(input.type)} on ${formatDateText(input.date)} at ${input.start}: ${input.slots} slots of ${input.slotMinutes} minutes` +
        (programme ? ` for the programme "${programme.name}"` : ''),
      { clinicId, ...input }
    )
    return clinicId
  })
  return { clinicId: create() }
}

function toSummary(row: ClinicSummaryRow): ClinicSummary {
  return {
    clinicId: row.id,
    programmeId: row.programme_id,
    type: row.type,
    date: row.date,
    start: row.start_time,
    slots: row.slots,
    slotMinutes: row.slot_minutes,
    // Optional in the contract: absent rather than null when not recorded.
    ...(row.clinician !== null ? { clinician: row.clinician } : {}),
    ...(row.location !== null ? { location: row.location } : {}),
    booked: row.booked,
    attended: row.attended,
    didNotAttend: row.did_not_attend
  }
}

/** Upcoming clinics (today onwards) soonest first, then past clinics most recent first. */
export function listClinics(ctx: ReadingContext): ClinicSummary[] {
  return clinicSummaries(ctx.db, todayIso(ctx)).map(toSummary)
}

/** The clinic, or not_found naming the clinicId field. */
export function requireClinic(db: ReadableDb, clinicId: number): ClinicRow {
  const clinic = findClinic(db, clinicId)
  if (!clinic) throw new AppError('not_found', `No clinic with id ${clinicId}`, { field: 'clinicId' })
  return clinic
}

/** The start time of each of the clinic's slots, by slot index. */
export function slotTimesOf(clinic: ClinicRow): string[] {
  return slotStartTimes({ start: clinic.start_time, slotMinutes: clinic.slot_minutes, slots: clinic.slots })
}

function toAppointment(db: ReadableDb, clinic: ClinicRow, row: AppointmentRow, start: string): Appointment {
  const bp = row.status === 'attended' ? visitBloodPressure(db, row.id) : null
  const followUp = row.status === 'attended' ? followUpOfAppointment(db, row.id) : undefined
  return {
    appointmentId: row.id,
    clinicId: row.clinic_id,
    slotIndex: row.slot_index,
    start,
    patientId: row.patient_id,
    nhsNumber: row.nhs_number,
    name: displayName({ title: row.title, givenName: row.given_name, familyName: row.family_name }),
    status: row.status,
    bp: bp ? { ...bp, date: clinic.date, setting: 'clinic' } : null,
    followUpDue: followUp?.due_on ?? null,
    actions: row.status === 'attended' ? storedVisitActions(row.actions_json) : [],
    note: row.status === 'attended' && row.note ? row.note : null,
    ...(row.status === 'attended' ? { visit: storedVisitOf(db, row.id) } : {})
  }
}

/** The clinic with every slot, each with its live appointment or null when free. */
export function getClinic(ctx: ReadingContext, clinicId: number): ClinicDetail {
  const clinic = requireClinic(ctx.db, clinicId)
  const summary = clinicSummary(ctx.db, clinicId)
  const bySlot = new Map(liveAppointmentsOfClinic(ctx.db, clinicId).map((a) => [a.slot_index, a]))
  const slots = slotTimesOf(clinic).map((start, slotIndex) => {
    const row = bySlot.get(slotIndex)
    return { slotIndex, start, appointment: row ? toAppointment(ctx.db, clinic, row, start) : null }
  })
  return { clinic: toSummary(summary), slots }
}
