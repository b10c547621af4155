// What happened at the appointment: the visit (its BP readings, actions, note and the follow-up it
// proposes) or a did-not-attend. Every write is one transaction with its activity-log entry; which
// BP counts, what is severe and when the follow-up falls due are decided in shared/domain.
import type { z } from 'zod'
import type { AttendResult as AttendResultSchema, VisitAction as VisitActionSchema, VisitReading as VisitReadingSchema } from '../../shared/contract'
import { VisitAction as VisitActionEnum } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { proposeFollowUp } from '../../shared/domain/follow-up'
import { clinicName, followUpWeeksForType } from '../../shared/domain/clinic-types'
import { outcomeNotYetRecordable } from '../../shared/domain/booking-rules'
import { lowestOfReadings } from '../../shared/domain/current-bp'
import { isSevereReading, isStage2Reading, type Priority } from '../../shared/domain/bp-priority'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { actorName, todayIso, type ServiceContext } from '../context'
import { logActivity } from '../activity-log'
import { closeFollowUpsProposedBefore, insertFollowUp } from '../followups/follow-up-queries'
import { recordAttended, recordDidNotAttend, type AppointmentRow } from './appointment-queries'
import type { ClinicRow } from './clinic-session-queries'
import { insertVisitReadings } from './visit-queries'
import { practiceIntervals } from './follow-up-intervals'
import { requireOpenAppointment } from './open-appointment'

export type AttendResult = z.output<typeof AttendResultSchema>
export type VisitReading = z.output<typeof VisitReadingSchema>
export type VisitAction = z.output<typeof VisitActionSchema>

/** The actions stored with a visit; anything this version does not know is left out. */
export function storedVisitActions(json: string | null): VisitAction[] {
  if (!json) return []
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value)
      ? value.filter((a): a is VisitAction => typeof a === 'string' && (VisitActionEnum.options as readonly string[]).includes(a))
      : []
  } catch {
    return []
  }
}

/** The open appointment whose outcome is being recorded, refused before the clinic day. */
function requireRecordableAppointment(ctx: ServiceContext, appointmentId: number): { appointment: AppointmentRow; clinic: ClinicRow } {
  const open = requireOpenAppointment(ctx.db, appointmentId, 'recorded')
  const tooEarly = outcomeNotYetRecordable(open.clinic, todayIso(ctx))
  if (tooEarly) throw new AppError('invalid_input', `Appointment ${appointmentId}: ${tooEarly}`, { field: 'appointmentId' })
  return open
}

function checkReadings(readings: readonly VisitReading[]): void {
  if (readings.length === 0) throw new AppError('invalid_input', 'readings: record at least one BP reading', { field: 'readings' })
  readings.forEach((r, i) => {
    const field = `readings[${i}]`
    if (!Number.isInteger(r.systolic) || r.systolic < 40 || r.systolic > 350) {
      throw new AppError('invalid_input', `${field}: systolic ${r.systolic} is outside 40–350 mmHg`, { field })
    }
    if (!Number.isInteger(r.diastolic) || r.diastolic < 20 || r.diastolic > 200) {
      throw new AppError('invalid_input', `${field}: diastolic ${r.diastolic} is outside 20–200 mmHg`, { field })
    }
    if (r.systolic <= r.diastolic) {
      throw new AppError('invalid_input', `${field}: systolic ${r.systolic} must be higher than diastolic ${r.diastolic}`, { field })
    }
  })
}

/**
 * The visit's priority group, where it follows from the BP alone: P1 severe (NICE NG136 1.5.1) and
 * P2 stage 2 are above every target. P3/P4 depend on the target mode, the patient's age and risk
 * factors, which the cohort build decides; the visit reports null for them.
 */
function visitPriority(bp: { systolic: number; diastolic: number }): Priority | null {
  const reading = { ...bp, setting: 'clinic' as const }
  if (isSevereReading(reading)) return 'P1'
  if (isStage2Reading(reading)) return 'P2'
  return null
}

export function attendAppointment(
  ctx: ServiceContext,
  input: { appointmentId: number; readings: VisitReading[]; actions?: VisitAction[]; note?: string }
): AttendResult {
  checkReadings(input.readings)
  const actions = [...new Set(input.actions ?? [])]
  const note = input.note ?? ''

  const attend = ctx.db.transaction((): AttendResult => {
    const { appointment, clinic } = requireRecordableAppointment(ctx, input.appointmentId)
    const now = ctx.now().toISOString()
    // Two identical readings are stored once; the lowest-of rule below gives the same answer either way.
    insertVisitReadings(ctx.db, { patientId: appointment.patient_id, takenOn: clinic.date, appointmentId: appointment.id, recordedAt: now }, input.readings)

    // NICE NG136 1.2.2: the visit BP is the lowest systolic and lowest diastolic taken at the visit.
    const lowest = lowestOfReadings(input.readings)
    const bp = { ...lowest, date: clinic.date, setting: 'clinic' as const }
    const severe = isSevereReading(bp)
    const interval = followUpWeeksForType(clinic.type, practiceIntervals(ctx.db))
    const followUp = proposeFollowUp({ visitDate: clinic.date, severe, weeks: interval.weeks, clinicType: interval.type })

    recordAttended(ctx.db, appointment.id, { actionsJson: JSON.stringify(actions), note }, { at: now, by: actorName(ctx) })

    // This visit is the follow-up any earlier visit asked for: close every follow-up still due that
    // an earlier clinic proposed (including, but not only, those due on or before today's visit).
    closeFollowUpsProposedBefore(ctx.db, appointment.patient_id, clinic.date)

    insertFollowUp(ctx.db, { patientId: appointment.patient_id, appointmentId: appointment.id, dueOn: followUp.dueOn, reason: followUp.reason, createdAt: now })

    logActivity(
      ctx,
      ctx.db,
      'appointments.attend',
      `Recorded the visit of ${formatNhsNumber(appointment.nhs_number)} (${clinicName(clinic.type)} ${clinic.date}): ${input.readings.length} reading(s), follow-up due ${followUp.dueOn}`,
      { appointmentId: appointment.id, readings: input.readings.length, actions, followUpDue: followUp.dueOn, severe }
    )
    return { status: 'attended', bp, priority: visitPriority(bp), followUpDue: followUp.dueOn, followUpReason: followUp.reason }
  })
  return attend()
}

export function markDidNotAttend(ctx: ServiceContext, input: { appointmentId: number }): AttendResult {
  const dna = ctx.db.transaction((): AttendResult => {
    const { appointment, clinic } = requireRecordableAppointment(ctx, input.appointmentId)
    recordDidNotAttend(ctx.db, appointment.id, { at: ctx.now().toISOString(), by: actorName(ctx) })
    logActivity(
      ctx,
      ctx.db,
      'appointments.markDidNotAttend',
      `${formatNhsNumber(appointment.nhs_number)} did not attend the ${clinicName(clinic.type)} on ${clinic.date}`,
      { appointmentId: appointment.id }
    )
    return { status: 'did-not-attend', bp: null, priority: null, followUpDue: null, followUpReason: null }
  })
  return dna()
}
