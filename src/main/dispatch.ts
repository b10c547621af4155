// The single entry point every front end uses: look the operation up in the contract, parse the
// untrusted input with its schema, call the service, and return a Result. Errors never escape as
// exceptions; unknown errors become `internal` and are logged (architecture practices 3 and 4).
import { contract } from '../shared/contract'
import { operationNames, type OperationName } from '../shared/operation-names'
import { AppError, type Result } from '../shared/result'
import type { Services } from './services'

export function isOperationName(name: string): name is OperationName {
  return (operationNames as readonly string[]).includes(name)
}

type Issue = { path: PropertyKey[]; message: string }

function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'input'}: ${issue.message}`)
    .join('; ')
}

export async function dispatch(services: Services, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown operation "${name}"` } }
  }
  const schema = contract[name]
  const parsed = schema.input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for ${name}: ${describeIssues(parsed.error.issues)}`,
        details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))
      }
    }
  }
  try {
    const handler = services[name] as (input: unknown) => unknown
    const value = await handler(parsed.data)
    // Guard the other side of the contract too: a service returning the wrong shape is our bug,
    // reported as internal rather than handed to a front end that trusts the types.
    const checked = schema.output.safeParse(value)
    if (!checked.success) {
      console.error(`[clinic-recall] ${name} returned output that breaks the contract:`, describeIssues(checked.error.issues))
      return { ok: false, error: { code: 'internal', message: `Internal error in ${name}: output did not match the contract` } }
    }
    return { ok: true, value: checked.data }
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, details: error.details } }
    }
    console.error(`[clinic-recall] ${name} failed:`, error)
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, error: { code: 'internal', message: `Internal error in ${name}: ${message}` } }
  }
}
