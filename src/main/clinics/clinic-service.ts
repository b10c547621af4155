// Clinic sessions, booking, and what happened at the visit. Every write is one transaction
// with its activity-log entry; the clinical rules it applies (which BP counts, severe, follow-up date)
// live in shared/domain and are only called from here.
import type { z } from 'zod'
import type {
  AttendResult as AttendResultSchema,
  ClinicDetail as ClinicDetailSchema,
  ClinicInput as ClinicInputSchema,
  ClinicSummary as ClinicSummarySchema,
  Appointment as AppointmentSchema,
  VisitAction as VisitActionSchema,
  VisitReading as VisitReadingSchema
} from '../../shared/contract'
import { VisitAction as VisitActionEnum } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { MAX_FOLLOW_UP_WEEKS, MIN_FOLLOW_UP_WEEKS, proposeFollowUp } from '../../shared/domain/follow-up'
import { builtInClinicTypes, clinicName, clinicTypeKey, followUpWeeksForType, type ClinicTypeInterval } from '../../shared/domain/clinic-types'
import { chooseSlot, outcomeNotYetRecordable, type ExistingAppointment } from '../../shared/domain/booking-rules'
import { lowestOfReadings } from '../../shared/domain/current-bp'
import { isSevereReading, isStage2Reading, type Priority } from '../../shared/domain/bp-priority'
import { checkNhsNumber, formatNhsNumber, normaliseNhsNumber } from '../../shared/domain/nhs-number'
import { displayName } from '../../shared/domain/patient-record'
import { actorName, todayIso, type ServiceContext } from '../context'
import { logActivity } from '../activity-log'
import {
  findAppointment,
  findClinic,
  followUpOfAppointment,
  liveAppointmentsOfClinic,
  visitBloodPressure,
  type AppointmentRow,
  type ClinicRow
} from './clinic-queries'

export type ClinicInput = z.output<typeof ClinicInputSchema>
export type ClinicSummary = z.output<typeof ClinicSummarySchema>
export type ClinicDetail = z.output<typeof ClinicDetailSchema>
export type Appointment = z.output<typeof AppointmentSchema>
export type AttendResult = z.output<typeof AttendResultSchema>
export type VisitReading = z.output<typeof VisitReadingSchema>
export type VisitAction = z.output<typeof VisitActionSchema>

// --- clinics ----------------------------------------------------------------------------------

