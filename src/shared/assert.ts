/** Narrowing assertion: fail loudly at the point the assumption breaks, not three calls later. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`)
}

/** For `switch` over a union: a new member is a compile error until every switch handles it. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
