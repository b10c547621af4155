// A saved custom cohort as a CohortDefinition (any combination of register/condition, age range,
// sex, ethnicity group, IMD quintile, BP state/priority, last-reading age, number of LTCs and
// invitation state), so it is built, snapshotted and explained exactly like the
// built-ins. Its criteria are data evaluated by custom-criteria.ts; its exclusions are the same named
// rules the built-ins use, chosen in the builder.
import type { CustomCohortId } from '../custom-cohort-schema'
import type { ClinicalConcept } from './clinical-concepts'
import type { CohortDefinition } from './cohort-definitions'
import { defaultCohortParameters } from './cohort-parameters'
import { type CohortRuleId, cohortRules } from './cohort-rules'
import { type CustomCriterion, customCriterionRule, describeCriterion } from './custom-criteria'
import { longTermConditionList } from './long-term-conditions'

export interface SavedCustomCohort {
  /** The custom cohort's number (custom_cohorts.id). */
  customId: number
  version: number
  name: string
  description: string
  criteria: readonly CustomCriterion[]
  exclusions: readonly string[]
}

export function customCohortId(customId: number): CustomCohortId {
  return `custom-${customId}`
}

/** An exclusion rule id the builder may choose (every exclusion rule the engine knows). */
export function isExclusionRuleId(id: string): id is CohortRuleId {
  return Object.hasOwn(cohortRules, id) && cohortRules[id as CohortRuleId].kind === 'exclusion'
}

/** Every exclusion rule, in the registry's order: what the builder offers. */
export function exclusionRuleIds(): CohortRuleId[] {
  return (Object.keys(cohortRules) as CohortRuleId[]).filter(isExclusionRuleId)
}

/**
 * Only patients with at least one event of these concepts can meet the criteria: a condition
 * criterion needs one of its conditions, "n or more LTCs" needs one of the register conditions.
 * Lets the build skip loading everyone else; null when every patient must be evaluated.
 */
function candidateConcepts(criteria: readonly CustomCriterion[]): readonly ClinicalConcept[] | null {
  for (const c of criteria) if (c.kind === 'condition') return [...c.conditions]
  for (const c of criteria) if (c.kind === 'ltc-count' && c.atLeast >= 1) return longTermConditionList.map((l) => l.concept)
  return null
}

export function describeCustomCohort(criteria: readonly CustomCriterion[]): string {
  return `Custom cohort: ${criteria.map(describeCriterion).join('; ')}.`
}

export function customCohortDefinition(saved: SavedCustomCohort): CohortDefinition {
  const sources = [...new Set(saved.criteria.map((c) => customCriterionRule(c).source))]
  return {
    id: customCohortId(saved.customId),
    name: saved.name,
    description: saved.description || describeCustomCohort(saved.criteria),
    version: saved.version,
    sources,
    criteria: [],
    customCriteria: saved.criteria,
    // Unknown ids (a rule removed in a later release) are dropped rather than failing the build.
    exclusions: saved.exclusions.filter(isExclusionRuleId),
    parameters: defaultCohortParameters,
    candidatesHaveAnyOf: candidateConcepts(saved.criteria),
    // Members whose BP is above target get P1–P4, so a severe reading is never a routine letter.
    assignsPriority: true,
    ordering: 'priority'
  }
}
