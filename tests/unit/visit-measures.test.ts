import { describe, expect, it } from 'vitest'
import { storedMeasureScore, visitMeasureScores, visitRiskPrompt } from '../../src/shared/domain/visit-measures'
import type { TimeToTalkVisit } from '../../src/shared/domain/visit-forms'

const visit = (over: Partial<TimeToTalkVisit> = {}): TimeToTalkVisit => ({
  form: 'time-to-talk',
  concerns: [],
  phq9: null,
  gad7: null,
  ons4: null,
  ucla3: null,
  readings: [],
  ...over
})

describe('the scores of a visit record', () => {
  it('names each score, bands it by its own rules, and keeps how it was entered', () => {
    const scores = visitMeasureScores(
      visit({
        phq9: { items: [3, 3, 3, 3, 3, 3, 2, 0, 0] },
        gad7: { total: 15 },
        ons4: { lifeSatisfaction: 9, worthwhile: null, happiness: 0, anxiety: 1 },
        ucla3: { items: [1, 2, 2] }
      })
    )
    expect(scores.map((s) => [s.measure, s.name, s.score, s.band, s.enteredAs])).toEqual([
      ['phq9', 'PHQ-9', 20, 'severe', 'items'],
      ['gad7', 'GAD-7', 15, 'severe', 'total'],
      ['ons4-life-satisfaction', 'ONS4 life satisfaction', 9, 'very-high', 'answer'],
      ['ons4-happiness', 'ONS4 happiness', 0, 'low', 'answer'],
      ['ons4-anxiety', 'ONS4 anxiety', 1, 'very-low', 'answer'],
      ['ucla3', 'UCLA-3', 5, 'not-lonely', 'items']
    ])
    expect(scores[0]?.source).toMatch(/Kroenke/)
    expect(scores.find((s) => s.measure === 'ucla3')?.source).toMatch(/not an ONS cut-off/)
  })

  it('leaves out a questionnaire that does not score rather than guess, and a BP review has none', () => {
    expect(visitMeasureScores(visit({ phq9: { total: 12 }, gad7: { total: 40 } }))).toEqual([])
    expect(
      visitMeasureScores({
        form: 'bp-review',
        readings: [],
        bpDeclined: true,
        adherence: null,
        medicineChanges: [],
        homeBpMonitoring: 'not-discussed',
        mecc: {}
      })
    ).toEqual([])
  })

  it('prompts from item 9 whatever else the record holds', () => {
    expect(visitRiskPrompt(visit({ phq9: { items: [0, 0, 0, 0, 0, 0, 0, 0, 3] }, gad7: { total: 99 } }))).toMatch(/“Nearly every day”/)
    expect(visitRiskPrompt(visit({ phq9: { items: [3, 3, 3, 3, 3, 3, 3, 3, 0] } }))).toBeNull()
    expect(visitRiskPrompt(visit())).toBeNull()
  })

  it('labels a stored score by the band it was given, even one this version would not give', () => {
    expect(storedMeasureScore({ measure: 'ons4-anxiety', score: 6, band: 'high', items: null, enteredAs: 'answer' })).toMatchObject({
      name: 'ONS4 anxiety',
      bandLabel: 'High'
    })
    expect(storedMeasureScore({ measure: 'phq9', score: 4, band: 'retired-band', items: null, enteredAs: 'total' }).bandLabel).toBe('retired-band')
  })
})
