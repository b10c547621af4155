// The custom cohort builder's form state, and its translation to and from the criteria the contract
// takes (cohorts.saveCustom; shared/custom-cohort-schema.ts). Kept apart from the component so the
// component is only layout.
import type { OperationInput, OperationOutput } from '../../../../shared/contract'
import type { ClinicalConcept } from '../../../../shared/domain/clinical-concepts'
import type { EthnicGroup } from '../../../../shared/domain/ethnic-groups'
import type { EthnicCategory } from '../../../../shared/domain/ethnicity'
import type { InvitationState } from '../../../../shared/domain/invitation-state'

export type DefinitionInfo = OperationOutput<'cohorts.definitions'>['definitions'][number]
type CriterionInput = OperationInput<'cohorts.saveCustom'>['criteria'][number]
export type CriterionKind = CriterionInput['kind']
export type Sex = 'F' | 'M' | 'U' | 'I'
export type BpState = 'above-target' | 'at-target' | 'no-reading'
export type PriorityGroup = 'P1' | 'P2' | 'P3' | 'P4'

export interface BuilderState {
  name: string
  description: string
  use: Record<CriterionKind, boolean>
  conditions: ClinicalConcept[]
  conditionMatch: 'any' | 'all'
  ageMin: string
  ageMax: string
  sexes: Sex[]
  groups: EthnicGroup[]
  categories: EthnicCategory[]
  quintiles: number[]
  bpStates: BpState[]
  priorities: PriorityGroup[]
  lastMin: string
  lastMax: string
  includeNoReading: boolean
  ltcAtLeast: string
  invitationStates: InvitationState[]
  exclusions: string[]
}

export const criterionKinds: { kind: CriterionKind; label: string }[] = [
  { kind: 'condition', label: 'Condition (QOF register)' },
  { kind: 'age', label: 'Age range' },
  { kind: 'sex', label: 'Sex' },
  { kind: 'ethnicity', label: 'Ethnicity' },
  { kind: 'imd-quintile', label: 'IMD quintile (deprivation)' },
  { kind: 'bp-state', label: 'BP state' },
  { kind: 'priority', label: 'Priority group' },
  { kind: 'last-reading', label: 'Months since the last BP' },
  { kind: 'ltc-count', label: 'Number of long-term conditions' },
  { kind: 'invitation', label: 'Invitation state' }
]

const noneUsed = Object.fromEntries(criterionKinds.map((k) => [k.kind, false])) as Record<CriterionKind, boolean>

export function emptyBuilderState(defaultExclusions: string[]): BuilderState {
  return {
    name: '',
    description: '',
    use: { ...noneUsed },
    conditions: ['HYP'],
    conditionMatch: 'any',
    ageMin: '18',
    ageMax: '',
    sexes: [],
    groups: [],
    categories: [],
    quintiles: [1],
    bpStates: ['above-target'],
    priorities: [],
    lastMin: '12',
    lastMax: '',
    includeNoReading: true,
    ltcAtLeast: '2',
    invitationStates: ['never-invited'],
    exclusions: defaultExclusions
  }
}

const optionalNumber = (text: string): number | null => (text.trim() === '' ? null : Number(text))

/** Whole number or null; throws a message naming the field for anything else. */
function whole(text: string, field: string): number | null {
  const value = optionalNumber(text)
  if (value !== null && !Number.isInteger(value)) throw new Error(`${field}: enter a whole number`)
  return value
}