export function createClinic(ctx: ServiceContext, input: ClinicInput): { clinicId: number } {
  // Refuses a session that would run past midnight before anything is written.
  slotStartTimes({ start: input.start, slotMinutes: input.slotMinutes, slots: input.slots })
  const clinician = input.clinician?.trim() || null
  const location = input.location?.trim() || null
  const create = ctx.db.transaction(() => {
    const info = ctx.db
      .prepare(
        `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, clinician, location, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(input.type, input.date, input.start, input.slotMinutes, input.slots, clinician, location, ctx.now().toISOString(), actorName(ctx))
    const clinicId = Number(info.lastInsertRowid)
    logActivity(
      ctx,
      ctx.db,
      'clinics.create',
      `Created ${clinicName(input.type)} on ${input.date} at ${input.start}: ${input.slots} slots of ${input.slotMinutes} minutes`,
      { clinicId, ...input }
    )
    return clinicId
  })
  return { clinicId: create() }
}

interface ClinicSummaryRow extends ClinicRow {
  booked: number
  attended: number
  did_not_attend: number
}

function toSummary(row: ClinicSummaryRow): ClinicSummary {
  return {
    clinicId: row.id,
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

// "booked" counts every appointment holding a slot (booked, attended or did not attend), so it is
// the funnel's "booked" and never smaller than attended + didNotAttend.
const summaryQuery = `
  SELECT c.id, c.type, c.date, c.start_time, c.slot_minutes, c.slots, c.clinician, c.location,
         COUNT(a.id) AS booked,
         COUNT(CASE WHEN a.status = 'attended' THEN 1 END) AS attended,
         COUNT(CASE WHEN a.status = 'did-not-attend' THEN 1 END) AS did_not_attend
  FROM clinics c LEFT JOIN appointments a ON a.clinic_id = c.id AND a.status <> 'cancelled'`

/** Upcoming clinics (today onwards) soonest first, then past clinics most recent first. */
export function listClinics(ctx: ServiceContext): ClinicSummary[] {
  const rows = ctx.db
    .prepare(
      `${summaryQuery}
       GROUP BY c.id
       ORDER BY CASE WHEN c.date >= ? THEN 0 ELSE 1 END,
                CASE WHEN c.date >= ? THEN c.date END ASC,
                CASE WHEN c.date < ? THEN c.date END DESC,
                c.start_time, c.id`
    )
    .all(todayIso(ctx), todayIso(ctx), todayIso(ctx)) as ClinicSummaryRow[]
  return rows.map(toSummary)
}

function requireClinic(ctx: ServiceContext, clinicId: number): ClinicRow {
  const clinic = findClinic(ctx.db, clinicId)
  if (!clinic) throw new AppError('not_found', `No clinic with id ${clinicId}`, { field: 'clinicId' })
  return clinic
}

function slotTimesOf(clinic: ClinicRow): string[] {
  return slotStartTimes({ start: clinic.start_time, slotMinutes: clinic.slot_minutes, slots: clinic.slots })
}

function toAppointment(ctx: ServiceContext, clinic: ClinicRow, row: AppointmentRow, start: string): Appointment {
  const bp = row.status === 'attended' ? visitBloodPressure(ctx.db, row.id) : null
  const followUp = row.status === 'attended' ? followUpOfAppointment(ctx.db, row.id) : undefined
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
    actions: row.status === 'attended' ? visitActions(row.actions_json) : [],
    note: row.status === 'attended' && row.note ? row.note : null
  }
}

/** The actions stored with a visit; anything this version does not know is left out. */
function visitActions(json: string | null): VisitAction[] {
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

/** The clinic with every slot, each with its live appointment or null when free. */
export function getClinic(ctx: ServiceContext, clinicId: number): ClinicDetail {
  const clinic = requireClinic(ctx, clinicId)
  const summary = ctx.db.prepare(`${summaryQuery} WHERE c.id = ? GROUP BY c.id`).get(clinicId) as ClinicSummaryRow
  const bySlot = new Map(liveAppointmentsOfClinic(ctx.db, clinicId).map((a) => [a.slot_index, a]))
  const slots = slotTimesOf(clinic).map((start, slotIndex) => {
    const row = bySlot.get(slotIndex)
    return { slotIndex, start, appointment: row ? toAppointment(ctx, clinic, row, start) : null }
  })
  return { clinic: toSummary(summary), slots }
}

// --- booking ----------------------------------------------------------------------------------

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}

interface PatientAppointmentRow {
  id: number
  clinic_id: number
  type: string
  date: string
  start_time: string
  slot_minutes: number
  slots: number
  slot_index: number
  status: AppointmentRow['status']
}

/** Every appointment of the patient with its clinic, for the double-booking rules. */
function appointmentsOfPatient(ctx: ServiceContext, patientId: number): ExistingAppointment[] {
  const rows = ctx.db
    .prepare(
      `SELECT a.id, a.clinic_id, c.type, c.date, c.start_time, c.slot_minutes, c.slots, a.slot_index, a.status
       FROM appointments a JOIN clinics c ON c.id = a.clinic_id WHERE a.patient_id = ? ORDER BY c.date, a.id`
    )
    .all(patientId) as PatientAppointmentRow[]
  return rows.map((r) => ({
    appointmentId: r.id,
    clinicId: r.clinic_id,
    clinicType: r.type,
    date: r.date,
    start: slotStartTimes({ start: r.start_time, slotMinutes: r.slot_minutes, slots: r.slots })[r.slot_index] ?? r.start_time,
    status: r.status
  }))
}

function requirePatient(ctx: ServiceContext, nhsNumberInput: string): { id: number; nhsNumber: string } {
  const nhsNumber = normaliseNhsNumber(nhsNumberInput.trim())
  const check = checkNhsNumber(nhsNumber)
  if (!check.valid) throw new AppError('invalid_input', `nhsNumber: ${check.reason}`, { field: 'nhsNumber' })
  const patient = ctx.db.prepare('SELECT id FROM patients WHERE nhs_number = ?').get(nhsNumber) as { id: number } | undefined
  if (!patient) {
    throw new AppError('not_found', `No patient with NHS number ${formatNhsNumber(nhsNumber)} in the database — import an export that includes them first`, {
      field: 'nhsNumber'
    })
  }
  return { id: patient.id, nhsNumber }
}

/** Inserts the appointment after the booking rules pass; runs inside the caller's transaction. */
function insertBooking(
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
    patientAppointments: appointmentsOfPatient(ctx, patient.id),
    movingAppointmentId,
    patientLabel: formatNhsNumber(patient.nhsNumber)
  })
  const info = ctx.db
    .prepare(
      `INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by)
       VALUES (?, ?, ?, 'booked', ?, ?)`
    )
    .run(clinic.id, slotIndex, patient.id, ctx.now().toISOString(), actorName(ctx))
  return { appointmentId: Number(info.lastInsertRowid), start: times[slotIndex] as string, slotIndex }
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
  const patient = requirePatient(ctx, input.nhsNumber)
  const clinic = requireClinic(ctx, input.clinicId)
  const book = ctx.db.transaction(() => {
    const booked = insertBooking(ctx, patient, clinic, input.slotIndex)
    logActivity(
      ctx,
      ctx.db,
      'appointments.book',
      `Booked ${formatNhsNumber(patient.nhsNumber)} into the ${clinicName(clinic.type)} on ${clinic.date} at ${booked.start}`,
      { appointmentId: booked.appointmentId, clinicId: clinic.id, slotIndex: booked.slotIndex, patientId: patient.id }
    )
    return booked
  })
  return withSlotRaceMessage(book)
}

/** The open appointment whose outcome is being recorded, refused before the clinic day. */
function requireRecordableAppointment(ctx: ServiceContext, appointmentId: number): { appointment: AppointmentRow; clinic: ClinicRow } {
  const open = requireOpenAppointment(ctx, appointmentId, 'recorded')
  const tooEarly = outcomeNotYetRecordable(open.clinic, todayIso(ctx))
  if (tooEarly) throw new AppError('invalid_input', `Appointment ${appointmentId}: ${tooEarly}`, { field: 'appointmentId' })
  return open
}

function requireOpenAppointment(ctx: ServiceContext, appointmentId: number, doing: string): { appointment: AppointmentRow; clinic: ClinicRow } {
  const appointment = findAppointment(ctx.db, appointmentId)
  if (!appointment) throw new AppError('not_found', `No appointment with id ${appointmentId}`, { field: 'appointmentId' })
  if (appointment.status !== 'booked') {
    throw new AppError('conflict', `Appointment ${appointmentId} is ${appointmentStatusWords[appointment.status]}; only a booked appointment can be ${doing}`, {
      status: appointment.status
    })
  }
  const clinic = findClinic(ctx.db, appointment.clinic_id)
  if (!clinic) throw new AppError('internal', `Appointment ${appointmentId} points at a missing clinic ${appointment.clinic_id}`)
  return { appointment, clinic }
}

const appointmentStatusWords: Record<AppointmentRow['status'], string> = {
  booked: 'booked',
  attended: 'already recorded as attended',
  'did-not-attend': 'already recorded as did-not-attend',
  cancelled: 'already cancelled'
}

/** Cancels a booked appointment and frees its slot; the row stays as history with the reason. */
export function cancelAppointment(ctx: ServiceContext, input: { appointmentId: number; reason?: string | undefined }): { status: 'cancelled' } {
  const reason = input.reason?.trim() || 'Cancelled'
  const cancel = ctx.db.transaction(() => {
    const { appointment, clinic } = requireOpenAppointment(ctx, input.appointmentId, 'cancelled')
    ctx.db
      .prepare(`UPDATE appointments SET status = 'cancelled', cancel_reason = ?, outcome_at = ?, outcome_by = ? WHERE id = ? AND status = 'booked'`)
      .run(reason, ctx.now().toISOString(), actorName(ctx), appointment.id)
    logActivity(
      ctx,
      ctx.db,
      'appointments.cancel',
      `Cancelled ${formatNhsNumber(appointment.nhs_number)} from the ${clinicName(clinic.type)} on ${clinic.date}: ${reason}`,
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
    const { appointment, clinic: from } = requireOpenAppointment(ctx, input.appointmentId, 'rebooked')
    const to = requireClinic(ctx, input.clinicId)
    // Free the old slot first so a move within the same clinic can take any other slot.
    ctx.db
      .prepare(`UPDATE appointments SET status = 'cancelled', cancel_reason = 'Rebooked', outcome_at = ?, outcome_by = ? WHERE id = ?`)
      .run(ctx.now().toISOString(), actorName(ctx), appointment.id)
    const patient = { id: appointment.patient_id, nhsNumber: appointment.nhs_number }
    const booked = insertBooking(ctx, patient, to, input.slotIndex, appointment.id)
    ctx.db.prepare('UPDATE appointments SET rebooked_to = ? WHERE id = ?').run(booked.appointmentId, appointment.id)
    logActivity(
      ctx,
      ctx.db,
      'appointments.rebook',
      `Rebooked ${formatNhsNumber(appointment.nhs_number)} from the ${clinicName(from.type)} on ${from.date} to the ${clinicName(to.type)} on ${to.date} at ${booked.start}`,
      { fromAppointmentId: appointment.id, appointmentId: booked.appointmentId, clinicId: to.id, slotIndex: booked.slotIndex }
    )
    return booked
  })
  return withSlotRaceMessage(rebook)
}

// --- follow-up intervals per clinic type -------------------------------------------------------

function practiceIntervals(ctx: ServiceContext): Map<string, number> {
  const rows = ctx.db.prepare('SELECT type, follow_up_weeks FROM clinic_type_settings ORDER BY type').all() as {
    type: string
    follow_up_weeks: number
  }[]
  return new Map(rows.map((r) => [r.type, r.follow_up_weeks]))
}

/** The built-in types, any type a clinic was created with, and any type with a setting. */
export function listClinicTypeIntervals(ctx: ServiceContext): ClinicTypeInterval[] {
  const chosen = practiceIntervals(ctx)
  const used = (ctx.db.prepare('SELECT DISTINCT type FROM clinics ORDER BY type').all() as { type: string }[]).map((r) => r.type)
  const seen = new Set<string>()
  const result: ClinicTypeInterval[] = []
  for (const type of [...builtInClinicTypes.map((t) => t.type), ...chosen.keys(), ...used]) {
    const key = clinicTypeKey(type)
    if (seen.has(key)) continue
    seen.add(key)
    result.push(followUpWeeksForType(type, chosen))
  }
  return result
}

export function setClinicTypeInterval(ctx: ServiceContext, input: { type: string; weeks: number }): ClinicTypeInterval {
  const type = input.type.trim()
  if (!type) throw new AppError('invalid_input', 'type: name the clinic type', { field: 'type' })
  if (!Number.isInteger(input.weeks) || input.weeks < MIN_FOLLOW_UP_WEEKS || input.weeks > MAX_FOLLOW_UP_WEEKS) {
    throw new AppError(
      'invalid_input',
      `weeks: the follow-up interval must be a whole number of weeks from ${MIN_FOLLOW_UP_WEEKS} to ${MAX_FOLLOW_UP_WEEKS} (got ${input.weeks})`,
      { field: 'weeks' }
    )
  }
  const save = ctx.db.transaction(() => {
    // One setting per type: reuse the spelling already stored or the built-in name, so
    // "time to talk" updates "Time to Talk" rather than adding a second row.
    const existing = followUpWeeksForType(type, practiceIntervals(ctx))
    const builtIn = builtInClinicTypes.find((t) => clinicTypeKey(t.type) === clinicTypeKey(type))
    const stored = existing.practiceSet ? existing.type : (builtIn?.type ?? type)
    ctx.db
      .prepare(
        `INSERT INTO clinic_type_settings (type, follow_up_weeks, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(type) DO UPDATE SET follow_up_weeks = excluded.follow_up_weeks, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
      )
      .run(stored, input.weeks, ctx.now().toISOString(), actorName(ctx))
    logActivity(ctx, ctx.db, 'clinics.setFollowUpInterval', `Follow-up after a ${clinicName(stored)} set to ${input.weeks} weeks`, {
      type: stored,
      weeks: input.weeks
    })
    return { type: stored, weeks: input.weeks, practiceSet: true }
  })
  return save()
}

