// Double-booking rules, pure so they are tested without a database.
// A booking is refused, with a message a receptionist can act on, when:
// 1. the chosen slot already holds a live appointment (booked, attended or did not attend);
// 2. the patient is already in this clinic;
// 3. the patient has another live appointment on the same day (two clinics at once is a mistake);
// 4. the patient already has an open (booked, not yet seen) appointment on another day — rebook that
//    one instead, so nobody holds two slots and the first is forgotten.
// The service re-checks inside its write transaction; the unique slot index is the last line.
import { AppError } from '../result'
import { clinicName } from './clinic-types'
import { formatUkLongDate } from './letter-content'
import { formatDateText } from '../format/staff-text'

export interface ExistingAppointment {
  appointmentId: number
  clinicId: number
  clinicType: string
  date: string
  start: string
  status: 'booked' | 'attended' | 'did-not-attend' | 'cancelled'
}

export interface BookingRequest {
  clinicId: number
  clinicType: string
  date: string
  /** Slot start times of the clinic, in slot order. */
  slotTimes: readonly string[]
  /** Slots of this clinic holding a live appointment. */
  takenSlots: ReadonlySet<number>
  /** The slot asked for; undefined means the first free one. */
  slotIndex?: number | undefined
  /** Every appointment the patient has, any status. */
  patientAppointments: readonly ExistingAppointment[]
  /** A rebooking: this appointment is being moved, so it does not count against the new one. */
  movingAppointmentId?: number | undefined
  /** Shown in the messages, e.g. "999 000 0018". */
  patientLabel: string
}

/** The slot to book, or an AppError ('conflict' or 'invalid_input') saying why not. */
export function chooseSlot(request: BookingRequest): number {
  const { slotTimes, takenSlots } = request
  const others = request.patientAppointments.filter((a) => a.appointmentId !== request.movingAppointmentId && a.status !== 'cancelled')
  const sameClinic = others.find((a) => a.clinicId === request.clinicId)
  if (sameClinic) {
    throw new AppError(
      'conflict',
      `${request.patientLabel} is already booked into this clinic at ${sameClinic.start} (appointment ${sameClinic.appointmentId})`,
      { appointmentId: sameClinic.appointmentId }
    )
  }
  // A did-not-attend earlier that day does not stop a second chance the same afternoon.
  const sameDay = others.find((a) => a.date === request.date && a.status !== 'did-not-attend')
  if (sameDay) {
    throw new AppError(
      'conflict',
      `${request.patientLabel} already has an appointment that day: ${sameDay.clinicType} at ${sameDay.start} (appointment ${sameDay.appointmentId})`,
      { appointmentId: sameDay.appointmentId }
    )
  }
  const open = others.find((a) => a.status === 'booked')
  if (open) {
    throw new AppError(
      'conflict',
      `${request.patientLabel} already has an open booking: ${open.clinicType} on ${formatDateText(open.date)} at ${open.start} (appointment ${open.appointmentId}). Rebook or cancel that one instead`,
      { appointmentId: open.appointmentId }
    )
  }
  if (request.slotIndex !== undefined) {
    if (!Number.isInteger(request.slotIndex) || request.slotIndex < 0 || request.slotIndex >= slotTimes.length) {
      throw new AppError('invalid_input', `slotIndex: slot ${request.slotIndex} does not exist — this clinic has slots 0 to ${slotTimes.length - 1}`, {
        field: 'slotIndex'
      })
    }
    if (takenSlots.has(request.slotIndex)) {
      throw new AppError('conflict', `The ${slotTimes[request.slotIndex]} slot of this clinic is already taken`, {
        slotIndex: request.slotIndex
      })
    }
    return request.slotIndex
  }
  const free = slotTimes.findIndex((_, i) => !takenSlots.has(i))
  if (free === -1) {
    throw new AppError('conflict', `The ${clinicName(request.clinicType)} on ${formatDateText(request.date)} is full (${slotTimes.length} slots booked)`, {
      clinicId: request.clinicId
    })
  }
  return free
}

/**
 * Whether a visit's outcome (attended with readings, or did not attend) can be recorded yet: only on
 * or after the clinic day. A reading entered against a clinic that has not happened would be dated in
 * the future, close follow-ups early and count in the audit as a BP that was never taken. Null when
 * it can be recorded; otherwise the message to show.
 */
export function outcomeNotYetRecordable(clinic: { type: string; date: string }, today: string): string | null {
  if (clinic.date <= today) return null
  return `The ${clinicName(clinic.type)} on ${formatUkLongDate(clinic.date)} has not happened yet (today is ${formatUkLongDate(today)}): record the visit or a did-not-attend on or after the clinic day`
}
