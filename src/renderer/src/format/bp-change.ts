/** A change in BP in words: "−4.5 mmHg" (a true minus sign), "+2.0 mmHg", or "—" when there is none. */
export function signedMmHg(value: number | null): string {
  if (value === null) return '—'
  const rounded = Math.round(value * 10) / 10
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(1)} mmHg`
}
