// `clinic-recall cohort build` and `cohort rules`: build a snapshot with the same parameters the
// cohorts screen sends, and list the exclusion rules whose ids `--without` takes.
import { CommanderError, Option, type Command } from 'commander'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { type CohortKnobOptions, cohortBuildParams, describeBuildParams, exclusionRules, exclusionRulesTable, severeExcluded } from './cohort-knobs'
import { dateOption, positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

type CohortBuildOptions = CohortKnobOptions & {
  definition?: string
  asOf?: string
  mode: 'qof' | 'nice'
  json?: boolean
  explain?: boolean
  programme?: number
}

export function addCohortCommands(program: Command, { call, print, checkInput }: CliCommandDeps): void {
  // Built-ins by id; saved custom cohorts by id (custom-3) or by name, case-insensitive.
  async function findDefinition(wanted: string) {
    const { definitions } = await call('cohorts.definitions', {})
    const definition = definitions.find((d) => d.id === wanted) ?? definitions.find((d) => d.kind === 'custom' && d.name.toLowerCase() === wanted.toLowerCase())
    if (!definition) {
      throw new CommanderError(
        2,
        'clinic-recall.usage',
        `Unknown cohort definition "${wanted}". Use one of: ${definitions.map((d) => (d.kind === 'custom' ? `${d.id} ("${d.name}")` : d.id)).join(', ')}`
      )
    }
    return definition
  }

  const cohort = program.command('cohort').description('cohorts')
  cohort
    .command('build')
    .description('build a cohort snapshot')
    .argument(
      '[definition]',
      'uncontrolled-hypertension | hypertension-black-african-caribbean | time-to-talk | no-recent-bp | a saved custom cohort (id or name)'
    )
    .option('--definition <name-or-id>', 'the definition by option: a built-in id, a custom cohort id (custom-3) or its name')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .addOption(new Option('--mode <mode>', 'target mode').choices(['qof', 'nice']).default('qof'))
    .option('--include-mixed', 'also include Mixed White and Black Caribbean / African (D, E): hypertension-black-african-caribbean')
    .option('--threshold <n>', 'minimum number of long-term conditions (default 2): time-to-talk')
    .option('--invited-within <days>', 'an invitation within this many days before the as-of date excludes (default 28)')
    .option('--without <rule>', 'switch an exclusion off for this build, by its id from "cohort rules" (repeatable)', (v: string, previous: string[] = []) => [
      ...previous,
      v
    ])
    .option('--programme <id>', 'the programme this build is for (see "programme list"); default: the one open programme of this cohort', (v) =>
      positiveInt(v, '--programme')
    )
    .option('--explain', "with --json: each listed patient's full explanation (readings considered, BP chosen, target, priority rule, exclusions checked)")
    .option('--json', 'print JSON')
    .action(async (positional: string | undefined, opts: CohortBuildOptions) => {
      const wanted = (opts.definition ?? positional)?.trim()
      if (!wanted) throw new CommanderError(2, 'clinic-recall.usage', 'cohort build needs a DEFINITION (or --definition NAME)')
      const definition = await findDefinition(wanted)
      // The same parameters the cohorts screen sends, stored with the snapshot (cohort-knobs.ts).
      const params = cohortBuildParams(definition, opts.mode, opts, checkInput)
      const snapshot = await call('cohorts.build', {
        definition: definition.id,
        asOf: opts.asOf,
        mode: opts.mode,
        ...(params ? { params } : {}),
        ...(opts.explain ? { explain: true } : {}),
        ...(opts.programme !== undefined ? { programmeId: opts.programme } : {}),
        // A script gets its snapshot as it always has, empty or not; the reason is printed with it.
        saveIfEmpty: true
      })
      // Always the BP rule in words; with --explain the whole "why" (cohort-explanation.ts, loaded
      // when the command runs, not when the CLI starts: command-runtime.ts).
      const { explanationSummary } = await import('../cohorts/cohort-explanation')
      const why = (entry: (typeof snapshot.members)[number]) => ({
        bpRule: entry.bpRule,
        ...(opts.explain && entry.explanation ? { explanation: explanationSummary(entry.explanation) } : {})
      })
      const json = {
        cohortId: snapshot.cohortId,
        programmeId: snapshot.programmeId,
        definition: snapshot.definition,
        definitionVersion: snapshot.definitionVersion,
        asOf: snapshot.asOf,
        mode: snapshot.mode,
        members: snapshot.members.map((m) => ({ nhsNumber: m.nhsNumber, priority: m.priority, reasons: m.reasons, bp: m.bp, ...why(m) })),
        excluded: snapshot.excluded.map((e) => ({ nhsNumber: e.nhsNumber, rule: e.rule, severe: e.severe, reasons: e.reasons, bp: e.bp, ...why(e) })),
        // The screen's "Severe readings — excluded, please check": an exclusion never hides a severe BP.
        severeExcluded: severeExcluded(snapshot),
        exclusionCounts: snapshot.exclusionCounts,
        notEligibleCount: snapshot.notEligibleCount,
        // Everything the build used (definition defaults with the switches given), as stored with the snapshot.
        parameters: snapshot.parameters,
        // Why there are no members (nothing imported, nobody on the register, no readings, all excluded); null when there are.
        emptyReason: snapshot.emptyReason ?? null
      }
      const settings = describeBuildParams(params)
      print(!!opts.json, json, () =>
        [
          `Cohort ${snapshot.cohortId}: ${snapshot.name} as of ${snapshot.asOf} (${snapshot.mode.toUpperCase()} mode)`,
          ...(settings ? [`Settings: ${settings}`] : []),
          `Members: ${snapshot.members.length}; excluded: ${snapshot.excluded.length}; not eligible: ${snapshot.notEligibleCount}`,
          ...(snapshot.emptyReason ? [`Empty: ${snapshot.emptyReason}`] : []),
          ...snapshot.exclusionCounts.filter((c) => c.count > 0).map((c) => `  excluded by ${c.label}: ${c.count}`),
          ...snapshot.excluded.filter((e) => e.severe).map((e) => `  SEVERE reading, excluded by ${e.rule} — please check: ${formatNhsNumber(e.nhsNumber)}`),
          ...snapshot.members.slice(0, 100).map((m) => `  ${formatNhsNumber(m.nhsNumber)}  ${m.priority ?? '--'}  ${m.reasons[m.reasons.length - 1] ?? ''}`)
        ].join('\n')
      )
    })

  cohort
    .command('rules')
    .description('the exclusion rules: their ids are what "cohort build --without" takes')
    .argument('[definition]', 'only the exclusions of this definition (a built-in id, a custom cohort id or its name)')
    .option('--json', 'print JSON')
    .action(async (positional: string | undefined, opts: { json?: boolean }) => {
      const wanted = positional?.trim()
      const definition = wanted ? await findDefinition(wanted) : undefined
      const rules = exclusionRules(definition)
      print(!!opts.json, { rules }, () =>
        [
          definition ? `Exclusions of ${definition.id} (${definition.name}), in the order they are tried:` : 'Every exclusion rule:',
          exclusionRulesTable(rules)
        ].join('\n')
      )
    })
}
