// Bad input on the command line: the top level prints the first line of the message and exits 1.
// Shared by the command modules so each can refuse a value where it reads it.
import type { ErrorCode } from '../../shared/result'

export class BadInput extends Error {
  constructor(
    message: string,
    /** The service's error code when the refusal came from a contract operation (e.g. `not_found`). */
    readonly code?: ErrorCode
  ) {
    super(message)
    this.name = 'BadInput'
  }
}
