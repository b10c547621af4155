// Option values checked by the contract's own schemas before a command calls an operation, so the
// command line refuses exactly what the app's screens refuse, with the same limits — but names the
// option the user typed (`--weeks 13: must be at most 12`), not the contract's field path.
import { contract, type OperationInput } from '../../shared/contract'
import type { OperationName } from '../../shared/operation-names'
import { BadInput } from './bad-input'

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
 */
export function checkContractInput<K extends OperationName>(name: K, input: OperationInput<K>, options: Readonly<Record<string, string>>): void {
  const parsed = contract[name].input.safeParse(input)
  if (parsed.success) return
  const issue = parsed.error.issues[0] as Issue
  const path = issue.path.map(String).join('.')
  const option = options[path] ?? path
  const value = valueAt(input, issue.path)
  const shown = value === undefined || typeof value === 'object' ? '' : ` ${String(value)}`
  throw new BadInput(`${option}${shown}: ${describeIssue(issue)}`)
}
