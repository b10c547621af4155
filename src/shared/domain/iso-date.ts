// Calendar arithmetic on ISO `YYYY-MM-DD` strings. The domain keeps dates as strings (they sort and
// compare correctly as text); date-fns does the month/day arithmetic so month ends and leap days
// behave (e.g. 29 Feb minus 12 months is 28 Feb).
// One file per function: the package's index loads all of date-fns, which the CLI would wait for at start-up.
import { addDays } from 'date-fns/addDays'
import { addMonths } from 'date-fns/addMonths'
import { format } from 'date-fns/format'

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

// --- checking a date someone typed or sent --------------------------------------------------------

/**
 * The dates Clinic Recall accepts as input. Nothing the app is asked about (an as-of date, a
 * letter date, a clinic) can sensibly fall before 1900 or after 2100; a year outside that is a
 * typing slip (0026, 20260) that would otherwise build a cohort of nobody or book a clinic no one
 * can attend, so it is refused with the range in the message.
 */
export const earliestIsoDate = '1900-01-01'
export const latestIsoDate = '2100-12-31'

const isoDateShape = /^(\d{4})-(\d{2})-(\d{2})$/
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * Why `text` is not a date the app accepts, in words that start with the text itself so a caller
 * can put the field or option in front ("asOf: 2026-02-31 is not a real date: …"); null when it
 * is a real calendar day, written YYYY-MM-DD, within earliestIsoDate … latestIsoDate.
 */
export function isoDateProblem(text: string): string | null {
  const match = isoDateShape.exec(text)
  if (!match) return `"${text}" is not a date written as YYYY-MM-DD`
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12) return `${text} is not a real date: there is no month ${month}`
  if (day < 1) return `${text} is not a real date: there is no day ${day}`
  const last = daysInMonth(year, month)
  if (day > last) return `${text} is not a real date: ${monthNames[month - 1]} ${year} has ${last} days`
  // YYYY-MM-DD strings compare as dates.
  if (text < earliestIsoDate || text > latestIsoDate) {
    return `${text} is outside the dates Clinic Recall accepts (${earliestIsoDate} to ${latestIsoDate})`
  }
  return null
}

export function isValidIsoDate(text: string): boolean {
  return isoDateProblem(text) === null
}
