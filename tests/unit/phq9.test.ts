import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  PHQ9_ITEM9_INDEX,
  PHQ9_SOURCE,
  phq9,
  phq9Band,
  phq9Bands,
  phq9Item9,
  phq9Item9Prompt,
  scorePhq9,
  twoWeekFrequencyAnswers
} from '../../src/shared/domain/phq9'

const items = (...answers: (number | null)[]) => answers
const allZero = () => Array<number | null>(9).fill(0)
const withItem9 = (answer: number | null, rest: number | null = 0) => [...Array<number | null>(8).fill(rest), answer]

describe('PHQ-9 severity bands', () => {
  it.each([
    [0, 'none-minimal'],
    [4, 'none-minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately-severe'],
    [19, 'moderately-severe'],
    [20, 'severe'],
    [27, 'severe']
  ])('puts a total of %i in %s', (total, band) => {
    expect(phq9Band(total).id).toBe(band)
  })

  it.each([-1, 28, 4.5])('refuses to band %s, which no PHQ-9 can score', (total) => {
    expect(() => phq9Band(total)).toThrow(RangeError)
  })

  it('bands cover 0–27 without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 27 }), (total) => {
        expect(phq9Bands.filter((b) => total >= b.min && total <= b.max)).toHaveLength(1)
      })
    )
    expect(phq9Bands[0]?.min).toBe(0)
    expect(phq9Bands.at(-1)?.max).toBe(27)
    phq9Bands.slice(1).forEach((band, i) => expect(band.min).toBe((phq9Bands[i]?.max ?? NaN) + 1))
  })
})

describe('PHQ-9 scoring', () => {
  it('has nine items answered 0–3, "Not at all" to "Nearly every day", and names its source', () => {
    expect(phq9.itemLabels).toHaveLength(9)
    expect(twoWeekFrequencyAnswers.map((a) => a.label)).toEqual(['Not at all', 'Several days', 'More than half the days', 'Nearly every day'])
    expect(PHQ9_SOURCE).toMatch(/Kroenke K, Spitzer RL, Williams JBW.*2001.*Pfizer.*free to use/)
  })

  it('totals the items when every item is answered', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }), (answers) => {
        const score = scorePhq9({ items: answers })
        const sum = answers.reduce((a, b) => a + b, 0)
        expect(score).toMatchObject({ ok: true, total: sum, from: 'items', band: phq9Band(sum) })
      })
    )
  })

  it('accepts a total with item 9 when the other items were not entered', () => {
    expect(scorePhq9({ items: withItem9(0, null), total: 12 })).toMatchObject({ ok: true, total: 12, from: 'total', band: { id: 'moderate' } })
  })

  it('accepts items and a total that agree', () => {
    expect(scorePhq9({ items: items(1, 1, 1, 1, 1, 0, 0, 0, 0), total: 5 })).toMatchObject({ ok: true, total: 5, band: { id: 'mild' } })
  })

  it('refuses items and a total that disagree, saying both numbers', () => {
    const score = scorePhq9({ items: items(1, 1, 1, 1, 1, 0, 0, 0, 0), total: 7 })
    expect(score.ok).toBe(false)
    if (!score.ok)
      expect(score.problems).toEqual([{ field: 'total', message: 'PHQ-9: the items add up to 5 but the total entered is 7; correct one of them.' }])
  })

  it('refuses a total the answered items make impossible', () => {
    const score = scorePhq9({ items: [3, 3, 3, 3, 3, null, null, null, 0], total: 10 })
    expect(score.ok).toBe(false)
    if (!score.ok)
      expect(score.problems[0]?.message).toBe(
        'PHQ-9: the total entered is 10, but with the items answered it can only be 15–24; correct the total or the items.'
      )
  })

  it.each([
    [4, 'PHQ-9 item 4 (Feeling tired or having little energy) is 4; each answer is a whole number from 0 to 3.'],
    [-1, 'PHQ-9 item 4 (Feeling tired or having little energy) is -1; each answer is a whole number from 0 to 3.'],
    [1.5, 'PHQ-9 item 4 (Feeling tired or having little energy) is 1.5; each answer is a whole number from 0 to 3.']
  ])('refuses an item of %s outside 0–3, naming the item', (answer, message) => {
    const answers = allZero()
    answers[3] = answer
    const score = scorePhq9({ items: answers })
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems).toEqual([{ field: 'items[3]', message }])
  })

  it.each([-1, 28])('refuses a total of %i outside 0–27', (total) => {
    const score = scorePhq9({ items: withItem9(0, null), total })
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems).toEqual([{ field: 'total', message: `PHQ-9 total ${total} is outside 0–27; enter a whole number in that range.` }])
  })

  it.each([0, 27])('accepts a total of %i at the edge of 0–27', (total) => {
    expect(scorePhq9({ items: withItem9(total === 0 ? 0 : 3, null), total }).ok).toBe(true)
  })

  it('refuses the wrong number of items', () => {
    const score = scorePhq9({ items: [0, 0, 0, 0, 0, 0, 0, 0] })
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems[0]).toEqual({ field: 'items', message: 'PHQ-9 has 9 items; 8 were given.' })
  })

  it('names the unanswered items when there is no total', () => {
    const answers = allZero()
    answers[1] = null
    answers[4] = null
    const score = scorePhq9({ items: answers })
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems).toEqual([{ field: 'items', message: 'PHQ-9: items 2, 5 not answered; answer every item, or enter the total.' }])
  })

  it('refuses an entry with neither items nor a total', () => {
    const score = scorePhq9({})
    expect(score.ok).toBe(false)
    if (!score.ok) expect(score.problems.map((p) => p.field)).toEqual(['total', 'items[8]'])
  })
})

