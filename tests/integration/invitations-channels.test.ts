import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentPath } from '../../src/main/documents/document-store'
import { setContactPreferences } from '../../src/main/invitations/contact-preferences-store'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { regenerateBatch } from '../../src/main/invitations/recorded-batches'
import { invitationWorklists } from '../../src/main/invitations/invitation-worklists'
import { saveTemplate, uploadWordTemplate } from '../../src/main/invitations/template-store'
import { getPracticeSettings, updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import { BUILT_IN_TEMPLATES } from '../../src/shared/domain/letter-templates'
import { docxParts, practiceWordTemplate } from '../support/docx-text'
import { createTestContext, type TestContext } from '../support/test-context'
import { pdfPagesText } from '../support/pdf-text'

interface Seed {
  nhs: string
  title?: string
  given: string
  family: string
  address?: string[]
  postcode?: string | null
  mobile?: string | null
  homePhone?: string | null
  dob?: string
  emis?: string
  status?: string
  language?: string
  interpreter?: boolean
}

function seedCohort(ctx: TestContext, patients: Seed[]): number {
  const now = ctx.now().toISOString()
  const cohortId = Number(
    ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
         VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-10-31', 'qof', ?, 'Test', ?, 0, 0)`
      )
      .run(now, patients.length).lastInsertRowid
  )
  for (const p of patients) {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO patients (nhs_number, emis_number, title, given_name, family_name, date_of_birth, address_lines_json, postcode, mobile, home_phone,
             registration_status, main_language, interpreter_required, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          p.nhs,
          p.emis ?? null,
          p.title ?? null,
          p.given,
          p.family,
          p.dob ?? '1960-05-03',
          JSON.stringify(p.address ?? ['1 Test Street', 'London']),
          p.postcode === undefined ? 'SW9 7AB' : p.postcode,
          p.mobile ?? null,
          p.homePhone ?? null,
          p.status ?? 'Regular',
          p.language ?? null,
          p.interpreter === undefined ? null : p.interpreter ? 1 : 0,
          now,
          now
        ).lastInsertRowid
    )
    ctx.db
      .prepare(
        `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, severe, reasons_json, explanation_json) VALUES (?, ?, 'member', 'P3', 0, '[]', '{}')`
      )
      .run(cohortId, id)
  }
  return cohortId
}

const people: Seed[] = [
  { nhs: '9990000018', title: 'Mr', given: 'Kwame', family: 'Mensah', mobile: '+44 7700 900123', emis: '10101', dob: '1958-02-14' },
  { nhs: '9990000026', title: 'Mrs', given: 'Beverley', family: 'Campbell', mobile: '07700 900456' },
  { nhs: '9990000034', title: 'Ms', given: 'Adaeze', family: 'Okafor', language: 'Igbo', interpreter: true },
  { nhs: '9990000042', title: 'Mr', given: 'Winston', family: 'Brown', mobile: '07700900789' },
  { nhs: '9990000050', given: 'Amina', family: 'Hassan', address: [], postcode: null, homePhone: '020 7946 0999' },
  { nhs: '9990000069', given: 'Grace', family: 'Adeyemi', mobile: '07700 900111', status: 'Deceased' },
  { nhs: '9990000077', given: '=HYPERLINK("http://x")', family: 'Tester', mobile: '07700 900222' }
]

function fileOf(batch: { files: { kind: string; fileId: number }[] }, kind: string): Buffer {
  const file = batch.files.find((f) => f.kind === kind)
  if (!file) throw new Error(`no ${kind} in ${batch.files.map((f) => f.kind).join(', ')}`)
  return readFileSync(documentPath(ctxRef.current as TestContext, file.fileId))
}
const ctxRef: { current: TestContext | null } = { current: null }

