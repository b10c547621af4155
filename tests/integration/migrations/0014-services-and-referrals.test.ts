// Migration 0014: the local services directory and referrals. Existing data is untouched; the
// directory starts with a few example services, each marked as an example to be checked and with
// no invented phone number; the new tables refuse what they promise to (a deleted service, an
// outcome without its day, a second active service of one name, a referral to nothing).
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { tableNames } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

function seedVersion13(db: DatabaseAtVersion['db']) {
  db.exec(`
    INSERT INTO patients (id, nhs_number, given_name, family_name, created_at, updated_at) VALUES (1, '9434765919', 'Kwame', 'Mensah', 'now', 'now'), (2, '9434765870', 'Grace', 'Campbell', 'now', 'now');
    INSERT INTO programmes (id, name, definition_id, outcome, start_date, status, created_at, created_by)
      VALUES (1, 'Time to Talk 2026', 'time-to-talk', 'wellbeing', '2026-09-01', 'active', 'now', 'Priya');
    INSERT INTO clinics (id, type, date, start_time, slot_minutes, slots, created_at, created_by, programme_id) VALUES (1, 'Time to Talk', '2026-10-01', '09:00', 30, 4, 'now', 'Priya', 1);
    INSERT INTO appointments (id, clinic_id, slot_index, patient_id, status, booked_at, booked_by, programme_id)
      VALUES (1, 1, 0, 1, 'attended', '2026-09-20T10:00:00Z', 'Priya', 1);
  `)
}

const insertReferral = `INSERT INTO referrals (patient_id, service_id, appointment_id, programme_id, referred_on, referred_by, kind, note, outcome, outcome_on, outcome_by, recorded_at)
  VALUES (@patient, @service, @appointment, @programme, @on, 'Priya', @kind, '', @outcome, @outcomeOn, @outcomeBy, 'now')`

