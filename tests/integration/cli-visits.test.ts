// `clinic-recall attend` on the clinic's form, as a practice would script it: the clinic's type
// decides what is required (a Time to Talk visit needs no --bp; a BP review needs one unless
// declined), the questionnaires are scored with their bands, PHQ-9 item 9 above 0 sets riskPrompt,
// referrals are made at the visit, the summary PDF can be written out, and every bad value exits 1
// with one line naming the option (2 for a usage error).
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listLocalServices, saveLocalService } from '../../src/main/local-services/local-services'
import { getPracticeSettings, updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import { cohortSeeder } from '../support/cohort-seeder'
import { pdfPagesText } from '../support/pdf-text'
import { runCliCaptured, runCliJson, type CliRun } from '../support/run-cli'
import { createTestContext, type TestContext } from '../support/test-context'
import { openDatabase } from '../../src/main/db/connection'

let ctx: TestContext
let db = ''
let talkingTherapies = 0
let social = 0
let carersSelfOnly = 0
const nhsNumbers = ['9434765919', '9434765870', '9990000018', '9990000026', '9990000034', '9990000042']

const cli = (...argv: string[]): Promise<CliRun> => runCliCaptured(['--db', db, ...argv])
const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

function localIso(daysFromToday: number): string {
  const d = new Date()
  d.setDate(d.getDate() + daysFromToday)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function oneLine(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code)
  expect(run.stdout).toBe('')
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(pattern)
}

/** A clinic of this type yesterday with the patient booked; returns the appointment id. */
async function bookedInto(type: string, nhsNumber: string): Promise<number> {
  const clinic = await json('clinic', 'create', '--type', type, '--date', localIso(-1), '--start', '09:00', '--slots', '6', '--slot-minutes', '20')
  const booked = await json('book', '--clinic', String(clinic.clinicId), '--nhs', nhsNumber)
  return booked.appointmentId as number
}

/** The practice's own details, written straight to the test database (the CLI reads them on its next open). */
function setPracticeDetails(): void {
  const live = { ...ctx, db: openDatabase(db) }
  updatePracticeSettings(live, {
    ...getPracticeSettings(live),
    practiceName: 'Clapton Park Surgery',
    addressLines: ['1 High St'],
    phone: '020 7946 0000',
    bookingInstructions: 'Call us.',
    signatory: 'Priya Shah'
  })
  live.db.close()
}

beforeAll(() => {
  ctx = createTestContext()
  db = ctx.databasePath
  const seed = cohortSeeder(() => ctx.db)
  nhsNumbers.forEach((nhs, i) => seed.addPatient(nhs, { given: `Patient${i}`, family: 'Test', dob: '1958-03-12' }))
  const byName = new Map(listLocalServices(ctx).map((s) => [s.name, s.serviceId]))
  talkingTherapies = byName.get('NHS Talking Therapies') ?? 0
  social = byName.get('Social prescribing link worker (GP-based)') ?? 0
  carersSelfOnly = saveLocalService(ctx, {
    name: 'Carers Centre',
    category: 'carers',
    selfReferral: true,
    practiceReferral: false,
    phone: '020 7946 0123'
  }).serviceId
  ctx.db.close()
})
afterAll(() => rmSync(ctx.folder, { recursive: true, force: true }))

describe('clinic-recall attend on the clinic’s form', () => {
  it('records a Time to Talk visit with no --bp: scores with bands, riskPrompt, referrals and warnings, and the documented keys', async () => {
    const appointment = await bookedInto('Time to Talk', nhsNumbers[0] as string)
    const out = await json(
      'attend',
      '--appointment',
      String(appointment),
      '--phq9',
      '12',
      '--phq9-item9',
      '1',
      '--gad7',
      '8',
      '--ons4',
      '6,7,,4',
      '--ucla3',
      '7',
      '--signpost',
      String(talkingTherapies),
      '--refer',
      String(social),
      '--plan',
      'Walking group on Tuesdays.',
      '--note',
      'Seen with daughter.'
    )
    for (const key of [
      'status',
      'bp',
      'bpReading',
      'priority',
      'followUpDue',
      'followUpReason',
      'form',
      'scores',
      'riskPrompt',
      'riskPromptText',
      'referrals',
      'warnings',
      'summaryFile'
    ]) {
      expect(out).toHaveProperty(key)
    }
    expect(out).toMatchObject({ status: 'attended', bp: null, form: 'time-to-talk', riskPrompt: true, summaryFile: null })
    expect(out.followUpDue).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(out.riskPromptText).toMatch(/Assess the risk today/)
    expect((out.scores as { measure: string; score: number; band: string }[]).map((s) => [s.measure, s.score, s.band])).toEqual([
      ['phq9', 12, 'moderate'],
      ['gad7', 8, 'mild'],
      ['ons4-life-satisfaction', 6, 'medium'],
      ['ons4-worthwhile', 7, 'high'],
      ['ons4-anxiety', 4, 'medium'],
      ['ucla3', 7, 'lonely']
    ])
    expect((out.referrals as { service: string; kind: string }[]).map((r) => [r.service, r.kind])).toEqual([
      ['Social prescribing link worker (GP-based)', 'sent'],
      ['NHS Talking Therapies', 'self-referral']
    ])
    expect(out.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/has no contact details/)]))
  })

  it('records a BP review with --bp and --adherence, and needs a --bp unless --bp-declined', async () => {
    const appointment = await bookedInto('Pharmacist BP clinic', nhsNumbers[1] as string)
    oneLine(
      await cli('attend', '--appointment', String(appointment), '--adherence', 'stopped'),
      1,
      /^--bp: a BP review \(clinic type "Pharmacist BP clinic"\) needs at least one --bp SYS\/DIA, or --bp-declined/
    )
    oneLine(await cli('attend', '--appointment', String(appointment), '--bp', '150/90', '--bp-declined'), 1, /^--bp-declined: /)
    const out = await json('attend', '--appointment', String(appointment), '--bp', '152/94', '--bp', '148/96', '--adherence', 'stopped')
    expect(out).toMatchObject({ status: 'attended', bp: '148/94', form: 'bp-review', scores: [], riskPrompt: false, referrals: [] })
    const declined = await bookedInto('Hypertension review', nhsNumbers[2] as string)
    expect(await json('attend', '--appointment', String(declined), '--bp-declined')).toMatchObject({ status: 'attended', bp: null, form: 'bp-review' })
  })

  it('writes the "What we agreed" summary with --summary-out, refusing it before the visit while the practice details are placeholders', async () => {
    const appointment = await bookedInto('Time to Talk', nhsNumbers[3] as string)
    const file = join(ctx.folder, 'out', 'summary.pdf')
    oneLine(
      await cli('attend', '--appointment', String(appointment), '--plan', 'x', '--summary-out', file),
      1,
      /^--summary-out: the "What we agreed" summary cannot be printed until the practice details are filled in/
    )
    expect(existsSync(file)).toBe(false)
    setPracticeDetails()
    const out = await json(
      'attend',
      '--appointment',
      String(appointment),
      '--plan',
      'Call the carers centre.',
      '--signpost',
      String(carersSelfOnly),
      '--summary-out',
      file
    )
    expect(out.summaryFile).toBe(file)
    expect(existsSync(file)).toBe(true)
    const text = (await pdfPagesText(readFileSync(file))).join(' ')
    expect(text).toContain('Call the carers centre.')
    expect(text).toContain('Phone: 020 7946 0123')
  })

  it('exits 1 naming the option for bad values, and 2 for usage errors', async () => {
    const talk = await bookedInto('Time to Talk', nhsNumbers[4] as string)
    const bp = await bookedInto('Pharmacist BP clinic', nhsNumbers[5] as string)
    const attend = (appointment: number, ...argv: string[]) => cli('attend', '--appointment', String(appointment), ...argv)

    oneLine(await attend(talk, '--phq9', '12'), 1, /^--phq9 12: a PHQ-9 total needs item 9 too: add --phq9-item9 N \(0–3\)/)
    oneLine(await attend(talk, '--phq9-item9', '0'), 1, /^--phq9-item9 0: give the PHQ-9 total with --phq9 too/)
    oneLine(await attend(talk, '--phq9', '30', '--phq9-item9', '0'), 1, /^--phq9 30: PHQ-9 total 30 is outside 0–27/)
    oneLine(await attend(talk, '--phq9', '12', '--phq9-item9', '5'), 1, /^--phq9-item9 5: PHQ-9 item 9 .* is 5; .* Same-day risk: /)
    oneLine(await attend(talk, '--phq9', 'twelve', '--phq9-item9', '0'), 1, /^--phq9 "twelve": expected a whole number/)
    oneLine(await attend(talk, '--gad7', '22'), 1, /^--gad7 22: GAD-7 total 22 is outside 0–21/)
    oneLine(await attend(talk, '--ons4', '1,2,3'), 1, /^--ons4 "1,2,3": expected four answers L,S,H,A/)
    oneLine(await attend(talk, '--ons4', '11,2,3,4'), 1, /^--ons4 11,2,3,4: ONS4 life satisfaction is 11/)
    oneLine(await attend(talk, '--ucla3', '2'), 1, /^--ucla3 2: UCLA-3 total 2 is outside 3–9/)
    oneLine(
      await attend(talk, '--adherence', 'taking'),
      1,
      /^--adherence: appointment \d+ is a Time to Talk review \(clinic type "Time to Talk"\), which does not record it/
    )
    oneLine(await attend(bp, '--bp', '150/90', '--phq9', '3', '--phq9-item9', '0'), 1, /^--phq9: appointment \d+ is a BP review/)
    oneLine(
      await attend(bp, '--bp', '150/90', '--adherence', 'sometimes'),
      1,
      /^--adherence "sometimes": expected one of taking, forgets, stopped, side-effects, not-collected/
    )
    oneLine(
      await attend(bp, '--bp', '150/90', '--refer', String(carersSelfOnly)),
      1,
      new RegExp(`^--refer ${carersSelfOnly}: Carers Centre does not take referrals from the practice`)
    )
    oneLine(await attend(bp, '--bp', '150/90', '--refer', '9999'), 1, /^--refer 9999: .*no local service 9999/)
    oneLine(await attend(bp, '--bp', '400/90'), 1, /^--bp "400\/90": systolic 400 mmHg is outside/)
    // Nothing was recorded by any of those.
    expect((await json('attend', '--appointment', String(talk), '--gad7', '3')).status).toBe('attended')

    expect((await attend(bp)).code).toBe(2)
    expect((await attend(bp, '--dna', '--phq9', '3')).code).toBe(2)
    expect((await attend(bp, '--refer', 'first')).code).toBe(2)
  })
})
