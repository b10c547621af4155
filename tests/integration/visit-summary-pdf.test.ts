// The patient's "What we agreed" summary through the real services: what was agreed, the medicines
// changed, the services with how to reach each, the follow-up date and the practice's details — and
// no questionnaire score, reading or concern; recorded as a document with who printed it; in large
// print (16 pt) for a patient flagged for it; refused before the visit is recorded.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listActivity } from '../../src/main/activity-log'
import { bookAppointment } from '../../src/main/clinics/booking'
import { createClinic } from '../../src/main/clinics/clinic-sessions'
import { visitSummaryPdf } from '../../src/main/clinics/visit-summary'
import { attendAppointment } from '../../src/main/clinics/visits'
import { documentPath } from '../../src/main/documents/document-store'
import { setContactPreferences } from '../../src/main/invitations/contact-preferences-store'
import { listLocalServices, saveLocalService } from '../../src/main/local-services/local-services'
import { updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import { AppError } from '../../src/shared/result'
import { cohortSeeder } from '../support/cohort-seeder'
import { pdfPagesText, pdfTextPieces } from '../support/pdf-text'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
const seed = cohortSeeder(() => ctx.db)

const practice = {
  practiceName: 'Clapton Park Surgery',
  addressLines: ['12 Mount Pleasant Lane', 'London E5 9AA'],
  phone: '020 7946 0000',
  email: '',
  website: 'https://claptonpark.example.nhs.uk',
  bookingInstructions: 'Call us to book.',
  signatory: 'Priya Shah, Clinical Pharmacist',
  clinicLocation: ''
}

beforeEach(() => {
  ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
  const kwame = seed.addPatient('9434765919', { given: 'Kwame', family: 'Mensah', dob: '1960-01-01' })
  ctx.db
    .prepare(`UPDATE patients SET title = 'Mr', address_lines_json = '["Flat 3, 41 Chatsworth Road","London"]', postcode = 'e5 0lh' WHERE id = ?`)
    .run(kwame)
  updatePracticeSettings(ctx, practice)
})
afterEach(() => ctx.cleanup())

const serviceId = (name: string) => listLocalServices(ctx).find((s) => s.name === name)?.serviceId ?? -1

function attendedTimeToTalk(): number {
  const { clinicId } = createClinic(ctx, { type: 'Time to Talk', date: '2026-11-22', start: '09:00', slots: 4, slotMinutes: 30 })
  const appointmentId = bookAppointment(ctx, { clinicId, nhsNumber: '9434765919' }).appointmentId
  const carers = saveLocalService(ctx, {
    name: 'Hackney Carers Centre',
    offers: 'Advice and short breaks for unpaid carers.',
    category: 'carers',
    selfReferral: true,
    practiceReferral: true,
    phone: '020 7946 0123',
    openingTimes: 'Monday to Friday, 10am to 4pm'
  })
  attendAppointment(ctx, {
    appointmentId,
    visit: {
      form: 'time-to-talk',
      concerns: ['low-mood', 'caring'],
      phq9: { items: [2, 2, 2, 2, 1, 1, 1, 1, 1] },
      gad7: { total: 12 },
      ucla3: { items: [3, 3, 2] },
      agreedPlan: 'Try the walking group at the library on Tuesdays.\nCall Talking Therapies this week.',
      referrals: [
        { serviceId: serviceId('NHS Talking Therapies'), kind: 'self-referral' },
        { serviceId: carers.serviceId, kind: 'sent' },
        { serviceId: serviceId('Social prescribing link worker (GP-based)'), kind: 'sent' }
      ]
    }
  })
  return appointmentId
}

async function textOf(fileId: number): Promise<string> {
  // A long web address wraps after a hyphen; the extracted text puts a space there.
  return (await pdfPagesText(readFileSync(documentPath(ctx, fileId))))
    .join('\n')
    .replace(/\s+/g, ' ')
    .replace(/- (?=\S)/g, '-')
}

describe('the "What we agreed" summary', () => {
  it('says what was agreed, each service and how to reach it, the follow-up and the practice — and no scores', async () => {
    const appointmentId = attendedTimeToTalk()
    const summary = await visitSummaryPdf(ctx, appointmentId)
    expect(summary).toMatchObject({
      largePrint: false,
      file: { kind: 'visit-summary-pdf', name: `what-we-agreed-appointment-${appointmentId}-2026-11-22.pdf` }
    })
    const text = await textOf(summary.file.fileId)
    for (const expected of [
      'Clapton Park Surgery',
      '12 Mount Pleasant Lane',
      'Phone: 020 7946 0000',
      'Mr Kwame Mensah',
      'E5 0LH',
      'NHS number: 943 476 5919',
      'What we agreed',
      'At your Time to Talk visit on 22 November 2026',
      'Dear Mr Mensah',
      'Try the walking group at the library on Tuesdays.',
      'Call Talking Therapies this week.',
      'NHS Talking Therapies',
      'You can contact them yourself',
      'Website: https://www.nhs.uk/nhs-services/mental-health-services/find-nhs-talking-therapies-for-anxiety-and-depression/',
      'Hackney Carers Centre',
      'Advice and short breaks for unpaid carers.',
      'We have sent a referral: the service will contact you.',
      'Phone: 020 7946 0123',
      'Opening times: Monday to Friday, 10am to 4pm',
      'ask the practice how to reach them',
      'We would like to see you again by 3 January 2027. To book, call us on 020 7946 0000.',
      'call NHS 111',
      'Priya Shah, Clinical Pharmacist'
    ]) {
      expect(text, expected).toContain(expected)
    }
    // No clinical scores, bands or concerns on a paper others at home may read.
    for (const absent of ['PHQ', 'GAD', 'UCLA', 'ONS4', 'Moderate', 'Lonely', 'Low mood', 'caring', 'Example — check']) {
      expect(text, absent).not.toContain(absent)
    }
    expect(summary.warnings).toEqual([
      'Social prescribing link worker (GP-based) has no contact details: the summary asks the patient to ask the practice how to reach it. Add them in Settings → Local services.'
    ])

    const pieces = await pdfTextPieces(readFileSync(documentPath(ctx, summary.file.fileId)))
    expect(pieces.find((p) => p.text.includes('Try the walking group'))?.size).toBe(11)
    expect(ctx.db.prepare('SELECT kind, mime_type, created_by FROM documents WHERE id = ?').get(summary.file.fileId)).toEqual({
      kind: 'visit-summary-pdf',
      mime_type: 'application/pdf',
      created_by: 'Test Pharmacist'
    })
    expect(listActivity(ctx.db, 1)[0]?.summary).toBe('Printed the "What we agreed" summary of 943 476 5919\'s visit (Time to Talk clinic 22 Nov 2026)')
  })

  it('prints the medicines changed and home monitoring of a BP review', async () => {
    const { clinicId } = createClinic(ctx, { type: 'Pharmacist BP clinic', date: '2026-11-22', start: '09:00', slots: 4, slotMinutes: 20 })
    const appointmentId = bookAppointment(ctx, { clinicId, nhsNumber: '9434765919' }).appointmentId
    attendAppointment(ctx, {
      appointmentId,
      visit: {
        form: 'bp-review',
        readings: [{ systolic: 162, diastolic: 98 }],
        adherence: { status: 'forgets', reasons: ['forgets'] },
        medicineChanges: [{ kind: 'increased', drug: 'amlodipine 10 mg once a day' }],
        homeBpMonitoring: 'started',
        mecc: { 'physical-activity': 'given', smoking: 'declined' },
        agreedPlan: 'Use a pill organiser for your tablets.'
      }
    })
    const text = await textOf((await visitSummaryPdf(ctx, appointmentId)).file.fileId)
    expect(text).toContain('At your Pharmacist BP clinic visit on 22 November 2026')
    expect(text).toContain('Changes to your medicines')
    expect(text).toContain('Dose increased: amlodipine 10 mg once a day')
    expect(text).toContain('You agreed to check your blood pressure at home.')
    expect(text).toContain('We talked about: physical activity.')
    expect(text).toContain('Use a pill organiser for your tablets.')
    expect(text).not.toContain('162')
    expect(text).not.toMatch(/smoking|forgets/i)
  })

  it('is in large print (16 pt) for a patient flagged for it', async () => {
    const appointmentId = attendedTimeToTalk()
    setContactPreferences(ctx, { nhsNumber: '9434765919', smsDeclined: false, largePrint: true, preferredChannel: 'letter' })
    const summary = await visitSummaryPdf(ctx, appointmentId)
    expect(summary).toMatchObject({ largePrint: true, file: { kind: 'visit-summary-large-print-pdf' } })
    const bytes = readFileSync(documentPath(ctx, summary.file.fileId))
    const pieces = await pdfTextPieces(bytes)
    expect(pieces.find((p) => p.text.includes('Try the walking group'))?.size).toBe(16)
    // Every sheet says whose summary it is and which page.
    const pages = await pdfPagesText(bytes)
    expect(pages.length).toBeGreaterThan(1)
    pages.forEach((page, i) => expect(page).toContain(`Mr Kwame Mensah, NHS number: 943 476 5919 — page ${i + 1} of ${pages.length}`))
    expect(await textOf(summary.file.fileId)).toContain('Hackney Carers Centre')
    expect(listActivity(ctx.db, 1)[0]?.summary).toMatch(/ in large print$/)
  })

  it('is refused while the practice details are still placeholders', async () => {
    const appointmentId = attendedTimeToTalk()
    updatePracticeSettings(ctx, { ...practice, phone: 'Practice phone — set in Settings' })
    const refused = await visitSummaryPdf(ctx, appointmentId).catch((e: unknown) => e)
    expect((refused as AppError).message).toMatch(/^The "What we agreed" summary cannot be printed until the practice details are filled in/)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0)
  })

  it('is refused before the visit is recorded', async () => {
    const { clinicId } = createClinic(ctx, { type: 'Time to Talk', date: '2026-11-22', start: '09:00', slots: 4, slotMinutes: 30 })
    const appointmentId = bookAppointment(ctx, { clinicId, nhsNumber: '9434765919' }).appointmentId
    const refused = await visitSummaryPdf(ctx, appointmentId).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).message).toBe(
      `Appointment ${appointmentId} is still booked: the "What we agreed" summary is printed once the visit is recorded`
    )
    expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0)
  })
})
