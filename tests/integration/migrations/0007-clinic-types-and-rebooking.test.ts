// Migration 0007: a follow-up interval per clinic type (4–12 weeks), and why an appointment was
// cancelled and which appointment a rebooking moved it to — added to a database with booked and
// cancelled appointments, which stay as they were.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { indexColumns, indexNamesOn } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

function appointmentsBeforeRebooking(): DatabaseAtVersion {
  const at6 = databaseAtVersion(6)
  at6.db.exec(`INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at)
                 VALUES ('9434765919', 'Grace', 'ADEYEMI', 'now', 'now'), ('9434765870', 'Ivy', 'OKAFOR', 'now', 'now');
               INSERT INTO clinics (type, date, start_time, slot_minutes, slots, clinician, location, created_at, created_by)
                 VALUES ('BP review', '2026-12-01', '09:00', 15, 8, 'Nurse Patel', 'Room 2', 'now', 'Priya Shah');
               INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by, outcome_at, outcome_by, actions_json, note)
                 VALUES (1, 0, 1, 'cancelled', '2026-11-20T09:00:00Z', 'Priya Shah', '2026-11-21T09:00:00Z', 'Priya Shah', '[]', 'rang to cancel'),
                        (1, 0, 2, 'booked', '2026-11-21T10:00:00Z', 'Priya Shah', NULL, NULL, '[]', ''),
                        (1, 1, 1, 'attended', '2026-11-20T09:00:00Z', 'Priya Shah', '2026-12-01T09:20:00Z', 'Nurse Patel', '["medication review"]', '')`)
  return at6
}

describe('migration 0007 (clinic types and rebooking)', () => {
  it('keeps every appointment as it was, with no cancel reason or rebooking recorded, and indexes them by status', () => {
    old = appointmentsBeforeRebooking()
    const { db } = old
    const before = db.prepare('SELECT * FROM appointments ORDER BY id').all() as object[]

    applyMigration(db, 7)

    expect(schemaVersion(db)).toBe(7)
    expect(db.prepare('SELECT * FROM appointments ORDER BY id').all()).toEqual(before.map((a) => ({ ...a, cancel_reason: null, rebooked_to: null })))
    expect(indexNamesOn(db, 'appointments')).toEqual(['appointments_by_patient', 'appointments_by_status', 'appointments_one_per_slot'])
    expect(indexColumns(db, 'appointments_by_status')).toEqual(['status', 'patient_id'])
    // Still one live appointment per slot.
    expect(() =>
      db
        .prepare("INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (1, 0, 1, 'booked', 'now', 'Priya Shah')")
        .run()
    ).toThrow(/UNIQUE/)
  })

  it('a rebooking points at a stored appointment; a cancel reason is free text', () => {
    old = appointmentsBeforeRebooking()
    const { db } = old
    applyMigration(db, 7)
    db.prepare(
      "INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (1, 2, 1, 'booked', 'now', 'Priya Shah')"
    ).run()
    db.prepare("UPDATE appointments SET cancel_reason = 'Patient on holiday', rebooked_to = 4 WHERE id = 1").run()
    expect(db.prepare('SELECT cancel_reason, rebooked_to FROM appointments WHERE id = 1').get()).toEqual({
      cancel_reason: 'Patient on holiday',
      rebooked_to: 4
    })
    expect(() => db.prepare('UPDATE appointments SET rebooked_to = 99 WHERE id = 2').run()).toThrow(/FOREIGN KEY/)
  })

  it('a clinic type keeps one follow-up interval, between 4 and 12 weeks', () => {
    old = appointmentsBeforeRebooking()
    const { db } = old
    applyMigration(db, 7)
    const choose = db.prepare(
      "INSERT INTO clinic_type_settings (type, follow_up_weeks, updated_at, updated_by) VALUES (?, ?, '2026-11-20T09:00:00Z', 'Priya Shah')"
    )
    choose.run('BP review', 4)
    choose.run('Diabetes review', 12)
    expect(() => choose.run('Asthma review', 3)).toThrow(/CHECK/)
    expect(() => choose.run('Asthma review', 13)).toThrow(/CHECK/)
    expect(() => choose.run('BP review', 8)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(db.prepare('SELECT type, follow_up_weeks FROM clinic_type_settings ORDER BY type').all()).toEqual([
      { type: 'BP review', follow_up_weeks: 4 },
      { type: 'Diabetes review', follow_up_weeks: 12 }
    ])
  })
})
