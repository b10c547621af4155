// Undoing a did-not-attend recorded by mistake: the appointment is booked again, as if the outcome had
// not been recorded, so the visit can still be recorded on it. Nothing is deleted: the activity log
// keeps the did-not-attend (who marked it and when, copied into the undo's entry too) and the undo.
// Because the DNA worklist and the invitation worklists read the appointment's status, the patient
// leaves the re-invite list and the invitation counts as answered by this booking again. When undoing
// would leave two bookings, the rule in shared/domain refuses it, naming the appointment in the way.
import { AppError } from '../../shared/result'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { clinicName } from '../../shared/domain/clinic-types'
import { undoDidNotAttendRefusal } from '../../shared/domain/did-not-attend-undo'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { displayName } from '../../shared/domain/patient-record'
import type { ServiceContext } from '../context'
import { logActivity } from '../activity-log'
import { findAppointment, outcomeStampOf, restoreBookingFromDidNotAttend } from './appointment-queries'
import { existingAppointmentsOf } from './booking'
import { findClinic } from './clinic-session-queries'
import { formatDateText, formatTimestampText } from '../../shared/format/staff-text'

export interface UndoneDidNotAttend {
  appointmentId: number
  status: 'booked'
  clinicId: number
  clinicDate: string
  start: string
}

export function undoDidNotAttend(ctx: ServiceContext, input: { appointmentId: number }): UndoneDidNotAttend {
  const undo = ctx.db.transaction((): UndoneDidNotAttend => {
    const appointment = findAppointment(ctx.db, input.appointmentId)
    if (!appointment) throw new AppError('not_found', `No appointment with id ${input.appointmentId}`, { field: 'appointmentId' })
    const clinic = findClinic(ctx.db, appointment.clinic_id)
    if (!clinic) throw new AppError('internal', `Appointment ${appointment.id} points at a missing clinic ${appointment.clinic_id}`)

    const patientAppointments = existingAppointmentsOf(ctx.db, appointment.patient_id)
    const self = patientAppointments.find((a) => a.appointmentId === appointment.id)
    if (!self) throw new AppError('internal', `Appointment ${appointment.id} is missing from its patient's appointments`)
    const nhs = formatNhsNumber(appointment.nhs_number)
    const patientLabel = `${displayName({ title: appointment.title, givenName: appointment.given_name, familyName: appointment.family_name })} (${nhs})`
    const refusal = undoDidNotAttendRefusal({ appointment: self, patientAppointments, patientLabel })
    if (refusal) throw new AppError('conflict', refusal, { appointmentId: appointment.id, status: appointment.status })

    const marked = outcomeStampOf(ctx.db, appointment.id)
    if (!restoreBookingFromDidNotAttend(ctx.db, appointment.id)) {
      throw new AppError('conflict', `Appointment ${appointment.id} is no longer a did-not-attend; nothing was changed`, { appointmentId: appointment.id })
    }
    const start =
      slotStartTimes({ start: clinic.start_time, slotMinutes: clinic.slot_minutes, slots: clinic.slots })[appointment.slot_index] ?? clinic.start_time
    logActivity(
      ctx,
      ctx.db,
      'appointments.undoDidNotAttend',
      `Undid the did-not-attend of ${nhs} at the ${clinicName(clinic.type)} on ${formatDateText(clinic.date)} at ${start}: booked again` +
        (marked?.by ? ` (the did-not-attend was recorded by ${marked.by}${marked.at ? ` at ${formatTimestampText(marked.at)}` : ''})` : ''),
      { appointmentId: appointment.id, didNotAttendRecordedAt: marked?.at ?? null, didNotAttendRecordedBy: marked?.by ?? null }
    )
    return { appointmentId: appointment.id, status: 'booked', clinicId: clinic.id, clinicDate: clinic.date, start }
  })
  return undo()
}
