// `clinic-recall programme create|list|close|reopen`: the clinic projects a practice runs and
// reports on one by one. `cohort build --programme`, `clinic create --programme` and
// `audit --programme` take the ids listed here.
import { CommanderError, Option, type Command } from 'commander'
import type { OperationOutput } from '../../shared/contract'
import { dateOption, numberOption, positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

type Programme = OperationOutput<'programmes.create'>

/** The public JSON of one programme: `cohort` is the definition id `cohort build` takes. */
function programmeJson(p: Programme) {
  return {
    programmeId: p.programmeId,
    name: p.name,
    cohort: p.definition,
    outcome: p.outcome,
    status: p.status,
    clinicTypes: p.clinicTypes,
    templateIds: p.templateIds,
    followUpWeeks: p.followUpWeeks,
    startDate: p.startDate
  }
}

interface CreateOptions {
  name: string
  cohort: string
  clinicType?: string[]
  template?: string[]
  outcome?: 'bp' | 'wellbeing'
  followUpWeeks?: string
  start?: string
  json?: boolean
}

export function addProgrammeCommands(program: Command, { call, print, checkInput }: CliCommandDeps): void {
  const programme = program.command('programme').description('programmes: each clinic project, run and audited on its own')

  programme
    .command('create')
    .description('start a programme')
    .requiredOption('--name <name>', 'what the practice calls it, e.g. "Pharmacist BP review 2026"')
    .requiredOption('--cohort <definition>', 'its cohort definition: a built-in id (see "cohort build --help") or a custom cohort id (custom-3)')
    .option('--clinic-type <type>', 'a clinic type it books into (repeatable; default follows the cohort)', (v: string, previous: string[] = []) => [
      ...previous,
      v
    ])
    .option('--template <id>', 'a letter template it invites with (repeatable; default follows the cohort)', (v: string, previous: string[] = []) => [
      ...previous,
      v
    ])
    .addOption(new Option('--outcome <measure>', 'what its audit reports (default follows the cohort)').choices(['bp', 'wellbeing']))
    .option('--follow-up-weeks <n>', "weeks from a visit to its follow-up, 4–12 (default: the clinic type's)")
    .option('--start <date>', 'start date YYYY-MM-DD (default today)', (v) => dateOption(v, '--start'))
    .option('--json', 'print JSON')
    .action(async (opts: CreateOptions) => {
      const { definitions } = await call('cohorts.definitions', {})
      const definition = definitions.find((d) => d.id === opts.cohort.trim())
      if (!definition) {
        throw new CommanderError(2, 'clinic-recall.usage', `Unknown cohort definition "${opts.cohort}". Use one of: ${definitions.map((d) => d.id).join(', ')}`)
      }
      const input = {
        name: opts.name,
        definition: definition.id,
        ...(opts.clinicType ? { clinicTypes: opts.clinicType } : {}),
        ...(opts.template ? { templateIds: opts.template } : {}),
        ...(opts.outcome ? { outcome: opts.outcome } : {}),
        ...(opts.followUpWeeks !== undefined ? { followUpWeeks: numberOption(opts.followUpWeeks, '--follow-up-weeks') } : {}),
        ...(opts.start ? { startDate: opts.start } : {})
      }
      checkInput('programmes.create', input, {
        name: '--name',
        clinicTypes: '--clinic-type',
        templateIds: '--template',
        followUpWeeks: '--follow-up-weeks',
        startDate: '--start'
      })
      const created = await call('programmes.create', input)
      print(
        !!opts.json,
        programmeJson(created),
        () =>
          `Programme ${created.programmeId} started: ${created.name} (cohort ${created.definition}; outcome ${created.outcome === 'bp' ? 'blood pressure' : 'wellbeing'}).`
      )
    })

  programme
    .command('list')
    .description('every programme with its progress')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { programmes } = await call('programmes.list', {})
      const json = { programmes: programmes.map((p) => ({ ...programmeJson(p), progress: p.progress })) }
      print(!!opts.json, json, () =>
        programmes.length === 0
          ? 'No programmes yet. Start one with "programme create", or build a cohort (one is started for it).'
          : programmes
              .map(
                (p) =>
                  `${p.programmeId}  ${p.name}  [${p.status}]  cohort ${p.definition}; latest build ${p.progress.latestMembers ?? 0} members; ` +
                  `invited ${p.progress.invited}, booked ${p.progress.booked}, attended ${p.progress.attended}`
              )
              .join('\n')
      )
    })

  for (const [command, status, verb] of [
    ['close', 'closed', 'Closed'],
    ['reopen', 'active', 'Reopened']
  ] as const) {
    programme
      .command(command)
      .description(status === 'closed' ? 'close a programme: no new builds, batches or clinics; its history and audit stay' : 'reopen a closed programme')
      .argument('<id>', 'programme id (see "programme list")')
      .option('--json', 'print JSON')
      .action(async (id: string, opts: { json?: boolean }) => {
        const changed = await call('programmes.setStatus', { programmeId: positiveInt(id, 'programme id'), status })
        print(!!opts.json, programmeJson(changed), () => `${verb} programme ${changed.programmeId}: ${changed.name}.`)
      })
  }
}
