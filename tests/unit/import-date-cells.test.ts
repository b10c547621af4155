// The reader's dates (fact-reader.ts) and the worded dates are read once per distinct text
// (remembered-by-text.ts); every answer must be
// the one parseUkDate gives, for good dates, blanks, sentinels and bad ones alike, and still after
// more distinct texts than it keeps.
import { expect, test } from 'vitest'
import { rememberedByText } from '../../src/shared/remembered-by-text'
import { parseUkDate } from '../../src/shared/domain/uk-date'

test('a date cell read through the cache reads as parseUkDate reads it, however often and however many', () => {
  const dates = { parse: rememberedByText(parseUkDate, 20_000) }
  const samples = ['05-Mar-2024', '05/03/2024', '', ' 2024-03-05 ', '00/01/1900', '31/02/2024', 'soon', '06/May/2026 10:37']
  for (let round = 0; round < 3; round++) for (const text of samples) expect(dates.parse(text)).toEqual(parseUkDate(text))
  for (let day = 0; day < 25_000; day++) {
    const text = new Date(Date.UTC(1950, 0, 1 + day)).toISOString().slice(0, 10)
    expect(dates.parse(text)).toEqual(parseUkDate(text))
  }
  for (const text of samples) expect(dates.parse(text)).toEqual(parseUkDate(text))
})
