// The custom cohort builder's criteria as data: the zod
// schemas the contract uses for `cohorts.saveCustom` and `cohorts.definitions`. One schema per kind
// of criterion; the one evaluator that gives each a meaning is domain/custom-criteria.ts.
import { z } from 'zod'
import { ethnicGroupIds, type EthnicGroup } from './domain/ethnic-groups'
import { type EthnicCategory, isEthnicCategory } from './domain/ethnicity'
import type { InvitationState } from './domain/invitation-state'
import { longTermConditionList } from './domain/long-term-conditions'
import type { ClinicalConcept } from './domain/clinical-concepts'

const ltcConcepts: readonly string[] = longTermConditionList.map((c) => c.concept)

export const LtcConcept = z.custom<ClinicalConcept>(
  (value) => typeof value === 'string' && ltcConcepts.includes(value),
  `expected a QOF register condition: one of ${ltcConcepts.join(', ')}`
)
export const EthnicGroupId = z.custom<EthnicGroup>(
  (value) => typeof value === 'string' && (ethnicGroupIds as string[]).includes(value),
  `expected an ethnic group: one of ${ethnicGroupIds.join(', ')}`
)
export const EthnicCategoryCode = z.custom<EthnicCategory>(
  (value) => typeof value === 'string' && isEthnicCategory(value),
  'expected an NHS Data Dictionary ethnic category letter (A–S or Z)'
)
const invitationStates = ['never-invited', 'invited-not-booked', 'booked', 'non-responder', 'responded'] as const satisfies readonly InvitationState[]

const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max)
const bounds = (c: { min: number | null; max: number | null }) => c.min !== null || c.max !== null
const ordered = (c: { min: number | null; max: number | null }) => c.min === null || c.max === null || c.min <= c.max

export const CustomCriterion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('condition'), conditions: z.array(LtcConcept).min(1), match: z.enum(['any', 'all']).default('any') }),
  z
    .object({ kind: z.literal('age'), min: wholeNumber(0, 130).nullable().default(null), max: wholeNumber(0, 130).nullable().default(null) })
    .refine(bounds, 'age: give a lowest age, a highest age or both')
    .refine(ordered, 'age: the lowest age must not be above the highest'),
  z.object({ kind: z.literal('sex'), sexes: z.array(z.enum(['F', 'M', 'U', 'I'])).min(1) }),
  z
    .object({ kind: z.literal('ethnicity'), groups: z.array(EthnicGroupId).default([]), categories: z.array(EthnicCategoryCode).default([]) })
    .refine((c) => c.groups.length + c.categories.length > 0, 'ethnicity: choose at least one group or category'),
  z.object({ kind: z.literal('imd-quintile'), quintiles: z.array(wholeNumber(1, 5)).min(1) }),
  z.object({ kind: z.literal('bp-state'), states: z.array(z.enum(['above-target', 'at-target', 'no-reading'])).min(1) }),
  z.object({ kind: z.literal('priority'), priorities: z.array(z.enum(['P1', 'P2', 'P3', 'P4'])).min(1) }),
  z
    .object({
      kind: z.literal('last-reading'),
      /** Months since the latest BP reading (completed months): at least / at most. */
      minMonths: wholeNumber(0, 600).nullable().default(null),
      maxMonths: wholeNumber(0, 600).nullable().default(null),
      /** Whether a patient with no BP reading at all meets it ("never measured" is the longest gap). */
      includeNoReading: z.boolean().default(false)
    })
    .refine((c) => bounds({ min: c.minMonths, max: c.maxMonths }), 'last reading: give at least or at most a number of months')
    .refine((c) => ordered({ min: c.minMonths, max: c.maxMonths }), 'last reading: "at least" must not be above "at most"'),
  z.object({ kind: z.literal('ltc-count'), atLeast: wholeNumber(1, ltcConcepts.length) }),
  z.object({ kind: z.literal('invitation'), states: z.array(z.enum(invitationStates)).min(1) })
])

export type CustomCriterionT = z.output<typeof CustomCriterion>
export type CustomCriterionKind = CustomCriterionT['kind']

/** `custom-<number>`: the definition id of a saved custom cohort (its number in custom_cohorts). */
export type CustomCohortId = `custom-${number}`
const customIdPattern = /^custom-[1-9]\d*$/
export const CustomCohortIdSchema = z.custom<CustomCohortId>(
  (value) => typeof value === 'string' && customIdPattern.test(value),
  'expected a custom cohort id such as custom-3'
)
export function isCustomCohortId(value: string): value is CustomCohortId {
  return customIdPattern.test(value)
}

export const SaveCustomCohortInput = z.object({
  /** The saved custom cohort to change (a new version); omit to save a new one. */
  definition: CustomCohortIdSchema.optional(),
  name: z.string().trim().min(1, 'name: give the cohort a name').max(80),
  description: z.string().trim().max(400).default(''),
  criteria: z
    .array(CustomCriterion)
    .min(1, 'criteria: choose at least one criterion')
    .max(12)
    .refine((list) => new Set(list.map((c) => c.kind)).size === list.length, 'criteria: each kind of criterion at most once'),
  /** Exclusion rule ids, tried in this order (e.g. exclude.deceased-or-left). */
  exclusions: z.array(z.string()).max(30).default([])
})
