// `clinic-recall import FILE…`: one or more export files into the practice database (several SystmOne
// files form one import).
import { Option, type Command } from 'commander'
import type { CliCommandDeps } from './cli-command-deps'

export function addImportCommand(program: Command, { open, print }: CliCommandDeps): void {
  program
    .command('import')
    .description('import one or more export files (several SystmOne files form one import)')
    .argument('<files...>', 'CSV or Excel (.xlsx) export files')
    .addOption(new Option('--format <format>', 'export format').choices(['auto', 'emis', 'systmone']).default('auto'))
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: { format: 'auto' | 'emis' | 'systmone'; json?: boolean }) => {
      // Loaded when the command runs, not when the CLI starts (command-runtime.ts).
      const [{ importFiles }, { readWorkbooks }, { isEngineLimit, readerStopped }, { readExportFromDisk }] = await Promise.all([
        import('../import/import-service'),
        import('../import/read/xlsx-rows'),
        import('../import/read/reader-stopped'),
        import('../import/read/read-export-from-disk')
      ])
      const loaded = files.map(readExportFromDisk)
      // Saved column mappings apply here too; a workbook (.xlsx) is read first (asynchronously).
      // The CLI reads in its own process; a file that pushes the engine past its limits (a
      // RangeError) is told as one plain line naming the files, like every other refusal.
      let result: ReturnType<typeof importFiles>
      try {
        result = importFiles(open(), await readWorkbooks(loaded), opts.format)
      } catch (error) {
        throw isEngineLimit(error) ? readerStopped(loaded.map((f) => f.name)) : error
      }
      print(!!opts.json, result, () =>
        result.alreadyImported
          ? `Already imported (import ${result.importId}): nothing changed.`
          : [
              `Import ${result.importId}: ${result.format} export, ${result.rowsRead} rows read.`,
              `Patients added ${result.patientsAdded}, updated ${result.patientsUpdated}; readings added ${result.readingsAdded}; coded events added ${result.eventsAdded}.`,
              `Rejected rows: ${result.rejected.length}`,
              ...result.rejected.slice(0, 50).map((r) => `  ${r.file} row ${r.row}, ${r.column}: ${r.reason}`),
              ...(result.rejected.length > 50 ? [`  … and ${result.rejected.length - 50} more (use --json for all)`] : []),
              ...(result.conflicts.length > 0 ? [`Conflicting rows (imported, check the record): ${result.conflicts.length}`] : []),
              ...(result.patientsNotInExport > 0 ? [`Not in this export (kept, marked "not in latest export"): ${result.patientsNotInExport}`] : []),
              ...(result.backupFile ? [`Backup taken first: backups/${result.backupFile}`] : []),
              ...(result.termOnlyMatches > 0
                ? [`${result.termOnlyMatches} events matched by term only: check them with \`clinic-recall codes unmatched\``]
                : []),
              ...(result.unmatchedCodes > 0
                ? [`${result.unmatchedCodes} codes matched no code list (their rows were not imported): \`clinic-recall codes unmatched\``]
                : []),
              ...result.warnings.map((w) => `Warning: ${w}`)
            ].join('\n')
      )
    })
}
