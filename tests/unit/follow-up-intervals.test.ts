import { describe, expect, it } from 'vitest'
import { proposeFollowUp, DEFAULT_FOLLOW_UP_WEEKS } from '../../src/shared/domain/follow-up'
import { builtInClinicTypes, followUpWeeksForType } from '../../src/shared/domain/clinic-types'
import { isSevereReading } from '../../src/shared/domain/bp-priority'

const none = new Map<string, number>()

describe('follow-up interval per clinic type', () => {
  it('gives every built-in clinic type the programme default of 6 weeks until the practice sets one', () => {
    expect(DEFAULT_FOLLOW_UP_WEEKS).toBe(6)
    for (const { type } of builtInClinicTypes) {
      expect(followUpWeeksForType(type, none)).toEqual({ type, weeks: 6, practiceSet: false })
    }
    expect(builtInClinicTypes.map((t) => t.type)).toEqual(['Hypertension review', 'Pharmacist BP clinic', 'Time to Talk', 'Follow-up'])
  })

  it("uses the practice's interval for that type only, matching the type regardless of case and spacing", () => {
    const chosen = new Map([['Pharmacist BP clinic', 4]])
    expect(followUpWeeksForType('  pharmacist   bp CLINIC ', chosen)).toEqual({ type: 'Pharmacist BP clinic', weeks: 4, practiceSet: true })
    expect(followUpWeeksForType('Time to Talk', chosen).weeks).toBe(6)
  })

  it('a practice-named type with no setting uses the default', () => {
    expect(followUpWeeksForType('Saturday BP drop-in', none)).toEqual({ type: 'Saturday BP drop-in', weeks: 6, practiceSet: false })
  })
})

describe('follow-up date boundaries', () => {
  const visit = '2026-11-23'

  it('4 weeks (the shortest) is 28 days after the visit, 3 weeks is refused', () => {
    expect(proposeFollowUp({ visitDate: visit, severe: false, weeks: 4 }).dueOn).toBe('2026-12-21')
    expect(() => proposeFollowUp({ visitDate: visit, severe: false, weeks: 3 })).toThrow(/weeks: .*4 to 12 .*got 3/)
  })

  it('12 weeks (the longest) is 84 days after the visit, 13 weeks is refused', () => {
    expect(proposeFollowUp({ visitDate: visit, severe: false, weeks: 12 }).dueOn).toBe('2027-02-15')
    expect(() => proposeFollowUp({ visitDate: visit, severe: false, weeks: 13 })).toThrow(/got 13/)
  })

  it('the clinic type default (6 weeks) is 42 days and the reason names the clinic type', () => {
    const interval = followUpWeeksForType('Time to Talk', none)
    const proposal = proposeFollowUp({ visitDate: visit, severe: false, weeks: interval.weeks, clinicType: interval.type })
    expect(proposal.dueOn).toBe('2027-01-04')
    expect(proposal.reason).toMatch(/6 weeks after the visit \(Time to Talk interval/)
  })

  it('P1 (severe, clinic ≥180/120) is 7 days whatever the clinic type interval, citing NICE NG136 1.5.1', () => {
    for (const weeks of [4, 6, 12]) {
      const proposal = proposeFollowUp({ visitDate: visit, severe: true, weeks })
      expect(proposal.dueOn).toBe('2026-11-30')
      expect(proposal.reason).toMatch(/within 7 days \(NICE NG136 1\.5\.1\)/)
    }
  })

  it('the severe threshold itself: 180/100 and 150/120 are severe (P1, 7 days), 179/119 is not', () => {
    expect(isSevereReading({ systolic: 180, diastolic: 100, setting: 'clinic' })).toBe(true)
    expect(isSevereReading({ systolic: 150, diastolic: 120, setting: 'clinic' })).toBe(true)
    expect(isSevereReading({ systolic: 179, diastolic: 119, setting: 'clinic' })).toBe(false)
  })
})
