/** "9434765919" → "943 476 5919", the NHS's own display format; other strings are returned as they are. */
export function formatNhsNumber(value: string): string {
  const digits = value.replace(/\s+/g, '')
  if (!/^\d{10}$/.test(digits)) return value
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
}
