// The facts a build reads are kept in memory between builds (patient-records.ts) and must never be
// served stale: after a second import, after a visit's reading, and after a restore into the live
// connection, the next build is exactly what a build from facts read afresh gives, and it differs
// from the build before the change (so the change reached it).
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createManualBackup } from '../../src/main/backups/backup-service'
import { restoreDatabase } from '../../src/main/backups/restore-database'
import { bookAppointment } from '../../src/main/clinics/booking'
import { createClinic } from '../../src/main/clinics/clinic-sessions'
import { attendAppointment } from '../../src/main/clinics/visits'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { getCohort } from '../../src/main/cohorts/cohort-snapshots'
import { importFiles } from '../../src/main/import/import-service'
import { invalidatePatientRecordCache, loadPatientRecords } from '../../src/main/patients/patient-records'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import type { CohortDefinitionId } from '../../src/shared/domain/cohort-definitions'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/imports', name))) })
const input = { definition: 'uncontrolled-hypertension', asOf: '2026-11-20', mode: 'qof' } as const

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

/** What a build decided for each listed patient: who, on which list, with which BP and reasons. */
function decisions(c: TestContext) {
  const built = buildCohort(c, input)
  const row = (e: (typeof built.members)[number]) => [e.nhsNumber, e.name, e.rule, e.priority, e.bp, e.reasons]
  return { members: built.members.map(row), excluded: built.excluded.map(row), notEligible: built.notEligibleCount, cohortId: built.cohortId }
}

/** The same build from facts read again from the database (the cache forgotten first). */
function decisionsReadAfresh(c: TestContext) {
  invalidatePatientRecordCache(c.db)
  return decisions(c)
}

const withoutId = ({ cohortId: _id, ...rest }: ReturnType<typeof decisions>) => rest

describe('cohort facts kept between builds are never stale', () => {
  it('a second import reaches the next build', () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const before = decisions(ctx)
    importFiles(ctx, [fixture('emis-events-hypertension-next-month.csv')], 'auto')
    const after = decisions(ctx)
    expect(withoutId(after)).not.toEqual(withoutId(before))
    expect(withoutId(after)).toEqual(withoutId(decisionsReadAfresh(ctx)))
  })

  it("a visit's reading reaches the next build", () => {
    ctx = createTestContext({ now: '2026-11-20T10:00:00Z', user: { name: 'Pat Pharmacist', role: 'clinician' } })
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const before = decisions(ctx)
    const [member] = before.members
    if (!member) throw new Error('the fixture has no member to see a visit')
    const clinicId = createClinic(ctx, { type: 'Pharmacist BP clinic', date: '2026-11-20', start: '09:00', slots: 4, slotMinutes: 20 }).clinicId
    const { appointmentId } = bookAppointment(ctx, { clinicId, nhsNumber: String(member[0]) })
    attendAppointment(ctx, { appointmentId, readings: [{ systolic: 118, diastolic: 72 }] })
    const after = decisions(ctx)
    expect(after.members.map((m) => m[0])).not.toContain(member[0])
    expect(withoutId(after)).toEqual(withoutId(decisionsReadAfresh(ctx)))
  })

  it('a restore into the live connection reaches the next build, and its snapshot keeps every patient as built', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    // A backup of the facts before any build: restoring it takes away the patient versions the
    // builds below store, while the facts themselves are the same.
    const backup = createManualBackup(ctx)
    const first = decisions(ctx)
    await restoreDatabase(ctx, backup.path)
    const restored = decisions(ctx)
    expect(withoutId(restored)).toEqual(withoutId(first))
    // Read back from the database: every listed patient has their details as the build saw them.
    const readBack = getCohort(ctx, restored.cohortId)
    expect(readBack.members.map((e) => [e.nhsNumber, e.name, e.reasons])).toEqual(restored.members.map((m) => [m[0], m[1], m[5]]))

    // Facts changed after the backup are gone again once it is restored.
    importFiles(ctx, [fixture('emis-events-hypertension-next-month.csv')], 'auto')
    const changed = decisions(ctx)
    expect(withoutId(changed)).not.toEqual(withoutId(first))
    await restoreDatabase(ctx, backup.path)
    expect(withoutId(decisions(ctx))).toEqual(withoutId(first))
  })
})

