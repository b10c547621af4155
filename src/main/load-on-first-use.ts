// Heavy packages (PDF, Word, workbook, solver, CSV and XML readers) are loaded the first time a
// function needs one, never when a front end starts: `clinic-recall --help`, a cohort build and the
// app's first window do not wait for libraries they do not use. A synchronous `require` keeps every
// caller as it was (parsers and measuring run inside loops and transactions that cannot await);
// `tests/unit/lazy-start-up.test.ts` fails if one of these packages is imported statically again.
import { createRequire } from 'node:module'

const requireFromHere = createRequire(import.meta.url)
const loaded = new Map<string, unknown>()

/**
 * The package `name`, loaded on the first call and the same object after. `T` is the package's own
 * type, taken with `import type` beside the call, so the compiler still checks every use.
 */
export function loadOnFirstUse<T>(name: string): T {
  if (!loaded.has(name)) loaded.set(name, requireFromHere(name))
  return loaded.get(name) as T
}
