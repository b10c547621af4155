// The wellbeing table, adherence at baseline and referral counts as pure rules: each measure paired
// from the first visit recording it to the latest later one, reliable change at and beside its
// thresholds, UCLA-3's lonely counts, only invited patients counted, an adherence record read back
// defensively, a referral's outcome as it stood on the audit date; and the disclosure grid's
// relations holding for every row it builds.
import { describe, expect, it } from 'vitest'
import { adherenceAtBaselineOf, adherenceFromStored } from '../../src/shared/domain/audit-adherence'
import { adherenceRelations, auditGrid, auditGridShape, wellbeingRelations } from '../../src/shared/domain/audit-disclosure'
import { referralCountsOf, referralOutcomeAsOf, referralsByService } from '../../src/shared/domain/audit-referrals'
import { inWellbeingTable, wellbeingOutcomeOf, wellbeingPairsOf, type WellbeingPairs } from '../../src/shared/domain/audit-wellbeing'

const visit = (date: string, scores: Record<string, number>) => ({ date, scores })

describe('pairing each measure', () => {
  it('takes the first visit recording it as the baseline and the latest later visit as the follow-up', () => {
    const pairs = wellbeingPairsOf([
      visit('2026-09-01', { gad7: 10 }),
      visit('2026-09-15', { phq9: 14, gad7: 8 }),
      visit('2026-10-15', { phq9: 7 }),
      visit('2026-11-15', { phq9: 9 })
    ])
    expect(pairs).toEqual({ phq9: { baseline: 14, followUp: 9 }, gad7: { baseline: 10, followUp: 8 } })
  })

  it('needs a later day: a second score on the baseline day is no follow-up, and visits are put in date order', () => {
    expect(wellbeingPairsOf([visit('2026-09-15', { phq9: 14 }), visit('2026-09-15', { phq9: 4 })])).toEqual({})
    expect(wellbeingPairsOf([visit('2026-11-15', { ucla3: 4 }), visit('2026-09-15', { ucla3: 8 })])).toEqual({ ucla3: { baseline: 8, followUp: 4 } })
  })
})

const patient = (wellbeing: WellbeingPairs, invited = true) => ({ invited, wellbeing })

describe('the wellbeing table', () => {
  it('counts reliable change exactly at the thresholds (PHQ-9 6, GAD-7 4) and no change one point short', () => {
    const o = wellbeingOutcomeOf([
      patient({ phq9: { baseline: 16, followUp: 10 }, gad7: { baseline: 12, followUp: 8 } }),
      patient({ phq9: { baseline: 16, followUp: 11 }, gad7: { baseline: 12, followUp: 9 } }),
      patient({ phq9: { baseline: 4, followUp: 10 }, gad7: { baseline: 5, followUp: 9 } }),
      patient({ phq9: { baseline: 4, followUp: 9 }, gad7: { baseline: 5, followUp: 8 } })
    ])
    expect(o.phq9).toEqual({ patients: 4, improved: 1, unchanged: 2, worse: 1 })
    expect(o.gad7).toEqual({ patients: 4, improved: 1, unchanged: 2, worse: 1 })
  })

  it('averages ONS4 and UCLA-3 over the patients with both, counts loneliness, and leaves out the never invited', () => {
    const o = wellbeingOutcomeOf([
      patient({ 'ons4-anxiety': { baseline: 8, followUp: 5 }, ucla3: { baseline: 7, followUp: 5 } }),
      patient({ 'ons4-anxiety': { baseline: 6, followUp: 6 }, ucla3: { baseline: 6, followUp: 6 } }),
      patient({ ucla3: { baseline: 4, followUp: 6 } }),
      patient({ phq9: { baseline: 20, followUp: 2 }, ucla3: { baseline: 9, followUp: 3 } }, false)
    ])
    expect(o.patients).toBe(3)
    expect(o.phq9.patients).toBe(0)
    expect(o.ons4.anxiety).toEqual({ patients: 2, meanBaseline: 7, meanFollowUp: 5.5, meanChange: -1.5 })
    expect(o.ons4.happiness).toEqual({ patients: 0, meanBaseline: null, meanFollowUp: null, meanChange: null })
    expect(o.ucla3).toEqual({ patients: 3, meanBaseline: 5.7, meanFollowUp: 5.7, meanChange: 0, lonelyAtBaseline: 2, lonelyAtFollowUp: 2, noLongerLonely: 1 })
    expect(inWellbeingTable(patient({}, true))).toBe(false)
  })
})

