// `clinic-recall backup` and `clinic-recall restore FILE`. Their `--json` keys ({"file"};
// {"restoredFrom","safetyBackup"}) are public like every other command's: add keys, never rename
// or drop one. Paths printed are absolute, so a script can use them as they are.
import type { Command } from 'commander'
import { resolve } from 'node:path'
import type { ServiceContext } from '../context'

export interface BackupCommandDeps {
  databasePath(): string
  /** Opens the database (checked, migrated) without taking the daily backup: these commands take their own. */
  open(): ServiceContext
  print(json: boolean, value: unknown, text: () => string): void
}

export function addBackupCommands(program: Command, { databasePath, open, print }: BackupCommandDeps): void {
  program
    .command('backup')
    .description('take a checked copy of the database now, into the backups folder beside it (the last 14 are kept)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      // Loaded when the command runs, not when the CLI starts (command-runtime.ts).
      const { createManualBackup } = await import('../backups/backup-service')
      const backup = createManualBackup(open())
      print(!!opts.json, { file: backup.path }, () => `Backup taken: ${backup.path}`)
    })

  program
    .command('restore')
    .description('replace the database with a backup; a safety copy of the current database is taken first')
    .argument('<file>', 'the backup to restore, for example one in the backups folder beside the database')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { restoreFromFile } = await import('../backups/backup-service')
      const outcome = await restoreFromFile({ databasePath: databasePath(), open, now: new Date() }, resolve(file))
      print(!!opts.json, { restoredFrom: outcome.restoredFrom, safetyBackup: outcome.safetyBackup }, () =>
        [
          `Restored the database from ${outcome.restoredFrom}.`,
          outcome.damagedCopy
            ? `The damaged database was kept aside as ${outcome.damagedCopy}.`
            : `The database as it was just before is kept as ${outcome.safetyBackup} (restore that to undo this).`
        ].join('\n')
      )
    })
}
