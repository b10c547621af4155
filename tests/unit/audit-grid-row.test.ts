// A row of the disclosure grid is counted in one pass over its patients: its counts must be the
// funnel's and the BP table's exactly (what the Summary and the breakdowns show), and its sums those
// of exactly the patients the BP table counts — whatever mix of invited, uninvited, paired and
// unpaired patients the row holds.
import { describe, expect, it } from 'vitest'
import { auditCounts, auditRowOf, type AuditGridSubject } from '../../src/shared/domain/audit-disclosure'
import { bpOutcomeOf, funnelOf } from '../../src/shared/domain/audit-outcome'

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

function patients(seed: number, n: number): AuditGridSubject[] {
  const next = random(seed)
  return Array.from({ length: n }, () => {
    const invited = next() < 0.7
    const paired = next() < 0.6
    const sys = 120 + Math.floor(next() * 50)
    return {
      invited,
      highestAttempt: invited ? 1 + Math.floor(next() * 3) : 0,
      booked: next() < 0.5,
      attended: next() < 0.4,
      pair: paired
        ? {
            baseline: { systolic: sys, diastolic: 70 + Math.floor(next() * 25) },
            followUp: { systolic: sys + Math.floor(next() * 21) - 10, diastolic: 70 + Math.floor(next() * 25) },
            atTarget: { baseline: next() < 0.4, followUp: next() < 0.5 }
          }
        : null,
      wellbeing: {},
      adherenceAtBaseline: null
    }
  })
}

describe('a row of the disclosure grid', () => {
  it.each([1, 2, 3, 42, 2026])('has the funnel and BP table counts, and the sums of the BP table patients (seed %i)', (seed) => {
    const people = patients(seed, 400)
    const row = auditRowOf('All patients', people)
    expect(row.counts).toEqual(auditCounts(funnelOf(people), bpOutcomeOf(people)))
    const inTable = people.filter((p) => p.invited && p.pair)
    expect(row.sums).toEqual({
      systolicChange: inTable.reduce((a, p) => a + (p.pair ? p.pair.followUp.systolic - p.pair.baseline.systolic : 0), 0),
      diastolicChange: inTable.reduce((a, p) => a + (p.pair ? p.pair.followUp.diastolic - p.pair.baseline.diastolic : 0), 0)
    })
  })

  it('counts a paired patient never invited nowhere in the BP table or its sums', () => {
    const [one] = patients(7, 1)
    if (!one) throw new Error('no patient')
    const uninvited = {
      ...one,
      invited: false,
      highestAttempt: 0,
      pair: { baseline: { systolic: 150, diastolic: 90 }, followUp: { systolic: 130, diastolic: 80 } }
    }
    const row = auditRowOf('group', [uninvited])
    expect(row.counts).toMatchObject({ eligible: 1, invited: 0, bpPatients: 0, reduced: 0 })
    expect(row.sums).toEqual({ systolicChange: 0, diastolicChange: 0 })
  })
})
