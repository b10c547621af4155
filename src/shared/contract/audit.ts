// The audit: BP outcome, uptake funnel, the workbook, and the activity log.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { BloodPressure, Empty, GeneratedFile, IsoDate, StoredIsoDate } from './common'

export const BpOutcome = z.object({
  patients: z.number().int(),
  reduced: z.number().int(),
  unchanged: z.number().int(),
  increased: z.number().int(),
  reducedPercent: z.number(),
  unchangedPercent: z.number(),
  increasedPercent: z.number(),
  meanSystolicChange: z.number().nullable(),
  meanDiastolicChange: z.number().nullable(),
  medianSystolicChange: z.number().nullable(),
  medianDiastolicChange: z.number().nullable(),
  /** Of `patients`, within their BP target (QOF HYP008/HYP009) at baseline and at follow-up. */
  atTargetBefore: z.number().int(),
  atTargetAfter: z.number().int(),
  atTargetBeforePercent: z.number(),
  atTargetAfterPercent: z.number()
})

export const Funnel = z.object({
  eligible: z.number().int(),
  invited: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  followedUp: z.number().int()
})

export const AuditPatientRow = z.object({
  nhsNumber: z.string(),
  name: z.string(),
  ageBand: z.string(),
  sex: z.string().nullable(),
  ethnicity: z.string().nullable(),
  baseline: BloodPressure,
  followUp: BloodPressure,
  systolicChange: z.number().int(),
  diastolicChange: z.number().int(),
  outcome: z.enum(['reduced', 'unchanged', 'increased'])
})

export const AuditSummary = z.object({
  asOf: StoredIsoDate,
  bpOutcome: BpOutcome,
  funnel: Funnel,
  patients: z.array(AuditPatientRow)
})

export const ActivityEntry = z.object({
  at: z.string(),
  user: z.string(),
  role: z.string(),
  action: z.string(),
  summary: z.string()
})

/** The audit operations: each name with the schema of its input and of its output. */
export const auditOperations = {
  'audit.summary': { input: z.object({ asOf: IsoDate.optional() }), output: AuditSummary },
  'audit.exportWorkbook': {
    input: z.object({ asOf: IsoDate.optional(), pseudonymised: z.boolean().default(false) }),
    output: GeneratedFile
  },
  'activity.list': { input: Empty, output: z.object({ entries: z.array(ActivityEntry) }) }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
