// `clinic-recall invite COHORT_ID`: an invitation batch (letters, SMS upload, phone list, batch
// sheet), optionally copied into a folder.
import { CommanderError, type Command } from 'commander'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { todayIso } from '../context'
import { documentPath } from '../documents/document-store'
import { copyDocumentsInto } from '../files/copy-documents-out'
import { assertSafeOutputFolder } from '../files/output-path-guard'
import { dateOption, positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

interface InviteOptions {
  attempt: number
  date?: string
  waitDays?: number
  recentDays?: number
  inviteAnyway?: boolean
  out?: string
  json?: boolean
}

function positiveIntOrZero(value: string, option: string): number {
  return value.trim() === '0' ? 0 : positiveInt(value, option)
}

export function addInviteCommand(program: Command, { call, print, open }: CliCommandDeps): void {
  program
    .command('invite')
    .description('create an invitation batch for a cohort snapshot: letters PDF and DOCX, SMS upload CSV, batch sheet')
    .argument('<cohortId>', 'cohort snapshot id', (v) => positiveInt(v, 'COHORT_ID'))
    .option('--attempt <n>', '1, 2 or 3', (v) => positiveInt(v, '--attempt'), 1)
    .option('--date <date>', 'letter date YYYY-MM-DD (default today)', (v) => dateOption(v, '--date'))
    .option('--wait-days <n>', 'days after the previous invitation before the 2nd or 3rd may go (default 14)', (v) => positiveInt(v, '--wait-days'))
    .option('--recent-days <n>', 'leave out patients invited by another programme in this many days (default 28; 0 = no window)', (v) =>
      positiveIntOrZero(v, '--recent-days')
    )
    .option('--invite-anyway', 'invite those recently invited patients too (the batch still names the other programme)')
    .option('--out <dir>', 'also copy the files into this folder')
    .option('--json', 'print JSON')
    .action(async (cohortId: number, opts: InviteOptions) => {
      if (opts.attempt < 1 || opts.attempt > 3) throw new CommanderError(2, 'clinic-recall.usage', '--attempt must be 1, 2 or 3')
      const context = open()
      // Loaded when the command runs, not when the CLI starts (command-runtime.ts).
      const { batchFileStem } = await import('../invitations/batch-documents')
      // Refused before the batch is made: a copy must never land on the database or a backup.
      if (opts.out) assertSafeOutputFolder(context, opts.out, '--out', batchFileStem(cohortId, opts.attempt, opts.date ?? todayIso(context)))
      const batch = await call('invitations.createBatch', {
        cohortId,
        attempt: opts.attempt,
        date: opts.date,
        waitDays: opts.waitDays,
        ...(opts.recentDays !== undefined ? { recentInvitationDays: opts.recentDays } : {}),
        ...(opts.inviteAnyway ? { includeRecentlyInvited: true } : {})
      })
      const files = opts.out ? copyDocumentsInto(context, batch.files, opts.out, '--out') : batch.files.map((f) => documentPath(context, f.fileId))
      const json = {
        batchId: batch.batchId,
        letters: batch.letters,
        sms: batch.sms,
        files,
        notInvited: batch.notInvited,
        phone: batch.phone,
        largePrint: batch.largePrint,
        template: { key: batch.templateKey, version: batch.templateVersion },
        smsMessage: batch.smsMessage,
        warnings: batch.warnings,
        lettersToWriteByHand: batch.lettersToWriteByHand,
        programmeId: batch.programmeId,
        recentlyInvitedElsewhere: batch.recentlyInvitedElsewhere
      }
      print(!!opts.json, json, () =>
        [
          `Batch ${batch.batchId}: ${batch.letters} letters (${batch.largePrint} large print), ${batch.sms} SMS, ${batch.phone} to phone (attempt ${batch.attempt}).`,
          ...batch.warnings.map((w) => `  warning: ${w}`),
          ...files.map((f) => `  ${f}`),
          ...batch.notInvited.map((n) => `  not invited: ${formatNhsNumber(n.nhsNumber)} ${n.name}: ${n.reason}`)
        ].join('\n')
      )
    })
}
