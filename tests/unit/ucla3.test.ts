import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { UCLA3_GROUPING_SOURCE, UCLA3_SOURCE, scoreUcla3, ucla3Answers, ucla3Band, ucla3Bands } from '../../src/shared/domain/ucla3'

describe('UCLA 3-item loneliness scale', () => {
  it.each([
    [3, 'not-lonely'],
    [5, 'not-lonely'],
    [6, 'lonely'],
    [9, 'lonely']
  ])('groups a total of %i as %s', (total, band) => {
    expect(ucla3Band(total).id).toBe(band)
  })

  it.each([2, 10])('refuses to group %i, which three answers of 1–3 cannot add up to', (total) => {
    expect(() => ucla3Band(total)).toThrow(RangeError)
  })

  it('groups cover 3–9 without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), (total) => {
        expect(ucla3Bands.filter((b) => total >= b.min && total <= b.max)).toHaveLength(1)
      })
    )
  })

  it('totals three answers of 1–3', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }), (answers) => {
        const sum = answers.reduce((a, b) => a + b, 0)
        expect(scoreUcla3({ items: answers })).toMatchObject({ ok: true, total: sum, band: ucla3Band(sum) })
      })
    )
  })

  it('refuses an answer of 0: the scale starts at 1 (hardly ever or never)', () => {
    const score = scoreUcla3({ items: [0, 2, 2] })
    expect(score.ok).toBe(false)
    if (!score.ok) {
      expect(score.problems).toEqual([
        { field: 'items[0]', message: 'UCLA-3 item 1 (How often do you feel that you lack companionship?) is 0; each answer is a whole number from 1 to 3.' }
      ])
    }
  })

  it('refuses a total of 2, below the lowest possible 3', () => {
    const score = scoreUcla3({ total: 2 })
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems[0]?.message).toBe('UCLA-3 total 2 is outside 3–9; enter a whole number in that range.')
  })

  it('names Hughes et al. 2004 and says the 6–9 grouping is a research convention, not a diagnosis', () => {
    expect(ucla3Answers.map((a) => a.label)).toEqual(['Hardly ever or never', 'Some of the time', 'Often'])
    expect(UCLA3_SOURCE).toMatch(/Hughes ME.*2004/)
    expect(UCLA3_GROUPING_SOURCE).toMatch(/convention.*not a diagnosis/)
  })
})
