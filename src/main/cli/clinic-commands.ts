// `clinic-recall clinic create|interval`, `book`, `undo-dna` and `attend`: clinic sessions, booking a
// slot, undoing a did-not-attend, and recording the visit on its form or a did-not-attend (attend-command.ts).
import type { Command } from 'commander'
import { addAttendCommand } from './attend-command'
import { dateOption, numberOption, positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

export function addClinicCommands(program: Command, deps: CliCommandDeps): void {
  const { call, print } = deps
  const clinic = program.command('clinic').description('clinic sessions')
  clinic
    .command('create')
    .description('create a clinic session with slots')
    .requiredOption('--type <type>', 'clinic type, e.g. "Hypertension review"')
    .requiredOption('--date <date>', 'YYYY-MM-DD', (v) => dateOption(v, '--date'))
    .requiredOption('--start <time>', 'HH:MM')
    .requiredOption('--slots <n>', 'number of slots', (v) => positiveInt(v, '--slots'))
    .requiredOption('--slot-minutes <m>', 'minutes per slot', (v) => positiveInt(v, '--slot-minutes'))
    .option('--clinician <name>', 'clinician running the clinic')
    .option('--location <place>', 'where the clinic is held')
    .option('--programme <id>', 'the programme the clinic runs for (see "programme list")', (v) => positiveInt(v, '--programme'))
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        type: string
        date: string
        start: string
        slots: number
        slotMinutes: number
        clinician?: string
        location?: string
        programme?: number
        json?: boolean
      }) => {
        const input = {
          type: opts.type,
          date: opts.date,
          start: opts.start,
          slots: opts.slots,
          slotMinutes: opts.slotMinutes,
          clinician: opts.clinician,
          location: opts.location,
          ...(opts.programme !== undefined ? { programmeId: opts.programme } : {})
        }
        // Refused naming the option typed (--start 24:61), not the contract's field.
        deps.checkInput('clinics.create', input, {
          type: '--type',
          date: '--date',
          start: '--start',
          slots: '--slots',
          slotMinutes: '--slot-minutes',
          clinician: '--clinician',
          location: '--location',
          programmeId: '--programme'
        })
        const created = await call('clinics.create', input)
        print(
          !!opts.json,
          created,
          () => `Clinic ${created.clinicId} created: ${opts.type} on ${opts.date} from ${opts.start}, ${opts.slots} × ${opts.slotMinutes} min.`
        )
      }
    )
  clinic
    .command('interval')
    .description('the follow-up interval proposed after a visit of this clinic type (4–12 weeks; severe BP is always 7 days)')
    .requiredOption('--type <type>', 'clinic type, e.g. "Hypertension review"')
    .requiredOption('--weeks <n>', 'weeks from the visit to the follow-up')
    .option('--json', 'print JSON')
    .action(async (opts: { type: string; weeks: string; json?: boolean }) => {
      const input = { type: opts.type, weeks: numberOption(opts.weeks, '--weeks') }
      deps.checkInput('clinics.setFollowUpInterval', input, { type: '--type', weeks: '--weeks' })
      const saved = await call('clinics.setFollowUpInterval', input)
      print(!!opts.json, saved, () => `Follow-up after a ${saved.type} visit: ${saved.weeks} weeks (severe BP: 7 days).`)
    })

  program
    .command('book')
    .description('book a patient into the first free slot of a clinic')
    .requiredOption('--clinic <id>', 'clinic id', (v) => positiveInt(v, '--clinic'))
    .requiredOption('--nhs <number>', 'NHS number')
    .option('--slot <n>', 'slot number (1 = first)', (v) => positiveInt(v, '--slot'))
    .option('--json', 'print JSON')
    .action(async (opts: { clinic: number; nhs: string; slot?: number; json?: boolean }) => {
      const booked = await call('appointments.book', {
        clinicId: opts.clinic,
        nhsNumber: opts.nhs,
        slotIndex: opts.slot === undefined ? undefined : opts.slot - 1
      })
      print(!!opts.json, booked, () => `Appointment ${booked.appointmentId} booked at ${booked.start} (slot ${booked.slotIndex + 1}).`)
    })

  // A separate command rather than an `attend` option: undoing takes no visit options, and a script
  // that records outcomes cannot undo one by a mistyped flag.
  program
    .command('undo-dna')
    .description('undo a did-not-attend recorded by mistake: the appointment is booked again (both steps stay in the activity log)')
    .requiredOption('--appointment <id>', 'appointment id', (v) => positiveInt(v, '--appointment'))
    .option('--json', 'print JSON')
    .action(async (opts: { appointment: number; json?: boolean }) => {
      const undone = await call('appointments.undoDidNotAttend', { appointmentId: opts.appointment })
      print(
        !!opts.json,
        undone,
        () => `Appointment ${undone.appointmentId} is booked again (${undone.clinicDate} at ${undone.start}): the did-not-attend was undone.`
      )
    })

  addAttendCommand(program, deps)
}
