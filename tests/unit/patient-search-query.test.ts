import { describe, expect, test } from 'vitest'
import { describePatientSearch, parsePatientSearch, searchFold, type PatientSearchQuery } from '../../src/shared/domain/patient-search-query'

const today = '2026-11-22'
const read = (typed: string): PatientSearchQuery => {
  const parsed = parsePatientSearch(typed, today)
  if (!parsed.ok) throw new Error(`expected "${typed}" to read as a search, got: ${parsed.problem}`)
  return parsed.query
}
const problem = (typed: string): string => {
  const parsed = parsePatientSearch(typed, today)
  if (parsed.ok) throw new Error(`expected "${typed}" to be refused, got ${JSON.stringify(parsed.query)}`)
  return parsed.problem
}

describe('what kind of search the text typed is', () => {
  test.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    ['  9434 765 919 ', '9434765919']
  ])('%s is an NHS number, with any spacing', (typed, nhsNumber) => {
    expect(read(typed)).toEqual({ kind: 'nhs-number', nhsNumber })
  })

  test.each([
    ['5919', '5919'],
    ['765 919', '765919'],
    ['919', '919'],
    ['434765919', '434765919']
  ])('%s (3 to 9 digits) is the end of an NHS number', (typed, digits) => {
    expect(read(typed)).toEqual({ kind: 'nhs-number-ending', digits })
  })

  test.each([
    ['02/12/1960', '1960-12-02'],
    ['2/12/1960', '1960-12-02'],
    ['02.12.1960', '1960-12-02'],
    ['02-12-1960', '1960-12-02'],
    ['02 12 1960', '1960-12-02'],
    ['2 Dec 1960', '1960-12-02'],
    ['2 dec 1960', '1960-12-02'],
    ['2nd December 1960', '1960-12-02'],
    ['02-Dec-1960', '1960-12-02'],
    ['1960-12-02', '1960-12-02'],
    ['29/02/1960', '1960-02-29']
  ])('%s is a date of birth', (typed, date) => {
    expect(read(typed)).toEqual({ kind: 'date-of-birth', date })
  })

  test('a two-digit year of birth is never in the future: in 2026, 60 is 1960, 25 is 2025 and 26 is 2026', () => {
    expect(read('2/12/60')).toEqual({ kind: 'date-of-birth', date: '1960-12-02' })
    expect(read('1/1/25')).toEqual({ kind: 'date-of-birth', date: '2025-01-01' })
    expect(read('1/1/26')).toEqual({ kind: 'date-of-birth', date: '2026-01-01' })
    expect(read('1/1/27')).toEqual({ kind: 'date-of-birth', date: '1927-01-01' })
  })

  test.each([
    ['SW1A 1AA', 'SW1A1AA'],
    ['sw1a1aa', 'SW1A1AA'],
    ['SW1A  1AA', 'SW1A1AA'],
    ['se5 9nr', 'SE59NR'],
    ['E8 1AB', 'E81AB']
  ])('%s is a whole postcode, any spacing or case', (typed, postcode) => {
    expect(read(typed)).toEqual({ kind: 'postcode', postcode, part: 'full' })
  })

  test.each([
    ['SW1A', 'SW1A'],
    ['se5', 'SE5'],
    ['E8', 'E8'],
    ['SE10', 'SE10']
  ])('%s is a postcode outward code', (typed, postcode) => {
    expect(read(typed)).toEqual({ kind: 'postcode', postcode, part: 'outward' })
  })

  test.each([
    ['smith', ['smith']],
    ['Jane Smith', ['jane', 'smith']],
    ['SMITH jane', ['smith', 'jane']],
    ['Zoë García', ['zoe', 'garcia']],
    ["O'Brien", ['o', 'brien']],
    ['obrien', ['obrien']],
    ['Smith-Jones', ['smith', 'jones']],
    ['Łukasiewicz', ['lukasiewicz']],
    ['Ø', ['o']],
    ['a', ['a']]
  ])('%s is a name, folded to %j', (typed, words) => {
    expect(read(typed)).toEqual({ kind: 'name', words })
  })
})

describe('what is refused, with what to type instead', () => {
  test('nothing typed', () => {
    expect(problem('   ')).toMatch(/^Type a name, a date of birth \(02\/12\/1960\), an NHS number/)
  })

  test('ten digits that fail the Modulus 11 check are not searched for as a different number', () => {
    expect(problem('943 476 5918')).toBe('943 476 5918 is not an NHS number (it fails the Modulus 11 check): check the digits')
  })

  test('more than ten digits, and fewer than three', () => {
    expect(problem('94347659190')).toMatch(/has 11 digits: an NHS number has 10/)
    expect(problem('12')).toMatch(/at least 3 digits/)
  })

  test('a date that does not exist names what is wrong with it', () => {
    expect(problem('31/02/1960')).toMatch(/^“31\/02\/1960” is not a date: 1960-02 has no day 31/)
    expect(problem('12/13/1960')).toMatch(/month 13 does not exist/)
    expect(problem('2 Smarch 1960')).toMatch(/unknown month "Smarch"/)
  })

  test('part of a date (still being typed) asks for the whole date, not a name', () => {
    expect(problem('02/1')).toBe('“02/1” is not a whole date: type a date of birth as 02/12/1960, 2 Dec 1960 or 1960-12-02')
    expect(problem('2.12.')).toMatch(/is not a whole date/)
  })

  test('words mixed with numbers are not guessed at', () => {
    expect(problem('smith 1960')).toMatch(/mixes words and numbers: search by one thing at a time/)
  })

  test('punctuation alone, too many words, too long', () => {
    expect(problem("'-.")).toMatch(/has no letters or digits/)
    expect(problem('a b c d e f')).toMatch(/at most 5 words/)
    expect(problem('x'.repeat(101))).toMatch(/at most 100 characters/)
  })
})

describe('folding and describing a search', () => {
  test('searchFold takes case and accents away and spells separate letters as typed', () => {
    expect(searchFold('ZOË Ñúñez Łódź Søren Straße Æsir')).toBe('zoe nunez lodz soren strasse aesir')
  })

  test.each([
    ['943 476 5919', 'NHS number 943 476 5919'],
    ['5919', 'an NHS number ending 5919'],
    ['2/12/1960', 'date of birth 2 December 1960'],
    ['sw1a1aa', 'postcode SW1A 1AA'],
    ['se5', 'a postcode in SE5'],
    ['jo smi', 'a name with “jo…” and “smi…”']
  ])('%s is described as %s', (typed, words) => {
    expect(describePatientSearch(read(typed))).toBe(words)
  })
})
