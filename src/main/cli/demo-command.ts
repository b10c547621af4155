// `clinic-recall demo`: a synthetic practice export run through the whole workflow, into its own
// database in --out unless --db or CLINIC_RECALL_DB says otherwise.
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

export function addDemoCommand(program: Command, deps: CliCommandDeps): void {
  const { open, print, io } = deps
  program
    .command('demo')
    .description('generate a synthetic practice export and run the whole workflow end to end')
    .option('--out <dir>', 'folder for the export, letters and workbook', 'clinic-recall-demo')
    .option('--patients <n>', 'number of synthetic patients', (v) => positiveInt(v, '--patients'), 300)
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; patients: number; json?: boolean }) => {
      const outDir = resolve(opts.out)
      const dbOption = deps.dbOption() ?? io.env.CLINIC_RECALL_DB
      // The demo never touches the practice's real database unless told to: by default it uses its own file in --out.
      const context = open({ path: dbOption ?? join(outDir, 'demo.sqlite'), dailyBackup: dbOption !== undefined })
      // Loaded when the command runs, not when the CLI starts (command-runtime.ts).
      const { runDemo } = await import('../demo/run-demo')
      const report = await runDemo(context, { outDir, patients: opts.patients })
      print(!!opts.json, report, () => report.lines.join('\n'))
    })
}
