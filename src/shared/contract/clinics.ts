// Clinic sessions, appointments (book, rebook, cancel, did not attend), visits, follow-up intervals.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { BloodPressure, ClockTime, Empty, IsoDate, Priority, StoredIsoDate } from './common'

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

export const VisitAction = z.enum(['medication-change', 'lifestyle-advice', 'home-bp-monitoring', 'referral'])

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
  note: z.string().nullable().default(null)
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
  followUpReason: z.string().nullable()
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
  'appointments.attend': {
    input: z.object({
      appointmentId: z.number().int(),
      readings: z.array(VisitReading).min(1).max(6),
      actions: z.array(VisitAction).default([]),
      note: z.string().max(2000).default('')
    }),
    output: AttendResult
  },
  'appointments.markDidNotAttend': { input: z.object({ appointmentId: z.number().int() }), output: AttendResult },
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
  }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
