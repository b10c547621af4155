// Clinic sessions, appointments (book, rebook, cancel, did not attend), visits, follow-up intervals.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { BloodPressure, ClockTime, Empty, GeneratedFile, IsoDate, Priority, StoredIsoDate } from './common'
import { visitActions } from '../domain/visit-actions'
import { PatientCondition, StoredVisit, VisitForm, VisitInput, VisitOutcome } from './visits'

export const ClinicInput = z.object({
  type: z.string().trim().min(1).max(80),
  date: IsoDate,
  start: ClockTime,
  slots: z.number().int().min(1).max(100),
  slotMinutes: z.number().int().min(5).max(120),
  clinician: z.string().max(80).optional(),
  location: z.string().max(200).optional(),
  /** The programme the clinic runs for; without one, each appointment takes the programme that invited its patient. */
  programmeId: z.number().int().optional()
})

export const ClinicSummary = ClinicInput.extend({
  date: StoredIsoDate,
  clinicId: z.number().int(),
  programmeId: z.number().int().nullable(),
  booked: z.number().int(),
  attended: z.number().int(),
  didNotAttend: z.number().int()
})

export const AppointmentStatus = z.enum(['booked', 'attended', 'did-not-attend', 'cancelled'])

export const VisitAction = z.enum(visitActions)

export const Appointment = z.object({
  appointmentId: z.number().int(),
  clinicId: z.number().int(),
  slotIndex: z.number().int(),
  start: ClockTime,
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  status: AppointmentStatus,
  bp: BloodPressure.nullable(),
  followUpDue: StoredIsoDate.nullable(),
  /** What was done at the visit, shown back in the clinic's slot table. */
  actions: z.array(VisitAction).default([]),
  note: z.string().nullable().default(null),
  /** What was recorded on the clinic's form; absent until the visit is recorded. */
  visit: StoredVisit.optional()
})

export const ClinicDetail = z.object({
  clinic: ClinicSummary,
  slots: z.array(z.object({ slotIndex: z.number().int(), start: ClockTime, appointment: Appointment.nullable() }))
})

export const VisitReading = z.object({
  systolic: z.number().int().min(40).max(350),
  diastolic: z.number().int().min(20).max(200)
})

export const AttendResult = z.object({
  status: AppointmentStatus,
  bp: BloodPressure.nullable(),
  priority: Priority.nullable(),
  followUpDue: StoredIsoDate.nullable(),
  followUpReason: z.string().nullable(),
  /** The record on the clinic's form: present when the visit was recorded with one. */
  visit: VisitOutcome.optional()
})

/**
 * A visit is recorded either on its clinic's form (`visit`, whose readings are inside it) or, as
 * before the forms, with BP readings, the four action ticks and a note.
 */
const AttendInput = z
  .object({
    appointmentId: z.number().int(),
    readings: z.array(VisitReading).max(6).optional(),
    actions: z.array(VisitAction).default([]),
    note: z.string().max(2000).default(''),
    visit: VisitInput.optional()
  })
  .superRefine((input, ctx) => {
    if (input.visit === undefined && (input.readings === undefined || input.readings.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['readings'], message: 'record at least one BP reading, or send the visit on its form (visit)' })
    }
    if (input.visit !== undefined && input.readings !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['readings'], message: 'a visit sent on its form carries its readings inside it (visit.readings)' })
    }
  })

/** What the visit form needs to know before anything is entered: which form, and the patient's register conditions. */
const VisitContext = z.object({
  appointmentId: z.number().int(),
  status: AppointmentStatus,
  clinicId: z.number().int(),
  clinicType: z.string(),
  clinicDate: StoredIsoDate,
  form: VisitForm,
  formLabel: z.string(),
  /** What the form needs before it can be saved, in words. */
  requires: z.string(),
  needsBp: z.boolean(),
  patient: z.object({ nhsNumber: z.string(), name: z.string() }),
  conditions: z.array(PatientCondition),
  /** Accessible Information Standard: the patient's printed summary is in large print. */
  largePrint: z.boolean()
})

export const ClinicTypeInterval = z.object({
  type: z.string(),
  weeks: z.number().int().min(4).max(12),
  practiceSet: z.boolean()
})

/** The clinics operations: each name with the schema of its input and of its output. */
export const clinicsOperations = {
  'clinics.create': { input: ClinicInput, output: z.object({ clinicId: z.number().int() }) },
  'clinics.list': { input: Empty, output: z.object({ clinics: z.array(ClinicSummary) }) },
  'clinics.get': { input: z.object({ clinicId: z.number().int() }), output: ClinicDetail },
  'appointments.book': {
    input: z.object({
      clinicId: z.number().int(),
      nhsNumber: z.string(),
      slotIndex: z.number().int().min(0).optional()
    }),
    output: z.object({ appointmentId: z.number().int(), start: ClockTime, slotIndex: z.number().int() })
  },
  'appointments.attend': { input: AttendInput, output: AttendResult },
  'appointments.markDidNotAttend': { input: z.object({ appointmentId: z.number().int() }), output: AttendResult },
  /** A did-not-attend recorded by mistake put back to booked; the did-not-attend and its undoing stay in the activity log. */
  'appointments.undoDidNotAttend': {
    input: z.object({ appointmentId: z.number().int() }).strict(),
    output: z.object({
      appointmentId: z.number().int(),
      status: z.literal('booked'),
      clinicId: z.number().int(),
      clinicDate: StoredIsoDate,
      start: ClockTime
    })
  },
  'appointments.cancel': {
    input: z.object({ appointmentId: z.number().int(), reason: z.string().max(200).optional() }),
    output: z.object({ status: z.literal('cancelled') })
  },
  'appointments.rebook': {
    input: z.object({ appointmentId: z.number().int(), clinicId: z.number().int(), slotIndex: z.number().int().min(0).optional() }),
    output: z.object({ appointmentId: z.number().int(), start: ClockTime, slotIndex: z.number().int() })
  },
  'clinics.followUpIntervals': { input: Empty, output: z.object({ types: z.array(ClinicTypeInterval) }) },
  'clinics.setFollowUpInterval': {
    input: z.object({ type: z.string().trim().min(1).max(80), weeks: z.number().int().min(4).max(12) }),
    output: ClinicTypeInterval
  },
  'visits.context': { input: z.object({ appointmentId: z.number().int() }).strict(), output: VisitContext },
  /** The patient's "What we agreed" summary of an attended visit, recorded as a document; large print when the patient is flagged. */
  'visits.summaryPdf': {
    input: z.object({ appointmentId: z.number().int() }).strict(),
    output: z.object({ file: GeneratedFile, largePrint: z.boolean(), warnings: z.array(z.string()) })
  }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
