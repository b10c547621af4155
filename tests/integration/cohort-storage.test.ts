// How a build stores and reads its snapshot and its inputs (speed): the compact
// snapshot (reasons as codes, each distinct value once; cohort-reason-codes.test.ts checks the words
// over a varied population), older snapshots still read, and the in-memory records shared
// between builds while programme state stays fresh. Migration 0009's index is checked in
// tests/integration/migrations/0009-cohort-speed.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { getCohort } from '../../src/main/cohorts/cohort-snapshots'
import { ENTRY_ROWS_PER_BATCH } from '../../src/main/cohorts/snapshot-patients'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { loadPatientRecords } from '../../src/main/patients/patient-records'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext

function addPatient(nhsNumber: string, dob: string, family: string): number {
  const info = ctx.db
    .prepare(
      `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, registration_status, created_at, updated_at)
       VALUES (?, 'Pat', ?, ?, 'F', 'Regular', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`
    )
    .run(nhsNumber, family, dob)
  return Number(info.lastInsertRowid)
}

function addHypertensive(nhsNumber: string, family: string, systolic: number, diastolic: number): number {
  const id = addPatient(nhsNumber, '1950-05-05', family)
  ctx.db
    .prepare(
      `INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, '2015-01-01', 'HYP', '38341003', 'Hypertensive disorder', 'x')`
    )
    .run(id)
  ctx.db
    .prepare(
      `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, '2026-10-01', ?, ?, 'clinic', 'import', 'x')`
    )
    .run(id, systolic, diastolic)
  return id
}

beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

describe('compact snapshots', () => {
  it('stores reason codes with each distinct value once and reads every member back with its own reasons and BP rule', () => {
    const nhs = ['9434765919', '9111231114', '9111231122', '9111231130']
    nhs.forEach((n, i) => addHypertensive(n, `FAMILY${i}`, 152, 94))
    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    expect(built.members).toHaveLength(4)
    const values = JSON.parse(ctx.db.prepare('SELECT reason_values_json FROM cohorts WHERE id = ?').pluck().get(built.cohortId) as string) as unknown[]
    const codes = ctx.db.prepare('SELECT reason_codes, bp_rule_code FROM cohort_entries WHERE cohort_id = ?').all(built.cohortId) as {
      reason_codes: string
      bp_rule_code: string
    }[]
    // Same reading, age and priority: each value (152, the date, the P4 code…) is stored once for all four,
    // and every reason is an array of indices into them, not a sentence.
    expect(codes).toHaveLength(4)
    expect(new Set(values).size).toBe(values.length)
    expect(values).toContain(152)
    expect(values).toContain('P4')
    expect(values.some((v) => typeof v === 'string' && v.includes(' above target'))).toBe(false)
    for (const row of codes) {
      const reasons = JSON.parse(row.reason_codes) as unknown[]
      expect(reasons.length).toBeGreaterThan(0)
      for (const code of [...reasons, JSON.parse(row.bp_rule_code) as unknown]) {
        expect(Array.isArray(code) && code.every((i) => Number.isInteger(i) && i < values.length)).toBe(true)
      }
    }
    // The patients as built are shared versions, not a copy per snapshot: a second build adds none.
    const versions = () => ctx.db.prepare('SELECT COUNT(*) FROM cohort_patient_versions').pluck().get()
    expect(versions()).toBe(4)
    buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'nice' })
    expect(versions()).toBe(4)
    const read = getCohort(ctx, built.cohortId)
    expect(read.members.map((m) => [m.nhsNumber, m.reasons, m.bpRule])).toEqual(built.members.map((m) => [m.nhsNumber, m.reasons, m.bpRule]))
  })

  it('a correction after a build adds a version for the next build and leaves the older snapshot as built, explanation included', () => {
    const id = addHypertensive('9434765919', 'OLDNAME', 152, 94)
    addHypertensive('9111231114', 'OTHER', 150, 95)
    const first = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    const before = explainCohortEntry(ctx, first.cohortId, id)
    ctx.db.prepare("UPDATE patients SET family_name = 'NEWNAME', date_of_birth = '1990-05-05', updated_at = '2026-11-02T09:00:00Z' WHERE id = ?").run(id)
    const second = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    expect(ctx.db.prepare('SELECT COUNT(*) FROM cohort_patient_versions').pluck().get()).toBe(3)
    const byId = (snapshot: typeof first) => snapshot.members.find((m) => m.patientId === id)
    expect(byId(getCohort(ctx, first.cohortId))).toMatchObject({ name: 'Pat OLDNAME', age: 76 })
    expect(byId(getCohort(ctx, first.cohortId))).toEqual(byId(first))
    expect(byId(getCohort(ctx, second.cohortId))).toMatchObject({ name: 'Pat NEWNAME', age: 36 })
    // The older snapshot's "why" is re-derived with the date of birth it saw.
    expect(explainCohortEntry(ctx, first.cohortId, id)).toEqual(before)
  })

  it('the cohort_entries rows keep the list order, status, priority and BP for invitations and the audit', () => {
    addHypertensive('9434765919', 'A', 150, 95)
    addHypertensive('9111231114', 'B', 185, 100)
    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    const rows = ctx.db
      .prepare('SELECT patient_id, status, priority, severe, bp_json FROM cohort_entries WHERE cohort_id = ? ORDER BY rowid')
      .all(built.cohortId) as {
      patient_id: number
      priority: string
      severe: number
      bp_json: string
    }[]
    expect(rows.map((r) => [r.patient_id, r.priority, r.severe])).toEqual(built.members.map((m) => [m.patientId, m.priority, m.severe ? 1 : 0]))
    expect(rows[0]?.priority).toBe('P1')
    expect(JSON.parse(rows[0]!.bp_json)).toEqual({ systolic: 185, diastolic: 100, date: '2026-10-01', setting: 'clinic' })
  })

  it('a snapshot written in several batches keeps every member and excluded patient, in list order, with their reasons', () => {
    // More listed patients than two batches hold, excluded ones after them, so the last batch is part-full and mixes both lists.
    const listed = ENTRY_ROWS_PER_BATCH * 2 + 37
    const palliative = ctx.db.prepare(
      `INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, '2024-01-01', 'PALCARE', '103735009', 'Palliative care', 'x')`
    )
    for (let i = 0; i < listed; i++) {
      const id = addHypertensive(`S${String(i).padStart(9, '0')}`, `FAMILY${i}`, 150 + (i % 30), 95)
      if (i % 97 === 0) palliative.run(id)
    }
    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    expect(built.members.length + built.excluded.length).toBe(listed)
    expect(built.excluded.length).toBe(Math.ceil(listed / 97))
    const rows = ctx.db.prepare('SELECT patient_id, status FROM cohort_entries WHERE cohort_id = ? ORDER BY rowid').all(built.cohortId)
    expect(rows).toEqual([
      ...built.members.map((m) => ({ patient_id: m.patientId, status: 'member' })),
      ...built.excluded.map((m) => ({ patient_id: m.patientId, status: 'excluded' }))
    ])
    const read = getCohort(ctx, built.cohortId)
    const words = (entries: typeof built.members) => entries.map((m) => [m.patientId, m.reasons, m.bpRule, m.priority])
    expect(words(read.members)).toEqual(words(built.members))
    expect(words(read.excluded)).toEqual(words(built.excluded))
  })
})

