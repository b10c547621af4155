// The booked appointment an action (cancel, rebook, record the outcome) applies to: found, still
// booked, and with its clinic. Anything else is refused before a write.
import { AppError } from '../../shared/result'
import type { ReadableDb } from '../db/database-access'
import { findAppointment, type AppointmentRow, type AppointmentStatus } from './appointment-queries'
import { findClinic, type ClinicRow } from './clinic-session-queries'

const appointmentStatusWords: Record<AppointmentStatus, string> = {
  booked: 'booked',
  attended: 'already recorded as attended',
  'did-not-attend': 'already recorded as did-not-attend',
  cancelled: 'already cancelled'
}

/** The appointment and its clinic; `doing` finishes "only a booked appointment can be …" in the refusal. */
export function requireOpenAppointment(db: ReadableDb, appointmentId: number, doing: string): { appointment: AppointmentRow; clinic: ClinicRow } {
  const appointment = findAppointment(db, appointmentId)
  if (!appointment) throw new AppError('not_found', `No appointment with id ${appointmentId}`, { field: 'appointmentId' })
  if (appointment.status !== 'booked') {
    throw new AppError('conflict', `Appointment ${appointmentId} is ${appointmentStatusWords[appointment.status]}; only a booked appointment can be ${doing}`, {
      status: appointment.status
    })
  }
  const clinic = findClinic(db, appointment.clinic_id)
  if (!clinic) throw new AppError('internal', `Appointment ${appointmentId} points at a missing clinic ${appointment.clinic_id}`)
  return { appointment, clinic }
}
