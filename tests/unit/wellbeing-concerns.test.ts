import { describe, expect, it } from 'vitest'
import { concernProblems, wellbeingConcerns, type WellbeingConcern } from '../../src/shared/domain/wellbeing-concerns'

describe('what matters to you: wellbeing concerns', () => {
  it('lists the concerns a Time to Talk review starts from', () => {
    expect(wellbeingConcerns.map((c) => c.id)).toEqual(['worries', 'low-mood', 'loneliness', 'lifestyle', 'money', 'housing', 'caring', 'other'])
  })

  it('accepts known concerns, and none at all', () => {
    expect(concernProblems(['money', 'caring'], null)).toEqual([])
    expect(concernProblems([], undefined)).toEqual([])
  })

  it('needs the patient’s words for something else, and refuses unknown or repeated concerns', () => {
    expect(concernProblems(['other'], '')).toEqual([
      { field: 'otherConcern', message: 'Concern “Something else” is chosen: write what matters to the patient.' }
    ])
    expect(concernProblems(['other'], 'Grandson’s exams')).toEqual([])
    const problems = concernProblems(['money', 'money', 'debt' as WellbeingConcern], null)
    expect(problems.map((p) => p.field)).toEqual(['concerns[1]', 'concerns[2]'])
  })
})
