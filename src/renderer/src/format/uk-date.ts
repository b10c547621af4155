import { formatDateText, formatTimestampText } from '../../../shared/format/staff-text'

/** "2026-11-22" → "22 Nov 2026" (NHS style); nothing → "—"; anything unparseable is shown as it came. */
export function formatUkDate(iso: string | null | undefined): string {
  return iso ? formatDateText(iso) : '—'
}

/** A timestamp ("2026-11-22T09:05:00Z" or "2026-11-22 09:05:00") → "22 Nov 2026 09:05", in local time when it has a zone. */
export function formatUkDateTime(value: string | null | undefined): string {
  return value ? formatTimestampText(value) : '—'
}

/** Today as YYYY-MM-DD in the user's local time zone (the default as-of date). */
export function todayIso(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
