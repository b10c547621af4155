// The checks every invitation batch passes before anything is printed, on a real database: the
// practice details must be the practice's own (a fresh database's "set in Settings" placeholders, or a
// blank, block the batch in the app and the CLI, and the check before Create shows the block); a
// patient due a letter whose address cannot take one is phoned instead, or listed as not contactable,
// with the reason; a letter the PDF cannot print in full is listed before Create.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { documentPath } from '../../src/main/documents/document-store'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { saveTemplate } from '../../src/main/invitations/template-store'
import { getPracticeSettings } from '../../src/main/settings/practice-settings-store'
import { letterPlainText, type InvitationLetter } from '../../src/shared/domain/letter-content'
import { PLACEHOLDER_MARK } from '../../src/shared/domain/practice-settings'
import { seedInvitationCohort, type SeededMember } from '../support/invitation-cohort-seeder'
import { practiceDetailsCliArgs, withPracticeDetails } from '../support/practice-details'
import { runCliCaptured, runCliJson } from '../support/run-cli'
import { createTestContext, type TestContext } from '../support/test-context'

const members: SeededMember[] = [
  { nhs: '9990000018', title: 'Mr', given: 'Kwame', family: 'Mensah' },
  { nhs: '9990000026', title: 'Mrs', given: 'Beverley', family: 'Campbell', address: [], postcode: 'SE5 8QA', homePhone: '020 7946 0111' },
  { nhs: '9990000034', title: 'Ms', given: 'Adaeze', family: 'Okafor', address: [], postcode: 'SE5 8QB' },
  { nhs: '9990000042', title: 'Mr', given: 'Winston', family: 'Brown', address: ['No fixed abode'], postcode: null, mobile: '07700 900789' },
  { nhs: '9990000050', given: 'Amina', family: 'Hassan', address: ['12 Acre Lane', 'London'], postcode: 'ZZ99 3VZ', homePhone: '020 7946 0999' },
  { nhs: '9990000069', title: 'Mr', given: 'محمد', family: 'Ali', address: ['3 Mill Street', 'London'] }
]

let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext({ now: '2026-11-01T10:00:00Z' })
})
afterEach(() => ctx.cleanup())

const batchCount = () => ctx.db.prepare('SELECT COUNT(*) FROM invitation_batches').pluck().get()
const documentFiles = () => (existsSync(ctx.documentsFolder) ? readdirSync(ctx.documentsFolder) : [])

describe('practice details block the batch until they are filled in', () => {
  it('a fresh database: the check lists every placeholder, Create is refused naming Settings and the command, and nothing is written', async () => {
    const cohortId = seedInvitationCohort(ctx, members.slice(0, 1))
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false, preview: true })
    expect(preview.batchId).toBe(0)
    expect(preview.practiceDetailsToFill.map((d) => [d.field, d.problem])).toEqual([
      ['practiceName', 'placeholder'],
      ['addressLines', 'placeholder'],
      ['phone', 'placeholder'],
      ['bookingInstructions', 'placeholder'],
      ['signatory', 'placeholder']
    ])
    expect(preview.blockedBecause).toMatch(/^Invitations cannot be made until the practice details are filled in: /)
    expect(preview.blockedBecause).toContain('Settings → Practice details')
    expect(preview.blockedBecause).toContain('clinic-recall settings set --practice-name')

    const refused = createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false })
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: preview.blockedBecause })
    expect(batchCount()).toBe(0)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM invitations').pluck().get()).toBe(0)
    expect(documentFiles()).toEqual([])
  })

  it('a blank detail blocks as a placeholder does, and names only what is left to fill', async () => {
    withPracticeDetails(ctx, { phone: '', signatory: '   ' })
    const cohortId = seedInvitationCohort(ctx, members.slice(0, 1))
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', preview: true })
    expect(preview.practiceDetailsToFill.map((d) => `${d.label}:${d.problem}`)).toEqual(['Phone:missing', 'Letters signed by:missing'])
    expect(preview.blockedBecause).toContain('Phone and Letters signed by are blank')
    expect(preview.blockedBecause).toContain('--phone … --signatory …')
    await expect(createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02' })).rejects.toMatchObject({ code: 'conflict' })
    expect(batchCount()).toBe(0)
  })

  it('the SMS text carries the practice name and phone: an SMS-only batch is blocked too', async () => {
    const cohortId = seedInvitationCohort(ctx, [{ ...members[0], mobile: '07700 900123' } as SeededMember])
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', preview: true })
    expect(preview.sms).toBe(1)
    expect(preview.smsMessage?.text).toContain(PLACEHOLDER_MARK)
    expect(preview.blockedBecause).not.toBeNull()
    await expect(createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02' })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('template wording that still holds the placeholder is refused even when Settings are filled in', async () => {
    withPracticeDetails(ctx)
    saveTemplate(ctx, {
      key: 'hypertension-review',
      title: 'Your blood pressure review',
      body: `We would like to check your blood pressure.\n\n!! How to book\nPlease call {practiceName} (Practice phone — ${PLACEHOLDER_MARK}) to book.`,
      smsText: 'Please call {practiceName} on {practicePhone} to book.'
    })
    const cohortId = seedInvitationCohort(ctx, members.slice(0, 1))
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false, preview: true })
    expect(preview.practiceDetailsToFill).toEqual([])
    expect(preview.blockedBecause).toMatch(/the letter wording of template .* still says "set in Settings"/)
    await expect(createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false })).rejects.toMatchObject({ code: 'conflict' })
    expect(batchCount()).toBe(0)
  })

  it('once filled in, the batch is made and no letter carries a placeholder', async () => {
    withPracticeDetails(ctx)
    const cohortId = seedInvitationCohort(ctx, members.slice(0, 1))
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false, preview: true })
    expect(preview.blockedBecause).toBeNull()
    expect(preview.practiceDetailsToFill).toEqual([])
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false })
    expect(batch.letters).toBe(1)
    expect(batch.blockedBecause).toBeNull()
    const contents = ctx.db.prepare('SELECT content_json FROM invitations').pluck().all() as string[]
    const letters = contents.map((c) => (JSON.parse(c) as { letter: InvitationLetter }).letter)
    expect(letters.map(letterPlainText).join('\n')).not.toContain(PLACEHOLDER_MARK)
    expect(letters[0]?.practiceHeader.name).toBe(getPracticeSettings(ctx).practiceName)
  })
})

