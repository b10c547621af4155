import { describe, expect, it } from 'vitest'
import {
  ageBand,
  breakdownBy,
  funnelOf,
  imdQuintileLabel,
  medianOf,
  percentOf,
  roundTo1dp,
  selectBaselineAndFollowUp,
  summariseBpOutcome,
  systolicOutcome,
  type OutcomePair
} from '../../src/shared/domain/audit-outcome'

const pair = (baseSys: number, followSys: number, baseDia = 90, followDia = 90): OutcomePair => ({
  baseline: { systolic: baseSys, diastolic: baseDia },
  followUp: { systolic: followSys, diastolic: followDia }
})

describe('systolic outcome', () => {
  it('counts a fall of 1 mmHg as reduced, the same value as no change and a rise of 1 mmHg as increased', () => {
    expect(systolicOutcome(150, 149)).toBe('reduced')
    expect(systolicOutcome(150, 150)).toBe('unchanged')
    expect(systolicOutcome(150, 151)).toBe('increased')
  })
})

describe('seed table arithmetic', () => {
  it('reproduces the seed programme: 66 reduced (57.9%), 4 no change (3.5%), 44 increased (38.6%) of 114', () => {
    const pairs = [
      ...Array.from({ length: 66 }, () => pair(160, 140)),
      ...Array.from({ length: 4 }, () => pair(150, 150)),
      ...Array.from({ length: 44 }, () => pair(145, 150))
    ]
    const s = summariseBpOutcome(pairs)
    expect(s).toMatchObject({ patients: 114, reduced: 66, unchanged: 4, increased: 44 })
    expect([s.reducedPercent, s.unchangedPercent, s.increasedPercent]).toEqual([57.9, 3.5, 38.6])
  })

  it('rounds percentages to one decimal place, halves away from zero', () => {
    expect(percentOf(1, 3)).toBe(33.3)
    expect(percentOf(2, 3)).toBe(66.7)
    expect(percentOf(1, 8)).toBe(12.5)
    expect(roundTo1dp(12.25)).toBe(12.3)
    expect(roundTo1dp(-12.25)).toBe(-12.3)
  })

  it('gives the mean and median change as follow-up minus baseline (negative is a fall)', () => {
    const s = summariseBpOutcome([pair(160, 150, 100, 90), pair(150, 153, 90, 91), pair(140, 139, 85, 85)])
    expect(s.meanSystolicChange).toBe(-2.7) // (-10 + 3 - 1) / 3
    expect(s.meanDiastolicChange).toBe(-3) // (-10 + 1 + 0) / 3
    expect(s.medianSystolicChange).toBe(-1)
    expect(medianOf([1, 2, 3, 10])).toBe(2.5)
    // Unsorted, negative and even in number: sorted numerically (not as text), halves away from zero.
    expect(medianOf([5, -12, 0, -3])).toBe(-1.5)
    expect(medianOf([-10, -9, 100, 2, -1, 1])).toBe(0)
    expect(medianOf([-5, -2])).toBe(-3.5)
  })

  it('reports an empty audit as zero patients and 0%, with no mean', () => {
    const s = summariseBpOutcome([])
    expect(s).toMatchObject({ patients: 0, reduced: 0, unchanged: 0, increased: 0, reducedPercent: 0, unchangedPercent: 0, increasedPercent: 0 })
    expect(s.meanSystolicChange).toBeNull()
    expect(s.medianDiastolicChange).toBeNull()
  })
})

