import { describe, expect, it } from 'vitest'
import { isControlled, targetFor } from '../../src/shared/domain/bp-targets'

const bp = (systolic: number, diastolic: number) => ({ systolic, diastolic })

describe('BP targets', () => {
  it('counts 140/90 at 79 as controlled in QOF mode (≤) but not in NICE mode (<)', () => {
    expect(isControlled(bp(140, 90), targetFor('qof', 79, 'clinic'))).toBe(true)
    expect(isControlled(bp(140, 90), targetFor('nice', 79, 'clinic'))).toBe(false)
  })

  it('applies 150/90 from the 80th birthday (age 80) and 140/90 at 79', () => {
    expect(targetFor('qof', 80, 'clinic')).toMatchObject({ systolic: 150, diastolic: 90, source: 'QOF HYP009' })
    expect(targetFor('qof', 79, 'clinic')).toMatchObject({ systolic: 140, diastolic: 90, source: 'QOF HYP008' })
    expect(isControlled(bp(148, 88), targetFor('qof', 80, 'clinic'))).toBe(true)
    expect(isControlled(bp(148, 88), targetFor('qof', 79, 'clinic'))).toBe(false)
  })

  it('uses the lower home/ambulatory targets: 136/84 at 60 is above 135/85', () => {
    const target = targetFor('qof', 60, 'home')
    expect(target).toMatchObject({ systolic: 135, diastolic: 85, comparator: '<=' })
    expect(isControlled(bp(136, 84), target)).toBe(false)
    expect(isControlled(bp(135, 85), target)).toBe(true)
  })

  it('gives 145/85 for home or ambulatory readings at 80 and over', () => {
    expect(targetFor('qof', 85, 'ambulatory')).toMatchObject({ systolic: 145, diastolic: 85 })
    expect(targetFor('nice', 85, 'home')).toMatchObject({ systolic: 145, diastolic: 85, comparator: '<' })
  })

  it('requires both systolic and diastolic within target', () => {
    const target = targetFor('qof', 60, 'clinic')
    expect(isControlled(bp(130, 91), target)).toBe(false)
    expect(isControlled(bp(141, 80), target)).toBe(false)
  })

  it('names the source in the label', () => {
    expect(targetFor('qof', 60, 'clinic').label).toMatch(/QOF HYP008.*≤140\/90/)
    expect(targetFor('nice', 60, 'clinic').label).toMatch(/NICE NG136 1\.4\.20.*below 140\/90/)
    expect(targetFor('nice', 82, 'clinic').label).toMatch(/NICE NG136 1\.4\.21/)
    expect(targetFor('nice', 60, 'home').label).toMatch(/NICE NG136 1\.4\.22/)
  })
})
