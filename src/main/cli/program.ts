// The `clinic-recall` command line. Command names, options and `--json` keys are a public
// interface: add keys freely, never rename or drop one. Exit codes: 0 success, 1 bad input (one-line
// reason on stderr naming the file/row/field), 2 usage error.
import { Command, CommanderError, Option } from 'commander'
import { userInfo } from 'node:os'
import { AppError, type Result } from '../../shared/result'
import type { OperationName } from '../../shared/operation-names'
import type { OperationInput, OperationOutput } from '../../shared/contract'
import { isUserRole, userRoles } from '../../shared/user-roles'
import { resolveDatabasePath } from '../data-location'
import type { ServiceContext } from '../context'
import { appVersion } from '../app-version'
import { DamagedDatabaseError } from '../backups/damaged-database'
import { unexpectedFailure } from '../unexpected-failure'
import type * as CommandRuntime from './command-runtime'
import { BadInput } from './bad-input'
import { checkContractInput } from './option-values'
import type { CliCommandDeps, CliIo } from './cli-command-deps'
import { jsonForTerminal, terminalSafeIo } from './terminal-text'
import { addImportCommand } from './import-command'
import { addCohortCommands } from './cohort-commands'
import { addProgrammeCommands } from './programme-commands'
import { addContactCommands } from './contact-commands'
import { addPatientCommands } from './patient-commands'
import { addInviteCommand } from './invite-command'
import { addClinicCommands } from './clinic-commands'
import { addFollowUpCommands } from './followup-commands'
import { addServicesCommands } from './services-commands'
import { addAuditCommand } from './audit-command'
import { addDemoCommand } from './demo-command'
import { addCodesCommands } from './codes-commands'
import { addBackupCommands } from './backup-commands'
import { addSettingsCommands } from './settings-commands'

export type { CliIo } from './cli-command-deps'

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Names and terms come from imported files: nothing they hold may steer the terminal (terminal-text.ts).
  const io = terminalSafeIo(rawIo)
  let ctx: ServiceContext | null = null
  // The services and the database code are loaded just before the first action runs (the preAction
  // hook below): --help, --version and a usage error never wait for them.
  let runtime: typeof CommandRuntime | null = null
  const loaded = (): typeof CommandRuntime => {
    if (!runtime) throw new Error('The command ran before its services were loaded')
    return runtime
  }
  // The database is opened only by a command that needs it (never for --help or a usage error);
  // that first open of the day takes the daily backup. Warnings about the database (on a network
  // drive) are printed once per command.
  const openContext = (dbOption: string | undefined, options: { dailyBackup?: boolean } = {}): ServiceContext => {
    if (!ctx) {
      const databasePath = resolveDatabasePath(dbOption, io.env)
      const { createAppContext, databaseWarnings } = loaded()
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
    .addOption(new Option('--role <role>', "the acting user's role (default: $CLINIC_RECALL_ROLE or admin)").choices(userRoles))
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(false)
    .hook('preAction', async () => {
      runtime ??= await import('./command-runtime')
    })

  const dbOf = () => program.opts<{ db?: string }>().db

  // Every change is recorded against this user (activity log, "built by", "updated by").
  function actingUser(): OperationInput<'session.setUser'> {
    const opts = program.opts<{ user?: string; role?: string }>()
    const role = opts.role ?? io.env.CLINIC_RECALL_ROLE ?? 'admin'
    if (!isUserRole(role)) {
      throw new CommanderError(2, 'clinic-recall.usage', `CLINIC_RECALL_ROLE must be one of ${userRoles.join(', ')}, not "${role}"`)
    }
    const login = opts.user === undefined && !io.env.CLINIC_RECALL_USER ? loginName(io.env) : null
    if (opts.user === undefined && !io.env.CLINIC_RECALL_USER && login === null) {
      // Nothing may be changed or exported without a name to record it against.
      throw new CommanderError(2, 'clinic-recall.usage', 'Say who you are with --user NAME (or set CLINIC_RECALL_USER): the login name could not be read')
    }
    const user = { name: opts.user ?? (io.env.CLINIC_RECALL_USER || `${login} (CLI)`), role }
    const checked = loaded().User.safeParse(user)
    if (!checked.success) throw new BadInput(`--user "${user.name}": ${checked.error.issues[0]?.message ?? 'not a valid name'}`)
    return checked.data
  }

  async function call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const context = openContext(dbOf())
    const { dispatch, createServices } = loaded()
    const result = (await dispatch(createServices(context), name, input)) as Result<OperationOutput<K>>
    if (!result.ok) throw new BadInput(result.error.message, result.error.code)
    return result.value
  }

  const print = (json: boolean, value: unknown, text: () => string) => {
    io.stdout(json ? `${jsonForTerminal(JSON.stringify(value, null, 2))}\n` : `${text()}\n`)
  }

  const deps: CliCommandDeps = {
    io,
    call,
    print,
    open: (options = {}) => openContext(options.path ?? dbOf(), { dailyBackup: options.dailyBackup }),
    dbOption: dbOf,
    checkInput: (name, input, options) => checkContractInput(loaded().contract, name, input, options)
  }

  addImportCommand(program, deps)
  addProgrammeCommands(program, deps)
  addCohortCommands(program, deps)
  addPatientCommands(program, deps)
  addContactCommands(program, deps)
  addInviteCommand(program, deps)
  addClinicCommands(program, deps)
  addFollowUpCommands(program, deps)
  addServicesCommands(program, deps)
  addSettingsCommands(program, deps)
  addAuditCommand(program, deps)
  addDemoCommand(program, deps)
  addCodesCommands(program, { call, print, open: () => deps.open() })
  addBackupCommands(program, { databasePath: () => resolveDatabasePath(dbOf(), io.env), open: () => deps.open({ dailyBackup: false }), print })

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
