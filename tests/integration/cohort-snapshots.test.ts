// Snapshots as stored since migration 4 (items 6, 7, 9): compact rows, the explanation
// re-derived on demand exactly as built, two snapshots compared, and the in-memory facts cache
// seeing every new fact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compareCohorts } from '../../src/main/cohorts/cohort-comparison'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { CohortComparison, CohortPatientExplanation, CohortSnapshot } from '../../src/shared/contract'
import { findCohortDefinition } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort } from '../../src/shared/domain/cohort-engine'
import { loadPatientRecords } from '../../src/main/patients/patient-records'
import { cohortSeeder } from '../support/cohort-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

// The clock is 2026-11-22T10:00:00Z, so the default as-of date is 2026-11-22.
let ctx: TestContext

const { addPatient, addReading, addEvent, bookIntoClinic } = cohortSeeder(() => ctx.db)

beforeEach(() => {
  ctx = createTestContext()
})

afterEach(() => {
  ctx.cleanup()
})

function hypertensive(nhs: string, given: string, reading: [string, number, number], extra: { ethnicity?: string; dob?: string } = {}): number {
  const id = addPatient(nhs, { given, family: 'TEST', dob: extra.dob ?? '1958-02-10', ethnicity: extra.ethnicity })
  addEvent(id, '2017-05-04', 'HYP', '38341003', 'Hypertensive disorder')
  addReading(id, ...reading)
  return id
}

describe('compact snapshots and on-demand explanations', () => {
  it('stores no explanation per row, and cohorts.explain re-derives exactly what the build computed', () => {
    const grace = hypertensive('9434765919', 'Grace', ['2026-10-01', 158, 96], { ethnicity: 'N' })
    addReading(grace, '2026-10-01', 152, 98)
    addReading(grace, '2026-06-01', 171, 104)
    const declined = hypertensive('9434765870', 'Ivy', ['2026-08-01', 184, 102])
    addEvent(declined, '2026-06-01', 'BPDEC', '413123006', 'Blood pressure procedure refused')

    const expected = evaluateCohort(findCohortDefinition('uncontrolled-hypertension')!, loadPatientRecords(ctx.db, '2026-11-22', {}), {
      asOf: '2026-11-22',
      mode: 'qof'
    })
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(() => CohortSnapshot.parse(snapshot)).not.toThrow()
    expect(snapshot.members[0]?.explanation).toBeUndefined()
    const rows = ctx.db.prepare('SELECT explanation_json FROM cohort_entries WHERE cohort_id = ?').all(snapshot.cohortId) as { explanation_json: string }[]
    expect(rows.map((r) => r.explanation_json)).toEqual(['null', 'null'])

    const member = explainCohortEntry(ctx, snapshot.cohortId, grace)
    expect(() => CohortPatientExplanation.parse(member)).not.toThrow()
    expect(member.status).toBe('member')
    expect(member.entry.explanation).toEqual(expected.members[0]?.explanation)
    // Newest first; on the latest day the lowest systolic and the lowest diastolic come from different readings.
    const considered = member.entry.explanation.readingsConsidered.map((r) => [r.date, r.systolic, r.diastolic, r.used])
    expect(considered.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['2026-10-01', 158, 96, 'diastolic'],
        ['2026-10-01', 152, 98, 'systolic']
      ])
    )
    expect(considered[2]).toEqual(['2026-06-01', 171, 104, 'none'])
    expect(member.basis).toMatch(/Re-derived with definition "Uncontrolled hypertension" version 2, as of 22 Nov 2026, QOF mode/)
    const excluded = explainCohortEntry(ctx, snapshot.cohortId, declined)
    expect(excluded.status).toBe('excluded')
    expect(excluded.entry.explanation.steps.find((s) => s.rule === 'exclude.bp-declined')).toMatchObject({ outcome: 'fail' })
  })

  it('explains a snapshot as built even after new readings, a corrected date of birth and a booking', () => {
    const grace = hypertensive('9434765919', 'Grace', ['2026-10-01', 158, 96], { ethnicity: 'N' })
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    const before = explainCohortEntry(ctx, snapshot.cohortId, grace)

    addReading(grace, '2026-11-20', 128, 78) // dated before the as-of date, recorded after the build
    ctx.db.prepare("UPDATE patients SET date_of_birth = '1940-01-01', ethnicity_category = 'A', updated_at = '2026-11-22T11:00:00Z' WHERE id = ?").run(grace)
    bookIntoClinic(grace, '2026-12-01')

    const after = explainCohortEntry(ctx, snapshot.cohortId, grace)
    expect(after.entry).toEqual(before.entry)
    expect(after.entry.explanation.target?.label).toMatch(/HYP008.*aged 79 or under/)
    // A new build sees all of it: the new reading is controlled, so Grace is no longer listed.
    const rebuilt = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(rebuilt.members).toHaveLength(0)
  })

  it('sees a corrected ethnicity in the next build (the in-memory facts are reloaded when a patient row changes)', () => {
    const patient = hypertensive('9434765919', 'Grace', ['2026-10-01', 158, 96])
    expect(buildCohort(ctx, { definition: 'hypertension-black-african-caribbean', mode: 'qof' }).members).toHaveLength(0)
    ctx.db.prepare("UPDATE patients SET ethnicity_category = 'N', updated_at = '2026-11-22T11:00:00Z' WHERE id = ?").run(patient)
    expect(buildCohort(ctx, { definition: 'hypertension-black-african-caribbean', mode: 'qof' }).members.map((m) => m.patientId)).toEqual([patient])
  })

  it('refuses to explain a patient the snapshot did not list, naming the cohort and date', () => {
    const controlled = hypertensive('9434765919', 'Tom', ['2026-10-01', 128, 78])
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(() => explainCohortEntry(ctx, snapshot.cohortId, controlled)).toThrow(
      /not listed in "Uncontrolled hypertension" \(as of 22 Nov 2026\): they did not meet its criteria on that date/
    )
  })
})