describe('adherence at baseline', () => {
  it('counts each answer once and each reason among those not taking as prescribed, of invited patients asked', () => {
    const a = adherenceAtBaselineOf([
      { invited: true, adherenceAtBaseline: { status: 'stopped', reasons: ['side-effects', 'other'] } },
      { invited: true, adherenceAtBaseline: { status: 'taking', reasons: [] } },
      { invited: true, adherenceAtBaseline: null },
      { invited: false, adherenceAtBaseline: { status: 'forgets', reasons: ['forgets'] } }
    ])
    expect(a).toEqual({
      patients: 2,
      notTakingAsPrescribed: 1,
      status: { taking: 1, forgets: 0, stopped: 1, 'side-effects': 0, 'not-collected': 0 },
      reasons: { forgets: 0, 'side-effects': 1, 'prescription-cost': 0, 'not-needed': 0, 'practical-difficulty': 0, other: 1 }
    })
  })

  it('reads a stored record defensively: unknown status is none, unknown or repeated reasons are dropped, none beside taking', () => {
    expect(adherenceFromStored({ status: 'forgets', reasons: ['forgets', 'forgets', 'moon-phase'], otherReason: null })).toEqual({
      status: 'forgets',
      reasons: ['forgets']
    })
    expect(adherenceFromStored({ status: 'taking', reasons: ['forgets'] })).toEqual({ status: 'taking', reasons: [] })
    expect(adherenceFromStored({ status: 'sometimes' })).toBeNull()
    expect(adherenceFromStored(null)).toBeNull()
  })
})

describe('referrals', () => {
  it('count under the outcome recorded by the audit date, per service A–Z', () => {
    expect(referralOutcomeAsOf('attended', '2026-11-20', '2026-11-19')).toBeNull()
    expect(referralOutcomeAsOf('attended', '2026-11-19', '2026-11-19')).toBe('attended')
    const counts = referralsByService([
      { serviceId: 2, service: 'Walking group', outcome: null },
      { serviceId: 1, service: 'NHS Talking Therapies', outcome: 'attended' },
      { serviceId: 2, service: 'Walking group', outcome: 'declined' }
    ])
    expect(counts.map((c) => [c.service, c.referred, c.attended, c.declined, c.noOutcome])).toEqual([
      ['NHS Talking Therapies', 1, 1, 0, 0],
      ['Walking group', 2, 0, 1, 1]
    ])
    expect(referralCountsOf([])).toEqual({ referred: 0, accepted: 0, attended: 0, declined: 0, unknown: 0, noOutcome: 0 })
  })
})

describe('the disclosure grid with wellbeing and adherence', () => {
  it('holds every relation the check assumes, in every row', () => {
    const base = { highestAttempt: 1, booked: true, pair: null }
    const people = [
      {
        ...base,
        invited: true,
        attended: true,
        group: 'a',
        wellbeing: { ucla3: { baseline: 7, followUp: 4 } },
        adherenceAtBaseline: { status: 'stopped' as const, reasons: ['other' as const] }
      },
      { ...base, invited: true, attended: true, group: 'b', wellbeing: { phq9: { baseline: 3, followUp: 12 } }, adherenceAtBaseline: null },
      { ...base, invited: false, attended: false, group: 'b', wellbeing: {}, adherenceAtBaseline: null }
    ]
    const sections = { wellbeing: true, adherence: true }
    const grid = auditGrid(people, [{ name: 'group', groupOf: (p) => p.group, order: [] }], sections)
    const shape = auditGridShape(sections)
    expect(shape.relations).toEqual(expect.arrayContaining([...wellbeingRelations, ...adherenceRelations]))
    for (const row of [grid.whole, ...grid.dimensions.flatMap((d) => d.groups)]) {
      for (const r of shape.relations) {
        const left = r.left.reduce((n, k) => n + (row.counts[k] ?? NaN), 0)
        const right = r.right.reduce((n, k) => n + (row.counts[k] ?? NaN), 0)
        expect(r.relation === '=' ? left === right : left >= right, `${row.label}: ${r.left.join('+')} ${r.relation} ${r.right.join('+')}`).toBe(true)
      }
    }
    expect(grid.whole.counts).toMatchObject({ wellbeingPatients: 2, phq9Worse: 1, ucla3NoLongerLonely: 1, adherencePatients: 1, reasonOther: 1 })
    expect(grid.whole.sums).toMatchObject({ ucla3Baseline: 7, ucla3FollowUp: 4 })
  })
})
