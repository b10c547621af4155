import type { ErrorCode } from '../../../shared/result'

/** What every failed operation throws in the renderer: the service's own message, which names the file/row/field. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** True for an action stopped on request (Cancel, or newer files chosen): nothing to warn anyone about. */
export function wasCancelled(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'cancelled'
}

/** The message to show a user for anything thrown by an action. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