describe('comparing two snapshots', () => {
  it('lists who joined, who left and whose priority changed, with the reasons on each side and the settings that differ', () => {
    const staying = hypertensive('9434765919', 'Stay', ['2026-10-01', 152, 94])
    const leaving = hypertensive('9434765870', 'Leave', ['2026-10-01', 150, 92])
    const rising = hypertensive('9434765862', 'Rise', ['2026-10-01', 150, 92])
    const first = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })

    addReading(leaving, '2026-11-10', 128, 78) // now controlled
    addReading(rising, '2026-11-10', 166, 96) // stage 2 → P2
    const joining = hypertensive('9434765854', 'Join', ['2026-11-01', 140, 90]) // only uncontrolled in NICE mode
    const second = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'nice' })

    const comparison = compareCohorts(ctx, first.cohortId, second.cohortId)
    expect(() => CohortComparison.parse(comparison)).not.toThrow()
    expect(comparison.settingsChanged).toEqual([{ setting: 'target mode', from: 'QOF', to: 'NICE' }])
    expect(comparison.joined.map((c) => c.patientId)).toEqual([joining])
    expect(comparison.joined[0]?.from).toMatchObject({ status: 'not-listed' })
    expect(comparison.joined[0]?.to.reasons.join(' ')).toMatch(/140\/90/)
    expect(comparison.left.map((c) => c.patientId)).toEqual([leaving])
    expect(comparison.left[0]?.from).toMatchObject({ status: 'member', priority: 'P4' })
    expect(comparison.left[0]?.to.status).toBe('not-listed')
    expect(comparison.priorityChanged.map((c) => [c.patientId, c.from.priority, c.to.priority])).toEqual([[rising, 'P4', 'P2']])
    expect(comparison.priorityChanged[0]?.to.reasons.join(' ')).toMatch(/P2 stage 2/)
    expect(comparison.unchangedCount).toBe(1)
    expect(staying).toBeGreaterThan(0)
  })

  it('shows a member who became excluded as left, with the exclusion that applied', () => {
    const patient = hypertensive('9434765919', 'Booked', ['2026-10-01', 152, 94])
    const first = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    bookIntoClinic(patient, '2026-12-01')
    const second = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    const comparison = compareCohorts(ctx, first.cohortId, second.cohortId)
    expect(comparison.left[0]?.to).toMatchObject({ status: 'excluded', rule: 'exclude.already-booked' })
    expect(comparison.left[0]?.to.reasons.join(' ')).toMatch(/booked into clinic on 1 Dec 2026/)
  })

  it('refuses an unknown cohort id', () => {
    expect(() => compareCohorts(ctx, 1, 2)).toThrow(/Cohort 1 does not exist/)
  })
})
