// A record's facts are remembered on the record for one as-of date and look-back window at a time.
// Two evaluations of the same record at different dates, read in turns, must each see their own
// date's answer, however often the memo is re-aimed.
import { describe, expect, it } from 'vitest'
import { defaultCohortParameters } from '../../src/shared/domain/cohort-parameters'
import { patientFacts } from '../../src/shared/domain/patient-facts'
import { clinic, event, patientRecord } from '../support/patient-record-builder'

describe('patient facts remembered on the record', () => {
  const record = () =>
    patientRecord({
      dateOfBirth: '1960-05-01',
      readings: [clinic('2025-03-01', 128, 78), clinic('2026-06-01', 168, 96)],
      events: [event('HYP', '2020-01-01'), event('HYPRES', '2026-01-15')]
    })

  it('answers each date for its own facts object when two dates are read in turns', () => {
    const patient = record()
    const before = patientFacts(patient, '2025-06-01', 'qof', defaultCohortParameters)
    const after = patientFacts(patient, '2026-11-01', 'qof', defaultCohortParameters)
    for (let turn = 0; turn < 3; turn++) {
      expect(before.current.bp).toMatchObject({ systolic: 128, date: '2025-03-01' })
      expect(after.current.bp).toMatchObject({ systolic: 168, date: '2026-06-01' })
      expect(before.register.onRegister).toBe(true)
      expect(after.register.onRegister).toBe(false)
      expect(before.age).toBe(65)
      expect(after.age).toBe(66)
      expect(before.controlled).toBe(true)
      expect(after.controlled).toBe(false)
    }
  })

  it('answers each look-back window for its own facts object', () => {
    const patient = record()
    const year = patientFacts(patient, '2026-11-01', 'qof', defaultCohortParameters)
    const fourMonths = patientFacts(patient, '2026-11-01', 'qof', { ...defaultCohortParameters, lookbackMonths: 4 })
    for (let turn = 0; turn < 3; turn++) {
      expect(year.current.bp).toMatchObject({ systolic: 168 })
      expect(fourMonths.current.bp).toBeNull()
    }
  })

  it('still answers a frozen record, which cannot carry the memo', () => {
    const patient = Object.freeze(record())
    const facts = patientFacts(patient, '2026-11-01', 'qof', defaultCohortParameters)
    expect(facts.current.bp).toMatchObject({ systolic: 168 })
    expect(facts.register.onRegister).toBe(false)
  })
})
