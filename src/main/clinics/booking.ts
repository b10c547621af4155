// Booking: putting a patient into a clinic slot, cancelling, and moving a booking to another
// clinic or slot. Every write is one transaction with its activity-log entry; which slot may be
// taken (double bookings, past clinics) is decided by shared/domain/booking-rules.
import { AppError } from '../../shared/result'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { clinicName } from '../../shared/domain/clinic-types'
import { chooseSlot, type ExistingAppointment } from '../../shared/domain/booking-rules'
import { checkNhsNumber, formatNhsNumber, normaliseNhsNumber } from '../../shared/domain/nhs-number'
import type { ReadableDb } from '../db/database-access'
import { actorName, todayIso, type ServiceContext } from '../context'
import { logActivity } from '../activity-log'
import { patientIdOfNhsNumber } from '../patients/patient-queries'
import {
  appointmentsOfPatientWithClinics,
  cancelAsRebooked,
  cancelBookedAppointment,
  insertBooking,
  linkRebooking,
  liveAppointmentsOfClinic
} from './appointment-queries'
import type { ClinicRow } from './clinic-session-queries'
import { requireClinic, slotTimesOf } from './clinic-sessions'
import { requireOpenAppointment } from './open-appointment'
import { programmeForAppointment } from '../programmes/programmes'
import { formatDateText } from '../../shared/format/staff-text'

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** Every appointment of the patient with its clinic, for the double-booking rules. */
export function existingAppointmentsOf(db: ReadableDb, patientId: number): ExistingAppointment[] {
  return appointmentsOfPatientWithClinics(db, patientId).map((r) => ({
    appointmentId: r.id,
    clinicId: r.clinic_id,
    clinicType: r.type,
    date: r.date,
    start: slotStartTimes({ start: r.start_time, slotMinutes: r.slot_minutes, slots: r.slots })[r.slot_index] ?? r.start_time,
    status: r.status
  }))
}

function requirePatient(db: ReadableDb, nhsNumberInput: string): { id: number; nhsNumber: string } {
  const nhsNumber = normaliseNhsNumber(nhsNumberInput.trim())
  const check = checkNhsNumber(nhsNumber)
  if (!check.valid) throw new AppError('invalid_input', `nhsNumber: ${check.reason}`, { field: 'nhsNumber' })
  const patientId = patientIdOfNhsNumber(db, nhsNumber)
  if (patientId === undefined) {
    throw new AppError('not_found', `No patient with NHS number ${formatNhsNumber(nhsNumber)} in the database — import an export that includes them first`, {
      field: 'nhsNumber'
    })
  }
  return { id: patientId, nhsNumber }
}

/** Books the slot after the booking rules pass; runs inside the caller's transaction. */
function bookIntoSlot(
  ctx: ServiceContext,
  patient: { id: number; nhsNumber: string },
  clinic: ClinicRow,
  slotIndexWanted: number | undefined,
  movingAppointmentId?: number
): { appointmentId: number; start: string; slotIndex: number } {
  const times = slotTimesOf(clinic)
  const slotIndex = chooseSlot({
    clinicId: clinic.id,
    clinicType: clinic.type,
    date: clinic.date,
    slotTimes: times,
    takenSlots: new Set(liveAppointmentsOfClinic(ctx.db, clinic.id).map((a) => a.slot_index)),
    slotIndex: slotIndexWanted,
    patientAppointments: existingAppointmentsOf(ctx.db, patient.id),
    movingAppointmentId,
    patientLabel: formatNhsNumber(patient.nhsNumber)
  })
  const appointmentId = insertBooking(ctx.db, {
    clinicId: clinic.id,
    slotIndex,
    patientId: patient.id,
    bookedAt: ctx.now().toISOString(),
    bookedBy: actorName(ctx),
    programmeId: programmeForAppointment(ctx.db, clinic.programme_id, patient.id, todayIso(ctx))
  })
  return { appointmentId, start: times[slotIndex] as string, slotIndex }
}

