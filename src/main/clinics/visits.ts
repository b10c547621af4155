// What happened at the appointment: the visit or a did-not-attend. A visit is recorded on its
// clinic's form (a BP review or a Time to Talk review: visit-forms.ts), with the referrals made at
// it, or — as every visit was before the forms — with BP readings, four action ticks and a note.
// Every write is one transaction with its activity-log entry; which BP counts, what is severe, when
// the follow-up falls due, what a record needs and what a questionnaire scores are decided in
// shared/domain.
import type { z } from 'zod'
import type {
  AttendResult as AttendResultSchema,
  VisitAction as VisitActionSchema,
  VisitInput as VisitInputSchema,
  VisitReading as VisitReadingSchema
} from '../../shared/contract'
import { VisitAction as VisitActionEnum, VisitInput as VisitInputParser } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { visitRecordProblems, type VisitProblem } from '../../shared/domain/visit-forms'
import { visitMeasureScores, visitRiskPrompt } from '../../shared/domain/visit-measures'
import { visitActionsOfRecord } from '../../shared/domain/visit-actions'
import { PHQ9_ITEM9_INDEX } from '../../shared/domain/phq9'
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
import { storeVisitRecord, type VisitRecordT } from './visit-records'
import { patientConditionsOn } from '../patients/patient-conditions'
import { createReferral, type Referral } from '../local-services/referrals'
import { formatDateText } from '../../shared/format/staff-text'
import { registerName } from '../../shared/domain/qof-registers'

export type AttendResult = z.output<typeof AttendResultSchema>
export type VisitReading = z.output<typeof VisitReadingSchema>
export type VisitAction = z.output<typeof VisitActionSchema>
/** A visit on its form as a caller may send it: defaults (empty lists, "not discussed") filled in by the schema. */
export type VisitInput = z.input<typeof VisitInputSchema>

export interface AttendInput {
  appointmentId: number
  /** Before the forms: the readings beside the actions and note. A visit on its form carries them inside `visit`. */
  readings?: VisitReading[] | undefined
  actions?: VisitAction[] | undefined
  note?: string | undefined
  visit?: VisitInput | undefined
}

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

export function attendAppointment(ctx: ServiceContext, input: AttendInput): AttendResult {
  if (input.visit !== undefined) {
    if (input.readings !== undefined) {
      throw new AppError('invalid_input', 'readings: a visit sent on its form carries its readings inside it (visit.readings)', { field: 'readings' })
    }
    return attendOnForm(ctx, { ...input, visit: input.visit })
  }
  return attendWithReadings(ctx, { ...input, readings: input.readings ?? [] })
}

/** A visit as recorded before the forms: readings, the four action ticks and a note; no record on a form. */
function attendWithReadings(
  ctx: ServiceContext,
  input: { appointmentId: number; readings: VisitReading[]; actions?: VisitAction[] | undefined; note?: string | undefined }
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
      `Recorded the visit of ${formatNhsNumber(appointment.nhs_number)} (${clinicName(clinic.type)} ${formatDateText(clinic.date)}): ${input.readings.length} reading(s), follow-up due ${formatDateText(followUp.dueOn)}`,
      { appointmentId: appointment.id, readings: input.readings.length, actions, followUpDue: followUp.dueOn, severe }
    )
    return { status: 'attended', bp, priority: visitPriority(bp), followUpDue: followUp.dueOn, followUpReason: followUp.reason }
  })
  return attend()
}

/** The record as the schema reads it, so an in-process caller is held to what a front end is. */
function parsedVisit(visit: VisitInput): z.output<typeof VisitInputSchema> {
  const parsed = VisitInputParser.safeParse(visit)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue ? issue.path.map(String).join('.') : 'visit'
  throw new AppError('invalid_input', `${field || 'visit'}: ${issue?.message ?? 'not a visit record'}`, { field: field || 'visit' })
}

/**
 * The refusal of a record: every problem, the first in the message (the field it names first), the
 * rest in the details. When PHQ-9 item 9 was answered above 0 the refusal says so too: the risk
 * prompt never waits for the record to be corrected.
 */