describe('migration 0014 (services and referrals)', () => {
  it('keeps existing data, and starts the directory with example services marked to be checked, with no invented phone numbers', () => {
    old = databaseAtVersion(13)
    const { db } = old
    seedVersion13(db)
    const before = {
      patients: db.prepare('SELECT * FROM patients ORDER BY id').all(),
      appointments: db.prepare('SELECT * FROM appointments ORDER BY id').all(),
      programmes: db.prepare('SELECT * FROM programmes ORDER BY id').all()
    }

    applyMigration(db, 14)

    expect(schemaVersion(db)).toBe(14)
    expect(tableNames(db)).toEqual(expect.arrayContaining(['local_services', 'referrals']))
    expect(db.prepare('SELECT * FROM patients ORDER BY id').all()).toEqual(before.patients)
    expect(db.prepare('SELECT * FROM appointments ORDER BY id').all()).toEqual(before.appointments)
    expect(db.prepare('SELECT * FROM programmes ORDER BY id').all()).toEqual(before.programmes)
    expect(db.prepare('SELECT COUNT(*) FROM referrals').pluck().get()).toBe(0)

    const examples = db
      .prepare('SELECT name, offers, category, self_referral, practice_referral, phone, web, active, is_example FROM local_services ORDER BY id')
      .all() as {
      name: string
      offers: string
      category: string
      self_referral: number
      practice_referral: number
      phone: string | null
      web: string | null
      active: number
      is_example: number
    }[]
    expect(examples.map((e) => e.category)).toEqual(['social-prescribing', 'talking-therapies', 'community-navigation', 'stop-smoking'])
    for (const example of examples) {
      expect(example.is_example, example.name).toBe(1)
      expect(example.active, example.name).toBe(1)
      expect(example.offers, example.name).toMatch(/^Example — check details before use\./)
      // A wrong number given to a patient is worse than none: the directory warns instead.
      expect(example.phone, example.name).toBeNull()
    }
    const talking = examples.find((e) => e.category === 'talking-therapies')
    expect(talking).toMatchObject({
      name: 'NHS Talking Therapies',
      self_referral: 1,
      web: 'https://www.nhs.uk/nhs-services/mental-health-services/find-nhs-talking-therapies-for-anxiety-and-depression/'
    })
    expect(examples.filter((e) => e.web !== null)).toHaveLength(1)
  })

  it('refuses a deleted service, a second active service of one name, an outcome without its day, and a referral to nothing', () => {
    old = databaseAtVersion(13)
    const { db } = old
    seedVersion13(db)
    applyMigration(db, 14)

    const addService = db.prepare(
      `INSERT INTO local_services (name, category, self_referral, practice_referral, phone, active, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, 'now', 'Priya', 'now', 'Priya')`
    )
    const serviceId = Number(addService.run('Hackney Carers Centre', 'carers', 1, 1, '020 7946 0123', 1).lastInsertRowid)
    expect(() => addService.run('Other', 'gardening', 1, 1, null, 1)).toThrow(/CHECK/)
    expect(() => addService.run('  ', 'other', 1, 1, null, 1)).toThrow(/CHECK/)
    // Nobody may refer to it: not a service the directory can use.
    expect(() => addService.run('Nobody refers', 'other', 0, 0, null, 1)).toThrow(/CHECK/)
    expect(() => addService.run('Blank phone', 'other', 1, 1, '   ', 1)).toThrow(/CHECK/)
    // One active service per name (case and surrounding spaces ignored); an inactive namesake is allowed.
    expect(() => addService.run(' hackney carers centre', 'carers', 1, 1, null, 1)).toThrow(/UNIQUE/)
    expect(() => addService.run('Hackney Carers Centre', 'carers', 1, 1, null, 0)).not.toThrow()

    expect(() => db.prepare('DELETE FROM local_services WHERE id = ?').run(serviceId)).toThrow(/never deleted: deactivate it instead/)

    const refer = db.prepare(insertReferral)
    const base = {
      patient: 1,
      service: serviceId,
      appointment: 1,
      programme: 1,
      on: '2026-10-01',
      kind: 'sent',
      outcome: null,
      outcomeOn: null,
      outcomeBy: null
    }
    expect(() => refer.run(base)).not.toThrow()
    expect(() => refer.run({ ...base, appointment: null, programme: null, kind: 'self-referral' })).not.toThrow()
    expect(() => refer.run({ ...base, outcome: 'attended', outcomeOn: '2026-11-01', outcomeBy: 'Priya' })).not.toThrow()
    expect(() => refer.run({ ...base, kind: 'emailed' })).toThrow(/CHECK/)
    expect(() => refer.run({ ...base, outcome: 'cured', outcomeOn: '2026-11-01', outcomeBy: 'Priya' })).toThrow(/CHECK/)
    // An outcome comes with its day and who recorded it, and not before the referral.
    expect(() => refer.run({ ...base, outcome: 'attended' })).toThrow(/CHECK/)
    expect(() => refer.run({ ...base, outcomeOn: '2026-11-01', outcomeBy: 'Priya' })).toThrow(/CHECK/)
    expect(() => refer.run({ ...base, outcome: 'declined', outcomeOn: '2026-09-30', outcomeBy: 'Priya' })).toThrow(/CHECK/)
    expect(() => refer.run({ ...base, on: '01/10/2026' })).toThrow(/CHECK/)
    expect(() => refer.run({ ...base, service: 999 })).toThrow(/FOREIGN KEY/)
    expect(() => refer.run({ ...base, patient: 999 })).toThrow(/FOREIGN KEY/)
    expect(() => refer.run({ ...base, appointment: 999 })).toThrow(/FOREIGN KEY/)
    expect(() => refer.run({ ...base, programme: 999 })).toThrow(/FOREIGN KEY/)
    expect(db.prepare('SELECT COUNT(*) FROM referrals WHERE outcome IS NULL').pluck().get()).toBe(2)
  })
})
