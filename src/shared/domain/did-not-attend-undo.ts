// When a did-not-attend recorded by mistake (the patient was in the waiting room, the wrong row was
// pressed) may be put back to booked. Undoing it must never leave the patient holding two bookings,
// so it is refused, naming the appointment in the way, when:
// 1. the appointment is not a did-not-attend (booked, attended or cancelled: nothing to undo);
// 2. the patient has an open booking elsewhere — usually the one made from the re-invite list after
//    the did-not-attend — because a patient holds one open booking at a time (booking-rules.ts);
// 3. the patient has another live appointment on the same day or later (seen since, or a second
//    chance the same afternoon): the later record stands, and a visit cannot be slipped in before it.
// Pure, so the rule is tested without a database; the service re-checks inside its transaction.
import type { ExistingAppointment } from './booking-rules'
import { formatUkLongDate } from './letter-content'

export interface UndoDidNotAttendRequest {
  appointment: ExistingAppointment
  /** Every appointment the patient has, any status (the one being undone may be among them). */
  patientAppointments: readonly ExistingAppointment[]
  /** Shown in the messages, e.g. "Tom BROWN (999 000 1006)". */
  patientLabel: string
}

const statusWords: Record<ExistingAppointment['status'], string> = {
  booked: 'still booked: there is no did-not-attend to undo',
  attended: 'recorded as attended: only a did-not-attend can be undone',
  'did-not-attend': 'a did-not-attend',
  cancelled: 'cancelled: only a did-not-attend can be undone'
}

function describe(a: ExistingAppointment): string {
  return `${a.clinicType} on ${formatUkLongDate(a.date)} at ${a.start} (appointment ${a.appointmentId})`
}

/** Null when the did-not-attend may be undone; otherwise the refusal, in words a receptionist can act on. */
export function undoDidNotAttendRefusal(request: UndoDidNotAttendRequest): string | null {
  const { appointment, patientLabel } = request
  if (appointment.status !== 'did-not-attend') return `Appointment ${appointment.appointmentId} is ${statusWords[appointment.status]}`
  const others = request.patientAppointments.filter((a) => a.appointmentId !== appointment.appointmentId && a.status !== 'cancelled')
  const open = others.find((a) => a.status === 'booked')
  if (open) {
    return `${patientLabel} has been booked again since: ${describe(open)}. Undoing the did-not-attend would leave two open bookings: cancel that booking first if this one is to stand`
  }
  const later = others.find((a) => a.date >= appointment.date)
  if (later) {
    const what = later.status === 'attended' ? 'was seen' : 'has another appointment recorded'
    return `${patientLabel} ${what} on or after this clinic day: ${describe(later)}. The did-not-attend can no longer be undone; the later appointment stands`
  }
  return null
}
