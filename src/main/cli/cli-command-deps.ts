// What a group of commands is given by the program that holds them: the terminal, the one way to
// call an operation (through the same dispatch as the app), printing text or JSON, and the
// database, opened only when a command first needs it.
import type { OperationInput, OperationOutput } from '../../shared/contract'
import type { OperationName } from '../../shared/operation-names'
import type { ServiceContext } from '../context'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
}

export interface CliCommandDeps {
  io: CliIo
  call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>>
  /** `--json`: the value as JSON; otherwise the text for a person. */
  print(json: boolean, value: unknown, text: () => string): void
  /** The practice database (checked, migrated; the day's first open takes the daily backup unless told not to). */
  open(options?: { path?: string; dailyBackup?: boolean }): ServiceContext
  /** The --db option as given, if it was. */
  dbOption(): string | undefined
  /**
   * Checks an operation's input as typed with the contract's own schema before calling it; the
   * first problem is a one-line BadInput naming the option (`options` maps a field path such as
   * `params.conditionThreshold` to `--threshold`).
   */
  checkInput<K extends OperationName>(name: K, input: OperationInput<K>, options: Readonly<Record<string, string>>): void
}
