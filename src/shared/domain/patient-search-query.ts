// What a receptionist typed into "Find a patient", read as one kind of search: an NHS number (whole,
// or its last digits), a date of birth, a postcode (whole, or its outward part) or a name. Each kind
// has a shape nothing else has, so the box needs no "search by" choice:
//   - digits only (spaces and dashes ignored): 10 digits are an NHS number, 3–9 its last digits;
//   - a day, month and year (02/12/1960, 2/12/60, 2 Dec 1960, 1960-12-02, 02 12 1960) is a date of birth;
//   - letters and digits in a UK postcode's pattern (SW1A 1AA, sw1a1aa, SW1A) are a postcode;
//   - letters only are names: every word must start a word of the patient's given or family name,
//     in any order, case and accents ignored ("zoe garc" finds Zoë García).
// Anything else (words mixed with numbers) is refused with what to type instead, rather than
// guessed at: a guess that finds nobody reads as "not registered here".
import { checkNhsNumber, formatNhsNumber } from './nhs-number'
import { formatUkLongDate } from './letter-content'
import { parseUkDate } from './uk-date'

export type PatientSearchQuery =
  | { kind: 'nhs-number'; nhsNumber: string }
  | { kind: 'nhs-number-ending'; digits: string }
  | { kind: 'date-of-birth'; date: string }
  /** `postcode` upper case without spaces; `outward` is its first part alone (SW1A of SW1A 1AA). */
  | { kind: 'postcode'; postcode: string; part: 'full' | 'outward' }
  /** Each word folded (searchFold), at least one. */
  | { kind: 'name'; words: string[] }

export type PatientSearchKind = PatientSearchQuery['kind']

export type PatientSearchParse = { ok: true; query: PatientSearchQuery } | { ok: false; problem: string }

/** Fewer digits than this match too many NHS numbers to be a search. */
export const MIN_NHS_ENDING_DIGITS = 3
export const MAX_SEARCH_WORDS = 5
export const MAX_SEARCH_LENGTH = 100

export const WHAT_TO_TYPE = 'a name, a date of birth (02/12/1960), an NHS number (or its last digits) or a postcode'

/**
 * Letters the database's accent folding leaves alone (they are letters of their own, not a letter
 * with a mark), each with the plain letters a receptionist types for it. Migration 0016 folds the
 * stored names with the same list (its view `patient_search_names`); a test holds the two together.
 */
