import { describe, expect, it } from 'vitest'
import { hypertensionRegisterStatus } from '../../src/shared/domain/hypertension-register'
import { event } from '../support/patient-record-builder'

const asOf = '2026-11-22'

describe('hypertension register', () => {
  it('puts a patient with an unresolved diagnosis on the register, with the diagnosis as evidence', () => {
    const status = hypertensionRegisterStatus([event('HYP', '2019-03-02', '38341003', 'Hypertensive disorder')], asOf)
    expect(status.onRegister).toBe(true)
    expect(status.evidence).toEqual([{ concept: 'HYP', code: '38341003', term: 'Hypertensive disorder', date: '2019-03-02' }])
    expect(status.detail).toMatch(/QOF HYP001/)
  })

  it('takes a patient whose latest diagnosis is followed by a resolution off the register', () => {
    const status = hypertensionRegisterStatus([event('HYP', '2019-03-02'), event('HYPRES', '2022-05-01', '162659009', 'Hypertension resolved')], asOf)
    expect(status.onRegister).toBe(false)
    expect(status.evidence.map((e) => e.concept)).toEqual(['HYP', 'HYPRES'])
  })

  it('puts a patient diagnosed, resolved and re-diagnosed back on the register', () => {
    const status = hypertensionRegisterStatus([event('HYP', '2015-01-01'), event('HYPRES', '2018-01-01'), event('HYP', '2024-02-01')], asOf)
    expect(status.onRegister).toBe(true)
    expect(status.detail).toMatch(/Re-diagnosed/)
    expect(status.firstDiagnosedOn).toBe('2015-01-01')
  })

  it('serialises as a plain status with its sentence', () => {
    const status = hypertensionRegisterStatus([event('HYP', '2019-03-02', '38341003', 'Hypertensive disorder')], asOf)
    expect(JSON.parse(JSON.stringify(status))).toEqual({
      onRegister: true,
      evidence: status.evidence,
      firstDiagnosedOn: '2019-03-02',
      detail: status.detail
    })
  })

  it('treats a resolution on the same day as the diagnosis as resolved', () => {
    expect(hypertensionRegisterStatus([event('HYP', '2020-01-01'), event('HYPRES', '2020-01-01')], asOf).onRegister).toBe(false)
  })

  it('counts an undated register flag unless a dated resolution exists', () => {
    expect(hypertensionRegisterStatus([event('HYP', null)], asOf).onRegister).toBe(true)
    expect(hypertensionRegisterStatus([event('HYP', null), event('HYPRES', '2020-01-01')], asOf).onRegister).toBe(false)
  })

  it('ignores events after the as-of date', () => {
    expect(hypertensionRegisterStatus([event('HYP', '2027-01-01')], asOf).onRegister).toBe(false)
    expect(hypertensionRegisterStatus([event('HYP', '2020-01-01'), event('HYPRES', '2027-01-01')], asOf).onRegister).toBe(true)
  })

  it('is off the register with no diagnosis at all', () => {
    const status = hypertensionRegisterStatus([event('DM', '2020-01-01')], asOf)
    expect(status.onRegister).toBe(false)
    expect(status.evidence).toEqual([])
  })
})
