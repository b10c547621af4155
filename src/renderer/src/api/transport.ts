import type { OperationName } from '../../../shared/operation-names'
import type { Result } from '../../../shared/result'
import { ApiError } from './api-error'
import { takeBrowserToken } from './browser-token'

/** The preload's facade in Electron: one function per operation name, each resolving to a Result. */
export type ClinicRecallBridge = Record<OperationName, (input: unknown) => Promise<Result<unknown>>>

declare global {
  interface Window {
    clinicRecall?: ClinicRecallBridge
  }
}

type Send = (operation: OperationName, input: unknown) => Promise<Result<unknown>>

function electronSend(bridge: ClinicRecallBridge): Send {
  return (operation, input) => bridge[operation](input)
}

function httpSend(token: string | null): Send {
  return async (operation, input) => {
    let response: Response
    try {
      response = await fetch(`./api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Clinic-Recall-Token': token ?? '' },
        body: JSON.stringify(input ?? {})
      })
    } catch (error) {
      throw new ApiError('network', `Could not reach Clinic Recall (${operation}). Is the app still running?`, {
        cause: String(error)
      })
    }
    const text = await response.text()
    try {
      return JSON.parse(text) as Result<unknown>
    } catch {
      throw new ApiError(
        'network',
        response.status === 401 || response.status === 403
          ? 'This browser tab is not signed in to Clinic Recall. Open the link the app printed when it started (it ends with #token=…).'
          : `Unexpected reply from Clinic Recall (${operation}, HTTP ${response.status}).`
      )
    }
  }
}

let send: Send | null = null

function transport(): Send {
  if (send === null) {
    send = window.clinicRecall ? electronSend(window.clinicRecall) : httpSend(takeBrowserToken())
  }
  return send
}

/** Reads the token from the address bar straight away, before anything else can change the URL. */
export function initialiseTransport(): void {
  transport()
}

let onSignInRequired: (() => void) | null = null

/**
 * Called when main refuses an operation because nobody is signed in there: browser mode restarted
 * behind an open tab, say. The session store goes back to the start screen.
 */
export function whenSignInRequired(listener: () => void): void {
  onSignInRequired = listener
}

export async function call(operation: OperationName, input: unknown): Promise<unknown> {
  const result = await transport()(operation, input)
  if (result.ok) return result.value
  if (result.error.code === 'unauthorised') onSignInRequired?.()
  throw new ApiError(result.error.code, result.error.message, result.error.details)
}
