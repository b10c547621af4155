// Small synthetic exports written inside tests: valid NHS numbers on demand and CSV text from rows.
import { nhsCheckDigit } from '../../src/shared/domain/nhs-number'

/** The n-th valid NHS number in the 999 test range (skipping prefixes with no valid check digit). */
export function validNhsNumber(n: number): string {
  for (let k = n * 3; ; k++) {
    const firstNine = `999${String(k).padStart(6, '0')}`
    const check = nhsCheckDigit(firstNine)
    if (check !== null) return `${firstNine}${check}`
  }
}

/** CSV text (no quoting needed by the callers' values unless they include it themselves). */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`
}

export function fileOf(name: string, text: string | Uint8Array): { name: string; bytes: Uint8Array } {
  return { name, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text }
}