describe('baseline and follow-up selection', () => {
  const clinic = (date: string, systolic: number, diastolic: number) => ({ date, systolic, diastolic, setting: 'clinic' as const })

  it('takes the first attended visit as baseline, lowest of its readings, and the latest later reading as follow-up', () => {
    const first = [clinic('2026-01-10', 162, 96), clinic('2026-01-10', 158, 99)]
    const second = [clinic('2026-03-01', 150, 90)]
    const result = selectBaselineAndFollowUp({
      visits: [
        { date: '2026-03-01', readings: second },
        { date: '2026-01-10', readings: first }
      ],
      readings: [clinic('2025-12-01', 170, 100), ...first, ...second, clinic('2026-04-02', 144, 88)],
      firstInvitedOn: '2025-12-15',
      asOf: '2026-05-01'
    })
    expect(result.baseline).toMatchObject({ systolic: 158, diastolic: 96, date: '2026-01-10', source: 'first-clinic-visit' })
    expect(result.followUp).toMatchObject({ systolic: 144, diastolic: 88, date: '2026-04-02' })
  })

  it('falls back to the latest reading before the first invitation when the patient never attended', () => {
    const result = selectBaselineAndFollowUp({
      visits: [],
      readings: [clinic('2025-06-01', 170, 100), clinic('2025-11-30', 164, 98), clinic('2026-02-01', 150, 92)],
      firstInvitedOn: '2025-12-15',
      asOf: '2026-05-01'
    })
    expect(result.baseline).toMatchObject({ systolic: 164, date: '2025-11-30', source: 'before-invitation' })
    expect(result.followUp).toMatchObject({ systolic: 150, date: '2026-02-01' })
  })

  it('has no follow-up when nothing was recorded after the baseline day, and ignores readings after the as-of date', () => {
    const result = selectBaselineAndFollowUp({
      visits: [{ date: '2026-01-10', readings: [clinic('2026-01-10', 160, 95)] }],
      readings: [clinic('2026-01-10', 160, 95), clinic('2026-06-01', 140, 85)],
      firstInvitedOn: '2025-12-15',
      asOf: '2026-05-01'
    })
    expect(result.baseline?.systolic).toBe(160)
    expect(result.followUp).toBeNull()
  })

  it('has no baseline for a patient never invited and never seen', () => {
    expect(selectBaselineAndFollowUp({ visits: [], readings: [clinic('2026-01-01', 150, 90)], firstInvitedOn: null, asOf: '2026-05-01' })).toEqual({
      baseline: null,
      followUp: null
    })
  })
})

describe('funnel, bands and breakdowns', () => {
  it('counts each funnel stage among eligible patients', () => {
    const facts = [
      { invited: true, highestAttempt: 1, booked: true, attended: true, pair: pair(150, 140) },
      { invited: true, highestAttempt: 3, booked: true, attended: false, pair: null },
      { invited: true, highestAttempt: 2, booked: false, attended: false, pair: null },
      { invited: false, highestAttempt: 0, booked: false, attended: false, pair: null }
    ]
    expect(funnelOf(facts)).toEqual({ eligible: 4, invited: 3, invited1: 3, invited2: 2, invited3: 1, booked: 2, attended: 1, followedUp: 1 })
  })

  it('bands ages at 40, 60 and 80 and keeps unknown ages visible', () => {
    expect([ageBand(18), ageBand(39), ageBand(40), ageBand(59), ageBand(60), ageBand(79), ageBand(80), ageBand(17), ageBand(null)]).toEqual([
      '18–39',
      '18–39',
      '40–59',
      '40–59',
      '60–79',
      '60–79',
      '80+',
      'Under 18',
      'Unknown'
    ])
  })

  it('puts IMD deciles 1–2 in quintile 1 (Core20)', () => {
    expect(imdQuintileLabel(1)).toBe('1 (most deprived, Core20)')
    expect(imdQuintileLabel(2)).toBe('1 (most deprived, Core20)')
    expect(imdQuintileLabel(3)).toBe('2')
    expect(imdQuintileLabel(10)).toBe('5 (least deprived)')
    expect(imdQuintileLabel(null)).toBe('Unknown')
  })

  it('breaks the funnel and outcome down by group, listed groups first', () => {
    const rows = [
      { g: 'B', invited: true, highestAttempt: 1, booked: true, attended: true, pair: pair(150, 140) },
      { g: 'A', invited: true, highestAttempt: 1, booked: false, attended: false, pair: null },
      { g: 'B', invited: true, highestAttempt: 1, booked: true, attended: true, pair: pair(150, 155) }
    ]
    const out = breakdownBy(rows, (r) => r.g, ['B'])
    expect(out.map((r) => r.group)).toEqual(['B', 'A'])
    expect(out[0]?.outcome).toMatchObject({ patients: 2, reduced: 1, increased: 1 })
    expect(out[1]?.funnel).toEqual({ eligible: 1, invited: 1, invited1: 1, invited2: 0, invited3: 0, booked: 0, attended: 0, followedUp: 0 })
  })
})
