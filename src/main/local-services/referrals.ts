// Referrals to local services: recorded (at a visit or not), given their outcome when it is known,
// and listed when none has been recorded after some weeks — the worklist that stops a patient sent
// to a service from being forgotten when the service never picks them up or they never go.
//
// A referral needs an active service that takes that kind of referral. A service with no contact
// details, or a shipped example the practice has not checked, is warned about and not refused: the
// referral did happen and is recorded; the warning tells staff what to put right.
import {
  DEFAULT_REFERRAL_OUTCOME_WEEKS,
  MAX_REFERRAL_NOTE,
  MAX_REFERRAL_OUTCOME_WEEKS,
  MIN_REFERRAL_OUTCOME_WEEKS,
  referralKindProblem,
  referralOutcomeLabels,
  referralsDue,
  serviceContactProblem,
  type LocalServiceCategory,
  type ReferralKind,
  type ReferralOutcome
} from '../../shared/domain/local-services'
import { checkNhsNumber, formatNhsNumber } from '../../shared/domain/nhs-number'
import { displayName } from '../../shared/domain/patient-record'
import { isoDateProblem } from '../../shared/domain/iso-date'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ReadingContext, type ServiceContext } from '../context'
import type { ReadableDb } from '../db/database-access'
import { requireProgramme } from '../programmes/programmes'
import { requireLocalService } from './local-services'
import {
  appointmentOfReferral,
  findReferral,
  insertReferral,
  openReferralsToService,
  patientNameByNhsNumber,
  referralsAwaitingOutcome,
  referralsOfPatientRows,
  updateReferralOutcome,
  type PatientNameRow,
  type ReferralRow
} from './referral-queries'
import { formatDateText } from '../../shared/format/staff-text'

export interface Referral {
  referralId: number
  patientId: number
  nhsNumber: string
  name: string
  serviceId: number
  service: string
  category: LocalServiceCategory
  kind: ReferralKind
  referredOn: string
  referredBy: string
  note: string
  appointmentId: number | null
  programmeId: number | null
  outcome: ReferralOutcome | null
  outcomeOn: string | null
  outcomeBy: string | null
}

function patientName(row: Pick<PatientNameRow, 'title' | 'given_name' | 'family_name'>): string {
  return displayName({ title: row.title, givenName: row.given_name, familyName: row.family_name })
}

function referralFromRow(row: ReferralRow): Referral {
  return {
    referralId: row.id,
    patientId: row.patient_id,
    nhsNumber: row.nhs_number,
    name: patientName(row),
    serviceId: row.service_id,
    service: row.service_name,
    category: row.service_category,
    kind: row.kind,
    referredOn: row.referred_on,
    referredBy: row.referred_by,
    note: row.note,
    appointmentId: row.appointment_id,
    programmeId: row.programme_id,
    outcome: row.outcome,
    outcomeOn: row.outcome_on,
    outcomeBy: row.outcome_by
  }
}

function requirePatient(db: ReadableDb, nhsNumber: string): PatientNameRow {
  const check = checkNhsNumber(nhsNumber)
  if (!check.valid) throw new AppError('invalid_input', `nhsNumber: ${check.reason}`, { field: 'nhsNumber' })
  const patient = patientNameByNhsNumber(db, check.nhsNumber)
  if (!patient) throw new AppError('not_found', `No patient with NHS number ${formatNhsNumber(check.nhsNumber)}`)
  return patient
}

function requireReferral(db: ReadableDb, referralId: number): ReferralRow {
  const row = findReferral(db, referralId)
  if (!row) throw new AppError('not_found', `referral: there is no referral ${referralId}`, { field: 'referralId' })
  return row
}

/** A date given by an in-process caller is held to the contract's rule too, and may not be later than today. */
function checkedDay(ctx: Pick<ServiceContext, 'now'>, field: string, day: string, what: string): string {
  const problem = isoDateProblem(day)
  if (problem) throw new AppError('invalid_input', `${field}: ${problem}`, { field })
  const today = todayIso(ctx)
  if (day > today) throw new AppError('invalid_input', `${field}: ${formatDateText(day)} is after today (${formatDateText(today)}): ${what}`, { field })
  return day
}

export interface CreateReferralInput {
  nhsNumber: string
  serviceId: number
  kind: ReferralKind
  referredOn?: string | undefined
  note?: string | undefined
  appointmentId?: number | undefined
  programmeId?: number | undefined
}

