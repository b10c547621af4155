// The audit's pure rules for programmes: each funnel stage is its parent's members who also have the
// stage's own fact; the BP table takes invited patients only; Core20 is IMD deciles 1–2; systolic
// changes fall into exactly one 10 mmHg band; and the rules are stated in words.
import { describe, expect, it } from 'vitest'
import { core20Group } from '../../src/shared/domain/audit-breakdowns'
import { funnelOf, funnelStageRules, funnelStagesOf, inBpTable, type FunnelFacts } from '../../src/shared/domain/audit-funnel'
import { auditRules } from '../../src/shared/domain/audit-rules'
import { emptyChangeBands, systolicChangeBands } from '../../src/shared/domain/systolic-change-bands'

const facts = (overrides: Partial<FunnelFacts>): FunnelFacts => ({
  invited: false,
  highestAttempt: 0,
  booked: false,
  attended: false,
  pair: null,
  ...overrides
})
const pair = {}

describe('funnel stages', () => {
  it('counts a patient booked, attended and followed up without an invitation as eligible only', () => {
    expect(funnelStagesOf(facts({ booked: true, attended: true, pair }))).toEqual({
      eligible: true,
      invited1: false,
      invited2: false,
      invited3: false,
      booked: false,
      attended: false,
      followedUp: false
    })
  })

  it('does not count as followed up an invited patient with both readings who never attended, but keeps them in the BP table', () => {
    const f = facts({ invited: true, highestAttempt: 1, pair })
    expect(funnelStagesOf(f)).toMatchObject({ invited1: true, booked: false, attended: false, followedUp: false })
    expect(inBpTable(f)).toBe(true)
    expect(inBpTable(facts({ pair }))).toBe(false)
  })

  it('counts a 2nd and a 3rd invitation only under the invitations before them', () => {
    expect(funnelStagesOf(facts({ invited: true, highestAttempt: 3 }))).toMatchObject({ invited1: true, invited2: true, invited3: true })
    expect(funnelStagesOf(facts({ invited: true, highestAttempt: 2 }))).toMatchObject({ invited2: true, invited3: false })
    expect(funnelStagesOf(facts({ invited: false, highestAttempt: 3 }))).toMatchObject({ invited2: false, invited3: false })
  })

  it('gives every stage a parent earlier in the list, so the funnel is one tree', () => {
    const seen = new Set<string>()
    for (const rule of funnelStageRules) {
      if (rule.parent !== null) expect(seen.has(rule.parent)).toBe(true)
      seen.add(rule.stage)
    }
    expect(funnelStageRules.find((r) => r.stage === 'booked')?.parent).toBe('invited1')
  })

  it('counts invited as invited1 and never a stage above its parent', () => {
    const all = [
      facts({ invited: true, highestAttempt: 2, booked: true, attended: true, pair }),
      facts({ invited: true, highestAttempt: 1, booked: false, attended: true, pair }),
      facts({ booked: true, attended: true, pair }),
      facts({})
    ]
    expect(funnelOf(all)).toEqual({ eligible: 4, invited: 2, invited1: 2, invited2: 1, invited3: 0, booked: 1, attended: 1, followedUp: 1 })
  })
})

describe('Core20', () => {
  it('is IMD deciles 1 and 2, the rest is not, and a missing or impossible decile is unknown', () => {
    expect([1, 2, 3, 10, null, 0, 11].map(core20Group)).toEqual([
      'Core20 (IMD deciles 1–2)',
      'Core20 (IMD deciles 1–2)',
      'Not Core20 (IMD deciles 3–10)',
      'Not Core20 (IMD deciles 3–10)',
      'Unknown',
      'Unknown',
      'Unknown'
    ])
  })
})

describe('systolic change bands', () => {
  it('labels ten-mmHg bands with no change on its own and open ends at a fall or rise of 40', () => {
    expect(emptyChangeBands().map((b) => b.label)).toEqual([
      '≤ −40',
      '−39 to −31',
      '−30 to −21',
      '−20 to −11',
      '−10 to −1',
      '0 (no change)',
      '1 to 10',
      '11 to 20',
      '21 to 30',
      '31 to 39',
      '≥ 40'
    ])
  })

  it('puts each change in exactly one band, at every boundary', () => {
    const changes = [-60, -40, -39, -31, -30, -21, -20, -11, -10, -1, 0, 1, 10, 11, 20, 21, 30, 31, 39, 40, 75]
    const bands = systolicChangeBands(changes)
    expect(bands.reduce((n, b) => n + b.patients, 0)).toBe(changes.length)
    expect(bands.map((b) => b.patients)).toEqual([2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2])
  })
})

describe('audit rules in words', () => {
  it('states the subset rule, the BP table rule and what each stage counts', () => {
    const rules = auditRules('Pharmacist BP review')
    expect(rules[0]?.measure).toBe('Programme “Pharmacist BP review”')
    expect(rules.find((r) => r.measure === 'Uptake funnel')?.rule).toMatch(/no stage is ever larger than the one before it/)
    expect(rules.find((r) => r.measure === 'BP table (systolic outcome)')?.rule).toMatch(/who were invited/)
    for (const stage of funnelStageRules) expect(rules.map((r) => r.measure)).toContain(`Funnel: ${stage.label}`)
    expect(auditRules(null)[0]?.measure).toBe('Whole practice')
  })
})
