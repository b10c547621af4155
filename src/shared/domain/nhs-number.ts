// NHS number: 10 digits, the 10th a Modulus 11 check digit (NHS Data Dictionary "NHS Number"). Kept as text: it may start with 0.

/** Strips the spaces and dashes exports print (`943 476 5919`, `943-476-5919`). */
export function normaliseNhsNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '')
}

/**
 * The check digit for the first nine digits, or null when no digit can be valid: the remainder
 * makes 10, or the input is not exactly nine digits.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 11) return 0
  if (check === 10) return null
  return check
}

export type NhsNumberCheck = { valid: true; nhsNumber: string } | { valid: false; reason: string }

export function checkNhsNumber(raw: string): NhsNumberCheck {
  const digits = normaliseNhsNumber(raw.trim())
  if (digits === '') return { valid: false, reason: 'NHS number is missing' }
  if (!/^\d+$/.test(digits)) return { valid: false, reason: `NHS number "${raw.trim()}" contains characters other than digits` }
  if (digits.length !== 10) return { valid: false, reason: `NHS number "${raw.trim()}" has ${digits.length} digits, not 10` }
  const check = nhsCheckDigit(digits.slice(0, 9))
  if (check === null || check !== Number(digits[9])) {
    return { valid: false, reason: `NHS number "${raw.trim()}" fails the Modulus 11 check` }
  }
  return { valid: true, nhsNumber: digits }
}

export function isValidNhsNumber(raw: string): boolean {
  return checkNhsNumber(raw).valid
}

/** The 3-3-4 display form: `943 476 5919`. */
export function formatNhsNumber(nhsNumber: string): string {
  const d = normaliseNhsNumber(nhsNumber)
  return d.length === 10 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : nhsNumber
}
