// Follow-ups due and done, and the clinical worklists (did not attend, left open, counts).
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { ClockTime, Empty, IsoDate, StoredIsoDate } from './common'

export const FollowUpDue = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  dueOn: StoredIsoDate,
  reason: z.string(),
  overdue: z.boolean(),
  /** The visit that proposed this follow-up. */
  visitDate: StoredIsoDate,
  clinicType: z.string(),
  /** The date of a clinic the patient is already booked into after the visit, else null. */
  bookedFor: StoredIsoDate.nullable()
})

/** A follow-up met by a reading after the visit: a later clinic visit or an imported reading. */
export const FollowUpDone = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  visitDate: StoredIsoDate,
  dueOn: StoredIsoDate,
  reading: z.object({ date: StoredIsoDate, systolic: z.number().int(), diastolic: z.number().int() }),
  /** 'import': taken in the clinical system and brought in by a later import. */
  readingSource: z.enum(['import', 'visit'])
})

export const DidNotAttendPatient = z.object({
  appointmentId: z.number().int(),
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  clinicType: z.string(),
  clinicDate: StoredIsoDate,
  invitationsSince: z.number().int()
})

/** An appointment still booked in a clinic before the as-of date: nobody marked it attended or did not attend. */
export const LeftOpenAppointment = z.object({
  appointmentId: z.number().int(),
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  clinicId: z.number().int(),
  clinicType: z.string(),
  clinicDate: StoredIsoDate,
  start: ClockTime
})

/** The followups operations: each name with the schema of its input and of its output. */
export const followUpOperations = {
  'followups.due': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({ asOf: StoredIsoDate, due: z.array(FollowUpDue), done: z.array(FollowUpDone) })
  },
  'worklists.didNotAttend': { input: Empty, output: z.object({ patients: z.array(DidNotAttendPatient) }) },
  /** Appointments left open in a clinic before asOf (default today), to be marked attended or did not attend. */
  'worklists.leftOpen': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({ asOf: StoredIsoDate, appointments: z.array(LeftOpenAppointment) })
  },
  'worklists.counts': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({
      asOf: StoredIsoDate,
      clinicsToday: z.number().int(),
      followUpsDueThisWeek: z.number().int(),
      followUpsOverdue: z.number().int(),
      didNotAttend: z.number().int(),
      nonResponders: z.number().int(),
      invitedNotBooked: z.number().int(),
      /** Appointments left open in a clinic before asOf (worklists.leftOpen). */
      leftOpen: z.number().int()
    })
  }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