// --- the visit --------------------------------------------------------------------------------

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
    // Two identical readings hit the bp_readings_once index and are stored once; the lowest-of
    // rule below gives the same answer either way.
    const insertReading = ctx.db.prepare(
      `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, appointment_id, recorded_at)
       VALUES (?, ?, ?, ?, 'clinic', 'visit', ?, ?) ON CONFLICT DO NOTHING`
    )
    for (const r of input.readings) insertReading.run(appointment.patient_id, clinic.date, r.systolic, r.diastolic, appointment.id, now)

    // NICE NG136 1.2.2: the visit BP is the lowest systolic and lowest diastolic taken at the visit.
    const lowest = lowestOfReadings(input.readings)
    const bp = { ...lowest, date: clinic.date, setting: 'clinic' as const }
    const severe = isSevereReading(bp)
    const interval = followUpWeeksForType(clinic.type, practiceIntervals(ctx))
    const followUp = proposeFollowUp({ visitDate: clinic.date, severe, weeks: interval.weeks, clinicType: interval.type })

    ctx.db
      .prepare(
        `UPDATE appointments SET status = 'attended', actions_json = ?, note = ?, outcome_at = ?, outcome_by = ?
         WHERE id = ? AND status = 'booked'`
      )
      .run(JSON.stringify(actions), note, now, actorName(ctx), appointment.id)

    // This visit is the follow-up any earlier visit asked for: close every follow-up still due that
    // an earlier clinic proposed (including, but not only, those due on or before today's visit).
    ctx.db
      .prepare(
        `UPDATE follow_ups SET status = 'done'
         WHERE patient_id = ? AND status = 'due'
           AND appointment_id IN (SELECT a.id FROM appointments a JOIN clinics c ON c.id = a.clinic_id WHERE c.date < ?)`
      )
      .run(appointment.patient_id, clinic.date)

    ctx.db
      .prepare(`INSERT INTO follow_ups (patient_id, appointment_id, due_on, reason, status, created_at) VALUES (?, ?, ?, ?, 'due', ?)`)
      .run(appointment.patient_id, appointment.id, followUp.dueOn, followUp.reason, now)

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
    ctx.db
      .prepare(`UPDATE appointments SET status = 'did-not-attend', outcome_at = ?, outcome_by = ? WHERE id = ? AND status = 'booked'`)
      .run(ctx.now().toISOString(), actorName(ctx), appointment.id)
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