function refusal(problems: readonly VisitProblem[], riskPrompt: string | null): AppError {
  const [first, ...rest] = problems
  const head = first ? `${first.field}: ${first.message}` : 'the visit record has a problem'
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((p) => p.field).join(', ')})` : ''
  const risk = riskPrompt ? ` Same-day risk: ${riskPrompt}` : ''
  return new AppError('invalid_input', `${head}${more}${risk}`, { field: first?.field ?? 'visit', problems, riskPrompt: riskPrompt !== null })
}

/** Conditions the clinician confirmed must be among the patient's register conditions on the visit day. */
function conditionProblems(confirmed: readonly string[], onRegisters: readonly { concept: string }[], date: string): VisitProblem[] {
  const known = new Set(onRegisters.map((c) => c.concept))
  return confirmed.flatMap((concept, i) =>
    known.has(concept)
      ? []
      : [
          {
            field: `conditionsConfirmed[${i}]`,
            message: `“${registerName(concept)}” is not one of the patient’s register conditions on ${formatDateText(date)} (${onRegisters.map((c) => registerName(c.concept)).join(', ') || 'none'}); confirm only conditions on their registers.`
          }
        ]
  )
}

/** A referral refused inside the visit names the referral it was (`referrals[1].kind`). */
function referralAtVisit(index: number, make: () => { referral: Referral; warnings: string[] }) {
  try {
    return make()
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const inner = typeof error.details === 'object' && error.details !== null && 'field' in error.details ? String(error.details.field) : null
    const field = inner ? `referrals[${index}].${inner}` : `referrals[${index}]`
    const message = inner && error.message.startsWith(`${inner}: `) ? error.message.slice(inner.length + 2) : error.message
    throw new AppError(error.code, `${field}: ${message}`, { field })
  }
}

function attendOnForm(ctx: ServiceContext, input: AttendInput & { visit: VisitInput }): AttendResult {
  const { referrals, ...record } = parsedVisit(input.visit)
  const visitRecord: VisitRecordT = { ...record, conditionsConfirmed: [...new Set(record.conditionsConfirmed)] }
  const note = input.note ?? ''

  const attend = ctx.db.transaction((): AttendResult => {
    const { appointment, clinic } = requireRecordableAppointment(ctx, input.appointmentId)
    const riskPrompt = visitRiskPrompt(visitRecord)
    const onRegisters = patientConditionsOn(ctx.db, appointment.patient_id, clinic.date)
    const problems = [...visitRecordProblems(visitRecord, clinic.type), ...conditionProblems(visitRecord.conditionsConfirmed, onRegisters, clinic.date)]
    if (problems.length > 0) throw refusal(problems, riskPrompt)

    const now = ctx.now().toISOString()
    const readings = visitRecord.readings
    insertVisitReadings(ctx.db, { patientId: appointment.patient_id, takenOn: clinic.date, appointmentId: appointment.id, recordedAt: now }, readings)
    // NICE NG136 1.2.2: the visit BP is the lowest systolic and lowest diastolic taken at the visit.
    const bp = readings.length > 0 ? { ...lowestOfReadings(readings), date: clinic.date, setting: 'clinic' as const } : null
    const severe = bp !== null && isSevereReading(bp)
    const interval = followUpWeeksForType(clinic.type, practiceIntervals(ctx.db))
    const followUp = proposeFollowUp({ visitDate: clinic.date, severe, weeks: interval.weeks, clinicType: interval.type })

    const actions = [...new Set([...(input.actions ?? []), ...visitActionsOfRecord(visitRecord, referrals.length)])]
    const stamp = { at: now, by: actorName(ctx) }
    recordAttended(ctx.db, appointment.id, { actionsJson: JSON.stringify(actions), note }, stamp)
    const scores = visitMeasureScores(visitRecord)
    const recordId = storeVisitRecord(ctx.db, {
      appointmentId: appointment.id,
      record: visitRecord,
      registerConditions: onRegisters.map((c) => ({ concept: c.concept, name: c.name })),
      scores,
      riskPrompt: riskPrompt !== null,
      recordedAt: now,
      recordedBy: stamp.by
    })
    closeFollowUpsProposedBefore(ctx.db, appointment.patient_id, clinic.date)
    insertFollowUp(ctx.db, { patientId: appointment.patient_id, appointmentId: appointment.id, dueOn: followUp.dueOn, reason: followUp.reason, createdAt: now })

    // Through the referrals service, so its rules (an active service, a kind it takes) and warnings apply.
    const made = referrals.map((r, i) =>
      referralAtVisit(i, () =>
        createReferral(ctx, { nhsNumber: appointment.nhs_number, serviceId: r.serviceId, kind: r.kind, note: r.note, appointmentId: appointment.id })
      )
    )

    const nhs = formatNhsNumber(appointment.nhs_number)
    const where = `${clinicName(clinic.type)} ${formatDateText(clinic.date)}`
    const scoreWords = scores.map((score) => `${score.name} ${score.score} (${score.bandLabel})`).join(', ')
    logActivity(
      ctx,
      ctx.db,
      'appointments.attend',
      `Recorded the visit of ${nhs} (${where}) on the ${visitRecord.form === 'time-to-talk' ? 'Time to Talk' : 'BP review'} form: ` +
        `${readings.length} reading(s)${scoreWords ? `, ${scoreWords}` : ''}${made.length ? `, ${made.length} referral(s)` : ''}, follow-up due ${formatDateText(followUp.dueOn)}`,
      {
        appointmentId: appointment.id,
        recordId,
        form: visitRecord.form,
        readings: readings.length,
        actions,
        followUpDue: followUp.dueOn,
        severe,
        riskPrompt: riskPrompt !== null
      }
    )
    if (riskPrompt !== null && visitRecord.form === 'time-to-talk') {
      logActivity(
        ctx,
        ctx.db,
        'visits.riskPrompt',
        `PHQ-9 item 9 answered above 0 at the visit of ${nhs} (${where}): the same-day risk assessment was prompted`,
        { appointmentId: appointment.id, recordId, item9: visitRecord.phq9?.items?.[PHQ9_ITEM9_INDEX] ?? null }
      )
    }
    return {
      status: 'attended',
      bp,
      priority: bp ? visitPriority(bp) : null,
      followUpDue: followUp.dueOn,
      followUpReason: followUp.reason,
      visit: {
        recordId,
        form: visitRecord.form,
        scores,
        riskPrompt: riskPrompt !== null,
        riskPromptText: riskPrompt,
        referrals: made.map((m) => m.referral),
        warnings: made.flatMap((m) => m.warnings)
      }
    }
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
      `${formatNhsNumber(appointment.nhs_number)} did not attend the ${clinicName(clinic.type)} on ${formatDateText(clinic.date)}`,
      { appointmentId: appointment.id }
    )
    return { status: 'did-not-attend', bp: null, priority: null, followUpDue: null, followUpReason: null }
  })
  return dna()
}
