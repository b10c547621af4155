import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { listBatches } from '../../src/main/invitations/recorded-batches'
import { documentPath, readDocument } from '../../src/main/documents/document-store'
import { renderLettersPdf } from '../../src/main/documents/invitation-letters-pdf'
import { withPracticeDetails } from '../support/practice-details'
import { buildInvitationLetter } from '../../src/shared/domain/letter-content'
import { SEVERE_NOT_A_LETTER_REASON } from '../../src/main/invitations/invitation-eligibility'
import { createTestContext, type TestContext } from '../support/test-context'
import { pdfPagesText } from '../support/pdf-text'

interface SeedPatient {
  nhs: string
  title?: string
  given: string
  family: string
  address?: string[]
  postcode?: string | null
  priority?: string
  severe?: boolean
}

function seedCohort(ctx: TestContext, patients: SeedPatient[]): number {
  const now = ctx.now().toISOString()
  const cohort = ctx.db
    .prepare(
      `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
       VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-11-20', 'qof', ?, 'Test', ?, 0, 0)`
    )
    .run(now, patients.length)
  const cohortId = Number(cohort.lastInsertRowid)
  for (const p of patients) {
    const row = ctx.db
      .prepare(
        `INSERT INTO patients (nhs_number, title, given_name, family_name, address_lines_json, postcode, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        p.nhs,
        p.title ?? null,
        p.given,
        p.family,
        JSON.stringify(p.address ?? ['1 Test Street', 'London']),
        p.postcode === undefined ? 'SW9 7AB' : p.postcode,
        now,
        now
      )
    ctx.db
      .prepare(
        `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, severe, reasons_json, explanation_json)
         VALUES (?, ?, 'member', ?, ?, '[]', '{}')`
      )
      .run(cohortId, Number(row.lastInsertRowid), p.priority ?? 'P3', p.severe ? 1 : 0)
  }
  return cohortId
}

const members: SeedPatient[] = [
  { nhs: '9990000018', title: 'Mr', given: 'Kwame', family: 'Mensah' },
  { nhs: '9990000026', title: 'Mrs', given: 'Beverley', family: 'Campbell' },
  { nhs: '9990000034', title: 'Ms', given: 'Adaeze', family: 'Okafor', priority: 'P1', severe: true },
  { nhs: '9990000042', title: 'Mr', given: 'Winston', family: 'Brown' },
  { nhs: '9990000050', given: 'Amina', family: 'Hassan', address: [], postcode: null }
]

describe('invitation batches', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
    withPracticeDetails(ctx)
  })
  afterEach(() => ctx.cleanup())

  it("prints one page per letter, in family-name order, with each patient's name and NHS number", async () => {
    const cohortId = seedCohort(ctx, members)
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-22' })
    expect(batch.letters).toBe(3)
    expect(batch.files.map((f) => f.name)).toEqual([
      `invitations-cohort-${cohortId}-attempt-1-2026-11-22.pdf`,
      `invitations-cohort-${cohortId}-attempt-1-2026-11-22.docx`,
      `invitations-cohort-${cohortId}-attempt-1-2026-11-22-batch-sheet.csv`
    ])
    const pages = await pdfPagesText(readFileSync(documentPath(ctx, batch.files[0]?.fileId ?? -1)))
    expect(pages).toHaveLength(3)
    expect(pages[0]).toContain('Dear Mr Brown')
    expect(pages[0]).toContain('NHS number: 999 000 0042')
    expect(pages[1]).toContain('Dear Mrs Campbell')
    expect(pages[2]).toContain('Dear Mr Mensah')
    expect(pages[2]).toContain('22 November 2026')
    expect(pages.join(' ')).not.toContain('Okafor')
  })

  it('does not send a letter to a severe (P1) patient or one without an address, and says why', async () => {
    const cohortId = seedCohort(ctx, members)
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-22' })
    expect(batch.notInvited).toEqual([
      { nhsNumber: '9990000050', name: 'Amina Hassan', reason: 'Cannot be contacted: no mobile, no postal address, no phone number' },
      { nhsNumber: '9990000034', name: 'Adaeze Okafor', reason: SEVERE_NOT_A_LETTER_REASON }
    ])
    expect(SEVERE_NOT_A_LETTER_REASON).toBe('Severe reading: contact by phone for review within 7 days (NICE NG136 1.5.1) — not a routine letter')
    expect(batch.sms).toBe(0)
  })

  it('records every letter as an invitation with attempt, channel, template and date, and the PDF with its hash', async () => {
    const cohortId = seedCohort(ctx, members)
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-22' })
    const rows = ctx.db
      .prepare(
        `SELECT p.nhs_number, i.cohort_id, i.attempt, i.channel, i.sent_on, i.template_id, i.template_version, i.created_by, i.batch_id
         FROM invitations i JOIN patients p ON p.id = i.patient_id ORDER BY p.nhs_number`
      )
      .all()
    expect(rows).toEqual(
      ['9990000018', '9990000026', '9990000042'].map((nhs) => ({
        nhs_number: nhs,
        cohort_id: cohortId, // the snapshot the invitation was sent from
        attempt: 1,
        channel: 'letter',
        sent_on: '2026-11-22',
        template_id: 'hypertension-review',
        template_version: 1,
        created_by: 'Test Pharmacist',
        batch_id: batch.batchId
      }))
    )
    const doc = ctx.db.prepare('SELECT kind, sha256, path FROM documents').get() as { kind: string; sha256: string; path: string }
    expect(doc.kind).toBe('letters-pdf')
    expect(createHash('sha256').update(readFileSync(doc.path)).digest('hex')).toBe(doc.sha256)
    const read = readDocument(ctx, batch.files[0]?.fileId ?? -1)
    expect(read.mimeType).toBe('application/pdf')
    expect(Buffer.from(read.contentBase64, 'base64').equals(readFileSync(doc.path))).toBe(true)
    const log = ctx.db.prepare("SELECT summary FROM activity_log WHERE action = 'invitations.createBatch'").all()
    expect(log).toHaveLength(1)
    expect(listBatches(ctx)).toEqual([batch])
  })

  it('does not send the same invitation twice, and sends the reminder wording only 14 days or more after the first', async () => {
    const cohortId = seedCohort(ctx, members.slice(0, 2))
    await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    const again = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02' })
    expect(again.letters).toBe(0)
    expect(again.files).toEqual([])
    expect(again.notInvited.map((n) => n.reason)).toEqual([
      'Invitation 1 from this cohort was already sent on 1 November 2026',
      'Invitation 1 from this cohort was already sent on 1 November 2026'
    ])

    const tooSoon = await createInvitationBatch(ctx, { cohortId, attempt: 2, date: '2026-11-10' })
    expect(tooSoon.letters).toBe(0)
    expect(tooSoon.notInvited[0]?.reason).toContain('invitation 2 can go from 15 November 2026')

    const second = await createInvitationBatch(ctx, { cohortId, attempt: 2, date: '2026-11-22' })
    expect(second.letters).toBe(2)
    const pages = await pdfPagesText(readFileSync(documentPath(ctx, second.files[0]?.fileId ?? -1)))
    expect(pages[0]).toContain('We wrote to you recently')
  })

  it('does not invite a member already booked into an upcoming clinic', async () => {
    const cohortId = seedCohort(ctx, members.slice(0, 2))
    const clinic = ctx.db
      .prepare(
        "INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('HT', '2026-12-01', '09:00', 15, 4, 'x', 'x')"
      )
      .run()
    const patientId = (ctx.db.prepare("SELECT id FROM patients WHERE nhs_number = '9990000018'").get() as { id: number }).id
    ctx.db
      .prepare("INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, 0, ?, 'booked', 'x', 'x')")
      .run(Number(clinic.lastInsertRowid), patientId)
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-22' })
    expect(batch.letters).toBe(1)
    expect(batch.notInvited).toEqual([{ nhsNumber: '9990000018', name: 'Kwame Mensah', reason: 'Already booked into a clinic on 1 December 2026' }])
  })

  it('leaves no PDF and no records behind when recording the batch fails', async () => {
    const cohortId = seedCohort(ctx, members)
    ctx.db.exec("CREATE TRIGGER fail_invitations BEFORE INSERT ON invitations BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    await expect(createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-22' })).rejects.toThrow('disk full')
    expect(existsSync(ctx.documentsFolder) ? readdirSync(ctx.documentsFolder) : []).toEqual([])
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM invitation_batches').get()).toEqual({ n: 0 })
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 })
  })

  it('refuses a cohort that does not exist', async () => {
    await expect(createInvitationBatch(ctx, { cohortId: 999, attempt: 1 })).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('letters PDF', () => {
  const practice = {
    practiceName: 'Riverside Medical Practice',
    addressLines: ['1 Riverside Road', 'Lambeth', 'London', 'SE11 5AA', 'Second line', 'Sixth line'],
    phone: '020 7946 0000',
    email: 'riverside.practice@nhs.net',
    website: 'www.riverside-practice.nhs.uk',
    bookingInstructions: 'Please call us to book. '.repeat(25).trim(),
    signatory: 'Practice Pharmacist',
    clinicLocation: 'Room 3, Riverside Medical Practice'
  }
  const letterFor = (family: string) =>
    buildInvitationLetter({
      practice,
      attempt: 2,
      date: '2026-11-22',
      patient: {
        nhsNumber: '9434765919',
        title: 'Mrs',
        givenName: 'Jane',
        familyName: family,
        addressLines: ['Flat 3', '12 Brixton Road', 'Łódź House', 'London'],
        postcode: 'SW9 7AB'
      }
    })

  it('is byte-for-byte the same for the same letters (no clock in the file)', async () => {
    const a = await renderLettersPdf([letterFor('Smith'), letterFor('García')])
    const b = await renderLettersPdf([letterFor('Smith'), letterFor('García')])
    expect(a.equals(b)).toBe(true)
  })

  it('keeps a letter with the longest booking instructions on one page and prints accented names', async () => {
    const pages = await pdfPagesText(await renderLettersPdf([letterFor('García')]))
    expect(pages).toHaveLength(1)
    expect(pages[0]).toContain('García')
    expect(pages[0]).toContain('Łódź House') // the embedded font prints Polish letters as written
  })
})
