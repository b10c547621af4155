// The `clinic-recall` command line. Command names, options and `--json` keys are a public
// interface: add keys freely, never rename or drop one. Exit codes: 0 success, 1 bad input (one-line
// reason on stderr naming the file/row/field), 2 usage error.
import { Command, CommanderError, Option } from 'commander'
import { join, resolve } from 'node:path'
import { userInfo } from 'node:os'
import { AppError, type Result } from '../../shared/result'
import type { OperationName } from '../../shared/operation-names'
import { Role, User, type OperationInput, type OperationOutput } from '../../shared/contract'
import { checkNhsNumber, formatNhsNumber } from '../../shared/domain/nhs-number'
import { createAppContext } from '../app-context'
import { resolveDatabasePath } from '../data-location'
import type { ServiceContext } from '../context'
import { todayIso } from '../context'
import { dispatch } from '../dispatch'
import { createServices, appVersion } from '../services'
import { importFiles } from '../import/import-service'
import { readWorkbooks } from '../import/read/xlsx-rows'
import { isEngineLimit, readerStopped } from '../import/read/reader-stopped'
import { runDemo } from '../demo/run-demo'
import { DamagedDatabaseError } from '../backups/damaged-database'
import { databaseWarnings } from '../backups/database-warnings'
import { explanationSummary } from '../cohorts/cohort-explanation'
import { documentPath } from '../documents/document-store'
import { copyDocumentsInto, copyDocumentTo } from '../files/copy-documents-out'
import { assertSafeOutputFolder, assertSafeOutputPath } from '../files/output-path-guard'
import { batchFileStem } from '../invitations/batch-documents'
import { BadInput } from './bad-input'
import { readExportFromDisk } from '../import/read/read-export-from-disk'
import { addBackupCommands } from './backup-commands'
import { addCodesCommands } from './codes-commands'
import { describeInterpreter, interpreterChange } from './contact-interpreter'
import { type CohortKnobOptions, cohortBuildParams, describeBuildParams, exclusionRules, exclusionRulesTable, severeExcluded } from './cohort-knobs'
import { checkContractInput, dateOption, numberOption } from './option-values'
import { jsonForTerminal, terminalSafeIo } from './terminal-text'
import { unexpectedFailure } from '../unexpected-failure'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
}

type CohortBuildOptions = CohortKnobOptions & { definition?: string; asOf?: string; mode: 'qof' | 'nice'; json?: boolean; explain?: boolean }

function positiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new CommanderError(2, 'clinic-recall.usage', `${option} must be a whole number, not "${value}"`)
  return Number(value)
}

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Names and terms come from imported files: nothing they hold may steer the terminal (terminal-text.ts).
  const io = terminalSafeIo(rawIo)
  let ctx: ServiceContext | null = null
  // The database is opened only by a command that needs it (never for --help or a usage error);
  // that first open of the day takes the daily backup. Warnings about the database (on a network
  // drive) are printed once per command.
  const openContext = (dbOption: string | undefined, options: { dailyBackup?: boolean } = {}): ServiceContext => {
    if (!ctx) {
      const databasePath = resolveDatabasePath(dbOption, io.env)
      ctx = createAppContext({ databasePath, user: actingUser(), dailyBackup: options.dailyBackup ?? true })
      for (const warning of databaseWarnings(databasePath)) io.stderr(`Warning: ${warning}\n`)
    }
    return ctx
  }

  const program = new Command()
  program
    .name('clinic-recall')
    .description('Clinic Recall: import GP exports, build cohorts, invite, run clinics, follow up, audit.')
    .version(appVersion)
    .option('--db <file>', 'database file (default: the app data folder, or $CLINIC_RECALL_DB)')
    .option('--user <name>', 'who is acting, recorded with every change (default: $CLINIC_RECALL_USER or the login name)')
    .addOption(new Option('--role <role>', "the acting user's role (default: $CLINIC_RECALL_ROLE or admin)").choices(Role.options))
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(false)

  const dbOf = () => program.opts<{ db?: string }>().db

  // Every change is recorded against this user (activity log, "built by", "updated by").
  function actingUser(): OperationInput<'session.setUser'> {
    const opts = program.opts<{ user?: string; role?: string }>()
    const role = opts.role ?? io.env.CLINIC_RECALL_ROLE ?? 'admin'
    if (!Role.safeParse(role).success) {
      throw new CommanderError(2, 'clinic-recall.usage', `CLINIC_RECALL_ROLE must be one of ${Role.options.join(', ')}, not "${role}"`)
    }
    const login = opts.user === undefined && !io.env.CLINIC_RECALL_USER ? loginName(io.env) : null
    if (opts.user === undefined && !io.env.CLINIC_RECALL_USER && login === null) {
      // Nothing may be changed or exported without a name to record it against.
      throw new CommanderError(2, 'clinic-recall.usage', 'Say who you are with --user NAME (or set CLINIC_RECALL_USER): the login name could not be read')
    }
    const user = { name: opts.user ?? (io.env.CLINIC_RECALL_USER || `${login} (CLI)`), role: role as OperationInput<'session.setUser'>['role'] }
    const checked = User.safeParse(user)
    if (!checked.success) throw new BadInput(`--user "${user.name}": ${checked.error.issues[0]?.message ?? 'not a valid name'}`)
    return checked.data
  }

  async function call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const context = openContext(dbOf())
    const result = (await dispatch(createServices(context), name, input)) as Result<OperationOutput<K>>
    if (!result.ok) throw new BadInput(result.error.message, result.error.code)
    return result.value
  }

  // Built-ins by id; saved custom cohorts by id (custom-3) or by name, case-insensitive.
  async function findDefinition(wanted: string) {
    const { definitions } = await call('cohorts.definitions', {})
    const definition = definitions.find((d) => d.id === wanted) ?? definitions.find((d) => d.kind === 'custom' && d.name.toLowerCase() === wanted.toLowerCase())
    if (!definition) {
      throw new CommanderError(
        2,
        'clinic-recall.usage',
        `Unknown cohort definition "${wanted}". Use one of: ${definitions.map((d) => (d.kind === 'custom' ? `${d.id} ("${d.name}")` : d.id)).join(', ')}`
      )
    }
    return definition
  }

  const print = (json: boolean, value: unknown, text: () => string) => {
    io.stdout(json ? `${jsonForTerminal(JSON.stringify(value, null, 2))}\n` : `${text()}\n`)
  }

  program
    .command('import')
    .description('import one or more export files (several SystmOne files form one import)')
    .argument('<files...>', 'CSV or Excel (.xlsx) export files')
    .addOption(new Option('--format <format>', 'export format').choices(['auto', 'emis', 'systmone']).default('auto'))
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: { format: 'auto' | 'emis' | 'systmone'; json?: boolean }) => {
      const loaded = files.map(readExportFromDisk)
      // Saved column mappings apply here too; a workbook (.xlsx) is read first (asynchronously).
      // The CLI reads in its own process; a file that pushes the engine past its limits (a
      // RangeError) is told as one plain line naming the files, like every other refusal.
      let result: ReturnType<typeof importFiles>
      try {
        result = importFiles(openContext(dbOf()), await readWorkbooks(loaded), opts.format)
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

  const cohort = program.command('cohort').description('cohorts')
  cohort
    .command('build')
    .description('build a cohort snapshot')
    .argument(
      '[definition]',
      'uncontrolled-hypertension | hypertension-black-african-caribbean | time-to-talk | no-recent-bp | a saved custom cohort (id or name)'
    )
    .option('--definition <name-or-id>', 'the definition by option: a built-in id, a custom cohort id (custom-3) or its name')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .addOption(new Option('--mode <mode>', 'target mode').choices(['qof', 'nice']).default('qof'))
    .option('--include-mixed', 'also include Mixed White and Black Caribbean / African (D, E): hypertension-black-african-caribbean')
    .option('--threshold <n>', 'minimum number of long-term conditions (default 2): time-to-talk')
    .option('--invited-within <days>', 'an invitation within this many days before the as-of date excludes (default 28)')
    .option('--without <rule>', 'switch an exclusion off for this build, by its id from "cohort rules" (repeatable)', (v: string, previous: string[] = []) => [
      ...previous,
      v
    ])
    .option('--explain', "with --json: each listed patient's full explanation (readings considered, BP chosen, target, priority rule, exclusions checked)")
    .option('--json', 'print JSON')
    .action(async (positional: string | undefined, opts: CohortBuildOptions) => {
      const wanted = (opts.definition ?? positional)?.trim()
      if (!wanted) throw new CommanderError(2, 'clinic-recall.usage', 'cohort build needs a DEFINITION (or --definition NAME)')
      const definition = await findDefinition(wanted)
      // The same parameters the cohorts screen sends, stored with the snapshot (cohort-knobs.ts).
      const params = cohortBuildParams(definition, opts.mode, opts)
      const snapshot = await call('cohorts.build', {
        definition: definition.id,
        asOf: opts.asOf,
        mode: opts.mode,
        ...(params ? { params } : {}),
        ...(opts.explain ? { explain: true } : {})
      })
      // Always the BP rule in words; with --explain the whole "why" (cohort-explanation.ts).
      const why = (entry: (typeof snapshot.members)[number]) => ({
        bpRule: entry.bpRule,
        ...(opts.explain && entry.explanation ? { explanation: explanationSummary(entry.explanation) } : {})
      })
      const json = {
        cohortId: snapshot.cohortId,
        definition: snapshot.definition,
        definitionVersion: snapshot.definitionVersion,
        asOf: snapshot.asOf,
        mode: snapshot.mode,
        members: snapshot.members.map((m) => ({ nhsNumber: m.nhsNumber, priority: m.priority, reasons: m.reasons, bp: m.bp, ...why(m) })),
        excluded: snapshot.excluded.map((e) => ({ nhsNumber: e.nhsNumber, rule: e.rule, severe: e.severe, reasons: e.reasons, bp: e.bp, ...why(e) })),
        // The screen's "Severe readings — excluded, please check": an exclusion never hides a severe BP.
        severeExcluded: severeExcluded(snapshot),
        exclusionCounts: snapshot.exclusionCounts,
        notEligibleCount: snapshot.notEligibleCount,
        // Everything the build used (definition defaults with the switches given), as stored with the snapshot.
        parameters: snapshot.parameters
      }
      const settings = describeBuildParams(params)
      print(!!opts.json, json, () =>
        [
          `Cohort ${snapshot.cohortId}: ${snapshot.name} as of ${snapshot.asOf} (${snapshot.mode.toUpperCase()} mode)`,
          ...(settings ? [`Settings: ${settings}`] : []),
          `Members: ${snapshot.members.length}; excluded: ${snapshot.excluded.length}; not eligible: ${snapshot.notEligibleCount}`,
          ...snapshot.exclusionCounts.filter((c) => c.count > 0).map((c) => `  excluded by ${c.label}: ${c.count}`),
          ...snapshot.excluded.filter((e) => e.severe).map((e) => `  SEVERE reading, excluded by ${e.rule} — please check: ${formatNhsNumber(e.nhsNumber)}`),
          ...snapshot.members.slice(0, 100).map((m) => `  ${formatNhsNumber(m.nhsNumber)}  ${m.priority ?? '--'}  ${m.reasons[m.reasons.length - 1] ?? ''}`)
        ].join('\n')
      )
    })

  cohort
    .command('rules')
    .description('the exclusion rules: their ids are what "cohort build --without" takes')
    .argument('[definition]', 'only the exclusions of this definition (a built-in id, a custom cohort id or its name)')
    .option('--json', 'print JSON')
    .action(async (positional: string | undefined, opts: { json?: boolean }) => {
      const wanted = positional?.trim()
      const definition = wanted ? await findDefinition(wanted) : undefined
      const rules = exclusionRules(definition)
      print(!!opts.json, { rules }, () =>
        [
          definition ? `Exclusions of ${definition.id} (${definition.name}), in the order they are tried:` : 'Every exclusion rule:',
          exclusionRulesTable(rules)
        ].join('\n')
      )
    })

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

  program
    .command('invite')
    .description('create an invitation batch for a cohort snapshot: letters PDF and DOCX, SMS upload CSV, batch sheet')
    .argument('<cohortId>', 'cohort snapshot id', (v) => positiveInt(v, 'COHORT_ID'))
    .option('--attempt <n>', '1, 2 or 3', (v) => positiveInt(v, '--attempt'), 1)
    .option('--date <date>', 'letter date YYYY-MM-DD (default today)', (v) => dateOption(v, '--date'))
    .option('--wait-days <n>', 'days after the previous invitation before the 2nd or 3rd may go (default 14)', (v) => positiveInt(v, '--wait-days'))
    .option('--out <dir>', 'also copy the files into this folder')
    .option('--json', 'print JSON')
    .action(async (cohortId: number, opts: { attempt: number; date?: string; waitDays?: number; out?: string; json?: boolean }) => {
      if (opts.attempt < 1 || opts.attempt > 3) throw new CommanderError(2, 'clinic-recall.usage', '--attempt must be 1, 2 or 3')
      const context = openContext(dbOf())
      // Refused before the batch is made: a copy must never land on the database or a backup.
      if (opts.out) assertSafeOutputFolder(context, opts.out, '--out', batchFileStem(cohortId, opts.attempt, opts.date ?? todayIso(context)))
      const batch = await call('invitations.createBatch', { cohortId, attempt: opts.attempt, date: opts.date, waitDays: opts.waitDays })
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
        lettersToWriteByHand: batch.lettersToWriteByHand
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
        json?: boolean
      }) => {
        const input = {
          type: opts.type,
          date: opts.date,
          start: opts.start,
          slots: opts.slots,
          slotMinutes: opts.slotMinutes,
          clinician: opts.clinician,
          location: opts.location
        }
        // Refused naming the option typed (--start 24:61), not the contract's field.
        checkContractInput('clinics.create', input, {
          type: '--type',
          date: '--date',
          start: '--start',
          slots: '--slots',
          slotMinutes: '--slot-minutes',
          clinician: '--clinician',
          location: '--location'
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
      checkContractInput('clinics.setFollowUpInterval', input, { type: '--type', weeks: '--weeks' })
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

  program
    .command('attend')
    .description('record an attended visit with BP reading(s), or a did-not-attend')
    .requiredOption('--appointment <id>', 'appointment id', (v) => positiveInt(v, '--appointment'))
    .option('--bp <sys/dia>', 'a BP reading, e.g. 152/94 (repeat for several)', (v: string, previous: string[] = []) => [...previous, v])
    .option('--dna', 'did not attend')
    .option('--action <action>', 'medication-change | lifestyle-advice | home-bp-monitoring | referral (repeatable)', (v: string, previous: string[] = []) => [
      ...previous,
      v
    ])
    .option('--note <text>', 'free-text note')
    .option('--json', 'print JSON')
    .action(async (opts: { appointment: number; bp?: string[]; dna?: boolean; action?: string[]; note?: string; json?: boolean }) => {
      if (!!opts.dna === !!opts.bp?.length) {
        throw new CommanderError(2, 'clinic-recall.usage', 'Give either --bp SYS/DIA (one or more) or --dna')
      }
      let result: OperationOutput<'appointments.attend'>
      if (opts.dna) {
        result = await call('appointments.markDidNotAttend', { appointmentId: opts.appointment })
      } else {
        const readings = (opts.bp ?? []).map((text) => {
          const match = /^\s*(\d{2,3})\s*\/\s*(\d{2,3})\s*$/.exec(text)
          if (!match) throw new BadInput(`--bp "${text}": expected SYSTOLIC/DIASTOLIC such as 152/94`)
          return { systolic: Number(match[1]), diastolic: Number(match[2]) }
        })
        result = await call('appointments.attend', {
          appointmentId: opts.appointment,
          readings,
          actions: (opts.action ?? []) as OperationInput<'appointments.attend'>['actions'],
          note: opts.note ?? ''
        })
      }
      const json = {
        status: result.status,
        bp: result.bp ? `${result.bp.systolic}/${result.bp.diastolic}` : null,
        bpReading: result.bp,
        priority: result.priority,
        followUpDue: result.followUpDue,
        followUpReason: result.followUpReason
      }
      print(!!opts.json, json, () =>
        result.status === 'attended'
          ? `Attended: BP ${json.bp} (lowest of the readings). Follow-up due ${result.followUpDue}: ${result.followUpReason}`
          : `Recorded as ${result.status}.`
      )
    })

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

  program
    .command('audit')
    .description('BP outcome and uptake funnel; optionally the audit workbook')
    .option('--as-of <date>', 'YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .option('--out <file>', 'write the audit workbook (.xlsx) here')
    .option('--pseudonymised', 'no names, NHS numbers or dates of birth; small numbers suppressed')
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; out?: string; pseudonymised?: boolean; json?: boolean }) => {
      // Refused before anything is exported: the workbook must never land on the database or a backup.
      const target = opts.out ? assertSafeOutputPath(openContext(dbOf()), opts.out, '--out') : null
      const summary = await call('audit.summary', { asOf: opts.asOf })
      let workbook: string | null = null
      if (target) {
        const file = await call('audit.exportWorkbook', { asOf: opts.asOf, pseudonymised: !!opts.pseudonymised })
        workbook = copyDocumentTo(openContext(dbOf()), file.fileId, target, '--out')
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

  program
    .command('demo')
    .description('generate a synthetic practice export and run the whole workflow end to end')
    .option('--out <dir>', 'folder for the export, letters and workbook', 'clinic-recall-demo')
    .option('--patients <n>', 'number of synthetic patients', (v) => positiveInt(v, '--patients'), 300)
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; patients: number; json?: boolean }) => {
      const outDir = resolve(opts.out)
      const dbOption = dbOf() ?? io.env.CLINIC_RECALL_DB
      // The demo never touches the practice's real database unless told to: by default it uses its own file in --out.
      const context = openContext(dbOption ?? join(outDir, 'demo.sqlite'), { dailyBackup: dbOption !== undefined })
      const report = await runDemo(context, { outDir, patients: opts.patients })
      print(!!opts.json, report, () => report.lines.join('\n'))
    })

  addCodesCommands(program, { call, print, open: () => openContext(dbOf()) })
  addBackupCommands(program, { databasePath: () => resolveDatabasePath(dbOf(), io.env), open: () => openContext(dbOf(), { dailyBackup: false }), print })

  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
      if (error.code === 'clinic-recall.usage') io.stderr(`error: ${error.message}\n`)
      return 2
    }
    // The one message longer than a line: what to do about a damaged database, with the restore command.
    if (error instanceof DamagedDatabaseError) {
      io.stderr(`${error.message}\n`)
      return 1
    }
    if (error instanceof BadInput || error instanceof AppError) {
      io.stderr(`${error.message.split('\n')[0]}\n`)
      return 1
    }
    // The plain cause first; the engine's words after it, for whoever supports the practice.
    const engineWords = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    io.stderr(`${unexpectedFailure(error).message} (${engineWords})\n`)
    return 1
  } finally {
    const open = ctx as ServiceContext | null
    open?.db.close()
  }
}

/** The operating-system login name, or null when there is none to be had (no passwd entry, no USER). */
function loginName(env: NodeJS.ProcessEnv): string | null {
  let name = ''
  try {
    name = userInfo().username
  } catch {
    // A container user with no passwd entry: fall back to what the shell says.
  }
  name = (name || env.USER || env.LOGNAME || env.USERNAME || '').trim()
  return name === '' ? null : name
}
