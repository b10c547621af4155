// The words of the "What we agreed" summary a patient takes home from a visit, built as data so
// they can be tested without a PDF. It says what was agreed (the clinician's own words for the
// patient), the medicines changed and home monitoring at a BP review, the services the patient was
// referred or signposted to with how to reach each, and when to come back — in plain English,
// NHS letter style (the practice's details at the top, the NHS number, "Dear" + name).
//
// Deliberately left out: questionnaire scores, BP readings and the concerns the patient raised.
// The summary is a piece of paper that others at home may read; scores need the conversation that
// went with them, and all of it is in the practice's record.
import { letterGreeting, formatUkLongDate, recipientAddressBlock, type LetterPatient, type LetterSection } from './letter-content'
import { withoutExampleNotice, type LocalService, type ReferralKind } from './local-services'
import { medicineChangeKinds } from './medication-adherence'
import { meccTopics } from './mecc'
import { formatNhsNumber } from './nhs-number'
import type { PracticeSettings } from './practice-settings'
import type { VisitRecord } from './visit-forms'

export interface VisitSummaryService {
  service: Pick<LocalService, 'name' | 'offers' | 'phone' | 'web' | 'address' | 'openingTimes'>
  kind: ReferralKind
}

export interface VisitSummaryInput {
  practice: PracticeSettings
  patient: LetterPatient
  clinicType: string
  /** The clinic day, ISO. */
  visitDate: string
  /** Null for a visit recorded before the forms (it has only actions and a note). */
  record: VisitRecord | null
  agreedPlan: string
  services: readonly VisitSummaryService[]
  followUpDue: string | null
  largePrint: boolean
  appointmentId: number
}

export interface VisitSummary {
  largePrint: boolean
  /** ISO date of the visit; also fixes the PDF's dates, so the same summary gives the same bytes. */
  date: string
  practiceHeader: { name: string; lines: string[] }
  recipientAddress: string[]
  dateText: string
  nhsNumberLine: string
  title: string
  subtitle: string
  greeting: string
  sections: LetterSection[]
  signOff: { closing: string; signatory: string; practiceName: string }
  /** Printed small at the foot: which visit this is the summary of. */
  reference: string
  /** Services the summary could not say how to reach: the caller warns staff. */
  servicesWithoutContact: string[]
}

const medicineChangeWords: Readonly<Record<string, string>> = Object.fromEntries(medicineChangeKinds.map((k) => [k.id, k.label]))

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
}

function serviceSection(entry: VisitSummaryService): { section: LetterSection; reachable: boolean } {
  const { service, kind } = entry
  const how =
    kind === 'sent'
      ? 'We have sent a referral: the service will contact you. If you have not heard from them in a few weeks, contact them or the practice.'
      : 'You can contact them yourself: we have not sent a referral.'
  const contact = [
    ...(service.phone?.trim() ? [`Phone: ${service.phone.trim()}`] : []),
    ...(service.web?.trim() ? [`Website: ${service.web.trim()}`] : []),
    ...(service.address?.trim() ? [`Address: ${service.address.trim()}`] : []),
    ...(service.openingTimes?.trim() ? [`Opening times: ${service.openingTimes.trim()}`] : [])
  ]
  const reachable = Boolean(service.phone?.trim() || service.web?.trim() || service.address?.trim())
  const offers = withoutExampleNotice(service.offers)
  return {
    reachable,
    section: {
      heading: service.name.trim(),
      paragraphs: [
        ...(offers ? [offers] : []),
        how,
        ...(reachable ? contact : ['We do not have this service’s contact details yet: ask the practice how to reach them.', ...contact])
      ],
      emphasis: false
    }
  }
}

