// Every cohort definition the practice can build: the built-ins (cohort-definitions.ts) and its
// saved custom cohorts (custom-cohort-store.ts), by id — and, for explaining an old snapshot, the
// exact version it was built with.
import type { z } from 'zod'
import type { CohortDefinitionInfo as CohortDefinitionInfoSchema } from '../../shared/contract'
import { isCustomCohortId } from '../../shared/custom-cohort-schema'
import { type CohortDefinition, cohortDefinitions, findCohortDefinition } from '../../shared/domain/cohort-definitions'
import { cohortRules } from '../../shared/domain/cohort-rules'
import { customCohortDefinition } from '../../shared/domain/custom-cohort-definition'
import { customCriterionRule } from '../../shared/domain/custom-criteria'
import { AppError } from '../../shared/result'
import type { ReadingContext, ServiceContext } from '../context'
import {
  type SaveCustomCohortInputT,
  type StoredCustomCohort,
  customNumber,
  findCustomCohort,
  listCustomCohorts,
  saveCustomCohort
} from './custom-cohort-store'

export type CohortDefinitionInfo = z.output<typeof CohortDefinitionInfoSchema>

export interface ResolvedDefinition {
  definition: CohortDefinition
  custom: StoredCustomCohort | null
}

/**
 * The definition with this id; for a custom cohort, `version` picks the saved version (default the
 * latest). Null when there is no such definition or version.
 */
export function resolveDefinition(ctx: Pick<ReadingContext, 'db'>, id: string, version?: number): ResolvedDefinition | null {
  if (isCustomCohortId(id)) {
    const custom = findCustomCohort(ctx, customNumber(id), version)
    return custom ? { definition: customCohortDefinition(custom), custom } : null
  }
  const builtIn = findCohortDefinition(id)
  return builtIn ? { definition: builtIn, custom: null } : null
}

/** The definition to build now: unknown ids and archived custom cohorts are refused with a reason. */
export function definitionToBuild(ctx: Pick<ReadingContext, 'db'>, id: string): ResolvedDefinition {
  const resolved = resolveDefinition(ctx, id)
  if (!resolved) throw new AppError('invalid_input', `definition: unknown cohort definition "${id}"`)
  if (resolved.custom?.archivedAt) {
    throw new AppError('invalid_input', `definition: the custom cohort "${resolved.custom.name}" was archived and can no longer be built`)
  }
  return resolved
}

export function definitionInfo({ definition, custom }: ResolvedDefinition): CohortDefinitionInfo {
  const criteria = [...definition.criteria.map((id) => cohortRules[id]), ...(definition.customCriteria ?? []).map(customCriterionRule)]
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    version: definition.version,
    sources: [...definition.sources],
    kind: custom ? 'custom' : 'built-in',
    criteria: criteria.map((rule) => ({ rule: rule.id, label: rule.label, source: rule.source })),
    exclusions: definition.exclusions.map((id) => {
      const rule = cohortRules[id]
      return { rule: rule.id, label: rule.label, source: rule.source, qofOnly: rule.qofOnly === true }
    }),
    switches: {
      includeMixedBlackCategories: definition.criteria.includes('ethnicity.black-african-caribbean'),
      conditionThreshold: definition.criteria.includes('ltc.multiple')
    },
    custom: custom ? { criteria: [...custom.criteria], savedAt: custom.savedAt, savedBy: custom.savedBy } : null
  }
}

/** The built-ins, then the saved custom cohorts not archived (each at its latest version). */
export function listDefinitionInfos(ctx: Pick<ReadingContext, 'db'>): CohortDefinitionInfo[] {
  return [
    ...cohortDefinitions.map((definition) => definitionInfo({ definition, custom: null })),
    ...listCustomCohorts(ctx).map((custom) => definitionInfo({ definition: customCohortDefinition(custom), custom }))
  ]
}

/** cohorts.saveCustom: save a new custom cohort or a new version, and describe it as listed. */
export function saveCustomDefinition(ctx: ServiceContext, input: SaveCustomCohortInputT): CohortDefinitionInfo {
  const custom = saveCustomCohort(ctx, input)
  return definitionInfo({ definition: customCohortDefinition(custom), custom })
}
