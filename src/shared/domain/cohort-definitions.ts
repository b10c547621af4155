// The built-in cohorts as data: which criteria (all must be met), which exclusions (the
// first that applies excludes; each switchable), the parameters, how members are ordered and whether
// a priority group is given. A practice's copy is the same shape with other parameters. Bump
// `version` whenever a definition's meaning changes: snapshots record the version they were built with.
// Version 2 (all four): the "no contact permitted" exclusion was added.
import type { CohortParameters } from './cohort-parameters'
import { defaultCohortParameters } from './cohort-parameters'
import type { ClinicalConcept } from './clinical-concepts'
import type { CohortRuleId } from './cohort-rules'
import { longTermConditionList } from './long-term-conditions'
import type { CustomCohortId } from '../custom-cohort-schema'
import type { CustomCriterion } from './custom-criteria'

export type BuiltInCohortId = 'uncontrolled-hypertension' | 'hypertension-black-african-caribbean' | 'time-to-talk' | 'no-recent-bp'
/** A built-in id, or `custom-<n>` for a practice's saved custom cohort (custom-cohort-definition.ts). */
export type CohortDefinitionId = BuiltInCohortId | CustomCohortId

export interface CohortDefinition {
  id: CohortDefinitionId
  name: string
  description: string
  version: number
  sources: string[]
  criteria: CohortRuleId[]
  /** A saved custom cohort's criteria (data, evaluated by custom-criteria.ts), after `criteria`. */
  customCriteria?: readonly CustomCriterion[]
  exclusions: CohortRuleId[]
  parameters: CohortParameters
  /**
   * A patient can only be eligible with at least one event of these concepts (implied by the
   * criteria: the register needs a HYP event; Time to Talk needs long-term conditions). Lets the
   * build skip loading everyone else; null means every patient must be evaluated.
   */
  candidatesHaveAnyOf: readonly ClinicalConcept[] | null
  /** Whether members get a priority group; "no recent BP" has none by definition. */
  assignsPriority: boolean
  /** priority: P1 first. physical-and-mental-first: NICE NG56 ordering for Time to Talk. */
  ordering: 'priority' | 'physical-and-mental-first' | 'oldest-reading-first'
}

// Exclusions for the hypertension BP-target cohorts, in the order they are tried (QOF HYP008
// denominator rule order where QOF has them, then the programme's own). "No contact permitted"
// is recorded in the app's contact preferences (migration 0008).
const hypertensionExclusions: CohortRuleId[] = [
  'exclude.deceased-or-left',
  'exclude.palliative-care',
  'exclude.informed-dissent',
  'exclude.bp-declined',
  'exclude.maximal-therapy',
  'exclude.recent-diagnosis',
  'exclude.recent-registration',
  'exclude.already-booked',
  'exclude.recently-invited',
  'exclude.no-contact-permitted'
]

export const cohortDefinitions: readonly CohortDefinition[] = [
  {
    id: 'uncontrolled-hypertension',
    name: 'Uncontrolled hypertension',
    description:
      'Adults on the hypertension register whose current blood pressure is above target (QOF HYP008/HYP009 or NICE NG136), ' + 'in priority groups P1–P4.',
    version: 2,
    sources: ['QOF HYP001', 'QOF HYP008', 'QOF HYP009', 'NICE NG136 1.2.2', 'NICE NG136 1.4.20–1.4.22', 'NICE NG136 1.5.1', 'UCLPartners proactive care'],
    criteria: ['register.hypertension', 'age.adult', 'bp.above-target'],
    exclusions: hypertensionExclusions,
    parameters: defaultCohortParameters,
    candidatesHaveAnyOf: ['HYP'],
    assignsPriority: true,
    ordering: 'priority'
  },
  {
    id: 'hypertension-black-african-caribbean',
    name: 'Pharmacist-led review: Black African / African-Caribbean patients',
    description:
      'Uncontrolled hypertension restricted to ethnic categories M, N, P (Black Caribbean, Black African, other Black background); ' +
      'mixed White and Black Caribbean/African (D, E) only when switched on.',
    version: 2,
    sources: ['QOF HYP001', 'QOF HYP008', 'QOF HYP009', 'NICE NG136 1.4.30', 'NICE NG136 1.4.35', 'NHS Data Dictionary ETHNIC CATEGORY'],
    criteria: ['register.hypertension', 'age.adult', 'ethnicity.black-african-caribbean', 'bp.above-target'],
    exclusions: hypertensionExclusions,
    parameters: defaultCohortParameters,
    candidatesHaveAnyOf: ['HYP'],
    assignsPriority: true,
    ordering: 'priority'
  },
  {
    id: 'no-recent-bp',
    name: 'No BP in the last 12 months',
    description: 'Adults on the hypertension register with no blood pressure reading in the last 12 months: recall for measurement.',
    version: 2,
    sources: ['QOF HYP001', 'QOF HYP008', 'QOF HYP009'],
    criteria: ['register.hypertension', 'age.adult', 'bp.none-recent'],
    // Maximal therapy and the QOF 9-month rules are about reaching target, not about measuring.
    exclusions: [
      'exclude.deceased-or-left',
      'exclude.palliative-care',
      'exclude.informed-dissent',
      'exclude.bp-declined',
      'exclude.already-booked',
      'exclude.recently-invited',
      'exclude.no-contact-permitted'
    ],
    parameters: defaultCohortParameters,
    candidatesHaveAnyOf: ['HYP'],
    assignsPriority: false,
    ordering: 'oldest-reading-first'
  },
  {
    id: 'time-to-talk',
    name: 'Time to Talk: multiple long-term conditions',
    description:
      'Adults with two or more long-term conditions on QOF registers, listing which; people with both a physical and a ' +
      'mental-health condition first (NICE NG56).',
    version: 2,
    sources: ['NICE NG56', 'QOF registers'],
    criteria: ['age.adult', 'ltc.multiple'],
    // The hypertension exceptions (HYPPCADEC, BPDEC, HTMAX) are about one condition, not a holistic review.
    exclusions: ['exclude.deceased-or-left', 'exclude.palliative-care', 'exclude.already-booked', 'exclude.recently-invited', 'exclude.no-contact-permitted'],
    parameters: defaultCohortParameters,
    // Valid while the threshold is at least 1: zero conditions can never reach it.
    candidatesHaveAnyOf: longTermConditionList.map((c) => c.concept),
    assignsPriority: false,
    ordering: 'physical-and-mental-first'
  }
]

export function findCohortDefinition(id: string): CohortDefinition | undefined {
  return cohortDefinitions.find((d) => d.id === id)
}
