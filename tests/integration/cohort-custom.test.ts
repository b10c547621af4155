// Saved custom cohorts on a real SQLite file: save, change (a new version each
// time), list beside the built-ins, build, explain with the version a snapshot used, archive (the
// snapshots stay), the CLI by name, and exclusion switches stored with the snapshot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCliCaptured } from '../support/run-cli'
import { buildCohort, listDefinitions } from '../../src/main/cohorts/cohort-service'
import { getCohort } from '../../src/main/cohorts/cohort-snapshots'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { dispatch } from '../../src/main/dispatch'
import { createServices } from '../../src/main/services'
import { CohortSnapshot, type OperationInput, type OperationOutput } from '../../src/shared/contract'
import type { OperationName } from '../../src/shared/operation-names'
import type { Result } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'

// The clock is 2026-11-22T10:00:00Z, so the default as-of date is 2026-11-22.
let ctx: TestContext

function addPatient(nhsNumber: string, fields: { given: string; dob: string; ethnicity?: string; imd?: number; status?: string }): number {
  const info = ctx.db
    .prepare(
      `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_category, imd_decile, registration_status, created_at, updated_at)
       VALUES (?, ?, 'TEST', ?, 'F', ?, ?, ?, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`
    )
    .run(nhsNumber, fields.given, fields.dob, fields.ethnicity ?? null, fields.imd ?? null, fields.status ?? 'Regular')
  return Number(info.lastInsertRowid)
}

function addReading(patientId: number, date: string, systolic: number, diastolic: number): void {
  ctx.db
    .prepare(
      `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, ?, ?, ?, 'clinic', 'import', '2026-11-01T09:00:00Z')`
    )
    .run(patientId, date, systolic, diastolic)
}

function addEvent(patientId: number, date: string | null, concept: string): void {
  ctx.db
    .prepare(`INSERT INTO coded_events (patient_id, event_date, concept, recorded_at) VALUES (?, ?, ?, '2026-11-01T09:00:00Z')`)
    .run(patientId, date, concept)
}

async function call<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>> {
  return (await dispatch(createServices(ctx), name, input)) as Result<OperationOutput<K>>
}

const save = (input: OperationInput<'cohorts.saveCustom'>) => call('cohorts.saveCustom', input)

beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

