// Option values checked by the contract's own schemas before a command calls an operation, so the
// command line refuses exactly what the app's screens refuse, with the same limits — but names the
// option the user typed (`--weeks 13: must be at most 12`), not the contract's field path.
import { CommanderError } from 'commander'
import type { contract as Contract, OperationInput } from '../../shared/contract'
import { isoDateProblem } from '../../shared/domain/iso-date'
import type { OperationName } from '../../shared/operation-names'
import { BadInput } from './bad-input'

const isoDateShape = /^\d{4}-\d{2}-\d{2}$/

/**
 * A date option (`--as-of`, `--date`). Not written as YYYY-MM-DD at all (31/03/2026) is a usage
 * error, exit 2, as it always was; written so but no real day (2026-02-31) or outside the range the
 * app accepts is bad input, exit 1 — the same check, and the same words, as the contract's IsoDate.
 */
export function dateOption(text: string, option: string): string {
  const value = text.trim()
  if (!isoDateShape.test(value)) {
    throw new CommanderError(2, 'clinic-recall.usage', `${option} must be a date as YYYY-MM-DD, not "${text}"`)
  }
  const problem = isoDateProblem(value)
  if (problem !== null) throw new BadInput(`${option}: ${problem}`)
  return value
}

/** A number option as typed. Whether it is whole and in range is the contract schema's call. */
export function numberOption(text: string, option: string): number {
  const trimmed = text.trim()
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed)) throw new BadInput(`${option} "${text}": expected a whole number`)
  return Number(trimmed)
}

interface Issue {
  code: string
  path: PropertyKey[]
  message: string
  minimum?: unknown
  maximum?: unknown
  inclusive?: boolean
  expected?: string
}

function describeIssue(issue: Issue): string {
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    return issue.inclusive === false ? `must be more than ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`
  }
  if (issue.code === 'too_big' && issue.maximum !== undefined) {
    return issue.inclusive === false ? `must be less than ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)}`
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number'
  return issue.message
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined
  return value
}

/**
 * Parses `input` with the operation's input schema; the first problem becomes a one-line BadInput
 * naming the option (`options` maps a field path such as `params.conditionThreshold` to `--threshold`).
 * The contract is handed in (a command's `deps.checkInput`): its schemas are built when the command
 * runtime loads, which --help and a usage error never wait for.
 */
export function checkContractInput<K extends OperationName>(
  contract: typeof Contract,
  name: K,
  input: OperationInput<K>,
  options: Readonly<Record<string, string>>
): void {
  const parsed = contract[name].input.safeParse(input)
  if (parsed.success) return
  const issue = parsed.error.issues[0] as Issue
  const path = issue.path.map(String).join('.')
  const option = options[path] ?? path
  const value = valueAt(input, issue.path)
  const shown = value === undefined || typeof value === 'object' ? '' : ` ${String(value)}`
  throw new BadInput(`${option}${shown}: ${describeIssue(issue)}`)
}

/** A count or id option (`--slots 6`, `COHORT_ID`): digits only, else a usage error (exit 2). */
export function positiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new CommanderError(2, 'clinic-recall.usage', `${option} must be a whole number, not "${value}"`)
  return Number(value)
}
