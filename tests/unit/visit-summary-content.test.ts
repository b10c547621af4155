import { describe, expect, it } from 'vitest'
import { buildVisitSummary, visitSummaryPlainText, type VisitSummaryInput } from '../../src/shared/domain/visit-summary-content'
import { defaultPracticeSettings } from '../../src/shared/domain/practice-settings'

const input = (over: Partial<VisitSummaryInput> = {}): VisitSummaryInput => ({
  practice: { ...defaultPracticeSettings, practiceName: 'Clapton Park Surgery', phone: '020 7946 0000' },
  patient: { nhsNumber: '9434765919', title: 'MRS', givenName: 'JANE', familyName: 'SMITH', addressLines: ['1 High St'], postcode: 'e5 0lh' },
  clinicType: 'Time to Talk',
  visitDate: '2026-11-22',
  record: {
    form: 'time-to-talk',
    concerns: ['low-mood'],
    phq9: { items: [3, 3, 3, 3, 3, 3, 3, 3, 1] },
    gad7: { total: 18 },
    ons4: null,
    ucla3: null,
    readings: [{ systolic: 170, diastolic: 100 }]
  },
  agreedPlan: 'Walk every day.\n\nSee the link worker.',
  services: [],
  followUpDue: '2027-01-03',
  largePrint: false,
  appointmentId: 7,
  ...over
})

describe('the "What we agreed" summary', () => {
  it('gives the plan in the clinician’s paragraphs, the follow-up and where to get urgent help, in letter style', () => {
    const summary = buildVisitSummary(input())
    expect(summary.greeting).toBe('Dear Mrs Smith')
    expect(summary.recipientAddress).toEqual(['Mrs Jane Smith', '1 High St', 'E5 0LH'])
    expect(summary.nhsNumberLine).toBe('NHS number: 943 476 5919')
    expect(summary.sections.map((s) => s.heading)).toEqual(['The plan', 'Your next appointment', 'If you feel unwell'])
    expect(summary.sections[0]?.paragraphs).toEqual(['Walk every day.', 'See the link worker.'])
    expect(summary.sections[1]?.paragraphs).toEqual(['We would like to see you again by 3 January 2027. To book, call us on 020 7946 0000.'])
  })

  it('never prints a score, a reading or a concern', () => {
    const text = visitSummaryPlainText(buildVisitSummary(input()))
    for (const absent of ['PHQ', 'GAD', '170', 'Severe', 'low mood', 'Low mood']) expect(text, absent).not.toContain(absent)
  })

  it('says how to reach each service, or to ask the practice when it has no contact details, and names those', () => {
    const summary = buildVisitSummary(
      input({
        services: [
          {
            service: {
              name: 'Carers Centre',
              offers: 'Example — check details before use. Breaks for carers.',
              phone: '020 7946 0123',
              web: null,
              address: null,
              openingTimes: null
            },
            kind: 'self-referral'
          },
          { service: { name: 'Link worker', offers: '', phone: null, web: null, address: null, openingTimes: null }, kind: 'sent' }
        ]
      })
    )
    const carers = summary.sections.find((s) => s.heading === 'Carers Centre')
    expect(carers?.paragraphs).toEqual(['Breaks for carers.', 'You can contact them yourself: we have not sent a referral.', 'Phone: 020 7946 0123'])
    const link = summary.sections.find((s) => s.heading === 'Link worker')
    expect(link?.paragraphs).toContain('We do not have this service’s contact details yet: ask the practice how to reach them.')
    expect(summary.servicesWithoutContact).toEqual(['Link worker'])
  })
})
