// Why a cohort build is empty, in words with the counts that show it.
import { describe, expect, it } from 'vitest'
import { emptyCohortReason, type CohortOutcomeCounts } from '../../src/shared/domain/empty-cohort'

const tally = (rule: string, label: string, count: number, withoutRecentReading = 0) => ({ rule, label, count, withoutRecentReading })
const base: CohortOutcomeCounts = { patientsImported: 120, members: 0, excluded: 0, notEligibleBy: [], exclusionCounts: [] }

describe('emptyCohortReason', () => {
  it('says nothing for a cohort with members', () => {
    expect(emptyCohortReason({ ...base, members: 3 }, '2026-12-03')).toBeNull()
  })

  it('no patients imported', () => {
    expect(emptyCohortReason({ ...base, patientsImported: 0 }, '2026-12-03')).toBe(
      'No patients have been imported yet: import the practice’s search export first (Import).'
    )
  })

  it('no one on the register, with the count', () => {
    const counts = {
      ...base,
      notEligibleBy: [tally('register.hypertension', 'On the hypertension register', 120), tally('bp.above-target', 'Current BP above target', 0)]
    }
    expect(emptyCohortReason(counts, '2026-12-03')).toBe(
      'No one is on the register this cohort needs as of 3 December 2026: of the 120 patients imported, 120 not “On the hypertension register”.'
    )
  })

  it('no readings in the look-back window among those on the register', () => {
    const counts = {
      ...base,
      notEligibleBy: [
        tally('register.hypertension', 'On the hypertension register', 20),
        tally('age.adult', 'Aged 18 or over', 0),
        tally('bp.above-target', 'Current BP above target', 100, 100)
      ]
    }
    expect(emptyCohortReason(counts, '2026-12-03')).toBe(
      'No one on the register has a BP reading in the look-back window before 3 December 2026: of the 120 patients imported, 20 not “On the hypertension register”; 100 not “Current BP above target” (100 with no BP reading in the look-back window).'
    )
  })

  it('everyone who qualified is excluded, by which exclusions', () => {
    const counts = {
      ...base,
      excluded: 2,
      notEligibleBy: [tally('register.hypertension', 'On the hypertension register', 118)],
      exclusionCounts: [
        { label: 'Palliative care', count: 1 },
        { label: 'Already booked', count: 1 },
        { label: 'Informed dissent', count: 0 }
      ]
    }
    expect(emptyCohortReason(counts, '2026-12-03')).toBe(
      'Everyone who meets the criteria as of 3 December 2026 is excluded: 2 patients (1 by “Palliative care”, 1 by “Already booked”).'
    )
  })

  it('otherwise: no one meets every criterion, each criterion with its count', () => {
    const counts = {
      ...base,
      notEligibleBy: [tally('register.hypertension', 'On the hypertension register', 100), tally('bp.above-target', 'Current BP above target', 20, 5)]
    }
    expect(emptyCohortReason(counts, '2026-12-03')).toBe(
      'No one meets every criterion as of 3 December 2026: of the 120 patients imported, 100 not “On the hypertension register”; 20 not “Current BP above target” (5 with no BP reading in the look-back window).'
    )
  })
})
