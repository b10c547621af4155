import { describe, expect, it } from 'vitest'
import { ageOn } from '../../src/shared/domain/age'

describe('age on the as-of date', () => {
  it('is 80 on the 80th birthday and 79 the day before (birthday inclusive)', () => {
    expect(ageOn('1946-03-31', '2026-03-31')).toBe(80)
    expect(ageOn('1946-03-31', '2026-03-30')).toBe(79)
  })

  it('counts a later month as not yet had the birthday', () => {
    expect(ageOn('1960-12-01', '2026-11-30')).toBe(65)
    expect(ageOn('1960-12-01', '2026-12-01')).toBe(66)
  })

  it('gives a 29 February birth the new age on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
  })

  it('gives a 29 February birth the new age on 29 February in a leap year', () => {
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19)
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20)
  })

  it('is null without a usable date of birth', () => {
    expect(ageOn(null, '2026-01-01')).toBeNull()
    expect(ageOn('15/06/1960', '2026-01-01')).toBeNull()
  })
})
