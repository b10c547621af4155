import { describe, expect, it } from 'vitest'
import { findCohortDefinition } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import type { CodedEvent, PatientRecord } from '../../src/shared/domain/patient-record'
import { clinic, event, patientRecord } from '../support/patient-record-builder'

const asOf = '2026-11-22'
const definition = findCohortDefinition('uncontrolled-hypertension')!

/** On the register since 2018, above target, with any further coded events. */
function hypertensive(extra: CodedEvent[] = []): PatientRecord {
  return patientRecord({ readings: [clinic('2026-09-01', 156, 94)], events: [event('HYP', '2018-04-01'), ...extra] })
}

function counts(result: ReturnType<typeof evaluateCohort>) {
  return Object.fromEntries(result.exclusionCounts.map((c) => [c.rule, `${c.count} ${c.state}`]))
}

describe('exclusion switches (each exclusion a named switch with its count)', () => {
  // Declined BP and maximal therapy both apply to one patient; the first in order is recorded.
  const declinedAndMaximal = hypertensive([event('BPDEC', '2026-05-01'), event('HTMAX', '2026-04-01')])
  const recentlyDiagnosed = patientRecord({ readings: [clinic('2026-09-01', 156, 94)], events: [event('HYP', '2026-06-01')] })
  const member = hypertensive()
  const patients = [declinedAndMaximal, recentlyDiagnosed, member]

  it('counts each exclusion once per patient, the first that applies', () => {
    const result = evaluateCohort(definition, patients, { asOf, mode: 'qof' })
    expect(counts(result)).toMatchObject({ 'exclude.bp-declined': '1 on', 'exclude.maximal-therapy': '0 on', 'exclude.recent-diagnosis': '1 on' })
    expect(result.members.map((m) => m.patientId)).toEqual([member.patientId])
  })

  it('switching one off moves its patients to the next exclusion that applies, or into the cohort', () => {
    const result = evaluateCohort(definition, patients, {
      asOf,
      mode: 'qof',
      params: { disabledExclusions: ['exclude.bp-declined', 'exclude.recent-diagnosis'] }
    })
    expect(counts(result)).toMatchObject({
      'exclude.bp-declined': '0 switched-off',
      'exclude.maximal-therapy': '1 on',
      'exclude.recent-diagnosis': '0 switched-off'
    })
    expect(result.excluded.map((e) => [e.patientId, e.rule])).toEqual([[declinedAndMaximal.patientId, 'exclude.maximal-therapy']])
    expect(result.members.map((m) => m.patientId).sort()).toEqual([recentlyDiagnosed.patientId, member.patientId].sort())
    expect(result.parameters.disabledExclusions).toEqual(['exclude.bp-declined', 'exclude.recent-diagnosis'])
  })

  it('QOF-only exclusions (the 9-month rules) are marked and not applied in NICE mode', () => {
    const result = evaluateCohort(definition, patients, { asOf, mode: 'nice' })
    const recent = result.exclusionCounts.find((c) => c.rule === 'exclude.recent-diagnosis')
    expect(recent).toMatchObject({ count: 0, state: 'qof-only', qofOnly: true })
    expect(result.exclusionCounts.find((c) => c.rule === 'exclude.recent-registration')).toMatchObject({ state: 'qof-only', qofOnly: true })
    expect(result.exclusionCounts.find((c) => c.rule === 'exclude.bp-declined')).toMatchObject({ qofOnly: false, state: 'on' })
    expect(result.members.map((m) => m.patientId)).toContain(recentlyDiagnosed.patientId)
  })
})