export const separateLetterFoldings: readonly (readonly [letter: string, typed: string])[] = [
  ['ł', 'l'],
  ['ø', 'o'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ı', 'i']
]

/** Lower case, accents removed, and the separate letters above spelled as typed: "Łukasiewicz" → "lukasiewicz". */
export function searchFold(text: string): string {
  let folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
  for (const [letter, typed] of separateLetterFoldings) folded = folded.split(letter).join(typed)
  return folded
}

const outwardPattern = /^[A-Z]{1,2}\d[A-Z\d]?$/
const fullPostcodePattern = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/

/** Day, month and year in the orders people type them; the year may have two digits. */
const dateShapes: readonly RegExp[] = [
  /^(?<year>\d{4})[-/.](?<month>\d{1,2})[-/.](?<day>\d{1,2})$/,
  /^(?<day>\d{1,2})[/.-](?<month>\d{1,2})[/.-](?<year>\d{4}|\d{2})$/,
  /^(?<day>\d{1,2}) (?<month>\d{1,2}) (?<year>\d{4}|\d{2})$/,
  /^(?<day>\d{1,2})(?:st|nd|rd|th)?[\s/.-]*(?<month>[a-z]{3,9})\.?[\s/.-]*(?<year>\d{4}|\d{2})$/i
]

/**
 * A two-digit year of birth is the latest year ending in those digits that is not after this year:
 * in 2026, "25" is 2025 and "60" is 1960 (a date of birth is never in the future).
 */
function yearOfBirth(text: string, today: string): number {
  if (text.length === 4) return Number(text)
  const thisYear = Number(today.slice(0, 4))
  const candidate = Math.floor(thisYear / 100) * 100 + Number(text)
  return candidate > thisYear ? candidate - 100 : candidate
}

function readDateOfBirth(text: string, today: string): PatientSearchParse | null {
  for (const shape of dateShapes) {
    const groups = shape.exec(text)?.groups
    if (!groups?.day || !groups.month || !groups.year) continue
    const year = yearOfBirth(groups.year, today)
    const read = parseUkDate(/^\d+$/.test(groups.month) ? `${groups.day}/${groups.month}/${year}` : `${groups.day} ${groups.month} ${year}`)
    if (!read.ok) return { ok: false, problem: `${read.reason.replace(/^"[^"]*"/, `“${text}”`)}: type a date of birth as 02/12/1960` }
    if (read.date === null) return { ok: false, problem: `“${text}” is the clinical system's “no date”, not a date of birth` }
    return { ok: true, query: { kind: 'date-of-birth', date: read.date } }
  }
  return null
}

function readDigits(text: string): PatientSearchParse | null {
  const digits = text.replace(/[\s-]/g, '')
  if (!/^\d+$/.test(digits)) return null
  if (digits.length === 10) {
    const check = checkNhsNumber(digits)
    return check.valid
      ? { ok: true, query: { kind: 'nhs-number', nhsNumber: check.nhsNumber } }
      : { ok: false, problem: `${formatNhsNumber(digits)} is not an NHS number (it fails the Modulus 11 check): check the digits` }
  }
  if (digits.length > 10) return { ok: false, problem: `“${text}” has ${digits.length} digits: an NHS number has 10` }
  if (digits.length < MIN_NHS_ENDING_DIGITS) {
    return { ok: false, problem: `Type at least ${MIN_NHS_ENDING_DIGITS} digits to search by the end of an NHS number, or the whole number` }
  }
  return { ok: true, query: { kind: 'nhs-number-ending', digits } }
}

function readPostcode(text: string): PatientSearchParse | null {
  const compact = text.toUpperCase().replace(/\s+/g, '')
  if (fullPostcodePattern.test(compact)) return { ok: true, query: { kind: 'postcode', postcode: compact, part: 'full' } }
  if (outwardPattern.test(compact)) return { ok: true, query: { kind: 'postcode', postcode: compact, part: 'outward' } }
  return null
}

/** Digits with a date's separators that are not yet a whole date ("02/1", "2.12."): being typed, or missing a part. */
function readPartDate(text: string): PatientSearchParse | null {
  if (!/^[\d\s/.-]+$/.test(text) || !/[/.]/.test(text)) return null
  return { ok: false, problem: `“${text}” is not a whole date: type a date of birth as 02/12/1960, 2 Dec 1960 or 1960-12-02` }
}

function readName(text: string): PatientSearchParse {
  if (/\d/.test(text)) {
    return { ok: false, problem: `“${text}” mixes words and numbers: search by one thing at a time — ${WHAT_TO_TYPE}` }
  }
  const words = searchFold(text)
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== '')
  if (words.length === 0) return { ok: false, problem: `“${text}” has no letters or digits to search by: type ${WHAT_TO_TYPE}` }
  if (words.length > MAX_SEARCH_WORDS) return { ok: false, problem: `Type at most ${MAX_SEARCH_WORDS} words of the patient's name` }
  return { ok: true, query: { kind: 'name', words } }
}

/** Reads the text typed; `today` (YYYY-MM-DD) places two-digit years of birth. */
export function parsePatientSearch(typed: string, today: string): PatientSearchParse {
  const text = typed.trim().replace(/\s+/g, ' ')
  if (text === '') return { ok: false, problem: `Type ${WHAT_TO_TYPE}` }
  if (text.length > MAX_SEARCH_LENGTH) return { ok: false, problem: `Type at most ${MAX_SEARCH_LENGTH} characters` }
  return readDateOfBirth(text, today) ?? readDigits(text) ?? readPartDate(text) ?? readPostcode(text) ?? readName(text)
}

/** The search in words, for "No patient found with …" and the results' heading. */
export function describePatientSearch(query: PatientSearchQuery): string {
  switch (query.kind) {
    case 'nhs-number':
      return `NHS number ${formatNhsNumber(query.nhsNumber)}`
    case 'nhs-number-ending':
      return `an NHS number ending ${query.digits}`
    case 'date-of-birth':
      return `date of birth ${formatUkLongDate(query.date)}`
    case 'postcode':
      return query.part === 'full' ? `postcode ${query.postcode.slice(0, -3)} ${query.postcode.slice(-3)}` : `a postcode in ${query.postcode}`
    case 'name':
      return `a name with ${query.words.map((w) => `“${w}…”`).join(' and ')}`
  }
}
