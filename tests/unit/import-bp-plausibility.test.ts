import { describe, expect, test } from 'vitest'
import { bloodPressureProblem, parseBloodPressureCell, parseMmHg } from '../../src/shared/domain/bp-plausibility'

describe('blood pressure plausibility', () => {
  test('accepts the range edges', () => {
    expect(bloodPressureProblem(40, 20)).toBeNull()
    expect(bloodPressureProblem(350, 200)).toBeNull()
  })
  test.each([
    [39, 20, /systolic 39/],
    [351, 90, /systolic 351/],
    [120, 19, /diastolic 19/],
    [250, 201, /diastolic 201/],
    [90, 90, /systolic must be higher/]
  ])('rejects %i/%i', (s, d, reason) => {
    expect(bloodPressureProblem(s, d)).toMatch(reason)
  })
})

describe('reading BP cells', () => {
  test.each([
    ['145/92', { systolic: 145, diastolic: 92 }],
    ['145 / 92 mmHg', { systolic: 145, diastolic: 92 }],
    ['145/92mmHg', { systolic: 145, diastolic: 92 }]
  ])('"%s" is a whole reading', (text, bp) => {
    expect(parseBloodPressureCell(text)).toEqual(bp)
  })
  test.each(['145', '145/', 'high', '145/92/80'])('"%s" is not a whole reading', (text) => {
    expect(parseBloodPressureCell(text)).toBeNull()
  })
  test('one value in mmHg', () => {
    expect(parseMmHg('145')).toBe(145)
    expect(parseMmHg('145.0')).toBe(145)
    expect(parseMmHg('145 mmHg')).toBe(145)
    expect(parseMmHg('abc')).toBeNull()
  })
})
