import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { RELIABLE_CHANGE_SOURCE, reliableChange } from '../../src/shared/domain/reliable-change'

describe('reliable change (NHS Talking Therapies thresholds)', () => {
  it.each([
    [18, 12, 'improved'],
    [18, 13, 'unchanged'],
    [12, 18, 'worse'],
    [13, 18, 'unchanged'],
    [10, 10, 'unchanged']
  ])('PHQ-9 %i → %i is %s (threshold 6 points)', (baseline, followUp, change) => {
    expect(reliableChange('phq9', baseline, followUp)).toBe(change)
  })

  it.each([
    [12, 8, 'improved'],
    [12, 9, 'unchanged'],
    [8, 12, 'worse'],
    [9, 12, 'unchanged']
  ])('GAD-7 %i → %i is %s (threshold 4 points)', (baseline, followUp, change) => {
    expect(reliableChange('gad7', baseline, followUp)).toBe(change)
  })

  it('refuses totals outside the questionnaire', () => {
    expect(() => reliableChange('phq9', 28, 10)).toThrow(/PHQ-9 total 28 is outside 0–27/)
    expect(() => reliableChange('gad7', 10, 22)).toThrow(/GAD-7 total 22 is outside 0–21/)
    expect(() => reliableChange('gad7', -1, 0)).toThrow(RangeError)
  })

  it('is symmetric: swapping baseline and follow-up swaps improved and worse', () => {
    const swapped = { improved: 'worse', worse: 'improved', unchanged: 'unchanged' } as const
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 }), (a, b) => {
        expect(reliableChange('phq9', b, a)).toBe(swapped[reliableChange('phq9', a, b)])
      })
    )
  })

  it('names its source', () => {
    expect(RELIABLE_CHANGE_SOURCE).toMatch(/NHS Talking Therapies.*PHQ-9 6 points, GAD-7 4 points/)
  })
})
