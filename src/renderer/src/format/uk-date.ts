const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2026-11-22" → "22 Nov 2026" (UK style, spec); anything unparseable is shown as it came. */
export function formatUkDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  const name = months[Number(month) - 1]
  return name ? `${Number(day)} ${name} ${year}` : iso
}

/** A timestamp ("2026-11-22T09:05:00Z" or "2026-11-22 09:05:00") → "22 Nov 2026 09:05", in local time when it has a zone. */
export function formatUkDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const hasZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value)
  if (hasZone) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) {
      const pad = (n: number) => String(n).padStart(2, '0')
      const iso = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
      return `${formatUkDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}`
    }
  }
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value)
  if (match?.[1] && match[2]) return `${formatUkDate(match[1])} ${match[2]}`
  return formatUkDate(value)
}

/** Today as YYYY-MM-DD in the user's local time zone (the default as-of date). */
export function todayIso(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
