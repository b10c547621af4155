import { describe, expect, it } from 'vitest'
import { classifyPriority, isSevereReading } from '../../src/shared/domain/bp-priority'
import type { BpSetting } from '../../src/shared/domain/patient-record'

const reading = (systolic: number, diastolic: number, setting: BpSetting = 'clinic') => ({ systolic, diastolic, setting })
const noRisk = { conditions: [], ethnicityCategory: null }

describe('priority groups', () => {
  it('puts clinic 180/119 in P1 and 179/119 in P2', () => {
    expect(classifyPriority(reading(180, 119), noRisk).priority).toBe('P1')
    expect(classifyPriority(reading(179, 119), noRisk).priority).toBe('P2')
  })

  it('puts clinic diastolic 120 in P1', () => {
    expect(classifyPriority(reading(150, 120), noRisk).priority).toBe('P1')
  })

  it('puts clinic 160/99 in P2 and 159/99 in P4 without risk factors', () => {
    expect(classifyPriority(reading(160, 99), noRisk).priority).toBe('P2')
    expect(classifyPriority(reading(159, 99), noRisk).priority).toBe('P4')
    expect(classifyPriority(reading(150, 100), noRisk).priority).toBe('P2')
  })

  it('puts home 170/114 in P1 and 169/114 in P2', () => {
    expect(classifyPriority(reading(170, 114, 'home'), noRisk).priority).toBe('P1')
    expect(classifyPriority(reading(169, 114, 'home'), noRisk).priority).toBe('P2')
    expect(classifyPriority(reading(149, 94, 'home'), noRisk).priority).toBe('P4')
  })

  it('puts an uncontrolled patient with diabetes, CKD or higher-risk ethnicity in P3', () => {
    expect(classifyPriority(reading(150, 92), { conditions: ['DM'], ethnicityCategory: null }).priority).toBe('P3')
    expect(classifyPriority(reading(150, 92), { conditions: ['CKD'], ethnicityCategory: null }).priority).toBe('P3')
    expect(classifyPriority(reading(150, 92), { conditions: [], ethnicityCategory: 'N' }).priority).toBe('P3')
    expect(classifyPriority(reading(150, 92), { conditions: [], ethnicityCategory: 'J' }).priority).toBe('P3')
  })

  it('does not count other conditions or ethnicities as P3 risk factors', () => {
    expect(classifyPriority(reading(150, 92), { conditions: ['AST'], ethnicityCategory: 'A' }).priority).toBe('P4')
    expect(classifyPriority(reading(150, 92), { conditions: [], ethnicityCategory: 'D' }).priority).toBe('P4')
  })

  it('evaluates top-down: a severe reading with risk factors is still P1', () => {
    const result = classifyPriority(reading(185, 100), { conditions: ['CHD'], ethnicityCategory: 'M' })
    expect(result.priority).toBe('P1')
    expect(result.rule).toMatch(/NICE NG136 1\.5\.1/)
  })

  it('names the matched risk factors in the P3 rule text', () => {
    expect(classifyPriority(reading(150, 92), { conditions: ['STIA', 'PAD'], ethnicityCategory: null }).rule).toMatch(
      /stroke\/TIA, peripheral arterial disease/
    )
  })
})

describe('severe reading', () => {
  it('uses ≥180/120 for clinic and ≥170/115 for home and ambulatory', () => {
    expect(isSevereReading(reading(179, 119))).toBe(false)
    expect(isSevereReading(reading(170, 115, 'ambulatory'))).toBe(true)
    expect(isSevereReading(reading(169, 115, 'home'))).toBe(true)
    expect(isSevereReading(reading(169, 114, 'home'))).toBe(false)
  })
})