describe('records shared between builds', () => {
  it('the same record objects for the same as-of date; programme state is read fresh each build', () => {
    const id = addHypertensive('9434765919', 'A', 150, 95)
    const other = addHypertensive('9111231114', 'B', 150, 95)
    const first = loadPatientRecords(ctx.db, '2026-11-01', { withAnyOf: ['HYP'] })
    const second = loadPatientRecords(ctx.db, '2026-11-01', { withAnyOf: ['HYP'] })
    expect(second[1]).toBe(first[1])
    // Booking one patient changes only that patient's record, in the next build.
    const clinic = ctx.db
      .prepare(
        `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('BP review', '2026-11-20', '09:00', 15, 4, 'x', 'Test')`
      )
      .run()
    ctx.db
      .prepare(`INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, 0, ?, 'booked', 'x', 'Test')`)
      .run(Number(clinic.lastInsertRowid), id)
    const third = loadPatientRecords(ctx.db, '2026-11-01', { withAnyOf: ['HYP'] })
    expect(third.find((p) => p.patientId === id)?.nextBookedAppointmentOn).toBe('2026-11-20')
    expect(third.find((p) => p.patientId === other)).toBe(first.find((p) => p.patientId === other))
    expect(first.find((p) => p.patientId === id)?.nextBookedAppointmentOn).toBeNull()
    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    expect(built.excluded.map((e) => [e.patientId, e.rule])).toEqual([[id, 'exclude.already-booked']])
  })

  it('a new reading reaches the next build (the facts are read again when the data changes)', () => {
    const id = addHypertensive('9434765919', 'A', 150, 95)
    expect(buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' }).members).toHaveLength(1)
    ctx.db
      .prepare(
        `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, '2026-10-20', 128, 80, 'clinic', 'visit', 'x')`
      )
      .run(id)
    expect(buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' }).members).toHaveLength(0)
  })
})

describe('cohorts.preview (live rebuild: counts and the first patients, nothing stored)', () => {
  it('gives the same counts and the same first patients with the same reasons as a build, and stores nothing', async () => {
    const nhs = ['9434765919', '9111231114', '9111231122', '9111231130', '9111231149', '9111231157']
    const readings: [number, number][] = [
      [150, 95],
      [185, 100],
      [162, 90],
      [128, 80],
      [145, 92],
      [176, 121]
    ]
    const ids = nhs.map((n, i) => addHypertensive(n, `FAMILY${i}`, readings[i]![0], readings[i]![1]))
    // One declined BP (excluded, and with a severe reading: the safety rule counts it).
    ctx.db
      .prepare(`INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, '2026-09-01', 'BPDEC', '', 'BP refused', 'x')`)
      .run(ids[5])
    addPatient('9876543210', '1970-01-01', 'NOTONREGISTER')

    const { dispatch } = await import('../../src/main/dispatch')
    const { createServices } = await import('../../src/main/services')
    const services = createServices(ctx)
    const input = { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof', limit: 2 }
    const result = await dispatch(services, 'cohorts.preview', input)
    if (!result.ok) throw new Error(result.error.message)
    const preview = result.value as Record<string, unknown> & { members: { nhsNumber: string; reasons: string[] }[]; excluded: { rule: string }[] }
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM cohorts').get()).toEqual({ n: 0 })

    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })
    expect(preview).toMatchObject({
      memberCount: built.members.length,
      excludedCount: built.excluded.length,
      severeExcludedCount: 1,
      notEligibleCount: built.notEligibleCount,
      priorityCounts: { P1: 1, P2: 1, P3: 0, P4: 2, none: 0 },
      exclusionCounts: built.exclusionCounts
    })
    expect(preview.members).toEqual(built.members.slice(0, 2))
    expect(preview.excluded).toEqual(built.excluded.slice(0, 2))
    expect(preview.excluded[0]?.rule).toBe('exclude.bp-declined')
  })
})

describe('cohorts.explainPreview (the "why" of a patient in an unsaved preview)', () => {
  it('explains with the preview settings, agrees with the preview, stores nothing, and says when a patient is not listed', async () => {
    const declined = addHypertensive('9434765919', 'DECLINED', 150, 95)
    ctx.db
      .prepare(`INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, '2026-09-01', 'BPDEC', '', 'BP refused', 'x')`)
      .run(declined)
    const outsider = addPatient('9876543210', '1970-01-01', 'NOTONREGISTER')
    const { dispatch } = await import('../../src/main/dispatch')
    const { createServices } = await import('../../src/main/services')
    const services = createServices(ctx)
    const settings = { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' }

    const on = await dispatch(services, 'cohorts.explainPreview', { ...settings, patientId: declined })
    if (!on.ok) throw new Error(on.error.message)
    const onValue = on.value as {
      status: string
      entry: { rule: string; explanation: { steps: { rule: string; outcome: string; detail: string }[] } }
      basis: string
    }
    expect(onValue.status).toBe('excluded')
    expect(onValue.entry.rule).toBe('exclude.bp-declined')
    expect(onValue.basis).toMatch(/unsaved preview/)

    // Switched off, as in the live preview: now a member, and the step says why the exclusion did not count.
    const off = await dispatch(services, 'cohorts.explainPreview', {
      ...settings,
      params: { disabledExclusions: ['exclude.bp-declined'] },
      patientId: declined
    })
    if (!off.ok) throw new Error(off.error.message)
    const offValue = off.value as typeof onValue
    expect(offValue.status).toBe('member')
    const preview = await dispatch(services, 'cohorts.preview', { ...settings, params: { disabledExclusions: ['exclude.bp-declined'] } })
    if (!preview.ok) throw new Error(preview.error.message)
    const { explanation: _e, ...entry } = offValue.entry
    expect((preview.value as { members: unknown[] }).members[0]).toEqual(entry)
    expect(offValue.entry.explanation.steps.find((s) => s.rule === 'exclude.bp-declined')).toMatchObject({
      outcome: 'info',
      detail: 'Exclusion switched off for this build'
    })

    const missing = await dispatch(services, 'cohorts.explainPreview', { ...settings, patientId: outsider })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.message).toMatch(/not listed in this preview/)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM cohorts').get()).toEqual({ n: 0 })
  })
})
