import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ONS4_SOURCE, ons4Band, ons4BandsFor, ons4Problems, ons4Questions, ons4Result, type Ons4Question } from '../../src/shared/domain/ons4'

const none = { lifeSatisfaction: null, worthwhile: null, happiness: null, anxiety: null }

describe('ONS4 personal well-being', () => {
  it.each(['lifeSatisfaction', 'worthwhile', 'happiness'] as const)('bands %s 0–4 low, 5–6 medium, 7–8 high, 9–10 very high', (question) => {
    const bands = [0, 4, 5, 6, 7, 8, 9, 10].map((score) => ons4Band(question, score).id)
    expect(bands).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'very-high', 'very-high'])
  })

  it('bands anxiety the other way: 0–1 very low, 2–3 low, 4–5 medium, 6–10 high', () => {
    const bands = [0, 1, 2, 3, 4, 5, 6, 10].map((score) => ons4Band('anxiety', score).id)
    expect(bands).toEqual(['very-low', 'very-low', 'low', 'low', 'medium', 'medium', 'high', 'high'])
  })

  it.each([-1, 11, 6.5])('refuses to band %s, which is not a 0–10 answer', (score) => {
    expect(() => ons4Band('happiness', score)).toThrow(RangeError)
    expect(() => ons4Band('anxiety', score)).toThrow(RangeError)
  })

  it('bands every question cover 0–10 without gaps or overlaps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Ons4Question>('lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'),
        fc.integer({ min: 0, max: 10 }),
        (question, score) => {
          expect(ons4BandsFor(question).filter((b) => score >= b.min && score <= b.max)).toHaveLength(1)
        }
      )
    )
  })

  it('asks the four ONS questions and names ONS as the source', () => {
    expect(ons4Questions.map((q) => q.id)).toEqual(['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'])
    expect(ons4Questions[0]?.wording).toBe('Overall, how satisfied are you with your life nowadays?')
    expect(ONS4_SOURCE).toMatch(/Office for National Statistics/)
  })

  it('accepts some questions unanswered and reports only the answered ones, never adding them up', () => {
    const answers = { ...none, happiness: 7, anxiety: 6 }
    expect(ons4Problems(answers)).toEqual([])
    expect(ons4Result(answers)).toEqual([
      { question: 'happiness', label: 'Happiness', score: 7, band: expect.objectContaining({ id: 'high' }) },
      { question: 'anxiety', label: 'Anxiety', score: 6, band: expect.objectContaining({ id: 'high' }) }
    ])
  })

  it('refuses an answer outside 0–10, naming the question, and an ONS4 with nothing answered', () => {
    expect(ons4Problems({ ...none, worthwhile: 11, anxiety: -1 })).toEqual([
      { field: 'worthwhile', message: 'ONS4 worthwhile is 11; answers are whole numbers from 0 to 10.' },
      { field: 'anxiety', message: 'ONS4 anxiety is -1; answers are whole numbers from 0 to 10.' }
    ])
    expect(ons4Problems(none)).toEqual([{ field: '', message: 'ONS4: no question is answered; answer at least one, or leave ONS4 out.' }])
  })

  it.each([0, 10])('accepts %i at the edge of the scale', (score) => {
    expect(ons4Problems({ ...none, lifeSatisfaction: score })).toEqual([])
  })
})
