// How dates, times and counts read in anything a person reads (screens, reasons, warnings, the
// activity log, letters checks, documents): NHS style "2 Dec 2026", local time "2 Dec 2026 14:05",
// and thousands separators from 1,000. Machine files (the Accurx upload, --json) keep their own formats.

import { rememberedByText } from '../remembered-by-text'

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const pad = (n: number) => String(n).padStart(2, '0')

/** The words of one date (formatDateText remembers them). */
function wordDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  const name = months[Number(month) - 1]
  return name ? `${Number(day)} ${name} ${year}` : iso
}

/**
 * "2026-12-02" (or a timestamp starting so) → "2 Dec 2026"; text that is not an ISO date is returned
 * as it is. Each text is worded once: a cohort build words a few dates (register, reading, as-of)
 * for each of tens of thousands of listed patients, and the same few thousand days recur.
 */
export const formatDateText: (iso: string) => string = rememberedByText(wordDate, 20_000)

/** A moment → its day in the computer's local time, "2 Dec 2026". */
export function formatLocalDate(at: Date): string {
  return formatDateText(`${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`)
}

/** A moment → "2 Dec 2026 14:05" in the computer's local time (never UTC). */
export function formatLocalDateTime(at: Date): string {
  return `${formatLocalDate(at)} ${pad(at.getHours())}:${pad(at.getMinutes())}`
}

/** A stored timestamp ("2026-12-02T14:05:00.000Z") → local "2 Dec 2026 14:05"; a plain date → "2 Dec 2026". */
export function formatTimestampText(value: string): string {
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value)) {
    const at = new Date(value)
    if (!Number.isNaN(at.getTime())) return formatLocalDateTime(at)
  }
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value)
  if (match?.[1] && match[2]) return `${formatDateText(match[1])} ${match[2]}`
  return formatDateText(value)
}

// Made on first use: the first number format a process makes loads the locale's data (about 13 ms),
// which `clinic-recall --help` and a usage error never need.
let ukCount: Intl.NumberFormat | null = null

/** 1234 → "1,234"; 999 → "999" (UK grouping, whatever the computer's locale). */
export function formatCount(n: number): string {
  ukCount ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20 })
  return ukCount.format(n)
}

/** A file size in whole megabytes: 52428800 → "50 MB", 1073741824 → "1,024 MB". */
export function formatMegabytes(bytes: number): string {
  return `${formatCount(Math.round(bytes / (1024 * 1024)))} MB`
}
