// For tests of refusals: runs `fn` and returns the AppError it throws; fails if it throws nothing or
// something else.
import { AppError } from '../../src/shared/result'

export function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}
