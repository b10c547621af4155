// Calendar arithmetic on ISO `YYYY-MM-DD` strings. The domain keeps dates as strings (they sort and
// compare correctly as text); date-fns does the month/day arithmetic so month ends and leap days
// behave (e.g. 29 Feb minus 12 months is 28 Feb).
import { addDays, addMonths, format } from 'date-fns'

function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  // Local-time noon: date-only arithmetic never crosses a day boundary through a DST change.
  return new Date(y ?? NaN, (m ?? NaN) - 1, d ?? NaN, 12)
}

function toIso(date: Date): string {
  return format(date, 'yyyy-MM-dd')
}

// Cohort builds ask for the same few window starts (as-of − 12 months, − 28 days …) once per patient
// and rule: 100k patients × several rules. Memoised per offset because the answers never change
// (nested maps: building a string key per call was itself a measurable cost).
const MEMO_LIMIT = 10_000
const monthsMemo = new Map<number, Map<string, string>>()
const daysMemo = new Map<number, Map<string, string>>()

function remembered(memo: Map<number, Map<string, string>>, offset: number, iso: string, compute: () => string): string {
  let byDate = memo.get(offset)
  if (!byDate) {
    byDate = new Map()
    memo.set(offset, byDate)
  }
  const known = byDate.get(iso)
  if (known !== undefined) return known
  const value = compute()
  if (byDate.size >= MEMO_LIMIT) byDate.clear()
  byDate.set(iso, value)
  return value
}

export function addMonthsIso(iso: string, months: number): string {
  return remembered(monthsMemo, months, iso, () => toIso(addMonths(toDate(iso), months)))
}

export function addDaysIso(iso: string, days: number): string {
  return remembered(daysMemo, days, iso, () => toIso(addDays(toDate(iso), days)))
}
