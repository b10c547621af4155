// `clinic-recall settings show|set`: the practice details every letter and SMS carries, the same
// record as Settings → Practice details. Invitations are refused while a required detail is still a
// placeholder or blank, and the refusal names the `settings set` option that fills it.
// The `--json` keys are public: add keys, never rename or drop one.
import { CommanderError, type Command } from 'commander'
import type { PracticeSettingsT } from '../../shared/contract'
import { practiceDetailsProblems } from '../../shared/domain/practice-settings'
import type { CliCommandDeps } from './cli-command-deps'

interface SetOptions {
  practiceName?: string
  address?: string
  phone?: string
  email?: string
  website?: string
  bookingHours?: string
  signatory?: string
  clinicLocation?: string
  json?: boolean
}

/** "1 River Road, London, SE1 1AA" or one line per row: each comma or line break starts a line. */
export function addressLinesOf(text: string): string[] {
  return text
    .split(/[\n\r,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** The public JSON: every setting, and what invitations still need filled in. */
function settingsJson(settings: PracticeSettingsT) {
  const toFill = practiceDetailsProblems(settings).map((p) => ({ field: p.field, label: p.label, option: p.cliOption, problem: p.problem }))
  return { ...settings, readyForInvitations: toFill.length === 0, toFill }
}

function settingsText(settings: PracticeSettingsT): string {
  const toFill = practiceDetailsProblems(settings)
  const row = (label: string, value: string) => `${label.padEnd(18)} ${value === '' ? '(blank)' : value}`
  return [
    row('Practice name:', settings.practiceName),
    row('Address:', settings.addressLines.join(', ')),
    row('Phone:', settings.phone),
    row('Email:', settings.email),
    row('Website:', settings.website),
    row('How to book:', settings.bookingInstructions),
    row('Letters signed by:', settings.signatory),
    row('Clinic location:', settings.clinicLocation),
    toFill.length === 0
      ? 'Ready for invitations.'
      : `Not ready for invitations: fill ${toFill.map((p) => `${p.label} (${p.cliOption})`).join(', ')} with "clinic-recall settings set".`
  ].join('\n')
}

export function addSettingsCommands(program: Command, { call, print, checkInput }: CliCommandDeps): void {
  const settings = program.command('settings').description('the practice details printed in every letter and SMS (Settings → Practice details)')

  settings
    .command('show')
    .description('the practice details, and which ones invitations still need')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const current = await call('settings.get', {})
      print(!!opts.json, settingsJson(current), () => settingsText(current))
    })

  settings
    .command('set')
    .description('change practice details; the others stay as they are')
    .option('--practice-name <text>', 'the practice name, as the letterhead and SMS give it')
    .option('--address <text>', 'the practice address: a comma or a line break starts each line (at most 6)')
    .option('--phone <number>', 'the number patients call to book')
    .option('--email <address>', 'the practice email address (optional on letters)')
    .option('--website <url>', 'the practice website (optional on letters)')
    .option('--booking-hours <text>', 'how and when to book, one or two sentences printed in every letter, e.g. "Call us on 020 7946 0000, 10am to 4pm"')
    .option('--signatory <text>', 'who signs the letters, e.g. "Practice Pharmacist"')
    .option('--clinic-location <text>', 'where the clinic is held, printed in letters')
    .option('--json', 'print JSON')
    .action(async (opts: SetOptions) => {
      const changes: Partial<PracticeSettingsT> = {
        ...(opts.practiceName !== undefined ? { practiceName: opts.practiceName.trim() } : {}),
        ...(opts.address !== undefined ? { addressLines: addressLinesOf(opts.address) } : {}),
        ...(opts.phone !== undefined ? { phone: opts.phone.trim() } : {}),
        ...(opts.email !== undefined ? { email: opts.email.trim() } : {}),
        ...(opts.website !== undefined ? { website: opts.website.trim() } : {}),
        ...(opts.bookingHours !== undefined ? { bookingInstructions: opts.bookingHours.trim() } : {}),
        ...(opts.signatory !== undefined ? { signatory: opts.signatory.trim() } : {}),
        ...(opts.clinicLocation !== undefined ? { clinicLocation: opts.clinicLocation.trim() } : {})
      }
      if (Object.keys(changes).length === 0) {
        throw new CommanderError(
          2,
          'clinic-recall.usage',
          'settings set needs at least one of --practice-name, --address, --phone, --email, --website, --booking-hours, --signatory, --clinic-location'
        )
      }
      const next = { ...(await call('settings.get', {})), ...changes }
      checkInput('settings.update', next, {
        practiceName: '--practice-name',
        addressLines: '--address',
        // A line too long is reported at its index: the option it came from is still --address.
        ...Object.fromEntries(next.addressLines.map((_, i) => [`addressLines.${i}`, '--address'])),
        phone: '--phone',
        email: '--email',
        website: '--website',
        bookingInstructions: '--booking-hours',
        signatory: '--signatory',
        clinicLocation: '--clinic-location'
      })
      const saved = await call('settings.update', next)
      print(!!opts.json, settingsJson(saved), () => `Practice details saved.\n${settingsText(saved)}`)
    })
}