function bpReviewSections(record: VisitRecord & { form: 'bp-review' }): LetterSection[] {
  const sections: LetterSection[] = []
  if (record.medicineChanges.length > 0) {
    sections.push({
      heading: 'Changes to your medicines',
      paragraphs: [
        ...record.medicineChanges.map((c) => `${medicineChangeWords[c.kind] ?? c.kind}: ${c.drug.trim()}`),
        'If anything about your medicines worries you, or you think they are causing side effects, ask your pharmacist or contact the practice.'
      ],
      emphasis: false
    })
  }
  if (record.homeBpMonitoring === 'started' || record.homeBpMonitoring === 'already-monitoring') {
    sections.push({
      heading: 'Checking your blood pressure at home',
      paragraphs: [
        record.homeBpMonitoring === 'started'
          ? 'You agreed to check your blood pressure at home. Write down each reading with the date, and bring or send them to the practice.'
          : 'Keep checking your blood pressure at home, and bring or send your readings to the practice.'
      ],
      emphasis: false
    })
  }
  const advised = meccTopics.filter((t) => record.mecc[t.id] === 'given').map((t) => t.label.toLowerCase())
  if (advised.length > 0) {
    sections.push({ heading: 'Looking after your health', paragraphs: [`We talked about: ${advised.join(', ')}.`], emphasis: false })
  }
  return sections
}

export function buildVisitSummary(input: VisitSummaryInput): VisitSummary {
  const { practice, patient } = input
  const phone = practice.phone.trim()
  const contactLines = [
    ...practice.addressLines.map((l) => l.trim()).filter((l) => l !== ''),
    ...(phone ? [`Phone: ${phone}`] : []),
    ...(practice.email.trim() ? [`Email: ${practice.email.trim()}`] : []),
    ...(practice.website.trim() ? [practice.website.trim()] : [])
  ]
  const dateText = formatUkLongDate(input.visitDate)
  const sections: LetterSection[] = []

  const plan = paragraphsOf(input.agreedPlan)
  sections.push({
    heading: 'The plan',
    paragraphs: plan.length > 0 ? plan : ['Thank you for coming in. The practice has a record of what we talked about.'],
    emphasis: true
  })
  if (input.record?.form === 'bp-review') sections.push(...bpReviewSections(input.record))

  const servicesWithoutContact: string[] = []
  if (input.services.length > 0) {
    sections.push({
      heading: input.services.length === 1 ? 'A service that can help' : 'Services that can help',
      paragraphs: [
        input.services.length === 1
          ? 'We talked about this service. How to reach it is below.'
          : 'We talked about these services. How to reach each one is below.'
      ],
      emphasis: false
    })
    for (const entry of input.services) {
      const { section, reachable } = serviceSection(entry)
      if (!reachable) servicesWithoutContact.push(entry.service.name.trim())
      sections.push(section)
    }
  }

  const callUs = phone ? `call us on ${phone}` : 'contact the practice'
  if (input.followUpDue) {
    sections.push({
      heading: 'Your next appointment',
      paragraphs: [`We would like to see you again by ${formatUkLongDate(input.followUpDue)}. To book, ${callUs}.`],
      emphasis: true
    })
  }
  sections.push({
    heading: 'If you feel unwell',
    paragraphs: [`If you feel worse before then, ${callUs}. If you need help urgently, call NHS 111. In an emergency, call 999.`],
    emphasis: false
  })

  return {
    largePrint: input.largePrint,
    date: input.visitDate,
    practiceHeader: { name: practice.practiceName.trim(), lines: contactLines },
    recipientAddress: recipientAddressBlock(patient),
    dateText,
    nhsNumberLine: `NHS number: ${formatNhsNumber(patient.nhsNumber)}`,
    title: 'What we agreed',
    subtitle: `At your ${input.clinicType.trim()} visit on ${dateText}`,
    greeting: letterGreeting(patient),
    sections,
    signOff: { closing: 'Best wishes', signatory: practice.signatory.trim(), practiceName: practice.practiceName.trim() },
    reference: `Visit summary, appointment ${input.appointmentId}`,
    servicesWithoutContact
  }
}

/** Everything printed, in reading order: what the tests and the PDF text check against. */
export function visitSummaryPlainText(summary: VisitSummary): string {
  return [
    summary.practiceHeader.name,
    ...summary.practiceHeader.lines,
    ...summary.recipientAddress,
    summary.dateText,
    summary.nhsNumberLine,
    summary.title,
    summary.subtitle,
    summary.greeting,
    ...summary.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs]),
    summary.signOff.closing,
    summary.signOff.signatory,
    summary.signOff.practiceName
  ].join('\n')
}
