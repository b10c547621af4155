// `clinic-recall audit`: the BP outcome and uptake funnel, and optionally the audit workbook.
import type { Command } from 'commander'
import { copyDocumentTo } from '../files/copy-documents-out'
import { assertSafeOutputPath } from '../files/output-path-guard'
import { dateOption } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

export function addAuditCommand(program: Command, { call, print, open }: CliCommandDeps): void {
  program
    .command('audit')
    .description('BP outcome and uptake funnel; optionally the audit workbook')
    .option('--as-of <date>', 'YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .option('--out <file>', 'write the audit workbook (.xlsx) here')
    .option('--pseudonymised', 'no names, NHS numbers or dates of birth; small numbers suppressed')
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; out?: string; pseudonymised?: boolean; json?: boolean }) => {
      // Refused before anything is exported: the workbook must never land on the database or a backup.
      const target = opts.out ? assertSafeOutputPath(open(), opts.out, '--out') : null
      const summary = await call('audit.summary', { asOf: opts.asOf })
      let workbook: string | null = null
      if (target) {
        const file = await call('audit.exportWorkbook', { asOf: opts.asOf, pseudonymised: !!opts.pseudonymised })
        workbook = copyDocumentTo(open(), file.fileId, target, '--out')
      }
      const json = { asOf: summary.asOf, bpOutcome: summary.bpOutcome, funnel: summary.funnel, workbook }
      const o = summary.bpOutcome
      const f = summary.funnel
      print(!!opts.json, json, () =>
        [
          `Audit as of ${summary.asOf}`,
          `Patients with a baseline and a follow-up reading: ${o.patients}`,
          `  reduced systolic: ${o.reduced} (${o.reducedPercent}%)  no change: ${o.unchanged} (${o.unchangedPercent}%)  increased: ${o.increased} (${o.increasedPercent}%)`,
          `Funnel: eligible ${f.eligible} → invited ${f.invited} → booked ${f.booked} → attended ${f.attended} → followed up ${f.followedUp}`,
          ...(workbook ? [`Workbook: ${workbook}`] : [])
        ].join('\n')
      )
    })
}