describe('custom cohorts', () => {
  it('saves, versions, builds, explains with the version built, and archives keeping the snapshots', async () => {
    const deprived = addPatient('9434765919', { given: 'Grace', dob: '1970-02-10', ethnicity: 'N', imd: 2 })
    addEvent(deprived, '2015-01-01', 'DM')
    addReading(deprived, '2026-10-01', 150, 92)
    const affluent = addPatient('9434765870', { given: 'Tom', dob: '1972-01-01', ethnicity: 'M', imd: 9 })
    addEvent(affluent, '2015-01-01', 'DM')
    addReading(affluent, '2026-10-01', 150, 92)
    const unknownImd = addPatient('9434765862', { given: 'Ivy', dob: '1971-07-07', ethnicity: 'N' })
    addEvent(unknownImd, '2015-01-01', 'DM')
    addReading(unknownImd, '2026-10-01', 150, 92)
    const left = addPatient('9434765854', { given: 'Ned', dob: '1960-01-01', ethnicity: 'P', imd: 1, status: 'Left' })
    addEvent(left, '2015-01-01', 'DM')

    const first = await save({
      name: 'Diabetes, most deprived',
      criteria: [
        { kind: 'condition', conditions: ['DM'] },
        { kind: 'imd-quintile', quintiles: [1] }
      ],
      exclusions: ['exclude.deceased-or-left']
    })
    if (!first.ok) throw new Error(first.error.message)
    expect(first.value).toMatchObject({ id: 'custom-1', version: 1, kind: 'custom', name: 'Diabetes, most deprived' })
    expect(first.value.criteria.map((c) => c.rule)).toEqual(['custom.condition', 'custom.imd-quintile'])
    expect(first.value.exclusions.map((e) => e.rule)).toEqual(['exclude.deceased-or-left'])
    expect(listDefinitions(ctx).map((d) => d.id)).toEqual([
      'uncontrolled-hypertension',
      'hypertension-black-african-caribbean',
      'no-recent-bp',
      'time-to-talk',
      'custom-1'
    ])

    const v1 = buildCohort(ctx, { definition: 'custom-1', mode: 'qof' })
    expect(() => CohortSnapshot.parse(v1)).not.toThrow()
    expect(v1).toMatchObject({ definition: 'custom-1', definitionVersion: 1, name: 'Diabetes, most deprived' })
    expect(v1.members.map((m) => m.patientId)).toEqual([deprived])
    expect(v1.members[0]!.reasons.slice(0, 2)).toEqual(['Conditions: Diabetes diagnosis (DM_COD)', 'IMD quintile 1 (decile 2)'])
    expect(v1.excluded.map((e) => [e.patientId, e.rule])).toEqual([[left, 'exclude.deceased-or-left']])
    expect(v1.notEligibleCount).toBe(2)

    // A change is a new version; the old snapshot still says version 1 and is explained with it.
    const second = await save({
      definition: 'custom-1',
      name: 'Diabetes, most deprived',
      criteria: [
        { kind: 'condition', conditions: ['DM'] },
        { kind: 'imd-quintile', quintiles: [1, 5] },
        { kind: 'age', min: 50, max: 59 }
      ],
      exclusions: []
    })
    if (!second.ok) throw new Error(second.error.message)
    expect(second.value).toMatchObject({ id: 'custom-1', version: 2 })
    const v2 = buildCohort(ctx, { definition: 'custom-1', mode: 'qof' })
    expect(v2.definitionVersion).toBe(2)
    // Grace (56, quintile 1) and Tom (54, quintile 5); Ivy has no IMD; Ned is 66 and no exclusion is chosen any more.
    expect(v2.members.map((m) => m.patientId).sort()).toEqual([deprived, affluent].sort())
    expect(v2.exclusionCounts).toEqual([])

    const why = explainCohortEntry(ctx, v1.cohortId, deprived)
    expect(why.basis).toMatch(/version 1/)
    expect(why.entry.explanation.steps.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['custom.condition', 'custom.imd-quintile', 'exclude.deceased-or-left'])
    )
    expect(why.entry.explanation.steps.some((s) => s.rule === 'custom.age')).toBe(false)
    const imdStep = why.entry.explanation.steps.find((s) => s.rule === 'custom.imd-quintile')
    expect(imdStep).toMatchObject({ outcome: 'pass', detail: expect.stringMatching(/IMD decile 2 = quintile 1/) })

    const archived = await call('cohorts.archiveCustom', { definition: 'custom-1' })
    expect(archived).toEqual({ ok: true, value: { archived: true } })
    expect(listDefinitions(ctx).some((d) => d.id === 'custom-1')).toBe(false)
    expect(() => buildCohort(ctx, { definition: 'custom-1', mode: 'qof' })).toThrow(/archived and can no longer be built/)
    expect(getCohort(ctx, v1.cohortId).members.map((m) => m.patientId)).toEqual([deprived])
    expect(explainCohortEntry(ctx, v2.cohortId, affluent).entry.explanation.steps.some((s) => s.rule === 'custom.age')).toBe(true)
    const log = ctx.db.prepare("SELECT action FROM activity_log WHERE action LIKE 'cohorts.%Custom' ORDER BY id").all() as { action: string }[]
    expect(log.map((l) => l.action)).toEqual(['cohorts.saveCustom', 'cohorts.saveCustom', 'cohorts.archiveCustom'])
  })

  it('refuses bad input with the field named and saves nothing', async () => {
    const unknownExclusion = await save({ name: 'X', criteria: [{ kind: 'ltc-count', atLeast: 2 }], exclusions: ['exclude.nonsense'] })
    expect(unknownExclusion).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/exclusions\[0\]/) } })
    const badAge = await save({ name: 'X', criteria: [{ kind: 'age', min: 70, max: 40 }] })
    expect(badAge).toMatchObject({ ok: false, error: { message: expect.stringMatching(/lowest age must not be above/) } })
    const builtInName = await save({ name: 'time-to-talk', criteria: [{ kind: 'ltc-count', atLeast: 2 }] })
    expect(builtInName).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const ok = await save({ name: 'Three or more', criteria: [{ kind: 'ltc-count', atLeast: 3 }] })
    expect(ok.ok).toBe(true)
    const duplicate = await save({ name: 'three OR more', criteria: [{ kind: 'ltc-count', atLeast: 4 }] })
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already exists/) } })
    const count = ctx.db.prepare('SELECT COUNT(*) AS n FROM custom_cohort_versions').get() as { n: number }
    expect(count.n).toBe(1)
  })

  it('reads the invitation history for an invitation-state criterion and keeps it for the explanation', async () => {
    const never = addPatient('9434765919', { given: 'Never', dob: '1970-01-01' })
    addEvent(never, '2015-01-01', 'HYP')
    const invited = addPatient('9434765870', { given: 'Invited', dob: '1970-01-01' })
    addEvent(invited, '2015-01-01', 'HYP')
    const cohort = ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
                VALUES ('no-recent-bp', 1, 'earlier', '2026-11-01', 'qof', '2026-11-01T09:00:00Z', 'Test', 1, 0, 0)`
      )
      .run()
    const batch = ctx.db
      .prepare(
        `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, 1, '2026-11-01', 'Test', 'bp-invite', 1)`
      )
      .run(Number(cohort.lastInsertRowid))
    ctx.db
      .prepare(
        `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
         VALUES (?, ?, ?, 1, 'letter', '2026-11-01', 'bp-invite', 1, 'Test')`
      )
      .run(Number(batch.lastInsertRowid), Number(cohort.lastInsertRowid), invited)
    const saved = await save({
      name: 'Invited, not booked',
      criteria: [
        { kind: 'condition', conditions: ['HYP'] },
        { kind: 'invitation', states: ['invited-not-booked'] }
      ]
    })
    if (!saved.ok) throw new Error(saved.error.message)
    const snapshot = buildCohort(ctx, { definition: saved.value.id, mode: 'qof' })
    expect(snapshot.members.map((m) => m.patientId)).toEqual([invited])
    expect(snapshot.members[0]!.reasons[1]).toBe('Invited, not booked (Invited 1 Nov 2026, not booked since)')
    const step = explainCohortEntry(ctx, snapshot.cohortId, invited).entry.explanation.steps.find((s) => s.rule === 'custom.invitation')
    expect(step).toMatchObject({ outcome: 'pass', detail: expect.stringMatching(/^Invited, not booked: Invited 1 Nov 2026/) })
  })

  it('stores switched-off exclusions with the snapshot and counts what each excluded', async () => {
    const declined = addPatient('9434765919', { given: 'Declined', dob: '1960-01-01' })
    addEvent(declined, '2015-01-01', 'HYP')
    addEvent(declined, '2026-06-01', 'BPDEC')
    addReading(declined, '2026-09-01', 162, 96)
    const on = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    expect(on.exclusionCounts.find((c) => c.rule === 'exclude.bp-declined')).toMatchObject({ count: 1, state: 'on' })
    const result = await call('cohorts.build', { definition: 'uncontrolled-hypertension', params: { disabledExclusions: ['exclude.bp-declined'] } })
    if (!result.ok) throw new Error(result.error.message)
    const off = result.value
    expect(off.members.map((m) => m.patientId)).toEqual([declined])
    expect(off.exclusionCounts.find((c) => c.rule === 'exclude.bp-declined')).toMatchObject({ count: 0, state: 'switched-off' })
    expect(getCohort(ctx, off.cohortId).parameters).toMatchObject({ disabledExclusions: ['exclude.bp-declined'] })
    const unknownParam = await call('cohorts.build', { definition: 'uncontrolled-hypertension', params: { colour: 'red' } })
    expect(unknownParam.ok).toBe(false)
  })

  it('the CLI builds a saved custom cohort by name or id', async () => {
    const p = addPatient('9434765919', { given: 'Grace', dob: '1970-02-10' })
    addEvent(p, '2015-01-01', 'DM')
    addEvent(p, '2016-01-01', 'DEP')
    const saved = await save({ name: 'Two LTCs', criteria: [{ kind: 'ltc-count', atLeast: 2 }] })
    expect(saved.ok).toBe(true)
    ctx.db.close()
    const run = async (...argv: string[]) => {
      return runCliCaptured(['--db', ctx.databasePath, ...argv], {})
    }
    const byName = await run('cohort', 'build', '--definition', 'two ltcs', '--as-of', '2026-11-22', '--json')
    expect(byName.stderr).toBe('')
    expect(byName.code).toBe(0)
    const json = JSON.parse(byName.stdout) as { definition: string; definitionVersion: number; members: { nhsNumber: string; reasons: string[] }[] }
    expect(json).toMatchObject({
      definition: 'custom-1',
      definitionVersion: 1,
      members: [{ nhsNumber: '9434765919', reasons: ['2 conditions: Diabetes, Depression'] }]
    })
    const byId = await run('cohort', 'build', 'custom-1', '--json')
    expect(byId.code).toBe(0)
    const unknown = await run('cohort', 'build', '--definition', 'No such cohort')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown cohort definition "No such cohort".*custom-1 \("Two LTCs"\)/)
    ctx.db = (await import('../../src/main/db/connection')).openDatabase(ctx.databasePath)
  })
})
