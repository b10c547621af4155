// The single entry point every front end uses: look the operation up in the contract, parse the
// untrusted input with its schema, call the service, and return a Result. Errors never escape as
// exceptions; unknown errors become `internal` and are logged.
// It is also the one place that refuses, for every front end, anything but an `open` operation
// until someone has said who they are (operation-access.ts).
import { contract } from '../shared/contract'
import { operationNames, type OperationName } from '../shared/operation-names'
import { runsBeforeSignIn, signInRequiredMessage } from '../shared/operation-access'
import { AppError, toErrorShape, type Result } from '../shared/result'
import type { Services } from './services'
import { unexpectedFailure } from './unexpected-failure'

export function isOperationName(name: string): name is OperationName {
  return (operationNames as readonly string[]).includes(name)
}

type Issue = { path: PropertyKey[]; message: string }

function describeIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'input'}: ${issue.message}`).join('; ')
}

/** Who is acting, asked of the session the same way the start screen asks. */
async function hasSignedInUser(services: Services): Promise<boolean> {
  try {
    const session = await services['session.get']({})
    return session.user !== null
  } catch {
    return false
  }
}

export async function dispatch(services: Services, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    // Clipped: the name is whatever the caller sent, and is echoed back.
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name
    return { ok: false, error: { code: 'invalid_input', message: `Unknown operation "${shown}"` } }
  }
  // Checked before the input is even parsed: with nobody signed in, a gated operation does nothing.
  // The code is `unauthorised`, so a front end sends the user back to the start screen.
  if (!runsBeforeSignIn(name) && !(await hasSignedInUser(services))) {
    return { ok: false, error: { code: 'unauthorised', message: signInRequiredMessage(name), details: { signInRequired: true } } }
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
      return { ok: false, error: unexpectedFailure(null) }
    }
    return { ok: true, value: checked.data }
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: toErrorShape(error) }
    }
    console.error(`[clinic-recall] ${name} failed:`, error)
    return { ok: false, error: unexpectedFailure(error) }
  }
}
