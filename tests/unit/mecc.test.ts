import { describe, expect, it } from 'vitest'
import { MECC_SOURCE, meccOutcomeFor, meccProblems, meccTopics, type MeccRecord } from '../../src/shared/domain/mecc'

describe('Making Every Contact Count', () => {
  it('covers smoking, alcohol, physical activity and healthy weight, and names its source', () => {
    expect(meccTopics.map((t) => t.id)).toEqual(['smoking', 'alcohol', 'physical-activity', 'healthy-weight'])
    expect(MECC_SOURCE).toMatch(/Making Every Contact Count.*NHS England.*Health Education England/)
  })

  it('reads a topic left out as not discussed, and keeps declined apart from it', () => {
    const record: MeccRecord = { smoking: 'declined', alcohol: 'given' }
    expect(meccOutcomeFor(record, 'smoking')).toBe('declined')
    expect(meccOutcomeFor(record, 'physical-activity')).toBe('not-discussed')
    expect(meccProblems(record)).toEqual([])
  })

  it('refuses an unknown topic or outcome, naming it', () => {
    const record = { diet: 'given', alcohol: 'maybe' } as unknown as MeccRecord
    expect(meccProblems(record)).toEqual([
      { field: 'diet', message: 'MECC topic “diet” is not one of: smoking, alcohol, physical-activity, healthy-weight.' },
      { field: 'alcohol', message: 'MECC alcohol: “maybe” is not one of: given, declined, not-discussed.' }
    ])
  })
})
