import { describe, expect, test } from 'vitest'
import { ageOn, parseUkDate } from '../../src/shared/domain/uk-date'

describe('parseUkDate', () => {
  test.each([
    ['05-Mar-2024', '2024-03-05'],
    ['5-mar-2024', '2024-03-05'],
    ['05 Mar 2024', '2024-03-05'],
    ['06/May/2026 10:37', '2026-05-06'],
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T10:00:00Z', '2024-03-05'],
    ['05-Sept-2024', '2024-09-05'],
    ['29/02/2024', '2024-02-29'],
    ['01-Jan-35', '1935-01-01'],
    ['01/01/25', '2025-01-01']
  ])('reads %s as %s (UK day-first)', (text, iso) => {
    expect(parseUkDate(text)).toEqual({ ok: true, date: iso })
  })

  test.each(['', '   ', '00/01/1900', '01/01/1900', '01-Jan-1900'])('treats "%s" as a missing date (EMIS 1900 sentinel or blank)', (text) => {
    expect(parseUkDate(text)).toEqual({ ok: true, date: null })
  })

  test.each([
    ['30/02/2024', /has no day 30/],
    ['29/02/2023', /has no day 29/],
    ['05/13/2024', /month 13/],
    ['05-Foo-2024', /unknown month/],
    ['next Tuesday', /recognised form/],
    ['03/05/1066', /plausible/]
  ])('rejects "%s" with a reason', (text, reason) => {
    const r = parseUkDate(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })

  test('never reads a day-first date as month-first', () => {
    expect(parseUkDate('12/01/2024')).toEqual({ ok: true, date: '2024-01-12' })
  })
})

describe('ageOn', () => {
  test('counts the birthday itself as the new age', () => {
    expect(ageOn('1946-11-22', '2026-11-22')).toBe(80)
    expect(ageOn('1946-11-23', '2026-11-22')).toBe(79)
  })
})