describe('invitation channels, documents and attempts', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-01T10:00:00Z' })
    ctxRef.current = ctx
    updatePracticeSettings(ctx, {
      ...getPracticeSettings(ctx),
      practiceName: 'Riverside Medical Practice',
      addressLines: ['1 River Road', 'London SE1 1AA'],
      phone: '020 7946 0000',
      bookingInstructions: 'Please call us on 020 7946 0000 to book.',
      signatory: 'Practice Pharmacist'
    })
  })
  afterEach(() => ctx.cleanup())

  it('texts valid mobiles, writes to the rest, prints large print when flagged, phones on request, and says who cannot be contacted', async () => {
    const cohortId = seedCohort(ctx, people)
    setContactPreferences(ctx, { nhsNumber: '9990000026', smsDeclined: true, largePrint: true, preferredChannel: 'any' })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', phoneList: true })
    const byName = Object.fromEntries(batch.sheet.map((r) => [r.name, r]))
    expect(byName['Kwame Mensah']?.channel).toBe('sms')
    expect(byName['Kwame Mensah']?.contact).toBe('07700900123')
    expect(byName['Beverley Campbell']).toMatchObject({ channel: 'large-print letter', largePrint: true, note: 'Declined SMS' })
    expect(byName['Adaeze Okafor']).toMatchObject({ channel: 'letter', mainLanguage: 'Igbo', interpreterRequired: true, note: 'No mobile number' })
    expect(byName['Amina Hassan']).toMatchObject({ channel: 'phone', contact: '020 7946 0999' })
    expect(byName['Grace Adeyemi']).toMatchObject({ channel: null, note: 'Registration status "Deceased": not contacted' })
    expect(batch).toMatchObject({ letters: 2, largePrint: 1, sms: 3, phone: 1 })
    expect(batch.files.map((f) => f.kind)).toEqual([
      'letters-pdf',
      'letters-large-print-pdf',
      'letters-docx',
      'letters-large-print-docx',
      'sms-csv',
      'phone-list-csv',
      'batch-sheet-csv'
    ])
    const largeDocx = docxParts(fileOf(batch, 'letters-large-print-docx'))
    expect(largeDocx.body).toContain('Dear Mrs Campbell')
    expect(largeDocx.body).not.toMatch(/[{}]/)
    expect(largeDocx.xml).toContain('<w:sz w:val="32"/>') // 16 pt body
    expect(docxParts(fileOf(batch, 'letters-docx')).body).not.toContain('Campbell')

    // Standard PDF: one page per standard letter, the large-print letter in its own PDF.
    const pages = await pdfPagesText(fileOf(batch, 'letters-pdf'))
    expect(pages).toHaveLength(1)
    expect(pages[0]).toContain('Dear Ms Okafor')
    const large = await pdfPagesText(fileOf(batch, 'letters-large-print-pdf'))
    expect(large.join(' ')).toContain('Dear Mrs Campbell')
    expect(large.join(' ')).not.toContain('Okafor')
  })

  it('previews who would get what without writing a file or recording an invitation', async () => {
    const cohortId = seedCohort(ctx, people)
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', preview: true })
    expect(preview).toMatchObject({ batchId: 0, letters: 1, sms: 4, files: [] })
    expect(preview.sheet).toHaveLength(people.length)
    for (const table of ['invitations', 'invitation_batches', 'documents']) {
      expect(ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 })
    }
    const real = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    expect(real.sheet).toEqual(preview.sheet)
  })

  it('writes the SMS upload with the Accurx columns, leaves out the deceased and SMS-declined, and neutralises formula cells', async () => {
    const cohortId = seedCohort(ctx, people)
    setContactPreferences(ctx, { nhsNumber: '9990000042', smsDeclined: true, largePrint: false, preferredChannel: 'any' })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    const csv = fileOf(batch, 'sms-csv')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(csv).toEqual([
      'NHS Number,EMIS number,Telecom Number,Date of Birth,First Name,Last Name',
      '9990000026,,07700900456,03/05/1960,Beverley,Campbell',
      '9990000018,10101,07700900123,14/02/1958,Kwame,Mensah',
      `9990000077,,07700900222,03/05/1960,"'=HYPERLINK(""http://x"")",Tester`
    ])
    expect(batch.smsMessage?.text).toBe('Your blood pressure check is due. Please call Riverside Medical Practice on 020 7946 0000 to book a short review.')
    expect(batch.smsMessage?.length).toBe(batch.smsMessage?.text.length)
    expect(batch.smsMessage?.length).toBeLessThanOrEqual(160)
    const sheet = fileOf(batch, 'batch-sheet-csv').toString('utf8')
    expect(sheet).toContain('999 000 0042,Winston Brown,letter,,,,,Declined SMS')
    expect(sheet).toContain('Grace Adeyemi,Not invited')
  })

  it('sends letters instead of SMS when the SMS text is over 160 characters, and says why', async () => {
    const cohortId = seedCohort(ctx, people.slice(0, 2))
    const t = BUILT_IN_TEMPLATES['hypertension-review']
    saveTemplate(ctx, { key: t.key, title: t.title, body: t.body, smsText: `${t.smsText} ${'Please do come and see us soon. '.repeat(4)}` })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    expect(batch).toMatchObject({ letters: 2, sms: 0, templateVersion: 2, smsMessage: null })
    expect(batch.warnings).toEqual([expect.stringMatching(/^No SMS sent — .*over the 160-character single-message limit/)])
    expect(batch.sheet.map((r) => [r.channel, r.note])).toEqual([
      ['letter', 'SMS text could not be sent (see the batch warning): letter instead'],
      ['letter', 'SMS text could not be sent (see the batch warning): letter instead']
    ])
    expect(batch.files.map((f) => f.kind)).not.toContain('sms-csv')
  })

  it('replaces typographic quotes and dashes in the SMS text so it stays one GSM message', async () => {
    updatePracticeSettings(ctx, { ...getPracticeSettings(ctx), practiceName: 'St John’s Surgery — Riverside' })
    const cohortId = seedCohort(ctx, people.slice(0, 1))
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    expect(batch.smsMessage?.text).toContain("St John's Surgery - Riverside")
    expect(batch.smsMessage?.limit).toBe(160)
    expect(batch.warnings).toEqual([])
  })

  it('fills every merge field of the practice Word template, one letter per page, letterhead in the header', async () => {
    const cohortId = seedCohort(ctx, people.slice(0, 4))
    uploadWordTemplate(ctx, {
      name: 'riverside-letter.docx',
      contentBase64: practiceWordTemplate([
        '{addressBlock}',
        '{letterDate}',
        'NHS number: {nhsNumber}',
        '{letterTitle}',
        '{greeting}',
        '{letterBody}',
        'Yours sincerely',
        '{signatory}'
      ]).toString('base64')
    })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', sms: false })
    expect(batch.letters).toBe(4)
    const docx = docxParts(fileOf(batch, 'letters-docx'))
    expect(docx.body).not.toMatch(/[{}]/)
    expect(docx.headers).toContain('Riverside Medical Practice — Letterhead')
    for (const greeting of ['Dear Mr Brown', 'Dear Mrs Campbell', 'Dear Mr Mensah', 'Dear Ms Okafor']) expect(docx.body).toContain(greeting)
    expect(docx.body).toContain('NHS number: 999 000 0018')
    expect(docx.body).toContain('Please book a blood pressure review')
    expect(docx.xml.match(/w:type="page"/g)).toHaveLength(3)
  })

  it('fills the built-in Word layout when the practice has none', async () => {
    const cohortId = seedCohort(ctx, people.slice(2, 4))
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', sms: false })
    const docx = docxParts(fileOf(batch, 'letters-docx'))
    expect(docx.body).not.toMatch(/[{}]/)
    expect(docx.body).toContain('Dear Ms Okafor')
    expect(docx.body).toContain('Dear Mr Brown')
    expect(docx.body).toContain('Riverside Medical Practice')
  })

  it('refuses a Word template with an unknown merge field or patient data in the header, naming both', () => {
    expect(() => uploadWordTemplate(ctx, { name: 'bad.docx', contentBase64: practiceWordTemplate(['{greeting}', '{firstname}']).toString('base64') })).toThrow(
      /bad\.docx: unknown merge field \{firstname\}/
    )
    expect(() => uploadWordTemplate(ctx, { name: 'head.docx', contentBase64: practiceWordTemplate(['{greeting}'], '{nhsNumber}').toString('base64') })).toThrow(
      /head\.docx: \{nhsNumber\} is in the header/
    )
    expect(() => uploadWordTemplate(ctx, { name: 'x.docx', contentBase64: Buffer.from('not a zip').toString('base64') })).toThrow(/x\.docx: not a Word/)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM word_templates').get()).toEqual({ n: 0 })
  })

  it('regenerates the exact documents of a batch after addresses and settings change', async () => {
    const cohortId = seedCohort(ctx, people)
    setContactPreferences(ctx, { nhsNumber: '9990000026', smsDeclined: true, largePrint: true, preferredChannel: 'any' })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', phoneList: true })
    ctx.db.prepare(`UPDATE patients SET address_lines_json = '["99 New Street"]'`).run()
    updatePracticeSettings(ctx, { ...getPracticeSettings(ctx), practiceName: 'Renamed Practice' })
    const again = await regenerateBatch(ctx, batch.batchId)
    expect(again.files.map((f) => [f.kind, f.matchesOriginal])).toEqual(batch.files.map((f) => [`${f.kind}-regenerated`, true]))
  })

  it("counts only invitations sent after the patient's latest kept booking (a new round starts afresh)", async () => {
    const cohortId = seedCohort(ctx, people.slice(0, 1))
    await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    const clinic = Number(
      ctx.db
        .prepare(
          `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('BP review', '2026-11-10', '09:00', 15, 4, 'x', 'x')`
        )
        .run().lastInsertRowid
    )
    ctx.db
      .prepare(
        `INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, 0, (SELECT id FROM patients WHERE nhs_number = '9990000018'), 'attended', '2026-11-03T09:00:00Z', 'x')`
      )
      .run(clinic)
    expect(invitationWorklists(ctx)).toEqual({ nonResponders: [], invitedNotBooked: [] })
    // A year later the patient is in a new cohort and invited again: only the new invitation counts.
    ctx.db
      .prepare(
        `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
         SELECT batch_id, cohort_id, patient_id, 1, 'letter', '2027-11-01', template_id, template_version, created_by FROM invitations LIMIT 1`
      )
      .run()
    const lists = invitationWorklists(ctx)
    expect(lists.nonResponders).toEqual([])
    expect(lists.invitedNotBooked.map((p) => [p.name, p.invitations.map((i) => i.sentOn), p.nextAttemptFrom])).toEqual([
      ['Kwame Mensah', ['2027-11-01'], '2027-11-15']
    ])
  })

  it('offers the next attempt after the wait the batch was sent with', async () => {
    const cohortId = seedCohort(ctx, people.slice(0, 1))
    await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', waitDays: 21 })
    expect(invitationWorklists(ctx).invitedNotBooked.map((p) => [p.name, p.nextAttemptFrom])).toEqual([['Kwame Mensah', '2026-11-22']])
    const early = await createInvitationBatch(ctx, { cohortId, attempt: 2, date: '2026-11-15', waitDays: 21 })
    expect(early.notInvited.map((n) => n.reason)).toEqual([
      'Invitation 1 was sent on 1 November 2026; invitation 2 can go from 22 November 2026 (at least 21 days later)'
    ])
  })

  it('lists a patient as a non-responder after two unanswered invitations 14 days apart (a DNA is not an answer), with the codes to record', async () => {
    const cohortId = seedCohort(ctx, people.slice(0, 4))
    await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01' })
    let lists = invitationWorklists(ctx)
    expect(lists.nonResponders).toEqual([])
    expect(lists.invitedNotBooked.map((p) => [p.name, p.nextAttemptFrom])).toEqual([
      ['Winston Brown', '2026-11-15'],
      ['Beverley Campbell', '2026-11-15'],
      ['Kwame Mensah', '2026-11-15'],
      ['Adaeze Okafor', '2026-11-15']
    ])
    // Campbell books and keeps the booking; Brown books and does not attend.
    const clinic = Number(
      ctx.db
        .prepare(
          `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('BP review', '2026-11-20', '09:00', 15, 4, 'x', 'x')`
        )
        .run().lastInsertRowid
    )
    const book = ctx.db.prepare(
      `INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, ?, (SELECT id FROM patients WHERE nhs_number = ?), ?, '2026-11-05T09:00:00Z', 'x')`
    )
    book.run(clinic, 0, '9990000026', 'booked')
    book.run(clinic, 1, '9990000042', 'did-not-attend')

    const tooSoon = await createInvitationBatch(ctx, { cohortId, attempt: 2, date: '2026-11-10' })
    expect(tooSoon.sms + tooSoon.letters).toBe(0)
    const second = await createInvitationBatch(ctx, { cohortId, attempt: 2, date: '2026-11-15' })
    expect(second.sheet.filter((r) => r.channel !== null).map((r) => r.name)).toEqual(['Winston Brown', 'Kwame Mensah', 'Adaeze Okafor'])

    lists = invitationWorklists(ctx)
    expect(lists.invitedNotBooked).toEqual([])
    expect(lists.nonResponders.map((p) => [p.name, p.invitations.map((i) => `${i.sentOn} ${i.channel} ${i.code}`)])).toEqual([
      ['Winston Brown', ['2026-11-01 sms 1066951000000101', '2026-11-15 sms 1066961000000103']],
      ['Kwame Mensah', ['2026-11-01 sms 1066951000000101', '2026-11-15 sms 1066961000000103']],
      ['Adaeze Okafor', ['2026-11-01 letter 185719002', '2026-11-15 letter 185720008']]
    ])
    const letters = second.files.find((f) => f.kind === 'letters-pdf')
    const pages = await pdfPagesText(readFileSync(documentPath(ctx, letters?.fileId ?? -1)))
    expect(pages[0]).toContain('We wrote to you recently')
    expect(second.templateKey).toBe('second-invitation')
  })
})
