import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { GAD7_SOURCE, gad7, gad7Answers, gad7Band, gad7Bands, scoreGad7 } from '../../src/shared/domain/gad7'

describe('GAD-7', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe']
  ])('puts a total of %i in %s', (total, band) => {
    expect(gad7Band(total).id).toBe(band)
  })

  it.each([-1, 22])('refuses to band %i, which no GAD-7 can score', (total) => {
    expect(() => gad7Band(total)).toThrow(RangeError)
  })

  it('bands cover 0–21 without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 21 }), (total) => {
        expect(gad7Bands.filter((b) => total >= b.min && total <= b.max)).toHaveLength(1)
      })
    )
    expect(gad7Bands[0]?.min).toBe(0)
    expect(gad7Bands.at(-1)?.max).toBe(21)
    gad7Bands.slice(1).forEach((band, i) => expect(band.min).toBe((gad7Bands[i]?.max ?? NaN) + 1))
  })

  it('has seven items answered 0–3 and names its source', () => {
    expect(gad7.itemLabels).toHaveLength(7)
    expect(gad7Answers.map((a) => a.score)).toEqual([0, 1, 2, 3])
    expect(GAD7_SOURCE).toMatch(/Spitzer RL, Kroenke K, Williams JBW, Löwe B.*2006/)
  })

  it('totals the items when every item is answered', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }), (answers) => {
        const sum = answers.reduce((a, b) => a + b, 0)
        expect(scoreGad7({ items: answers })).toMatchObject({ ok: true, total: sum, band: gad7Band(sum) })
      })
    )
  })

  it('accepts a total alone: GAD-7 has no item that must be asked', () => {
    expect(scoreGad7({ total: 15 })).toMatchObject({ ok: true, total: 15, from: 'total', band: { id: 'severe' } })
  })

  it('refuses a total of 22 and an item of 4, naming each', () => {
    const total = scoreGad7({ total: 22 })
    expect(total.ok).toBe(false)
    if (!total.ok) expect(total.problems[0]?.message).toBe('GAD-7 total 22 is outside 0–21; enter a whole number in that range.')
    const item = scoreGad7({ items: [0, 0, 0, 0, 0, 0, 4] })
    expect(item.ok).toBe(false)
    if (!item.ok)
      expect(item.problems[0]).toEqual({
        field: 'items[6]',
        message: 'GAD-7 item 7 (Feeling afraid, as if something awful might happen) is 4; each answer is a whole number from 0 to 3.'
      })
  })

  it('refuses items and a total that disagree', () => {
    const score = scoreGad7({ items: [1, 1, 1, 1, 1, 1, 1], total: 8 })
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems[0]?.message).toBe('GAD-7: the items add up to 7 but the total entered is 8; correct one of them.')
  })
})
