// Programmes: the clinic projects a practice runs and reports on one by one (each with its cohort
// definition, clinic types, letter templates, follow-up interval and outcome measure).
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import type * as Domain from '../domain/programme'
import { CohortDefinitionId, Empty, IsoDate, StoredIsoDate } from './common'
import { CohortParametersInput } from './cohorts'

export const ProgrammeOutcome = z.enum(['bp', 'wellbeing'])
export const ProgrammeStatus = z.enum(['active', 'closed'])

export const Programme = z.object({
  programmeId: z.number().int(),
  name: z.string(),
  definition: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  clinicTypes: z.array(z.string()),
  templateIds: z.array(z.string()),
  followUpWeeks: z.number().int().nullable(),
  outcome: ProgrammeOutcome,
  startDate: StoredIsoDate,
  status: ProgrammeStatus,
  createdAt: z.string(),
  createdBy: z.string()
}) satisfies z.ZodType<Omit<Domain.Programme, 'parameters'> & { parameters: Record<string, unknown> }>

/** Progress at a glance: distinct patients at each step, from what is recorded. */
export const ProgrammeProgress = z.object({
  snapshots: z.number().int(),
  latestCohortId: z.number().int().nullable(),
  latestAsOf: StoredIsoDate.nullable(),
  latestMembers: z.number().int().nullable(),
  invited: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  clinics: z.number().int()
})

export const ProgrammeWithProgress = Programme.extend({
  /** The cohort definition's name as the practice sees it. */
  definitionName: z.string(),
  progress: ProgrammeProgress
})

export const programmesOperations = {
  'programmes.list': { input: Empty, output: z.object({ programmes: z.array(ProgrammeWithProgress) }) },
  'programmes.get': { input: z.object({ programmeId: z.number().int() }), output: ProgrammeWithProgress },
  'programmes.create': {
    input: z
      .object({
        name: z.string().trim().min(1, 'give the programme a name').max(120),
        definition: CohortDefinitionId,
        /** Overrides of the definition's parameters used by every build of the programme. */
        parameters: CohortParametersInput.optional(),
        clinicTypes: z.array(z.string().trim().min(1).max(80)).max(10).optional(),
        templateIds: z.array(z.string().trim().min(1).max(80)).max(10).optional(),
        followUpWeeks: z.number().int().min(4).max(12).nullable().optional(),
        outcome: ProgrammeOutcome.optional(),
        startDate: IsoDate.optional()
      })
      .strict(),
    output: Programme
  },
  /** Close a programme (no new builds, batches or clinics; its history and audit stay) or reopen it. */
  'programmes.setStatus': { input: z.object({ programmeId: z.number().int(), status: ProgrammeStatus }), output: Programme }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
