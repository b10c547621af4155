import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCohort, listDefinitions } from '../../src/main/cohorts/cohort-service'
import { getCohort, listCohorts } from '../../src/main/cohorts/cohort-snapshots'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { loadPatientRecords } from '../../src/main/patients/patient-records'
import { CohortSnapshot } from '../../src/shared/contract'
import { cohortSeeder } from '../support/cohort-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

// The clock is 2026-11-22T10:00:00Z, so the default as-of date is 2026-11-22.
let ctx: TestContext

const { addPatient, addReading, addEvent, bookIntoClinic } = cohortSeeder(() => ctx.db)

function recordInvitation(patientId: number, sentOn: string): void {
  const cohort = ctx.db
    .prepare(
      `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
       VALUES ('uncontrolled-hypertension', 1, 'earlier', ?, 'qof', ?, 'Test', 1, 0, 0)`
    )
    .run(sentOn, `${sentOn}T09:00:00Z`)
  const cohortId = Number(cohort.lastInsertRowid)
  const batch = ctx.db
    .prepare(
      `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, 1, ?, 'Test', 'bp-invite', 1)`
    )
    .run(cohortId, sentOn)
  ctx.db
    .prepare(
      `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
       VALUES (?, ?, ?, 1, 'letter', ?, 'bp-invite', 1, 'Test')`
    )
    .run(Number(batch.lastInsertRowid), cohortId, patientId, sentOn)
}

beforeEach(() => {
  ctx = createTestContext()
})

afterEach(() => {
  ctx.cleanup()
})

