// Wire shapes every capability shares: dates, roles, a blood pressure, a file handed to a front end.
import { z } from 'zod'
import { CustomCohortIdSchema } from '../custom-cohort-schema'
import { isoDateProblem } from '../domain/iso-date'
import type { BloodPressure as BloodPressureDomain } from '../domain/cohort-entry'
import { userRoles } from '../user-roles'

/**
 * A date someone typed or sent: a real calendar day (no 31 February, no month 13), written
 * YYYY-MM-DD, between 1900-01-01 and 2100-12-31 (iso-date.ts says why). The message starts with
 * the value, so the dispatcher's "field: message" reads "asOf: 2026-02-31 is not a real date: …".
 */
export const IsoDate = z.string().superRefine((text, ctx) => {
  const problem = isoDateProblem(text)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
})

/**
 * A date the app hands back (outputs only). It was checked on the way in (import, or IsoDate above);
 * checking the range again on the way out would turn one odd stored date — a reading typed as 1899
 * in the clinical system, a follow-up computed past 2100 — into an internal error for a whole
 * screen, after the change it belongs to had been committed.
 */
export const StoredIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')

export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM')

export const Role = z.enum(userRoles)

export const TargetMode = z.enum(['qof', 'nice'])

export const BpSetting = z.enum(['clinic', 'home', 'ambulatory'])

export const Priority = z.enum(['P1', 'P2', 'P3', 'P4'])

export const ImportFormatChoice = z.enum(['auto', 'emis', 'systmone'])

export const BuiltInCohortId = z.enum(['uncontrolled-hypertension', 'hypertension-black-african-caribbean', 'time-to-talk', 'no-recent-bp'])

/** A built-in cohort, or a saved custom cohort (`custom-3`). */
export const CohortDefinitionId = z.union([BuiltInCohortId, CustomCohortIdSchema], {
  error: `expected a built-in cohort (${BuiltInCohortId.options.join(', ')}) or a saved custom cohort id such as custom-3`
})

export const Empty = z.object({}).strict()

export const User = z.object({ name: z.string().trim().min(1).max(80), role: Role })

export const BloodPressure = z.object({
  systolic: z.number().int(),
  diastolic: z.number().int(),
  date: StoredIsoDate,
  setting: BpSetting
}) satisfies z.ZodType<BloodPressureDomain>

export const DownloadedFile = z.object({ name: z.string(), mimeType: z.string(), contentBase64: z.string() })

export const GeneratedFile = z.object({
  fileId: z.number().int(),
  name: z.string(),
  kind: z.string(),
  mimeType: z.string()
})