describe('cohort facts read a cohort at a time', () => {
  // Each build reads only the patients its cohort can need (candidates with a coded event of its
  // concepts) that are not read yet; whatever order the cohorts are built in, each decides exactly
  // as it does when every patient was read at once.
  const definitions: CohortDefinitionId[] = ['uncontrolled-hypertension', 'time-to-talk', 'no-recent-bp', 'hypertension-black-african-caribbean']
  const practice = generateSyntheticEmisExport({ patients: 400, seed: 7, asOf: '2026-11-20' })

  function buildsOf(c: TestContext, order: readonly CohortDefinitionId[]) {
    const results = new Map<string, unknown>()
    for (const definition of order) {
      const built = buildCohort(c, { definition, asOf: '2026-11-20', mode: 'qof' })
      const row = (e: (typeof built.members)[number]) => [e.nhsNumber, e.rule, e.priority, e.bp, e.reasons, e.bpRule]
      results.set(definition, { members: built.members.map(row), excluded: built.excluded.map(row), notEligible: built.notEligibleCount })
    }
    return results
  }

  it('gives every cohort the same members, exclusions and reasons as a read of everyone first', () => {
    ctx = createTestContext({ now: '2026-11-20T10:00:00Z' })
    importFiles(ctx, [{ name: practice.fileName, bytes: new TextEncoder().encode(practice.csv) }], 'auto')
    loadPatientRecords(ctx.db, '2026-11-20')
    const everyoneFirst = buildsOf(ctx, definitions)
    for (const order of [definitions, [...definitions].reverse()]) {
      invalidatePatientRecordCache(ctx.db)
      const aCohortAtATime = buildsOf(ctx, order)
      for (const definition of definitions) expect(aCohortAtATime.get(definition)).toEqual(everyoneFirst.get(definition))
    }
    expect((everyoneFirst.get('uncontrolled-hypertension') as { members: unknown[] }).members.length).toBeGreaterThan(10)
  })

  it('the records read for one cohort stay the same objects when a build of everyone reads the rest, once each and in id order', () => {
    ctx = createTestContext({ now: '2026-11-20T10:00:00Z' })
    importFiles(ctx, [{ name: practice.fileName, bytes: new TextEncoder().encode(practice.csv) }], 'auto')
    const hyp = loadPatientRecords(ctx.db, '2026-11-20', { withAnyOf: ['HYP'] })
    const withHyp = ctx.db.prepare("SELECT COUNT(DISTINCT patient_id) FROM coded_events WHERE concept = 'HYP'").pluck().get() as number
    expect(hyp.length).toBe(withHyp)
    expect(hyp.every((p) => p.events.some((e) => e.concept === 'HYP'))).toBe(true)
    const everyone = loadPatientRecords(ctx.db, '2026-11-20')
    expect(everyone.length).toBe(ctx.db.prepare('SELECT COUNT(*) FROM patients').pluck().get())
    expect(everyone.map((p) => p.patientId)).toEqual([...everyone.map((p) => p.patientId)].sort((a, b) => a - b))
    // The patients read first are the same record objects afterwards (their worked-out facts kept).
    const again = new Map(loadPatientRecords(ctx.db, '2026-11-20', { withAnyOf: ['HYP'] }).map((p) => [p.patientId, p]))
    for (const p of hyp) expect(again.get(p.patientId)).toBe(p)
  })
})

describe('cohort facts read a slice of patients at a time', () => {
  it('reads every patient whatever slice their id falls in, with their own readings and events', () => {
    ctx = createTestContext({ now: '2026-11-20T10:00:00Z' })
    const ids = [1, 49_999, 50_000, 50_001, 120_000, 260_007]
    ids.forEach((id, i) => {
      ctx!.db
        .prepare(
          `INSERT INTO patients (id, nhs_number, given_name, family_name, date_of_birth, sex, registration_status, created_at, updated_at)
           VALUES (?, ?, 'Pat', ?, '1950-05-05', 'F', 'Regular', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`
        )
        .run(id, `S${String(id).padStart(9, '0')}`, `SLICE${i}`)
      ctx!.db
        .prepare(
          `INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, '2015-01-01', 'HYP', '38341003', 'Hypertensive disorder', 'x')`
        )
        .run(id)
      ctx!.db
        .prepare(
          `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, '2026-10-01', ?, 95, 'clinic', 'import', 'x')`
        )
        .run(id, 150 + i)
    })
    const records = loadPatientRecords(ctx.db, '2026-11-20')
    expect(records.map((p) => p.patientId)).toEqual(ids)
    expect(records.map((p) => p.readings.map((r) => r.systolic))).toEqual(ids.map((_, i) => [150 + i]))
    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-20', mode: 'qof' })
    expect(built.members.map((m) => m.patientId).sort((a, b) => a - b)).toEqual(ids)
  })
})
