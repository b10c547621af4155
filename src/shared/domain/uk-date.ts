// Dates as GP systems print them in exports: EMIS list reports `05-Mar-2024`,
// EMIS/SystmOne `05/03/2024` and `5/3/2024` (always day first: these are English systems),
// SystmOne `06/May/2026 10:37` and `05 Mar 2024`, ISO `2024-03-05`. EMIS uses `00/01/1900` and
// `01/01/1900` to mean "no date", so those read as missing rather than as a real date.

export type UkDateParse = { ok: true; date: string | null } | { ok: false; reason: string }

const monthNumbers: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC avoids any DST edge).
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Two-digit years: 00–29 are 20xx, 30–99 are 19xx (a date of birth in 1935 prints as 35). */
function expandYear(text: string): number {
  const y = Number(text)
  if (text.length === 4) return y
  return y < 30 ? 2000 + y : 1900 + y
}

function build(raw: string, year: number, month: number, day: number): UkDateParse {
  // The 1900 sentinels (day 0 or 1 of January 1900) are EMIS's "blank".
  if (year === 1900 && month === 1 && (day === 0 || day === 1)) return { ok: true, date: null }
  if (month < 1 || month > 12) return { ok: false, reason: `"${raw}" is not a date: month ${month} does not exist` }
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `"${raw}" is not a date: ${year}-${pad(month)} has no day ${day}` }
  }
  if (year < 1850) return { ok: false, reason: `"${raw}" is not a plausible date (year ${year})` }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` }
}

/**
 * Reads one date cell. Blank (and the 1900 sentinels) → `{ ok: true, date: null }`; an unreadable
 * or impossible date → `{ ok: false, reason }` naming the text, so the importer can report it.
 */
export function parseUkDate(value: string): UkDateParse {
  const raw = value.trim()
  if (raw === '') return { ok: true, date: null }
  // A trailing time (`06/May/2026 10:37`, `2024-03-05T10:00:00`) is not part of the calendar day.
  const text = raw.replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(am|pm)?Z?$/i, '').trim()

  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text)
  if (m) return build(raw, Number(m[1]), Number(m[2]), Number(m[3]))

  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text)
  if (m) return build(raw, expandYear(m[3] ?? ''), Number(m[2]), Number(m[1]))

  m = /^(\d{1,2})[\s/.-]+([A-Za-z]{3,9})\.?[\s/.-]+(\d{4}|\d{2})$/.exec(text)
  if (m) {
    const month = monthNumbers[(m[2] ?? '').toLowerCase()]
    if (month === undefined) return { ok: false, reason: `"${raw}" is not a date: unknown month "${m[2]}"` }
    return build(raw, expandYear(m[3] ?? ''), month, Number(m[1]))
  }

  return { ok: false, reason: `"${raw}" is not a date in a recognised form (e.g. 05-Mar-2024, 05/03/2024, 2024-03-05)` }
}

/** Whole years from `dateOfBirth` to `onDate` (both ISO), birthday inclusive. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number)
  const [y, m, d] = onDate.split('-').map(Number)
  if (by === undefined || bm === undefined || bd === undefined || y === undefined || m === undefined || d === undefined) {
    return NaN
  }
  const hadBirthday = m > bm || (m === bm && d >= bd)
  return y - by - (hadBirthday ? 0 : 1)
}
