// The cohort switches of `cohort build` (--include-mixed, --threshold, --invited-within, --without)
// as the `params` of `cohorts.build` — the parameters the cohorts screen sends and the snapshot
// stores — and the exclusion rules `cohort rules` lists. A script must get exactly the cohort the
// pharmacist sees, so a switch the screen would not offer for this definition (a threshold for a
// cohort that counts no conditions, a QOF-only exclusion in NICE mode, an exclusion the definition
// does not have) is refused rather than stored with no effect.
import type { OperationInput, OperationOutput } from '../../shared/contract'
import { cohortRules } from '../../shared/domain/cohort-rules'
import { exclusionRuleIds } from '../../shared/domain/custom-cohort-definition'
import { BadInput } from './bad-input'
import type { CliCommandDeps } from './cli-command-deps'
import { numberOption } from './option-values'

type DefinitionInfo = OperationOutput<'cohorts.definitions'>['definitions'][number]
type BuildInput = OperationInput<'cohorts.build'>
type BuildParams = NonNullable<BuildInput['params']>
type Snapshot = OperationOutput<'cohorts.build'>

export interface CohortKnobOptions {
  includeMixed?: boolean
  threshold?: string
  invitedWithin?: string
  without?: string[]
}

const RECENTLY_INVITED = 'exclude.recently-invited'

/** Where each parameter comes from on the command line, for error messages. */
export const cohortBuildOptionNames: Readonly<Record<string, string>> = {
  definition: 'DEFINITION',
  asOf: '--as-of',
  mode: '--mode',
  'params.includeMixedBlackCategories': '--include-mixed',
  'params.conditionThreshold': '--threshold',
  'params.invitedWithinDays': '--invited-within',
  'params.disabledExclusions': '--without'
}

/**
 * The `params` for this build: only the switches given (the rest are the definition's own, as on
 * the screen, whose defaults are the same), or undefined when none is. Throws BadInput naming the
 * option for a value the contract refuses or a switch this definition does not have.
 */
export function cohortBuildParams(
  definition: DefinitionInfo,
  mode: 'qof' | 'nice',
  opts: CohortKnobOptions,
  checkInput: CliCommandDeps['checkInput']
): BuildParams | undefined {
  const params: BuildParams = {}
  const rulesHint = `see "clinic-recall cohort rules ${definition.id}"`

  if (opts.includeMixed) {
    if (!definition.switches.includeMixedBlackCategories) {
      throw new BadInput(`--include-mixed: ${definition.id} does not select by ethnicity, so there are no mixed categories to include`)
    }
    params.includeMixedBlackCategories = true
  }
  if (opts.threshold !== undefined) {
    if (!definition.switches.conditionThreshold) {
      throw new BadInput(`--threshold: ${definition.id} does not count long-term conditions (time-to-talk does)`)
    }
    params.conditionThreshold = numberOption(opts.threshold, '--threshold')
  }

  const without: string[] = []
  for (const rule of opts.without ?? []) {
    const exclusion = definition.exclusions.find((e) => e.rule === rule)
    if (!exclusion) throw new BadInput(`--without ${rule}: not an exclusion of ${definition.id}; ${rulesHint}`)
    // The screen greys these out in NICE mode: they are never applied there, so there is nothing to switch off.
    if (exclusion.qofOnly && mode === 'nice') throw new BadInput(`--without ${rule}: applies in QOF mode only, and is not applied in NICE mode anyway`)
    if (!without.includes(rule)) without.push(rule)
  }
  if (without.length > 0) params.disabledExclusions = without

  if (opts.invitedWithin !== undefined) {
    if (!definition.exclusions.some((e) => e.rule === RECENTLY_INVITED)) {
      throw new BadInput(`--invited-within: ${definition.id} has no "${RECENTLY_INVITED}" exclusion; ${rulesHint}`)
    }
    if (without.includes(RECENTLY_INVITED)) {
      throw new BadInput(`--invited-within: the "${RECENTLY_INVITED}" exclusion is switched off by --without ${RECENTLY_INVITED}`)
    }
    params.invitedWithinDays = numberOption(opts.invitedWithin, '--invited-within')
  }

  if (Object.keys(params).length === 0) return undefined
  checkInput('cohorts.build', { definition: definition.id, mode, params }, cohortBuildOptionNames)
  return params
}

/** Excluded patients whose current BP is severe: the screen's "Severe readings — excluded, please check". */
export function severeExcluded(snapshot: Pick<Snapshot, 'excluded'>): { nhsNumber: string; rule: string | null }[] {
  return snapshot.excluded.filter((e) => e.severe).map((e) => ({ nhsNumber: e.nhsNumber, rule: e.rule }))
}

export interface ExclusionRuleRow {
  id: string
  label: string
  source: string
  qofOnly: boolean
}

/** A definition's exclusions in the order they are tried; without one, every exclusion rule there is. */
export function exclusionRules(definition?: DefinitionInfo): ExclusionRuleRow[] {
  if (definition) return definition.exclusions.map((e) => ({ id: e.rule, label: e.label, source: e.source, qofOnly: e.qofOnly }))
  return exclusionRuleIds().map((id) => {
    const rule = cohortRules[id]
    return { id: rule.id, label: rule.label, source: rule.source, qofOnly: rule.qofOnly === true }
  })
}

export function exclusionRulesTable(rows: readonly ExclusionRuleRow[]): string {
  const header = { id: 'RULE (for --without)', label: 'EXCLUSION', mode: 'MODES', source: 'SOURCE' }
  const lines = [header, ...rows.map((r) => ({ id: r.id, label: r.label, mode: r.qofOnly ? 'QOF only' : 'QOF, NICE', source: r.source }))]
  const width = (key: 'id' | 'label' | 'mode') => Math.max(...lines.map((l) => l[key].length))
  const [idWidth, labelWidth, modeWidth] = [width('id'), width('label'), width('mode')]
  return lines.map((l) => `${l.id.padEnd(idWidth)}  ${l.label.padEnd(labelWidth)}  ${l.mode.padEnd(modeWidth)}  ${l.source}`.trimEnd()).join('\n')
}

/** The switches a build used, in words, for the human-readable output ('' when all are the defaults). */
export function describeBuildParams(params: BuildParams | undefined): string {
  if (!params) return ''
  return [
    params.includeMixedBlackCategories ? 'mixed D/E included' : null,
    params.conditionThreshold !== undefined ? `at least ${params.conditionThreshold} conditions` : null,
    params.invitedWithinDays !== undefined ? `invited within ${params.invitedWithinDays} days excludes` : null,
    params.disabledExclusions?.length ? `switched off: ${params.disabledExclusions.join(', ')}` : null
  ]
    .filter((part): part is string => part !== null)
    .join('; ')
}