export function toCriteria(state: BuilderState): CriterionInput[] {
  const criteria: CriterionInput[] = []
  const { use } = state
  if (use.condition) criteria.push({ kind: 'condition', conditions: state.conditions, match: state.conditionMatch })
  if (use.age) criteria.push({ kind: 'age', min: whole(state.ageMin, 'Lowest age'), max: whole(state.ageMax, 'Highest age') })
  if (use.sex) criteria.push({ kind: 'sex', sexes: state.sexes })
  if (use.ethnicity) criteria.push({ kind: 'ethnicity', groups: state.groups, categories: state.categories })
  if (use['imd-quintile']) criteria.push({ kind: 'imd-quintile', quintiles: state.quintiles })
  if (use['bp-state']) criteria.push({ kind: 'bp-state', states: state.bpStates })
  if (use.priority) criteria.push({ kind: 'priority', priorities: state.priorities })
  if (use['last-reading']) {
    criteria.push({
      kind: 'last-reading',
      minMonths: whole(state.lastMin, 'At least (months)'),
      maxMonths: whole(state.lastMax, 'At most (months)'),
      includeNoReading: state.includeNoReading
    })
  }
  if (use['ltc-count']) criteria.push({ kind: 'ltc-count', atLeast: whole(state.ltcAtLeast, 'At least (conditions)') ?? 1 })
  if (use.invitation) criteria.push({ kind: 'invitation', states: state.invitationStates })
  return criteria
}

/** The builder filled from a saved custom cohort, to change it (saved as a new version). */
export function fromDefinition(info: DefinitionInfo, defaultExclusions: string[]): BuilderState {
  const state = emptyBuilderState(defaultExclusions)
  state.name = info.name
  state.description = info.custom && !info.description.startsWith('Custom cohort:') ? info.description : ''
  state.exclusions = info.exclusions.map((e) => e.rule)
  const text = (n: number | null) => (n === null ? '' : String(n))
  for (const c of info.custom?.criteria ?? []) {
    state.use[c.kind] = true
    switch (c.kind) {
      case 'condition':
        state.conditions = [...c.conditions]
        state.conditionMatch = c.match
        break
      case 'age':
        state.ageMin = text(c.min)
        state.ageMax = text(c.max)
        break
      case 'sex':
        state.sexes = [...c.sexes]
        break
      case 'ethnicity':
        state.groups = [...c.groups]
        state.categories = [...c.categories]
        break
      case 'imd-quintile':
        state.quintiles = [...c.quintiles]
        break
      case 'bp-state':
        state.bpStates = [...c.states]
        break
      case 'priority':
        state.priorities = [...c.priorities]
        break
      case 'last-reading':
        state.lastMin = text(c.minMonths)
        state.lastMax = text(c.maxMonths)
        state.includeNoReading = c.includeNoReading
        break
      case 'ltc-count':
        state.ltcAtLeast = String(c.atLeast)
        break
      case 'invitation':
        state.invitationStates = [...c.states]
        break
    }
  }
  return state
}

/**
 * A built-in cohort as a starting point for a custom one (a practice copies a built-in
 * cohort and changes its parameters): each built-in criterion has a custom equivalent, with the settings chosen.
 */
export function fromBuiltIn(info: DefinitionInfo, settings: { includeMixedBlackCategories: boolean; conditionThreshold: number }): BuilderState {
  const state = emptyBuilderState(info.exclusions.map((e) => e.rule))
  state.name = `${info.name} (copy)`
  for (const { rule } of info.criteria) {
    if (rule === 'register.hypertension') {
      state.use.condition = true
      state.conditions = ['HYP']
    } else if (rule === 'age.adult') {
      state.use.age = true
      state.ageMin = '18'
      state.ageMax = ''
    } else if (rule === 'bp.above-target' || rule === 'bp.none-recent') {
      state.use['bp-state'] = true
      state.bpStates = [rule === 'bp.above-target' ? 'above-target' : 'no-reading']
    } else if (rule === 'ethnicity.black-african-caribbean') {
      state.use.ethnicity = true
      state.categories = settings.includeMixedBlackCategories ? ['M', 'N', 'P', 'D', 'E'] : ['M', 'N', 'P']
    } else if (rule === 'ltc.multiple') {
      state.use['ltc-count'] = true
      state.ltcAtLeast = String(settings.conditionThreshold)
    }
  }
  return state
}
