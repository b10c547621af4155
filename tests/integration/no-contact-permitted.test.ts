// "No contact permitted" end to end on a real database: recorded in contact preferences
// (migration 0008), it excludes the patient from a built cohort with a named, counted rule whose
// "why?" re-derives the same; and a member flagged after the cohort was built is not invited, the
// batch sheet saying they cannot be contacted.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { documentPath } from '../../src/main/documents/document-store'
import { getContact, setContactPreferences } from '../../src/main/invitations/contact-preferences-store'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { invitationWorklists } from '../../src/main/invitations/invitation-worklists'
import { NO_CONTACT_REASON } from '../../src/shared/domain/contact-channel'
import { createTestContext, type TestContext } from '../support/test-context'
import { withPracticeDetails } from '../support/practice-details'

let ctx: TestContext

function addHypertensive(nhsNumber: string, given: string, family: string, systolic: number): number {
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO patients (nhs_number, title, given_name, family_name, date_of_birth, sex, registration_status, address_lines_json, postcode, created_at, updated_at)
         VALUES (?, 'Mx', ?, ?, '1960-01-01', 'F', 'Regular', '["1 Test Street"]', 'SE1 1AA', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`
      )
      .run(nhsNumber, given, family).lastInsertRowid
  )
  ctx.db
    .prepare(
      `INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, '2015-01-01', 'HYP', '38341003', 'Hypertensive disorder', '2026-11-01T09:00:00Z')`
    )
    .run(id)
  ctx.db
    .prepare(
      `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, '2026-10-01', ?, 88, 'clinic', 'import', '2026-11-01T09:00:00Z')`
    )
    .run(id, systolic)
  return id
}

const keep = { smsDeclined: false, largePrint: false, preferredChannel: 'any' as const }

describe('no contact permitted', () => {
  beforeEach(() => {
    ctx = createTestContext() // today is 2026-11-22
    withPracticeDetails(ctx)
  })
  afterEach(() => ctx.cleanup())

  it('is recorded with the contact preferences and kept when a later edit leaves it out', () => {
    addHypertensive('9434765919', 'Ada', 'Lovelace', 152)
    expect(getContact(ctx, '9434765919').noContact).toBe(false)
    expect(setContactPreferences(ctx, { nhsNumber: '9434765919', ...keep, noContact: true }).noContact).toBe(true)
    expect(setContactPreferences(ctx, { nhsNumber: '9434765919', ...keep, smsDeclined: true })).toMatchObject({ noContact: true, smsDeclined: true })
    expect(setContactPreferences(ctx, { nhsNumber: '9434765919', ...keep, noContact: false }).noContact).toBe(false)
    const log = ctx.db.prepare(`SELECT summary FROM activity_log WHERE action = 'contact.setPreferences' ORDER BY id`).all() as { summary: string }[]
    expect(log[0]?.summary).toBe('Contact preferences for 943 476 5919 updated: no contact permitted')
  })

  it('excludes the patient from a built cohort by a named, counted rule, and the explanation re-derives it', () => {
    const ada = addHypertensive('9434765919', 'Ada', 'Lovelace', 152)
    addHypertensive('9990000018', 'Ben', 'Okafor', 154)
    setContactPreferences(ctx, { nhsNumber: '9434765919', ...keep, noContact: true })
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', mode: 'qof' })
    expect(snapshot.members.map((m) => m.nhsNumber)).toEqual(['9990000018'])
    expect(snapshot.excluded.map((e) => [e.nhsNumber, e.rule])).toEqual([['9434765919', 'exclude.no-contact-permitted']])
    expect(snapshot.exclusionCounts.find((c) => c.rule === 'exclude.no-contact-permitted')).toMatchObject({ count: 1, label: 'No contact permitted' })
    const why = explainCohortEntry(ctx, snapshot.cohortId, ada)
    expect(why.basis).not.toMatch(/differs/)
    expect(why.entry.explanation.steps.find((s) => s.rule === 'exclude.no-contact-permitted')).toMatchObject({ outcome: 'fail' })
    // Switched off for a build, the rule lets them in again.
    const off = buildCohort(ctx, {
      definition: 'uncontrolled-hypertension',
      asOf: '2026-11-22',
      mode: 'qof',
      params: { disabledExclusions: ['exclude.no-contact-permitted'] }
    })
    expect(off.members.map((m) => m.nhsNumber).sort()).toEqual(['9434765919', '9990000018'])
  })

  it('leaves a member flagged after the build out of the batch, and the batch sheet says they cannot be contacted', async () => {
    addHypertensive('9434765919', 'Ada', 'Lovelace', 152)
    addHypertensive('9990000018', 'Ben', 'Okafor', 154)
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', mode: 'qof' })
    expect(snapshot.members).toHaveLength(2)
    setContactPreferences(ctx, { nhsNumber: '9434765919', ...keep, noContact: true })
    const batch = await createInvitationBatch(ctx, { cohortId: snapshot.cohortId, attempt: 1, date: '2026-11-22' })
    expect(batch.letters).toBe(1)
    expect(batch.notInvited).toEqual([{ nhsNumber: '9434765919', name: 'Ada Lovelace', reason: NO_CONTACT_REASON }])
    expect(batch.sheet.find((r) => r.nhsNumber === '9434765919')).toMatchObject({ channel: null, note: NO_CONTACT_REASON })
    const sheetFile = batch.files.find((f) => f.kind === 'batch-sheet-csv')
    const csv = readFileSync(documentPath(ctx, sheetFile?.fileId ?? -1), 'utf8')
    expect(csv).toMatch(/943 476 5919,Ada Lovelace,Not invited.*Cannot be contacted: no contact permitted/)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM invitations WHERE patient_id = (SELECT id FROM patients WHERE nhs_number = ?)').get('9434765919')).toEqual(
      { n: 0 }
    )
  })

  it('offers no next attempt to an invited patient who has since asked not to be contacted', async () => {
    addHypertensive('9434765919', 'Ada', 'Lovelace', 152)
    addHypertensive('9990000018', 'Ben', 'Okafor', 154)
    const snapshot = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', mode: 'qof' })
    await createInvitationBatch(ctx, { cohortId: snapshot.cohortId, attempt: 1, date: '2026-11-01' })
    setContactPreferences(ctx, { nhsNumber: '9434765919', ...keep, noContact: true })
    const waiting = invitationWorklists(ctx).invitedNotBooked.map((p) => [p.name, p.noContact, p.nextAttemptFrom])
    expect(waiting).toEqual([
      ['Ada Lovelace', true, null],
      ['Ben Okafor', false, '2026-11-15']
    ])
  })
})
