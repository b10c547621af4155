// `clinic-recall codes list` and `clinic-recall codes unmatched`: the Code library from the command
// line. The `--json` keys are public like every other command's: add keys, never rename or drop one.
import type { Command } from 'commander'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { OperationInput, OperationOutput } from '../../shared/contract'
import type { OperationName } from '../../shared/operation-names'
import type { ServiceContext } from '../context'
import { assertSafeOutputPath } from '../files/output-path-guard'
import { fileWriteError, writeFileAtomically } from '../files/write-file-atomically'

export interface CodesCommandDeps {
  call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>>
  print(json: boolean, value: unknown, text: () => string): void
  /** The open database, for checking an output path against it and its backups. */
  open(): ServiceContext
}

export function addCodesCommands(program: Command, { call, print, open }: CodesCommandDeps): void {
  const codes = program.command('codes').description('the code lists the app ships, and the codes in your data that matched none')

  codes
    .command('list')
    .description('each code list: cluster, what it is for, source and version, number of codes, file')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { lists } = await call('codes.library', {})
      print(!!opts.json, { lists }, () =>
        [
          `${lists.length} code lists (${lists.filter((l) => l.kind === 'starter').length} starter lists, not the NHS refsets):`,
          ...lists.map((l) => `  ${l.cluster.padEnd(14)} ${String(l.codes).padStart(5)} codes  ${l.purpose}. ${l.source}. File: ${l.file}`)
        ].join('\n')
      )
    })

  codes
    .command('unmatched')
    .description('codes in the imported data that matched no code list (most events first)')
    .option('--out <file>', 'also write them as a CSV file')
    .option('--json', 'print JSON')
    .action(async (opts: { out?: string; json?: boolean }) => {
      // Refused before anything is read: the CSV must never land on the database or a backup.
      const target = opts.out ? assertSafeOutputPath(open(), opts.out, '--out') : null
      const found = await call('codes.unmatched', {})
      let written: string | null = null
      if (target) {
        const file = await call('codes.unmatchedCsv', {})
        try {
          mkdirSync(dirname(target), { recursive: true })
        } catch (error) {
          throw fileWriteError(target, error)
        }
        writeFileAtomically(target, Buffer.from(file.contentBase64, 'base64'))
        written = target
      }
      const json = {
        codes: found.codes.map((c) => ({
          code: c.code,
          term: c.term,
          events: c.events,
          patients: c.patients,
          terms: c.terms,
          firstImportId: c.firstImport.importId,
          lastImportId: c.lastImport.importId
        })),
        termOnly: found.termOnly.map((c) => ({ code: c.code, term: c.term, matchedAs: c.matchedAs, events: c.events, patients: c.patients })),
        out: written
      }
      print(!!opts.json, json, () =>
        [
          `Codes that matched no code list: ${found.codes.length}`,
          ...found.codes
            .slice(0, 100)
            .map((c) => `  ${(c.code || '(no code)').padEnd(18)} ${String(c.events).padStart(6)} events ${String(c.patients).padStart(6)} patients  ${c.term}`),
          ...(found.codes.length > 100 ? [`  … and ${found.codes.length - 100} more (use --json or --out for all)`] : []),
          `Codes read from their term only (check them): ${found.termOnly.length}`,
          ...found.termOnly
            .slice(0, 100)
            .map((c) => `  ${(c.code || '(no code)').padEnd(18)} ${String(c.events).padStart(6)} events  ${c.term} → ${c.matchedAsText}`),
          ...(written ? [`CSV: ${written}`] : [])
        ].join('\n')
      )
    })
}