describe('PHQ-9 item 9: the same-day risk prompt', () => {
  it.each([
    [1, 'Several days'],
    [2, 'More than half the days'],
    [3, 'Nearly every day']
  ])('prompts a same-day risk assessment when item 9 is %i', (answer, label) => {
    const entry = { items: withItem9(answer) }
    expect(phq9Item9(entry)).toBe('above-0')
    expect(scorePhq9(entry).item9).toBe('above-0')
    expect(phq9Item9Prompt(entry)).toContain(`answered “${label}”`)
    expect(phq9Item9Prompt(entry)).toMatch(/Assess the risk today, before the patient leaves/)
  })

  it('does not prompt when item 9 is 0, even with a severe total', () => {
    const entry = { items: withItem9(0, 3) }
    expect(scorePhq9(entry)).toMatchObject({ ok: true, total: 24, band: { id: 'severe' }, item9: 'zero' })
    expect(phq9Item9Prompt(entry)).toBeNull()
  })

  it('prompts on item 9 above 0 even when the rest of the entry is wrong', () => {
    const entry = { items: [9, 0, 0, 0, 0, 0, 0, 0, 2], total: 3 }
    const score = scorePhq9(entry)
    expect(score.ok).toBe(false)
    expect(score.item9).toBe('above-0')
    expect(phq9Item9Prompt(entry)).not.toBeNull()
  })

  it('prompts on an out-of-range item 9 above 0 and refuses it', () => {
    const entry = { items: withItem9(5) }
    const score = scorePhq9(entry)
    expect(score).toMatchObject({ ok: false, item9: 'above-0' })
    expect(phq9Item9Prompt(entry)).toContain('a score of 5')
  })

  it('requires item 9 when only the total is entered', () => {
    const score = scorePhq9({ total: 8 })
    expect(score).toMatchObject({ ok: false, item9: 'not-answered' })
    if (!score.ok) {
      expect(score.problems).toEqual([
        {
          field: `items[${PHQ9_ITEM9_INDEX}]`,
          message:
            'PHQ-9 item 9 (thoughts that you would be better off dead, or of hurting yourself) is not answered. Ask it, even when only the total is entered: an answer above 0 needs a risk assessment the same day.'
        }
      ])
    }
  })

  it('raises the prompt for every entry whose item 9 is above 0, and never for item 9 of 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }), (answers) => {
        const prompted = phq9Item9Prompt({ items: answers }) !== null
        expect(prompted).toBe((answers[8] ?? 0) > 0)
      })
    )
  })
})
