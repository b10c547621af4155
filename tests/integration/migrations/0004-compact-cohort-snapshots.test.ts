// Migration 0004: compact cohort snapshots. Cohorts gain the last reading and event id their build
// could see, and each snapshot one document of its listed patients as built. Snapshots built before
// it keep their stored reasons and explanation, and are still read (and explained) from them.
import { afterEach, describe, expect, it } from 'vitest'
import { explainCohortEntry } from '../../../src/main/cohorts/cohort-explanation'
import { buildCohort } from '../../../src/main/cohorts/cohort-service'
import { getCohort } from '../../../src/main/cohorts/cohort-snapshots'
import { openDatabase } from '../../../src/main/db/connection'
import { schemaVersion } from '../../../src/main/db/migrations'
import { cohortSeeder } from '../../support/cohort-seeder'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { columnsOf } from '../../support/schema-inspection'
import { contextOver, createTestContext, type TestContext } from '../../support/test-context'

let ctx: TestContext | undefined
let old: DatabaseAtVersion | undefined
afterEach(() => {
  ctx?.cleanup()
  ctx = undefined
  old?.cleanup()
  old = undefined
})

const legacyExplanation = {
  steps: [],
  readingsConsidered: [],
  bpRule: 'Latest clinic BP 158/96 on 2026-10-01 (QOF target 140/90)',
  target: null,
  patientAsBuilt: { nhsNumber: '9434765919', name: 'Grace ADEYEMI', age: 68, sex: 'F', ethnicity: 'Black British' }
}

/** A version-3 database with one snapshot stored the old way: reasons and explanation on each row. */
function snapshotBeforeCompactRows(): DatabaseAtVersion {
  const at3 = databaseAtVersion(3)
  at3.db.exec(`INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_text, created_at, updated_at)
                 VALUES ('9434765919', 'Grace', 'ADEYEMI', '1958-02-10', 'F', 'Black British', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z'),
                        ('9434765870', 'Ivy', 'OKAFOR', '1961-07-04', 'F', NULL, '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z');
               INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count, exclusion_counts_json)
                 VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-11-01', 'qof', '2026-11-01T09:30:00Z', 'Priya Shah', 1, 1, 0, '[{"rule":"BPDEC","count":1}]')`)
  const entry = at3.db.prepare(
    'INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, rule, severe, bp_json, reasons_json, explanation_json) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)'
  )
  entry.run(
    1,
    'member',
    'high',
    null,
    0,
    JSON.stringify({ systolic: 158, diastolic: 96, takenOn: '2026-10-01', setting: 'clinic' }),
    JSON.stringify(['BP 158/96 above target 140/90']),
    JSON.stringify(legacyExplanation)
  )
  entry.run(
    2,
    'excluded',
    null,
    'BPDEC',
    0,
    null,
    JSON.stringify(['Declined BP monitoring on 2026-06-01']),
    JSON.stringify({ ...legacyExplanation, bpRule: 'declined', patientAsBuilt: undefined })
  )
  return at3
}

describe('migration 0004 (compact cohort snapshots)', () => {
  it('reads snapshots stored before migration 4 from their stored explanation', () => {
    ctx = createTestContext()
    const current = ctx
    const { addPatient, addReading, addEvent } = cohortSeeder(() => current.db)
    const grace = addPatient('9434765919', { given: 'Grace', family: 'TEST', dob: '1958-02-10' })
    addEvent(grace, '2017-05-04', 'HYP', '38341003', 'Hypertensive disorder')
    addReading(grace, '2026-10-01', 158, 96)
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
    const legacy = {
      steps: [],
      readingsConsidered: [],
      bpRule: 'stored rule',
      target: null,
      patientAsBuilt: { nhsNumber: '9434765919', name: 'Old NAME', age: 60, sex: 'F', ethnicity: null }
    }
    ctx.db.prepare('UPDATE cohort_entries SET explanation_json = ? WHERE cohort_id = ?').run(JSON.stringify(legacy), snapshot.cohortId)
    // Rows from before migration 4 carry no codes (migration 0017 converts only what 0004 stored).
    ctx.db.prepare('UPDATE cohort_entries SET reason_codes = NULL, bp_rule_code = NULL WHERE cohort_id = ?').run(snapshot.cohortId)
    const stored = getCohort(ctx, snapshot.cohortId).members[0]
    expect(stored).toMatchObject({ name: 'Old NAME', age: 60, bpRule: 'stored rule' })
    expect(explainCohortEntry(ctx, snapshot.cohortId, grace)).toMatchObject({
      basis: 'Stored with the snapshot when it was built.',
      entry: { explanation: { bpRule: 'stored rule' } }
    })
  })

  it('adds the facts bounds and the snapshot-patients table to a database at version 3, leaving its stored snapshot rows exactly as they were', () => {
    old = snapshotBeforeCompactRows()
    const { db } = old
    const entriesBefore = db.prepare('SELECT * FROM cohort_entries ORDER BY rowid').all()
    const cohortBefore = db.prepare('SELECT * FROM cohorts').get() as Record<string, unknown>

    applyMigration(db, 4)

    expect(schemaVersion(db)).toBe(4)
    expect(db.prepare('SELECT * FROM cohort_entries ORDER BY rowid').all()).toEqual(entriesBefore)
    // An old snapshot has no bound: what its build could see is unknown, so nothing is assumed.
    expect(db.prepare('SELECT * FROM cohorts').get()).toEqual({ ...cohortBefore, facts_reading_id: null, facts_event_id: null })
    expect(columnsOf(db, 'cohort_snapshot_patients')).toEqual([
      { name: 'cohort_id', type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      { name: 'patients_json', type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 }
    ])
    expect(db.prepare('SELECT COUNT(*) FROM cohort_snapshot_patients').pluck().get()).toBe(0)

    const store = db.prepare('INSERT INTO cohort_snapshot_patients (cohort_id, patients_json) VALUES (?, ?)')
    store.run(1, '[]')
    expect(() => store.run(1, '[]')).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => store.run(99, '[]')).toThrow(/FOREIGN KEY/)
    expect(() => store.run(2, null)).toThrow(/NOT NULL/)
  })

  it('a snapshot migrated from version 3 opens in this version with its stored names, reasons and explanation', () => {
    old = snapshotBeforeCompactRows()
    old.db.close()
    const db = openDatabase(old.path)
    try {
      const service = contextOver(db, { databasePath: old.path, folder: old.folder })
      // The patient's record has changed since the build; the snapshot still shows them as built.
      db.prepare("UPDATE patients SET family_name = 'SMITH' WHERE nhs_number = '9434765919'").run()
      const snapshot = getCohort(service, 1)
      expect(snapshot.members).toHaveLength(1)
      expect(snapshot.members[0]).toMatchObject({
        nhsNumber: '9434765919',
        name: 'Grace ADEYEMI',
        age: 68,
        priority: 'high',
        reasons: ['BP 158/96 above target 140/90'],
        bpRule: legacyExplanation.bpRule,
        bp: { systolic: 158, diastolic: 96 }
      })
      // Without a patient as built, the excluded row falls back to the current record.
      expect(snapshot.excluded[0]).toMatchObject({ name: 'Ivy OKAFOR', rule: 'BPDEC', reasons: ['Declined BP monitoring on 2026-06-01'] })
      expect(explainCohortEntry(service, 1, 1)).toMatchObject({
        basis: 'Stored with the snapshot when it was built.',
        entry: { explanation: { bpRule: legacyExplanation.bpRule } }
      })
    } finally {
      db.close()
    }
  })
})
