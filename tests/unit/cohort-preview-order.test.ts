// A preview puts only its first few members in order (the rest are counted): those few must be the
// same patients, in the same order, as the first of a full build, for every built-in ordering —
// with many ties on the ordering's own keys, so names and then NHS numbers decide.
import { describe, expect, it } from 'vitest'
import { cohortDefinitions } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort, evaluateCohortPreview } from '../../src/shared/domain/cohort-engine'
import type { PatientRecord } from '../../src/shared/domain/patient-record'
import { clinic, event, patientRecord } from '../support/patient-record-builder'

const options = { asOf: '2026-11-01', mode: 'qof' } as const

/** A practice with repeated BPs, names, condition counts and reading dates (a fixed pseudo-random sequence). */
function practice(size: number): PatientRecord[] {
  let seed = 7
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return Math.floor(seed / 65536) % n
  }
  const conditions = ['DM', 'AST', 'COPD', 'DEP', 'CHD', 'AF'] as const
  return Array.from({ length: size }, () => {
    const systolic = 125 + 5 * next(8)
    const month = String(1 + next(12)).padStart(2, '0')
    const events = [event('HYP', '2019-03-01'), ...conditions.filter(() => next(3) === 0).map((c) => event(c, '2020-05-01'))]
    return patientRecord({
      givenName: ['Ann', 'Bob'][next(2)] ?? 'Ann',
      familyName: ['SMITH', 'JONES', 'PATEL'][next(3)] ?? 'SMITH',
      ethnicityCategory: next(2) === 0 ? 'N' : null,
      readings: next(3) === 0 ? [clinic(`2024-${month}-10`, systolic, 85)] : [clinic(`2026-${month.replace(/1[12]/, '10')}-10`, systolic, 85)],
      events
    })
  })
}

describe('a preview lists the same first members as a build', () => {
  const patients = practice(700)
  for (const definition of cohortDefinitions) {
    it(`${definition.id} (${definition.ordering})`, () => {
      const built = evaluateCohort(definition, patients, options).members.map((m) => m.nhsNumber)
      for (const limit of [0, 1, 7, 20]) {
        const preview = evaluateCohortPreview(definition, patients, options, limit)
        // Enough members that only a few are put in order.
        expect(preview.memberCount).toBeGreaterThan(4 * limit)
        expect(preview.memberCount).toBe(built.length)
        expect(preview.members.map((m) => m.nhsNumber)).toEqual(built.slice(0, limit))
      }
    })
  }
})
