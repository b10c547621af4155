// Errors cross every boundary (IPC, HTTP, CLI) as values, never as thrown exceptions, with a closed
// set of codes so each front end can decide what the user does next:
//   invalid_input — fix the field named; bad_file — choose another file; not_found — it has gone;
//   conflict — the app is not in a state to do it now (say why); unauthorised — sign in first;
//   cancelled — stopped on request, nothing changed (not a failure to alarm anyone with);
//   internal — something unexpected (the message says the cause in plain words).
export const errorCodes = ['invalid_input', 'bad_file', 'not_found', 'conflict', 'unauthorised', 'cancelled', 'internal'] as const
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

/** The one conversion of a thrown AppError into the value that crosses a boundary. */
export function toErrorShape(error: AppError): AppErrorShape {
  return { code: error.code, message: error.message, details: error.details }
}

/** And back: a value that crossed a boundary (a worker's answer) thrown again as an AppError. */
export function fromErrorShape(shape: AppErrorShape): AppError {
  return new AppError(shape.code, shape.message, shape.details)
}
