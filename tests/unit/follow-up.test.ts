import { describe, expect, it } from 'vitest'
import { proposeFollowUp } from '../../src/shared/domain/follow-up'

describe('follow-up proposal', () => {
  it('proposes a routine review 6 weeks after the visit by default', () => {
    const proposal = proposeFollowUp({ visitDate: '2026-11-22', severe: false })
    expect(proposal.dueOn).toBe('2027-01-03')
    expect(proposal.reason).toMatch(/6 weeks/)
  })

  it('proposes review within 7 days after a severe BP, naming NICE NG136 1.5.1', () => {
    const proposal = proposeFollowUp({ visitDate: '2026-12-28', severe: true, weeks: 12 })
    expect(proposal.dueOn).toBe('2027-01-04')
    expect(proposal.reason).toMatch(/NICE NG136 1\.5\.1/)
    expect(proposal.reason).toMatch(/7 days/)
  })

  it('accepts an interval from 4 to 12 weeks', () => {
    expect(proposeFollowUp({ visitDate: '2026-01-01', severe: false, weeks: 4 }).dueOn).toBe('2026-01-29')
    expect(proposeFollowUp({ visitDate: '2026-01-01', severe: false, weeks: 12 }).dueOn).toBe('2026-03-26')
  })

  it('refuses an interval shorter than 4 weeks, longer than 12 or not whole', () => {
    expect(() => proposeFollowUp({ visitDate: '2026-01-01', severe: false, weeks: 3 })).toThrow(/4 to 12/)
    expect(() => proposeFollowUp({ visitDate: '2026-01-01', severe: false, weeks: 13 })).toThrow(/4 to 12/)
    expect(() => proposeFollowUp({ visitDate: '2026-01-01', severe: false, weeks: 6.5 })).toThrow(/4 to 12/)
  })

  it('counts across a leap day', () => {
    expect(proposeFollowUp({ visitDate: '2028-02-20', severe: true }).dueOn).toBe('2028-02-27')
    expect(proposeFollowUp({ visitDate: '2028-02-01', severe: false }).dueOn).toBe('2028-03-14')
  })
})