/** The visit a referral is made at, checked against the patient; its programme and clinic day. */
function visitOf(db: ReadableDb, appointmentId: number, patient: PatientNameRow): { programmeId: number | null; clinicDate: string } {
  const appointment = appointmentOfReferral(db, appointmentId)
  if (!appointment) throw new AppError('not_found', `appointmentId: there is no appointment ${appointmentId}`, { field: 'appointmentId' })
  if (appointment.patient_id !== patient.id) {
    throw new AppError('invalid_input', `appointmentId: appointment ${appointmentId} is not ${formatNhsNumber(patient.nhs_number)}'s`, {
      field: 'appointmentId'
    })
  }
  if (appointment.status === 'cancelled' || appointment.status === 'did-not-attend') {
    throw new AppError(
      'invalid_input',
      `appointmentId: appointment ${appointmentId} was ${appointment.status === 'cancelled' ? 'cancelled' : 'not attended'}, so no referral was made at it; record the referral without the visit`,
      { field: 'appointmentId' }
    )
  }
  return { programmeId: appointment.programme_id, clinicDate: appointment.clinic_date }
}

export function createReferral(ctx: ServiceContext, input: CreateReferralInput): { referral: Referral; warnings: string[] } {
  return ctx.db.transaction(() => {
    const patient = requirePatient(ctx.db, input.nhsNumber)
    const service = requireLocalService(ctx.db, input.serviceId)
    if (!service.active) {
      throw new AppError(
        'conflict',
        `${service.name} is no longer active, so it takes no new referrals. Reactivate it in Settings → Local services if it is running again.`
      )
    }
    const kindProblem = referralKindProblem(service, input.kind)
    if (kindProblem) throw new AppError('invalid_input', `kind: ${kindProblem}`, { field: 'kind' })

    const visit = input.appointmentId === undefined ? null : visitOf(ctx.db, input.appointmentId, patient)
    const today = todayIso(ctx)
    // Made at a visit recorded after the day (a clinic left open): dated on the clinic's day.
    const defaultDay = visit && visit.clinicDate < today ? visit.clinicDate : today
    const referredOn = checkedDay(ctx, 'referredOn', input.referredOn ?? defaultDay, 'a referral is recorded once it is made')
    if (visit && referredOn < visit.clinicDate) {
      throw new AppError(
        'invalid_input',
        `referredOn: ${formatDateText(referredOn)} is before the visit it was made at (${formatDateText(visit.clinicDate)})`,
        { field: 'referredOn' }
      )
    }

    let programmeId = visit?.programmeId ?? null
    if (input.programmeId !== undefined) {
      const programme = requireProgramme(ctx.db, input.programmeId)
      if (visit?.programmeId != null && visit.programmeId !== programme.programmeId) {
        throw new AppError(
          'invalid_input',
          `programmeId: the visit was booked for programme ${visit.programmeId}, not "${programme.name}"; a referral at a visit belongs to the visit's programme`,
          { field: 'programmeId' }
        )
      }
      programmeId = programme.programmeId
    }

    const note = (input.note ?? '').trim()
    if (note.length > MAX_REFERRAL_NOTE) throw new AppError('invalid_input', `note: a note can be at most ${MAX_REFERRAL_NOTE} characters`, { field: 'note' })

    const nhs = formatNhsNumber(patient.nhs_number)
    const open = openReferralsToService(ctx.db, patient.id, service.serviceId)
    // The same referral twice (a second click, a second front end) would put the patient on the worklist twice.
    const sameDay = open.find((r) => r.referred_on === referredOn && r.kind === input.kind)
    if (sameDay) {
      throw new AppError(
        'conflict',
        `${nhs} was already referred to ${service.name} on ${formatDateText(referredOn)} (referral ${sameDay.id}); it is recorded once.`
      )
    }

    const warnings: string[] = []
    const contact = serviceContactProblem(service)
    if (contact) warnings.push(contact)
    if (service.isExample) {
      warnings.push(
        `${service.name} is a shipped example whose details the practice has not checked yet: check them in Settings → Local services before giving them to a patient.`
      )
    }
    const earlier = open[0]
    if (earlier) warnings.push(`${nhs} was already referred to ${service.name} on ${formatDateText(earlier.referred_on)}, with no outcome recorded yet.`)

    const referralId = insertReferral(ctx.db, {
      patientId: patient.id,
      serviceId: service.serviceId,
      appointmentId: input.appointmentId ?? null,
      programmeId,
      referredOn,
      referredBy: actorName(ctx),
      kind: input.kind,
      note,
      recordedAt: ctx.now().toISOString()
    })
    const what = input.kind === 'sent' ? `Referred ${nhs} to "${service.name}"` : `Signposted ${nhs} to refer themselves to "${service.name}"`
    logActivity(ctx, ctx.db, 'referrals.create', `${what} on ${formatDateText(referredOn)}${visit ? ` at a visit (appointment ${input.appointmentId})` : ''}`, {
      referralId,
      serviceId: service.serviceId,
      kind: input.kind,
      ...(input.appointmentId === undefined ? {} : { appointmentId: input.appointmentId }),
      ...(programmeId === null ? {} : { programmeId }),
      ...(warnings.length ? { warnings } : {})
    })
    return { referral: referralFromRow(requireReferral(ctx.db, referralId)), warnings }
  })()
}

