import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { measureTotal, type ScoredMeasure } from '../../src/shared/domain/scored-measure'
import { gad7 } from '../../src/shared/domain/gad7'
import { phq9 } from '../../src/shared/domain/phq9'
import { ucla3 } from '../../src/shared/domain/ucla3'

const answersOf = (m: ScoredMeasure) =>
  fc.array(fc.integer({ min: m.itemMin, max: m.itemMax }), { minLength: m.itemLabels.length, maxLength: m.itemLabels.length })

describe.each([phq9, gad7, ucla3])('$name entered item by item or as a total', (measure) => {
  it('accepts a total alongside the items only when it is their sum', () => {
    fc.assert(
      fc.property(answersOf(measure), fc.integer({ min: -3, max: 3 }), (answers, offset) => {
        const sum = answers.reduce((a, b) => a + b, 0)
        const result = measureTotal(measure, { items: answers, total: sum + offset })
        expect(result.ok).toBe(offset === 0)
      })
    )
  })

  it('accepts a total with some items unanswered only when the answered items allow it', () => {
    fc.assert(
      fc.property(
        answersOf(measure),
        fc.array(fc.boolean(), { minLength: measure.itemLabels.length, maxLength: measure.itemLabels.length }),
        fc.integer({ min: 0, max: 30 }),
        (answers, asked, total) => {
          const items = answers.map((a, i) => (asked[i] ? a : null))
          const answered = items.filter((a): a is number => a !== null)
          const unanswered = items.length - answered.length
          const sum = answered.reduce((a, b) => a + b, 0)
          const possible = total >= sum + unanswered * measure.itemMin && total <= sum + unanswered * measure.itemMax
          expect(measureTotal(measure, { items, total }).ok).toBe(possible)
        }
      )
    )
  })
})
