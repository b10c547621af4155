import { describe, expect, it } from 'vitest'
import { ClockTime, IsoDate } from '../../src/shared/contract'
import { daysInMonth, isoDateProblem, isValidIsoDate } from '../../src/shared/domain/iso-date'

describe('a date someone typed or sent (isoDateProblem)', () => {
  it('accepts real days, leap days in leap years included', () => {
    for (const date of ['2024-02-29', '2000-02-29', '2026-02-28', '2026-12-31', '2026-04-30', '1900-01-01', '2100-12-31']) {
      expect(isoDateProblem(date), date).toBeNull()
    }
  })

  it('refuses 29 February in a year that is not a leap year, naming how many days the month has', () => {
    expect(isoDateProblem('2026-02-29')).toBe('2026-02-29 is not a real date: February 2026 has 28 days')
    expect(isoDateProblem('1900-02-29')).toBe('1900-02-29 is not a real date: February 1900 has 28 days')
    expect(isoDateProblem('2026-02-31')).toMatch(/^2026-02-31 is not a real date/)
    expect(isoDateProblem('2026-04-31')).toBe('2026-04-31 is not a real date: April 2026 has 30 days')
  })

  it('refuses month 0 and 13, day 0, and 0000-00-00', () => {
    expect(isoDateProblem('2026-13-01')).toBe('2026-13-01 is not a real date: there is no month 13')
    expect(isoDateProblem('2026-00-10')).toBe('2026-00-10 is not a real date: there is no month 0')
    expect(isoDateProblem('2026-01-00')).toBe('2026-01-00 is not a real date: there is no day 0')
    expect(isoDateProblem('0000-00-00')).toMatch(/^0000-00-00 is not a real date/)
  })

  it('refuses real days outside 1900-01-01 … 2100-12-31, saying the range', () => {
    expect(isoDateProblem('1899-12-31')).toBe('1899-12-31 is outside the dates Clinic Recall accepts (1900-01-01 to 2100-12-31)')
    expect(isoDateProblem('2101-01-01')).toMatch(/outside the dates Clinic Recall accepts/)
    expect(isoDateProblem('0026-11-01')).toMatch(/outside/)
  })

  it('refuses anything not written YYYY-MM-DD', () => {
    for (const text of ['31/03/2026', '2026-3-1', '2026-03-01T00:00', ' 2026-03-01', '20260301', '', '2026-03-01\n']) {
      expect(isValidIsoDate(text), JSON.stringify(text)).toBe(false)
    }
  })

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(2100, 2)).toBe(28)
  })
})

describe("the contract's date and time schemas", () => {
  it('IsoDate refuses an impossible day with a message a field name can go in front of', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true)
    const parsed = IsoDate.safeParse('2026-02-31')
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('2026-02-31 is not a real date: February 2026 has 28 days')
  })

  it('ClockTime accepts 00:00 to 23:59 only', () => {
    for (const time of ['00:00', '09:30', '23:59']) expect(ClockTime.safeParse(time).success, time).toBe(true)
    for (const time of ['24:00', '24:61', '12:60', '9:30', '09:5', '']) expect(ClockTime.safeParse(time).success, time).toBe(false)
  })
})