describe('letters only go where they can be delivered, and what cannot print is listed before Create', () => {
  beforeEach(() => withPracticeDetails(ctx))

  it('moves patients with no usable address to the phone list (or not contacted) with the reason, in the check and the batch', async () => {
    const cohortId = seedInvitationCohort(ctx, members)
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false, preview: true })
    // In batch order (family name), as the batch sheet lists them.
    expect(preview.noUsableAddress).toEqual([
      { nhsNumber: '9990000042', name: 'Winston Brown', reason: 'the address is recorded as "No fixed abode"', movedToPhone: true },
      { nhsNumber: '9990000026', name: 'Beverley Campbell', reason: 'only a postcode is recorded, no house or street', movedToPhone: true },
      {
        nhsNumber: '9990000050',
        name: 'Amina Hassan',
        reason: 'the postcode ZZ99 3VZ is an NHS pseudo-postcode (address not known)',
        movedToPhone: true
      },
      { nhsNumber: '9990000034', name: 'Adaeze Okafor', reason: 'only a postcode is recorded, no house or street', movedToPhone: false }
    ])
    const row = (nhs: string) => preview.sheet.find((r) => r.nhsNumber === nhs)
    expect(row('9990000018')).toMatchObject({ channel: 'letter' })
    expect(row('9990000026')).toMatchObject({
      channel: 'phone',
      contact: '020 7946 0111',
      note: 'No usable postal address (only a postcode is recorded, no house or street): phone instead'
    })
    expect(row('9990000034')).toMatchObject({ channel: null })
    expect(row('9990000034')?.note).toBe(
      'Cannot be contacted: no mobile, no usable postal address (only a postcode is recorded, no house or street), no phone number'
    )
    expect(row('9990000042')).toMatchObject({ channel: 'phone', contact: '07700900789' })
    expect(
      preview.warnings.some((w) => w.includes('4 members due a letter have no usable postal address: 3 moved to the phone list, 1 cannot be contacted'))
    ).toBe(true)
    expect(preview.letters).toBe(2)
    expect(preview.phone).toBe(3)

    // Without the phone-list option too: they were due a letter, so they are phoned rather than dropped.
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false, phoneList: false })
    expect(batch.noUsableAddress).toEqual(preview.noUsableAddress)
    expect(batch.letters).toBe(2)
    const invited = ctx.db
      .prepare('SELECT p.nhs_number AS nhs, i.channel FROM invitations i JOIN patients p ON p.id = i.patient_id ORDER BY p.nhs_number')
      .all()
    expect(invited).toEqual([
      { nhs: '9990000018', channel: 'letter' },
      { nhs: '9990000026', channel: 'phone' },
      { nhs: '9990000042', channel: 'phone' },
      { nhs: '9990000050', channel: 'phone' },
      { nhs: '9990000069', channel: 'letter' }
    ])
    const phoneList = batch.files.find((f) => f.kind === 'phone-list-csv')
    expect(phoneList).toBeDefined()
    const csv = readFileSync(documentPath(ctx, phoneList?.fileId ?? -1), 'utf8')
    expect(csv).toContain('Campbell')
    expect(csv).toContain('No usable postal address (only a postcode is recorded, no house or street): phone instead')
    expect(batch.notInvited.map((n) => n.nhsNumber)).toEqual(['9990000034'])
  })

  it('lists a letter whose name the PDF cannot print in the check, before anything is made', async () => {
    const cohortId = seedInvitationCohort(ctx, [members[0] as SeededMember, members[5] as SeededMember])
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-02', sms: false, preview: true })
    expect(preview.lettersToWriteByHand).toBe(1)
    const byHand = preview.sheet.filter((r) => r.writeByHand)
    expect(byHand.map((r) => r.nhsNumber)).toEqual(['9990000069'])
    expect(byHand[0]?.note).toContain('Arabic script')
    expect(preview.blockedBecause).toBeNull()
    expect(batchCount()).toBe(0)
    expect(documentFiles()).toEqual([])
  })
})

