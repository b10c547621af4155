// What a cohort build is asked for on the Cohorts screen: the definition, the as-of date, the target
// mode and the switches a build can change (stored with the snapshot it makes).
import type { CohortSnapshotT } from '../../../../shared/contract'
import type { DefinitionInfo } from './custom-criteria-form'

export type DefinitionId = DefinitionInfo['id']
export type Mode = 'qof' | 'nice'

export interface BuildParams {
  includeMixedBlackCategories: boolean
  conditionThreshold: number
  disabledExclusions: string[]
}

/** The form's settings as they stand: a definition may not be chosen yet. */
export interface BuildSettings {
  definition: DefinitionId | ''
  asOf: string
  mode: Mode
  params: BuildParams
}

export const defaultParams: BuildParams = { includeMixedBlackCategories: false, conditionThreshold: 2, disabledExclusions: [] }

/** The switches a snapshot was built with, the defaults for any it does not record. */
export function paramsOf(snapshot: Pick<CohortSnapshotT, 'parameters'>): BuildParams {
  const p = snapshot.parameters ?? {}
  return {
    includeMixedBlackCategories: p.includeMixedBlackCategories ?? false,
    conditionThreshold: p.conditionThreshold ?? 2,
    disabledExclusions: p.disabledExclusions ?? []
  }
}

/** The switches a programme builds with: its own parameters where it sets them, else the defaults. */
export function paramsOfProgramme(programme: { parameters: Record<string, unknown> }): BuildParams {
  const p = programme.parameters
  return {
    includeMixedBlackCategories: typeof p.includeMixedBlackCategories === 'boolean' ? p.includeMixedBlackCategories : defaultParams.includeMixedBlackCategories,
    conditionThreshold: typeof p.conditionThreshold === 'number' ? p.conditionThreshold : defaultParams.conditionThreshold,
    disabledExclusions: Array.isArray(p.disabledExclusions) ? p.disabledExclusions.filter((id): id is string => typeof id === 'string') : []
  }
}
