// `clinic-recall followups due`: follow-ups due this week and overdue, and those met by a later reading.
import type { Command } from 'commander'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { dateOption } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

export function addFollowUpCommands(program: Command, { call, print }: CliCommandDeps): void {
  const followups = program.command('followups').description('follow-ups')
  followups
    .command('due')
    .description('follow-ups due this week and overdue')
    .option('--as-of <date>', 'YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; json?: boolean }) => {
      const due = await call('followups.due', { asOf: opts.asOf })
      const json = {
        asOf: due.asOf,
        due: due.due.map((d) => ({
          nhsNumber: d.nhsNumber,
          dueOn: d.dueOn,
          reason: d.reason,
          overdue: d.overdue,
          name: d.name,
          visitDate: d.visitDate,
          bookedFor: d.bookedFor
        })),
        // Follow-ups met by a later reading (a clinic visit or an imported reading), newest first.
        done: due.done.map((d) => ({
          nhsNumber: d.nhsNumber,
          visitDate: d.visitDate,
          readingDate: d.reading.date,
          bp: `${d.reading.systolic}/${d.reading.diastolic}`,
          source: d.readingSource
        }))
      }
      print(!!opts.json, json, () =>
        [
          `Follow-ups due as of ${due.asOf}: ${due.due.length}`,
          ...due.due.map((d) => `  ${d.dueOn}${d.overdue ? ' OVERDUE' : ''}  ${formatNhsNumber(d.nhsNumber)}  ${d.name}: ${d.reason}`)
        ].join('\n')
      )
    })
}