describe('cohort build', () => {
  it('stores a snapshot with members, reasons and exclusions, and getCohort returns the same', () => {
    const high = addPatient('9434765919', { given: 'Grace', family: 'ADEYEMI', dob: '1958-02-10', ethnicity: 'N' })
    addEvent(high, '2017-05-04', 'HYP', '38341003', 'Hypertensive disorder')
    addReading(high, '2026-10-01', 158, 96)
    addReading(high, '2026-10-01', 152, 98)

    const controlled = addPatient('9434765870', { given: 'Tom', family: 'BAKER', dob: '1950-01-01' })
    addEvent(controlled, '2016-01-01', 'HYP')
    addReading(controlled, '2026-09-01', 132, 80)

    const severeDeclined = addPatient('9434765862', { given: 'Ivy', family: 'CHEN', dob: '1945-07-07' })
    addEvent(severeDeclined, null, 'HYP', '', 'Hypertension register flag')
    addEvent(severeDeclined, '2026-06-01', 'BPDEC', '413123006', 'Blood pressure procedure refused')
    addReading(severeDeclined, '2026-08-01', 184, 102)

    // Never diagnosed: not loaded for a register cohort, but still counted as not eligible.
    const undiagnosed = addPatient('9434765854', { given: 'Ned', family: 'DOE', dob: '1960-01-01' })
    addReading(undiagnosed, '2026-10-01', 170, 100)

    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })

    expect(() => CohortSnapshot.parse(snapshot)).not.toThrow()
    expect(snapshot).toMatchObject({ asOf: '2026-11-22', mode: 'qof', definitionVersion: 2, builtBy: 'Test Pharmacist', notEligibleCount: 2 })
    expect(snapshot.members.map((m) => m.nhsNumber)).toEqual(['9434765919'])
    const member = snapshot.members[0]!
    expect(member).toMatchObject({ name: 'Grace ADEYEMI', priority: 'P3', bp: { systolic: 152, diastolic: 96, date: '2026-10-01', setting: 'clinic' } })
    expect(member.reasons[0]).toMatch(/On hypertension register/)
    expect(member.reasons.some((r) => /Black ethnicity/.test(r))).toBe(true)
    expect(snapshot.excluded).toHaveLength(1)
    expect(snapshot.excluded[0]).toMatchObject({ nhsNumber: '9434765862', severe: true, rule: 'exclude.bp-declined', priority: 'P1' })
    expect(snapshot.exclusionCounts.find((c) => c.rule === 'exclude.bp-declined')?.count).toBe(1)

    expect(getCohort(ctx, snapshot.cohortId)).toEqual(snapshot)

    const stored = ctx.db.prepare('SELECT parameters_json, definition_version FROM cohorts WHERE id = ?').get(snapshot.cohortId) as {
      parameters_json: string
      definition_version: number
    }
    expect(JSON.parse(stored.parameters_json)).toMatchObject({ lookbackMonths: 12, invitedWithinDays: 28, includeMixedBlackCategories: false })
    expect(stored.definition_version).toBe(2)
    const log = ctx.db.prepare("SELECT summary FROM activity_log WHERE action = 'cohorts.build'").all() as { summary: string }[]
    expect(log).toHaveLength(1)
    expect(log[0]?.summary).toMatch(/1 members, 1 excluded \(1 with a severe reading\)/)
  })

  it('keeps the snapshot as built when the patient record changes later', () => {
    const id = addPatient('9434765919', { given: 'Grace', family: 'ADEYEMI', dob: '1958-02-10' })
    addEvent(id, '2017-05-04', 'HYP')
    addReading(id, '2026-10-01', 158, 96)
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    ctx.db.prepare("UPDATE patients SET family_name = 'SMITH' WHERE id = ?").run(id)
    addReading(id, '2026-11-01', 128, 78)
    const again = getCohort(ctx, snapshot.cohortId)
    expect(again.members[0]?.name).toBe('Grace ADEYEMI')
    expect(again.members[0]?.bp?.systolic).toBe(158)
  })

  it('builds as of an earlier date, in NICE mode, seeing only what was recorded by then', () => {
    const id = addPatient('9434765919', { given: 'Grace', family: 'ADEYEMI', dob: '1958-02-10' })
    addEvent(id, '2017-05-04', 'HYP')
    addReading(id, '2025-03-01', 140, 85)
    addReading(id, '2026-10-01', 120, 70)
    const qof = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2025-03-31', mode: 'qof' })
    const nice = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2025-03-31', mode: 'nice' })
    expect(qof.members).toHaveLength(0)
    expect(nice.members).toHaveLength(1)
    expect(explainCohortEntry(ctx, nice.cohortId, id).entry.explanation.target?.label).toMatch(/NICE NG136 1\.4\.20/)
  })

  it('excludes patients booked into an upcoming clinic or invited in the last 28 days', () => {
    const booked = addPatient('9434765919', { given: 'A', family: 'BOOKED', dob: '1958-02-10' })
    const invited = addPatient('9434765870', { given: 'B', family: 'INVITED', dob: '1958-02-10' })
    const cancelled = addPatient('9434765862', { given: 'C', family: 'CANCELLED', dob: '1958-02-10' })
    for (const id of [booked, invited, cancelled]) {
      addEvent(id, '2017-05-04', 'HYP')
      addReading(id, '2026-10-01', 150, 95)
    }
    bookIntoClinic(booked, '2026-12-03')
    bookIntoClinic(cancelled, '2026-12-04', 'cancelled')
    recordInvitation(invited, '2026-11-10')

    const records = loadPatientRecords(ctx.db, '2026-11-22')
    expect(records.find((r) => r.patientId === booked)?.nextBookedAppointmentOn).toBe('2026-12-03')
    expect(records.find((r) => r.patientId === cancelled)?.nextBookedAppointmentOn).toBeNull()
    expect(records.find((r) => r.patientId === invited)?.lastInvitedOn).toBe('2026-11-10')

    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(snapshot.members.map((m) => m.patientId)).toEqual([cancelled])
    expect(Object.fromEntries(snapshot.excluded.map((e) => [e.patientId, e.rule]))).toEqual({
      [booked]: 'exclude.already-booked',
      [invited]: 'exclude.recently-invited'
    })
  })

  it('lists snapshots newest first and refuses an unknown cohort id', () => {
    const first = buildCohort(ctx, { definition: 'no-recent-bp', mode: 'qof' })
    const second = buildCohort(ctx, { definition: 'time-to-talk', mode: 'qof' })
    expect(listCohorts(ctx).map((c) => c.cohortId)).toEqual([second.cohortId, first.cohortId])
    expect(() => getCohort(ctx, 999)).toThrow(expect.objectContaining({ name: 'AppError', code: 'not_found' }))
  })

  it('offers the four built-in definitions with their sources', () => {
    const definitions = listDefinitions()
    expect(definitions.map((d) => d.id).sort()).toEqual(['hypertension-black-african-caribbean', 'no-recent-bp', 'time-to-talk', 'uncontrolled-hypertension'])
    expect(definitions.every((d) => d.sources.length > 0 && d.version >= 1)).toBe(true)
  })
})
