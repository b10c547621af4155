// Errors cross every boundary (IPC, HTTP, CLI) as values, never as thrown exceptions, with a closed
// set of codes so each front end can decide how to show them.
export const errorCodes = ['invalid_input', 'bad_file', 'not_found', 'conflict', 'internal'] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface AppErrorShape {
  code: ErrorCode
  message: string
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

/** Thrown inside services; turned into `{ ok: false }` by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'AppError'
  }
}