describe('clinic-recall settings and invite on the command line', () => {
  let folder = ''
  let db = ''
  const cli = (...argv: string[]) => runCliCaptured(['--db', db, ...argv])
  const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])
  const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')
  let cohortId = 0

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'clinic-recall-presend-'))
    db = join(folder, 'practice.sqlite')
    await json('import', fixture)
    cohortId = Number((await json('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-12')).cohortId)
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('invite is refused with exit 1 and one line naming the missing setting and the command that fills it', async () => {
    const run = await cli('invite', String(cohortId), '--date', '2026-11-13', '--json')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/Practice name, Practice address, Phone, How to book and Letters signed by still say "set in Settings"/)
    expect(lines[0]).toContain('`clinic-recall settings set --practice-name … --address … --phone … --booking-hours … --signatory …`')
  })

  it('settings show --json says what invitations still need; settings set fills it, the address split into lines', async () => {
    const before = await json('settings', 'show')
    expect(before.readyForInvitations).toBe(false)
    expect((before.toFill as { option: string }[]).map((t) => t.option)).toEqual(['--practice-name', '--address', '--phone', '--booking-hours', '--signatory'])

    const partly = await json('settings', 'set', '--practice-name', 'Riverside Medical Practice', '--address', '1 River Road, Lambeth\nLondon, SE1 1AA')
    expect(partly.practiceName).toBe('Riverside Medical Practice')
    expect(partly.addressLines).toEqual(['1 River Road', 'Lambeth', 'London', 'SE1 1AA'])
    expect((partly.toFill as { field: string }[]).map((t) => t.field)).toEqual(['phone', 'bookingInstructions', 'signatory'])

    const stillRefused = await cli('invite', String(cohortId), '--date', '2026-11-13')
    expect(stillRefused.code).toBe(1)
    expect(stillRefused.stderr).toContain('Phone, How to book and Letters signed by still say')
    expect(stillRefused.stderr).toContain('settings set --phone … --booking-hours … --signatory …')

    const done = await json(...practiceDetailsCliArgs)
    expect(done).toMatchObject({
      readyForInvitations: true,
      toFill: [],
      phone: '020 7946 0000',
      bookingInstructions: 'Please call us on 020 7946 0000 to book.'
    })
    const shown = await cli('settings', 'show')
    expect(shown.stdout).toContain('Ready for invitations.')

    const invite = await json('invite', String(cohortId), '--date', '2026-11-13')
    expect(Number(invite.batchId)).toBeGreaterThan(0)
  })

  it('settings set refuses nothing to set (exit 2) and an address of more than 6 lines (exit 1, naming --address)', async () => {
    expect((await cli('settings', 'set')).code).toBe(2)
    const long = await cli('settings', 'set', '--address', 'a, b, c, d, e, f, g')
    expect(long.code).toBe(1)
    expect(long.stderr).toMatch(/^--address: must be at most 6/)
    const wide = await cli('settings', 'set', '--address', `1 River Road, ${'x'.repeat(130)}`)
    expect(wide.code).toBe(1)
    expect(wide.stderr).toMatch(/^--address x+: must be at most 120/)
  })
})