function withSlotRaceMessage<T>(write: () => T): T {
  try {
    return write()
  } catch (error) {
    // Another writer (the CLI, a second window) took the slot between our read and our insert:
    // the partial unique index on appointments refuses it.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That slot was booked by someone else a moment ago; pick another')
    throw error
  }
}

export function bookAppointment(
  ctx: ServiceContext,
  input: { clinicId: number; nhsNumber: string; slotIndex?: number | undefined }
): { appointmentId: number; start: string; slotIndex: number } {
  const patient = requirePatient(ctx.db, input.nhsNumber)
  const clinic = requireClinic(ctx.db, input.clinicId)
  const book = ctx.db.transaction(() => {
    const booked = bookIntoSlot(ctx, patient, clinic, input.slotIndex)
    logActivity(
      ctx,
      ctx.db,
      'appointments.book',
      `Booked ${formatNhsNumber(patient.nhsNumber)} into the ${clinicName(clinic.type)} on ${formatDateText(clinic.date)} at ${booked.start}`,
      { appointmentId: booked.appointmentId, clinicId: clinic.id, slotIndex: booked.slotIndex, patientId: patient.id }
    )
    return booked
  })
  return withSlotRaceMessage(book)
}

/** Cancels a booked appointment and frees its slot; the row stays as history with the reason. */
export function cancelAppointment(ctx: ServiceContext, input: { appointmentId: number; reason?: string | undefined }): { status: 'cancelled' } {
  const reason = input.reason?.trim() || 'Cancelled'
  const cancel = ctx.db.transaction(() => {
    const { appointment, clinic } = requireOpenAppointment(ctx.db, input.appointmentId, 'cancelled')
    cancelBookedAppointment(ctx.db, appointment.id, reason, { at: ctx.now().toISOString(), by: actorName(ctx) })
    logActivity(
      ctx,
      ctx.db,
      'appointments.cancel',
      `Cancelled ${formatNhsNumber(appointment.nhs_number)} from the ${clinicName(clinic.type)} on ${formatDateText(clinic.date)}: ${reason}`,
      { appointmentId: appointment.id, reason }
    )
    return { status: 'cancelled' as const }
  })
  return cancel()
}

/**
 * Moves a booked appointment to another clinic (or another slot of the same one) in one
 * transaction: the new booking is checked by the same rules, the old one is cancelled as
 * "Rebooked" and points at the new one. If the new booking is refused, nothing changes.
 */
export function rebookAppointment(
  ctx: ServiceContext,
  input: { appointmentId: number; clinicId: number; slotIndex?: number | undefined }
): { appointmentId: number; start: string; slotIndex: number } {
  const rebook = ctx.db.transaction(() => {
    const { appointment, clinic: from } = requireOpenAppointment(ctx.db, input.appointmentId, 'rebooked')
    const to = requireClinic(ctx.db, input.clinicId)
    // Free the old slot first so a move within the same clinic can take any other slot.
    cancelAsRebooked(ctx.db, appointment.id, { at: ctx.now().toISOString(), by: actorName(ctx) })
    const patient = { id: appointment.patient_id, nhsNumber: appointment.nhs_number }
    const booked = bookIntoSlot(ctx, patient, to, input.slotIndex, appointment.id)
    linkRebooking(ctx.db, appointment.id, booked.appointmentId)
    logActivity(
      ctx,
      ctx.db,
      'appointments.rebook',
      `Rebooked ${formatNhsNumber(appointment.nhs_number)} from the ${clinicName(from.type)} on ${formatDateText(from.date)} to the ${clinicName(to.type)} on ${formatDateText(to.date)} at ${booked.start}`,
      { fromAppointmentId: appointment.id, appointmentId: booked.appointmentId, clinicId: to.id, slotIndex: booked.slotIndex }
    )
    return booked
  })
  return withSlotRaceMessage(rebook)
}
