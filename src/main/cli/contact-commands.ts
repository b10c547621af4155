// `clinic-recall contact set`: change a patient's contact preferences as the screen does, keeping
// what is not given as recorded.
import { CommanderError, type Command } from 'commander'
import type { OperationOutput } from '../../shared/contract'
import { checkNhsNumber, formatNhsNumber } from '../../shared/domain/nhs-number'
import { BadInput } from './bad-input'
import { describeInterpreter, interpreterChange } from './contact-interpreter'
import type { CliCommandDeps } from './cli-command-deps'

export function addContactCommands(program: Command, { call, print }: CliCommandDeps): void {
  const contact = program.command('contact').description('contact preferences recorded in the app')
  contact
    .command('set')
    .description("change a patient's contact preferences; what is not given stays as recorded")
    .requiredOption('--nhs <number>', 'NHS number (any spacing)')
    // Each positive before its --no- form: commander gives a lone --no-x a default of true, and a
    // preference not given must stay as recorded.
    .option('--contact', 'contact permitted again')
    .option('--no-contact', 'no contact permitted: left out of every cohort and invitation')
    .option('--sms', 'SMS allowed again')
    .option('--no-sms', 'the patient has declined SMS: letters instead')
    .option('--large-print', 'letters in large print')
    .option('--no-large-print', 'letters in standard print')
    .option('--interpreter <language>', 'an interpreter is needed in this language (wins over the export while recorded)')
    .option('--no-interpreter', "remove the interpreter recorded here: the export's main language and interpreter flag apply again")
    .option('--json', 'print JSON')
    .action(async (opts: { nhs: string; contact?: boolean; sms?: boolean; largePrint?: boolean; interpreter?: string | false; json?: boolean }) => {
      if (opts.contact === undefined && opts.sms === undefined && opts.largePrint === undefined && opts.interpreter === undefined) {
        throw new CommanderError(
          2,
          'clinic-recall.usage',
          'contact set needs at least one of --no-contact, --contact, --no-sms, --sms, --large-print, --no-large-print, --interpreter LANGUAGE, --no-interpreter'
        )
      }
      const interpreterLanguage = interpreterChange(opts.interpreter)
      const check = checkNhsNumber(opts.nhs)
      if (!check.valid) throw new BadInput(`--nhs: ${check.reason}`)
      let current: OperationOutput<'contacts.get'>
      try {
        current = await call('contacts.get', { nhsNumber: check.nhsNumber })
      } catch (error) {
        if (error instanceof BadInput && error.code === 'not_found')
          throw new BadInput(`--nhs ${formatNhsNumber(check.nhsNumber)}: no patient with this NHS number`)
        throw error
      }
      // As the screen does: the recorded preferences with only the given ones changed.
      const saved = await call('contacts.setPreferences', {
        nhsNumber: current.nhsNumber,
        smsDeclined: opts.sms === undefined ? current.smsDeclined : !opts.sms,
        largePrint: opts.largePrint ?? current.largePrint,
        preferredChannel: current.preferredChannel,
        noContact: opts.contact === undefined ? current.noContact : !opts.contact,
        interpreterLanguage
      })
      const json = {
        nhsNumber: saved.nhsNumber,
        name: saved.name,
        noContact: saved.noContact,
        smsDeclined: saved.smsDeclined,
        largePrint: saved.largePrint,
        preferredChannel: saved.preferredChannel,
        mainLanguage: saved.mainLanguage,
        interpreterRequired: saved.interpreterRequired,
        interpreterLanguage: saved.interpreterLanguage,
        languageSource: saved.languageSource,
        exportMainLanguage: saved.exportMainLanguage,
        exportInterpreterRequired: saved.exportInterpreterRequired
      }
      print(!!opts.json, json, () =>
        [
          `Contact preferences for ${formatNhsNumber(saved.nhsNumber)} ${saved.name}:`,
          `  contact: ${saved.noContact ? 'NOT permitted (left out of every cohort)' : 'permitted'}; SMS: ${saved.smsDeclined ? 'declined' : 'allowed'}; large print: ${saved.largePrint ? 'yes' : 'no'}; preferred channel: ${saved.preferredChannel}`,
          describeInterpreter(saved)
        ].join('\n')
      )
    })
}