export function setReferralOutcome(
  ctx: ServiceContext,
  input: { referralId: number; outcome: ReferralOutcome | null; outcomeOn?: string | undefined }
): Referral {
  return ctx.db.transaction(() => {
    const row = requireReferral(ctx.db, input.referralId)
    const nhs = formatNhsNumber(row.nhs_number)
    const of = `${nhs}'s referral to "${row.service_name}" (made ${formatDateText(row.referred_on)})`
    if (input.outcome === null) {
      if (row.outcome === null) return referralFromRow(row)
      updateReferralOutcome(ctx.db, row.id, null, null, null)
      logActivity(
        ctx,
        ctx.db,
        'referrals.setOutcome',
        `Took back the outcome of ${of}: it was "${referralOutcomeLabels[row.outcome]}"; now awaiting an outcome again`,
        {
          referralId: row.id,
          outcome: null,
          was: row.outcome
        }
      )
      return referralFromRow(requireReferral(ctx.db, row.id))
    }
    const outcomeOn = checkedDay(ctx, 'outcomeOn', input.outcomeOn ?? todayIso(ctx), 'an outcome is recorded once it is known')
    if (outcomeOn < row.referred_on) {
      throw new AppError('invalid_input', `outcomeOn: ${formatDateText(outcomeOn)} is before the referral was made (${formatDateText(row.referred_on)})`, {
        field: 'outcomeOn'
      })
    }
    if (row.outcome === input.outcome && row.outcome_on === outcomeOn) return referralFromRow(row)
    updateReferralOutcome(ctx.db, row.id, input.outcome, outcomeOn, actorName(ctx))
    const was = row.outcome === null ? '' : ` (was "${referralOutcomeLabels[row.outcome]}")`
    logActivity(
      ctx,
      ctx.db,
      'referrals.setOutcome',
      `Recorded the outcome of ${of}: ${referralOutcomeLabels[input.outcome]} on ${formatDateText(outcomeOn)}${was}`,
      {
        referralId: row.id,
        outcome: input.outcome,
        outcomeOn
      }
    )
    return referralFromRow(requireReferral(ctx.db, row.id))
  })()
}

export type ReferralDueItem = Referral & { weeksWaiting: number; dueOn: string; serviceContactProblem: string | null }

function checkedWeeks(weeks: number): number {
  if (!Number.isInteger(weeks) || weeks < MIN_REFERRAL_OUTCOME_WEEKS || weeks > MAX_REFERRAL_OUTCOME_WEEKS) {
    throw new AppError(
      'invalid_input',
      `weeks: the wait before a referral with no outcome is listed must be a whole number of weeks from ${MIN_REFERRAL_OUTCOME_WEEKS} to ${MAX_REFERRAL_OUTCOME_WEEKS} (got ${weeks})`,
      { field: 'weeks' }
    )
  }
  return weeks
}

/** The worklist: referrals with no outcome `weeks` weeks (default 6) or more after they were made, as of `asOf` (default today), longest waiting first. */
export function referralsDueWorklist(
  ctx: ReadingContext,
  input: { asOf?: string | undefined; weeks?: number | undefined } = {}
): { asOf: string; weeks: number; due: ReferralDueItem[] } {
  const asOf = input.asOf ?? todayIso(ctx)
  const weeks = checkedWeeks(input.weeks ?? DEFAULT_REFERRAL_OUTCOME_WEEKS)
  const rows = referralsAwaitingOutcome(ctx.db)
  const byId = new Map(rows.map((r) => [r.id, r]))
  const due = referralsDue(rows.map(referralFromRow), asOf, weeks).map((r) => {
    const row = byId.get(r.referralId)
    const contact = row ? serviceContactProblem({ name: row.service_name, phone: row.service_phone, web: row.service_web, address: row.service_address }) : null
    return { ...r, serviceContactProblem: contact }
  })
  return { asOf, weeks, due }
}

export function referralsOfPatient(ctx: Pick<ReadingContext, 'db'>, nhsNumber: string): { nhsNumber: string; name: string; referrals: Referral[] } {
  const patient = requirePatient(ctx.db, nhsNumber)
  return { nhsNumber: patient.nhs_number, name: patientName(patient), referrals: referralsOfPatientRows(ctx.db, patient.id).map(referralFromRow) }
}
