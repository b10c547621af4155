import { describe, expect, it } from 'vitest'
import { currentBloodPressure, lowestOfReadings } from '../../src/shared/domain/current-bp'
import { clinic, home } from '../support/patient-record-builder'

describe('which blood pressure counts', () => {
  it('takes the latest date in the window', () => {
    const current = currentBloodPressure([clinic('2026-01-10', 150, 95), clinic('2026-06-01', 132, 80), clinic('2025-12-01', 170, 100)], '2026-11-22')
    expect(current.bp).toEqual({ systolic: 132, diastolic: 80, date: '2026-06-01', setting: 'clinic' })
  })

  it('takes the lowest systolic and the lowest diastolic of two readings on the latest day, from different readings', () => {
    const current = currentBloodPressure([clinic('2026-06-01', 150, 82), clinic('2026-06-01', 144, 91), clinic('2026-03-01', 120, 70)], '2026-11-22')
    expect(current.bp).toEqual({ systolic: 144, diastolic: 82, date: '2026-06-01', setting: 'clinic' })
    expect(current.rule).toMatch(/lowest systolic and lowest diastolic/)
    expect(current.rule).toMatch(/NICE NG136 1\.2\.2/)
    const used = current.considered.map((r) => [r.systolic, r.used])
    expect(used).toEqual([
      [150, 'diastolic'],
      [144, 'systolic'],
      [120, 'none']
    ])
  })

  it('marks a reading that supplied both values as "both"', () => {
    const current = currentBloodPressure([clinic('2026-06-01', 150, 95), clinic('2026-06-01', 140, 85)], '2026-11-22')
    expect(current.considered.find((r) => r.systolic === 140)?.used).toBe('both')
    expect(current.considered.find((r) => r.systolic === 150)?.used).toBe('none')
  })

  it('reports "no recent BP" for a reading 13 months old, never a BP', () => {
    const current = currentBloodPressure([clinic('2025-10-22', 128, 78)], '2026-11-22')
    expect(current.bp).toBeNull()
    expect(current.considered).toEqual([])
    expect(current.rule).toMatch(/no recent BP/)
  })

  it('excludes a reading exactly 12 months before the as-of date and includes the day after', () => {
    expect(currentBloodPressure([clinic('2025-11-22', 150, 90)], '2026-11-22').bp).toBeNull()
    expect(currentBloodPressure([clinic('2025-11-23', 150, 90)], '2026-11-22').bp?.date).toBe('2025-11-23')
  })

  it('includes a reading on the as-of date and ignores readings after it', () => {
    const current = currentBloodPressure([clinic('2026-11-22', 150, 90), clinic('2026-11-23', 120, 70)], '2026-11-22')
    expect(current.bp?.date).toBe('2026-11-22')
    expect(current.considered).toHaveLength(1)
  })

  it('uses the QOF year window for a 31 March as-of date: 1 April of the previous year is the first day', () => {
    expect(currentBloodPressure([clinic('2024-03-31', 150, 90)], '2025-03-31').bp).toBeNull()
    expect(currentBloodPressure([clinic('2024-04-01', 150, 90)], '2025-03-31').bp?.date).toBe('2024-04-01')
  })

  it('counts clinic readings over home readings taken the same latest day, and says so', () => {
    const current = currentBloodPressure([home('2026-06-01', 128, 78), clinic('2026-06-01', 146, 88)], '2026-11-22')
    expect(current.bp).toEqual({ systolic: 146, diastolic: 88, date: '2026-06-01', setting: 'clinic' })
    expect(current.rule).toMatch(/clinic readings count over home/)
    expect(current.considered.find((r) => r.setting === 'home')?.used).toBe('none')
  })

  it('uses home readings when the latest day has only home readings', () => {
    const current = currentBloodPressure([home('2026-06-02', 136, 84), clinic('2026-06-01', 150, 95)], '2026-11-22')
    expect(current.bp).toEqual({ systolic: 136, diastolic: 84, date: '2026-06-02', setting: 'home' })
  })

  it('serialises as a plain answer with the readings, the rule and its values, the same read again', () => {
    const current = currentBloodPressure([clinic('2026-06-01', 150, 82), home('2026-06-01', 140, 80)], '2026-11-22')
    const plain = JSON.parse(JSON.stringify(current))
    expect(Object.keys(plain).sort()).toEqual(['bp', 'considered', 'rule', 'ruleValues', 'severeReading'])
    expect(plain).toEqual({
      bp: current.bp,
      severeReading: null,
      considered: current.considered,
      rule: current.rule,
      ruleValues: [12, '2026-11-22', '2026-06-01', 'clinic', 1, 'home']
    })
    expect(current.considered).toBe(current.considered)
    expect(current.rule).toMatch(/clinic readings count over home readings/)
  })

  it('serialises "no recent BP" with its rule and no readings', () => {
    const plain = JSON.parse(JSON.stringify(currentBloodPressure([clinic('2025-10-22', 128, 78)], '2026-11-22')))
    expect(plain).toEqual({ bp: null, severeReading: null, considered: [], rule: expect.stringMatching(/no recent BP/), ruleValues: [12, '2026-11-22'] })
  })

  it('honours another look-back length', () => {
    expect(currentBloodPressure([clinic('2026-03-01', 150, 90)], '2026-11-22', 6).bp).toBeNull()
    expect(currentBloodPressure([clinic('2026-06-01', 150, 90)], '2026-11-22', 6).bp).not.toBeNull()
  })
})

describe('lowest of readings', () => {
  it('takes each component separately', () => {
    expect(
      lowestOfReadings([
        { systolic: 162, diastolic: 88 },
        { systolic: 155, diastolic: 96 }
      ])
    ).toEqual({ systolic: 155, diastolic: 88 })
  })

  it('refuses an empty list', () => {
    expect(() => lowestOfReadings([])).toThrow()
  })
})
