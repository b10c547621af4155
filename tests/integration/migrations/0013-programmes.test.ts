// Migration 0013: programmes. Existing snapshots get one programme per cohort definition used,
// named after it; their batches follow through the snapshot; each appointment takes the programme
// that had invited its patient by the booking day (else the programme of their latest snapshot);
// each clinic the programme most of its appointments belong to.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

function seedVersion12(db: DatabaseAtVersion['db']) {
  db.exec(`
    INSERT INTO patients (id, nhs_number, created_at, updated_at) VALUES (1, '9434765919', 'now', 'now'), (2, '9434765870', 'now', 'now'), (3, '9434765862', 'now', 'now');
    INSERT INTO cohorts (id, definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
      VALUES (1, 'hypertension-black-african-caribbean', 2, 'Pharmacist-led review (old name)', '2026-03-01', 'qof', '2026-03-01T09:00:00Z', 'Priya', 2, 0, 0),
             (2, 'time-to-talk', 2, 'Time to Talk: multiple long-term conditions', '2026-04-01', 'qof', '2026-04-01T09:00:00Z', 'Priya', 2, 0, 0),
             (3, 'hypertension-black-african-caribbean', 2, 'Pharmacist-led review: Black African / African-Caribbean patients', '2026-05-01', 'qof', '2026-05-01T09:00:00Z', 'Priya', 1, 0, 0);
    INSERT INTO cohort_entries (cohort_id, patient_id, status, reasons_json, explanation_json)
      VALUES (1, 1, 'member', '[]', '{}'), (1, 2, 'member', '[]', '{}'), (2, 2, 'member', '[]', '{}'), (2, 3, 'member', '[]', '{}'), (3, 1, 'member', '[]', '{}');
    INSERT INTO invitation_batches (id, cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (1, 1, 1, '2026-03-02', 'Priya', 'pharmacist-bp-clinic', 1), (2, 2, 1, '2026-04-02', 'Priya', 'time-to-talk', 1);
    INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
      VALUES (1, 1, 1, 1, 'letter', '2026-03-02', 'pharmacist-bp-clinic', 1, 'Priya'), (1, 1, 2, 1, 'letter', '2026-03-02', 'pharmacist-bp-clinic', 1, 'Priya'),
             (2, 2, 2, 1, 'letter', '2026-04-02', 'time-to-talk', 1, 'Priya');
    INSERT INTO clinics (id, type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES (1, 'Pharmacist BP clinic', '2026-03-20', '09:00', 15, 4, 'now', 'Priya'), (2, 'Time to Talk', '2026-04-20', '09:00', 30, 4, 'now', 'Priya');
    -- Patient 2 was booked on 10 March (invited only by the BP programme then) and again on 10 April (after Time to Talk's letter).
    INSERT INTO appointments (id, clinic_id, slot_index, patient_id, status, booked_at, booked_by)
      VALUES (1, 1, 0, 1, 'attended', '2026-03-10T10:00:00Z', 'Priya'), (2, 1, 1, 2, 'booked', '2026-03-10T10:00:00Z', 'Priya'),
             (3, 2, 0, 2, 'booked', '2026-04-10T10:00:00Z', 'Priya'),
             -- Patient 3 was never invited: a member of the Time to Talk snapshot, booked by hand.
             (4, 2, 1, 3, 'booked', '2026-04-11T10:00:00Z', 'Priya');
  `)
}

describe('migration 0013 (programmes)', () => {
  it('gives existing data one programme per cohort definition, and every snapshot, appointment and clinic its programme', () => {
    old = databaseAtVersion(12)
    const { db } = old
    seedVersion12(db)
    const cohortsBefore = db.prepare('SELECT * FROM cohorts ORDER BY id').all() as Record<string, unknown>[]

    applyMigration(db, 13)

    expect(schemaVersion(db)).toBe(13)
    const programmes = db
      .prepare('SELECT id, name, definition_id, outcome, start_date, status, clinic_types_json, template_ids_json FROM programmes ORDER BY id')
      .all()
    expect(programmes).toEqual([
      {
        id: 1,
        // Named after the definition as its latest snapshot called it; started on its first snapshot's as-of date.
        name: 'Pharmacist-led review: Black African / African-Caribbean patients',
        definition_id: 'hypertension-black-african-caribbean',
        outcome: 'bp',
        start_date: '2026-03-01',
        status: 'active',
        clinic_types_json: '["Pharmacist BP clinic"]',
        template_ids_json: '["pharmacist-bp-clinic"]'
      },
      {
        id: 2,
        name: 'Time to Talk: multiple long-term conditions',
        definition_id: 'time-to-talk',
        outcome: 'wellbeing',
        start_date: '2026-04-01',
        status: 'active',
        clinic_types_json: '["Time to Talk"]',
        template_ids_json: '["time-to-talk"]'
      }
    ])
    // Snapshots keep every column and gain their programme.
    expect(db.prepare('SELECT * FROM cohorts ORDER BY id').all()).toEqual(cohortsBefore.map((c, i) => ({ ...c, programme_id: [1, 2, 1][i] })))
    expect(db.prepare('SELECT id, programme_id FROM appointments ORDER BY id').all()).toEqual([
      { id: 1, programme_id: 1 },
      { id: 2, programme_id: 1 },
      { id: 3, programme_id: 2 },
      { id: 4, programme_id: 2 }
    ])
    expect(db.prepare('SELECT id, programme_id FROM clinics ORDER BY id').all()).toEqual([
      { id: 1, programme_id: 1 },
      { id: 2, programme_id: 2 }
    ])
  })

  it('on a database with no snapshots makes no programme, and the new columns refuse what they should', () => {
    old = databaseAtVersion(12)
    const { db } = old
    applyMigration(db, 13)
    expect(db.prepare('SELECT COUNT(*) AS n FROM programmes').get()).toEqual({ n: 0 })
    const insert = db.prepare(
      "INSERT INTO programmes (name, definition_id, outcome, start_date, status, created_at, created_by) VALUES (?, 'time-to-talk', ?, '2026-12-01', ?, 'now', 'Priya')"
    )
    expect(() => insert.run('Time to Talk 2027', 'wellbeing', 'active')).not.toThrow()
    expect(() => insert.run('', 'wellbeing', 'active')).toThrow(/CHECK/)
    expect(() => insert.run('Other', 'happiness', 'active')).toThrow(/CHECK/)
    expect(() => insert.run('Other', 'bp', 'paused')).toThrow(/CHECK/)
    expect(() =>
      db
        .prepare(
          "INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by, programme_id) VALUES ('X', '2026-12-01', '09:00', 10, 1, 'now', 'P', 99)"
        )
        .run()
    ).toThrow(/FOREIGN KEY/)
  })
})
