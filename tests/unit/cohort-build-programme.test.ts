// The Cohorts screen's choice of programme for a build: the one picked when it builds the cohort,
// else the one open programme of the cohort, else a new one; never a guess between several.
import { describe, expect, it } from 'vitest'
import { programmeForBuild } from '../../src/renderer/src/screens/cohorts/build-programme'
import type { ProgrammeWithProgress } from '../../src/renderer/src/screens/programmes/programme-types'

function programme(programmeId: number, definition: string): ProgrammeWithProgress {
  return {
    programmeId,
    name: `Programme ${programmeId}`,
    definition,
    definitionName: definition,
    parameters: {},
    clinicTypes: [],
    templateIds: [],
    followUpWeeks: null,
    outcome: 'bp',
    startDate: '2026-01-01',
    status: 'active',
    createdAt: '2026-01-01T09:00:00Z',
    createdBy: 'Test',
    progress: { snapshots: 0, latestCohortId: null, latestAsOf: null, latestMembers: null, invited: 0, booked: 0, attended: 0, clinics: 0 }
  }
}

const review = programme(1, 'hypertension-black-african-caribbean')
const recall = programme(2, 'uncontrolled-hypertension')
const secondRecall = programme(3, 'uncontrolled-hypertension')

describe('programmeForBuild', () => {
  it('waits while the programmes are being listed', () => {
    expect(programmeForBuild('uncontrolled-hypertension', null, null)).toEqual({ kind: 'loading' })
  })

  it('takes the one open programme of the cohort without being asked (no extra click)', () => {
    expect(programmeForBuild('uncontrolled-hypertension', null, [review, recall])).toEqual({ kind: 'programme', programme: recall })
  })

  it('keeps the programme picked when it builds this cohort', () => {
    expect(programmeForBuild('uncontrolled-hypertension', 3, [review, recall, secondRecall])).toEqual({ kind: 'programme', programme: secondRecall })
  })

  it('does not keep a picked programme of another cohort', () => {
    expect(programmeForBuild('uncontrolled-hypertension', 1, [review, recall])).toEqual({ kind: 'programme', programme: recall })
    expect(programmeForBuild('time-to-talk', 1, [review, recall])).toEqual({ kind: 'new' })
  })

  it('asks which when several open programmes build the cohort and none is picked', () => {
    expect(programmeForBuild('uncontrolled-hypertension', null, [review, recall, secondRecall])).toEqual({ kind: 'choose', count: 2 })
  })

  it('says a new programme will be started when none builds the cohort', () => {
    expect(programmeForBuild('no-recent-bp', null, [review, recall])).toEqual({ kind: 'new' })
  })
})
