// Migration 0015: visit records on the clinic's form and their scores. Existing data is untouched,
// visits recorded before stay readable as BP reviews with their old actions and note, and the new
// tables refuse what they promise to: a deleted or rewritten record, a second current record of one
// visit, a record whose JSON says another form, a score outside its questionnaire, an unknown measure.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { storedVisitOf } from '../../../src/main/clinics/visit-records'
import { storedVisitActions } from '../../../src/main/clinics/visits'
import { asWritable } from '../../../src/main/db/database-access'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { tableNames } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

function seedVersion14(db: DatabaseAtVersion['db']) {
  db.exec(`
    INSERT INTO patients (id, nhs_number, given_name, family_name, created_at, updated_at) VALUES (1, '9434765919', 'Kwame', 'Mensah', 'now', 'now'), (2, '9434765870', 'Grace', 'Campbell', 'now', 'now');
    INSERT INTO clinics (id, type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES (1, 'Pharmacist BP clinic', '2026-10-01', '09:00', 20, 4, 'now', 'Priya');
    INSERT INTO appointments (id, clinic_id, slot_index, patient_id, status, booked_at, booked_by, outcome_at, outcome_by, actions_json, note)
      VALUES (1, 1, 0, 1, 'attended', '2026-09-20T10:00:00Z', 'Priya', '2026-10-01T09:30:00Z', 'Priya', '["medication-change","home-bp-monitoring"]', 'Amlodipine 10 mg'),
             (2, 1, 1, 2, 'booked', '2026-09-20T10:00:00Z', 'Priya', NULL, NULL, '[]', '');
    INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, appointment_id, recorded_at)
      VALUES (1, '2026-10-01', 152, 94, 'clinic', 'visit', 1, '2026-10-01T09:30:00Z');
  `)
}

const insertRecord = `INSERT INTO visit_records (appointment_id, form, record_json, risk_prompt, recorded_at, recorded_by) VALUES (?, ?, ?, 0, 'now', 'Priya')`
const insertMeasure = `INSERT INTO visit_measures (visit_record_id, appointment_id, measure, score, band, items_json, entered_as) VALUES (?, ?, ?, ?, ?, NULL, 'total')`

describe('migration 0015 (visit records)', () => {
  it('keeps existing visits, which read back as BP reviews with their old actions and note', () => {
    old = databaseAtVersion(14)
    const { db } = old
    seedVersion14(db)
    const before = {
      appointments: db.prepare('SELECT * FROM appointments ORDER BY id').all(),
      readings: db.prepare('SELECT * FROM bp_readings ORDER BY id').all()
    }

    applyMigration(db, 15)

    expect(schemaVersion(db)).toBe(15)
    expect(tableNames(db)).toEqual(expect.arrayContaining(['visit_records', 'visit_measures']))
    expect(db.prepare('SELECT * FROM appointments ORDER BY id').all()).toEqual(before.appointments)
    expect(db.prepare('SELECT * FROM bp_readings ORDER BY id').all()).toEqual(before.readings)
    expect(db.prepare('SELECT COUNT(*) FROM visit_records').pluck().get()).toBe(0)

    const visit = db.prepare('SELECT actions_json, note FROM appointments WHERE id = 1').get() as { actions_json: string; note: string }
    expect(storedVisitActions(visit.actions_json)).toEqual(['medication-change', 'home-bp-monitoring'])
    expect(visit.note).toBe('Amlodipine 10 mg')
    expect(storedVisitOf(asWritable(db), 1)).toEqual({
      recordId: null,
      form: 'bp-review',
      formLabel: 'BP review',
      record: null,
      conditions: [],
      scores: [],
      riskPrompt: false,
      recordedAt: null,
      recordedBy: null,
      referrals: []
    })
  })

  it('refuses a deleted or changed record, a second record that corrects nothing, a record of another form and a score outside its questionnaire', () => {
    old = databaseAtVersion(14)
    const { db } = old
    seedVersion14(db)
    applyMigration(db, 15)

    const first = Number(db.prepare(insertRecord).run(1, 'time-to-talk', '{"form":"time-to-talk"}').lastInsertRowid)
    expect(() => db.prepare(insertRecord).run(1, 'time-to-talk', '{"form":"time-to-talk"}')).toThrow(/one record/)
    expect(() => db.prepare(insertRecord).run(2, 'bp-review', '{"form":"time-to-talk"}')).toThrow(/CHECK/)
    expect(() => db.prepare(insertRecord).run(2, 'wellbeing', '{"form":"wellbeing"}')).toThrow(/CHECK/)
    expect(() => db.prepare('DELETE FROM visit_records WHERE id = ?').run(first)).toThrow(/never deleted/)
    expect(() => db.prepare(`UPDATE visit_records SET record_json = '{"form":"time-to-talk","phq9":null}' WHERE id = ?`).run(first)).toThrow(/never changed/)

    // A correction is a new row naming the record it replaces, of the same visit, once.
    const correct = db.prepare(
      `INSERT INTO visit_records (appointment_id, form, record_json, recorded_at, recorded_by, corrects) VALUES (?, 'time-to-talk', '{"form":"time-to-talk"}', 'later', 'Priya', ?)`
    )
    expect(() => correct.run(2, first)).toThrow(/one record/)
    const second = Number(correct.run(1, first).lastInsertRowid)
    expect(() => correct.run(1, first)).toThrow(/UNIQUE/)
    expect(() => correct.run(1, second)).not.toThrow()
    expect(db.prepare('SELECT COUNT(*) FROM visit_records WHERE appointment_id = 1').pluck().get()).toBe(3)

    expect(() => db.prepare(insertMeasure).run(first, 1, 'phq9', 27, 'severe')).not.toThrow()
    expect(() => db.prepare(insertMeasure).run(second, 1, 'phq9', 28, 'severe')).toThrow(/CHECK/)
    expect(() => db.prepare(insertMeasure).run(first, 1, 'gad7', 22, 'severe')).toThrow(/CHECK/)
    expect(() => db.prepare(insertMeasure).run(first, 1, 'ucla3', 2, 'not-lonely')).toThrow(/CHECK/)
    expect(() => db.prepare(insertMeasure).run(first, 1, 'ons4-anxiety', 11, 'high')).toThrow(/CHECK/)
    expect(() => db.prepare(insertMeasure).run(first, 1, 'wemwbs', 40, 'x')).toThrow(/CHECK/)
    expect(() => db.prepare('DELETE FROM visit_measures').run()).toThrow(/never deleted/)
    expect(() => db.prepare('UPDATE visit_measures SET score = 1').run()).toThrow(/never changed/)
  })
})
