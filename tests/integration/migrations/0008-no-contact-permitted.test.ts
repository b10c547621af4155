// Migration 0008 adds "no contact permitted" to the contact preferences of a database already in
// use: existing preferences keep their values and read as "contact allowed"; only 0 or 1 is stored.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../src/main/db/migrations'

const folders: string[] = []
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

describe('migration 0008: no contact permitted', () => {
  it('keeps existing contact preferences, defaults them to contact allowed, and refuses other values', () => {
    const folder = mkdtempSync(join(tmpdir(), 'clinic-recall-0008-'))
    folders.push(folder)
    const db = new Database(join(folder, 'practice.sqlite'))
    migrate(db, 7)
    db.prepare("INSERT INTO patients (nhs_number, created_at, updated_at) VALUES ('9434765919', 'now', 'now')").run()
    db.prepare(
      "INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, updated_at, updated_by) VALUES (1, 1, 0, 'letter', 'now', 'Test')"
    ).run()
    migrate(db, 8)
    expect(schemaVersion(db)).toBe(8)
    expect(db.prepare('SELECT sms_declined, preferred_channel, no_contact FROM contact_preferences').get()).toEqual({
      sms_declined: 1,
      preferred_channel: 'letter',
      no_contact: 0
    })
    expect(() => db.prepare('UPDATE contact_preferences SET no_contact = 2').run()).toThrow(/CHECK/)
    db.prepare('UPDATE contact_preferences SET no_contact = 1').run()
    expect(db.prepare('SELECT no_contact FROM contact_preferences').get()).toEqual({ no_contact: 1 })
    db.close()
  })
})
