// Migration 0006: edited letter templates (versions from 2; version 1 is the built-in wording), the
// practice's Word template, per-patient contact preferences, and what each invitation contained —
// added to a database that has already sent invitations.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { columnsOf } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

/** A version-5 database with one patient invited by letter in one batch. */
function invitedBeforeTemplates(): DatabaseAtVersion {
  const at5 = databaseAtVersion(5)
  at5.db.exec(`INSERT INTO patients (nhs_number, given_name, family_name, mobile, created_at, updated_at)
                 VALUES ('9434765919', 'Grace', 'ADEYEMI', '07700 900111', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z');
               INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
                 VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-11-01', 'qof', '2026-11-01T09:30:00Z', 'Priya Shah', 1, 0, 0);
               INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version, not_invited_json)
                 VALUES (1, 1, '2026-11-02', 'Priya Shah', 'bp-invite', 1, '[{"patientId":2,"reason":"no address"}]');
               INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
                 VALUES (1, 1, 1, 1, 'letter', '2026-11-02', 'bp-invite', 1, 'Priya Shah')`)
  return at5
}

describe('migration 0006 (invitation templates and contact preferences)', () => {
  it('keeps sent invitations and their batches, with no stored content and empty batch options and sheet', () => {
    old = invitedBeforeTemplates()
    const { db } = old
    const invitationBefore = db.prepare('SELECT * FROM invitations').get()
    const batchBefore = db.prepare('SELECT * FROM invitation_batches').get()

    applyMigration(db, 6)

    expect(schemaVersion(db)).toBe(6)
    // What an earlier letter said was not kept: NULL says so, rather than an invented document.
    expect(db.prepare('SELECT * FROM invitations').get()).toEqual({ ...(invitationBefore as object), content_json: null })
    expect(db.prepare('SELECT * FROM invitation_batches').get()).toEqual({ ...(batchBefore as object), options_json: '{}', sheet_json: '[]' })
    expect(
      columnsOf(db, 'invitation_batches')
        .filter((c) => c.name.endsWith('_json'))
        .map((c) => [c.name, c.notnull])
    ).toEqual([
      ['not_invited_json', 1],
      ['options_json', 1],
      ['sheet_json', 1]
    ])
  })

  it('stores edited templates from version 2, once per key and version, and Word templates active unless retired', () => {
    old = invitedBeforeTemplates()
    const { db } = old
    applyMigration(db, 6)
    const edit = db.prepare(
      "INSERT INTO letter_templates (template_key, version, name, title, body, sms_text, saved_at, saved_by) VALUES ('bp-invite', ?, 'BP invitation', 'Your blood pressure', 'Dear {name}', 'Please book', '2026-11-20T09:00:00Z', 'Priya Shah')"
    )
    // Version 1 is the wording in the code; a stored version 1 would shadow it.
    expect(() => edit.run(1)).toThrow(/CHECK/)
    edit.run(2)
    edit.run(3)
    expect(() => edit.run(2)).toThrow(/UNIQUE/)

    const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10])
    db.prepare(
      "INSERT INTO word_templates (file_name, content, sha256, uploaded_at, uploaded_by) VALUES ('letterhead.docx', ?, 'abc123', '2026-11-20T09:00:00Z', 'Priya Shah')"
    ).run(docx)
    const stored = db.prepare('SELECT content, fields_json, active FROM word_templates').get() as { content: Buffer; fields_json: string; active: number }
    expect(Buffer.compare(stored.content, docx)).toBe(0)
    expect(stored).toMatchObject({ fields_json: '[]', active: 1 })
    expect(() =>
      db.prepare("INSERT INTO word_templates (file_name, sha256, uploaded_at, uploaded_by) VALUES ('empty.docx', 'x', 'now', 'Priya Shah')").run()
    ).toThrow(/NOT NULL/)
  })

  it('contact preferences default to SMS allowed, standard print and any channel, one row per existing patient', () => {
    old = invitedBeforeTemplates()
    const { db } = old
    applyMigration(db, 6)
    const prefer = db.prepare("INSERT INTO contact_preferences (patient_id, updated_at, updated_by) VALUES (?, '2026-11-20T09:00:00Z', 'Priya Shah')")
    prefer.run(1)
    expect(db.prepare('SELECT sms_declined, large_print, preferred_channel FROM contact_preferences').get()).toEqual({
      sms_declined: 0,
      large_print: 0,
      preferred_channel: 'any'
    })
    expect(() => prefer.run(1)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => prefer.run(42)).toThrow(/FOREIGN KEY/)
    const channel = db.prepare('UPDATE contact_preferences SET preferred_channel = ? WHERE patient_id = 1')
    for (const ok of ['letter', 'phone', 'any']) expect(() => channel.run(ok)).not.toThrow()
    // SMS is declined or not (sms_declined), never a preferred channel of its own.
    expect(() => channel.run('sms')).toThrow(/CHECK/)
    expect(() => channel.run('email')).toThrow(/CHECK/)
  })
})
