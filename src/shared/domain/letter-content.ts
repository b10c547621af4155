// The words of the blood pressure review invitation (spec §5), built as data so they can be
// tested without a PDF and rendered the same way by every writer. Wording follows the NHS service
// manual "Writing NHS messages" (clinical-reference §7.1): formal "Dear" + name, the NHS number near
// the top, the most important thing first, plain English, one main call to action (book a review),
// and how to get the letter in large print, braille, audio or another language, or an interpreter
// (Accessible Information Standard DCB1605, clinical-reference §7.2).
import { assertNever } from '../assert'
import { formatNhsNumber } from './nhs-number'
import type { PracticeSettings } from './practice-settings'

export const HYPERTENSION_REVIEW_TEMPLATE_ID = 'hypertension-review'
/** Bump when the wording changes: every invitation row records the version it was sent with. */
export const HYPERTENSION_REVIEW_TEMPLATE_VERSION = 1

export type InvitationAttempt = 1 | 2 | 3

export interface LetterPatient {
  nhsNumber: string
  title: string | null
  givenName: string | null
  familyName: string | null
  addressLines: readonly string[]
  postcode: string | null
}

export interface InvitationLetterInput {
  practice: PracticeSettings
  patient: LetterPatient
  attempt: InvitationAttempt
  /** Letter date, ISO YYYY-MM-DD. */
  date: string
}

export interface LetterSection {
  /** Short bold heading, or null for an untitled paragraph. */
  heading: string | null
  paragraphs: string[]
  /** The letter's one call to action (how to book): drawn in a box so it stands out. */
  emphasis: boolean
}

export interface InvitationLetter {
  templateId: typeof HYPERTENSION_REVIEW_TEMPLATE_ID
  templateVersion: number
  attempt: InvitationAttempt
  /** ISO date of the letter (also fixes the PDF's creation date, so output is reproducible). */
  date: string
  /** "22 November 2026" */
  dateText: string
  practiceHeader: { name: string; lines: string[] }
  /** Name line, address lines and postcode, as they go in the envelope window. */
  recipientAddress: string[]
  nhsNumber: string
  /** "NHS number: 943 476 5919" */
  nhsNumberLine: string
  title: string
  greeting: string
  sections: LetterSection[]
  signOff: { closing: string; signatory: string; practiceName: string }
}

const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December'
] as const

/** UK long date, no leading zero: "2026-11-02" → "2 November 2026" (NHS style guide date form). */
export function formatUkLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  const month = m ? monthNames[Number(m[2]) - 1] : undefined
  if (!m || month === undefined) throw new Error(`formatUkLongDate: "${iso}" is not an ISO date`)
  return `${Number(m[3])} ${month} ${m[1]}`
}

/**
 * Exports often print names in capitals ("SMITH", "O'BRIEN"). A name entirely in capitals is put in
 * name case for the letter; a name with any lower-case letter is kept exactly as recorded
 * ("McDonald", "de Souza").
 */
export function nameCase(raw: string): string {
  const text = raw.trim().replace(/\s+/g, ' ')
  if (text !== text.toUpperCase()) return text
  return text.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
}

const knownTitles: Readonly<Record<string, string>> = {
  mr: 'Mr', mrs: 'Mrs', ms: 'Ms', miss: 'Miss', mx: 'Mx', dr: 'Dr', prof: 'Prof', professor: 'Professor',
  rev: 'Rev', revd: 'Revd', sir: 'Sir', dame: 'Dame', lady: 'Lady', lord: 'Lord'
}

function tidyTitle(raw: string | null): string | null {
  const t = (raw ?? '').trim().replace(/\.$/, '')
  if (t === '') return null
  return knownTitles[t.toLowerCase()] ?? nameCase(t)
}

function clean(raw: string | null): string | null {
  const t = (raw ?? '').trim()
  return t === '' ? null : nameCase(t)
}

/**
 * "Dear Mrs Smith" when there is a title and a family name (formal, as the NHS letter examples);
 * otherwise "Dear Jane Smith"; "Dear Patient" only when the export carried no name at all.
 */
export function letterGreeting(patient: Pick<LetterPatient, 'title' | 'givenName' | 'familyName'>): string {
  const title = tidyTitle(patient.title)
  const given = clean(patient.givenName)
  const family = clean(patient.familyName)
  if (title && family) return `Dear ${title} ${family}`
  const full = [given, family].filter((x): x is string => x !== null).join(' ')
  return full ? `Dear ${full}` : 'Dear Patient'
}

/** The envelope-window block: "Mrs Jane Smith", then address lines, then the postcode in capitals. */
export function recipientAddressBlock(patient: LetterPatient): string[] {
  const nameLine = [tidyTitle(patient.title), clean(patient.givenName), clean(patient.familyName)]
    .filter((x): x is string => x !== null)
    .join(' ')
  const lines = patient.addressLines.map((l) => l.trim()).filter((l) => l !== '')
  const postcode = (patient.postcode ?? '').trim().toUpperCase()
  return [nameLine || 'The Patient', ...lines, ...(postcode ? [postcode] : [])]
}

/** True when the block has somewhere to post to (at least one address line or a postcode). */
export function hasPostalAddress(patient: Pick<LetterPatient, 'addressLines' | 'postcode'>): boolean {
  return patient.addressLines.some((l) => l.trim() !== '') || (patient.postcode ?? '').trim() !== ''
}

function openingParagraphs(attempt: InvitationAttempt): string[] {
  const invite =
    'Your most recent blood pressure reading was higher than we would like. We would like to invite you to a short ' +
    'appointment with our practice pharmacist or practice nurse to check it again and talk about what could help.'
  switch (attempt) {
    case 1:
      return [invite]
    case 2:
      return [
        'We wrote to you recently to invite you to a blood pressure review. We have not heard from you yet, so we are writing again.',
        invite
      ]
    case 3:
      return [
        'We have written to you twice about a blood pressure review and have not heard from you. This is our last reminder about this review.',
        invite
      ]
    default:
      return assertNever(attempt, 'invitation attempt')
  }
}

export function buildInvitationLetter(input: InvitationLetterInput): InvitationLetter {
  const { practice, patient, attempt, date } = input
  const phone = practice.phone.trim()
  const contactLines = [
    ...practice.addressLines.map((l) => l.trim()).filter((l) => l !== ''),
    ...(phone ? [`Phone: ${phone}`] : []),
    ...(practice.email.trim() ? [`Email: ${practice.email.trim()}`] : []),
    ...(practice.website.trim() ? [practice.website.trim()] : [])
  ]
  const callUs = phone ? `call us on ${phone}` : 'contact the practice'
  const where = practice.clinicLocation.trim()

  const sections: LetterSection[] = [
    { heading: null, paragraphs: openingParagraphs(attempt), emphasis: false },
    {
      heading: 'Why this matters',
      paragraphs: [
        'High blood pressure does not usually make you feel unwell, but over time it raises your chance of a heart attack, ' +
          'stroke and kidney disease. Bringing it down lowers that chance, and there is a lot we can do to help.'
      ],
      emphasis: false
    },
    {
      heading: 'What happens at the appointment',
      paragraphs: [
        'It takes about 20 minutes. We will check your blood pressure, talk about any medicines you take and agree a plan with you. ' +
          'Please bring your medicines, or a list of them, and any blood pressure readings you have taken at home.' +
          (where ? ` The appointment is at ${where}.` : '')
      ],
      emphasis: false
    },
    {
      heading: 'How to book',
      paragraphs: [practice.bookingInstructions.trim() || `Please ${callUs} to book.`],
      emphasis: true
    },
    {
      heading: 'If you need help or this letter in another format',
      paragraphs: [
        `If you would like this letter in large print, braille, audio or another language, or you need an interpreter ` +
          `or other support at your appointment, please ${callUs} and we will arrange it. ` +
          'If you are deaf or have a hearing or speech impairment, you can contact us through Relay UK on 18001 before our number.'
      ],
      emphasis: false
    },
    {
      heading: null,
      paragraphs: [
        'If you have already booked, or you have seen us about your blood pressure in the last few weeks, please ignore this letter.',
        'If you have chest pain, a severe headache, blurred vision or feel confused, call 999 or go to A&E now.'
      ],
      emphasis: false
    }
  ]

  return {
    templateId: HYPERTENSION_REVIEW_TEMPLATE_ID,
    templateVersion: HYPERTENSION_REVIEW_TEMPLATE_VERSION,
    attempt,
    date,
    dateText: formatUkLongDate(date),
    practiceHeader: { name: practice.practiceName.trim(), lines: contactLines },
    recipientAddress: recipientAddressBlock(patient),
    nhsNumber: patient.nhsNumber,
    nhsNumberLine: `NHS number: ${formatNhsNumber(patient.nhsNumber)}`,
    title: attempt === 1 ? 'Please book a blood pressure review' : 'Reminder: please book a blood pressure review',
    greeting: letterGreeting(patient),
    sections,
    signOff: { closing: 'Yours sincerely', signatory: practice.signatory.trim(), practiceName: practice.practiceName.trim() }
  }
}

/** Everything printed in the letter, in reading order: what the tests and the PDF text check against. */
export function letterPlainText(letter: InvitationLetter): string {
  return [
    letter.practiceHeader.name,
    ...letter.practiceHeader.lines,
    ...letter.recipientAddress,
    letter.dateText,
    letter.nhsNumberLine,
    letter.title,
    letter.greeting,
    ...letter.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs]),
    letter.signOff.closing,
    letter.signOff.signatory,
    letter.signOff.practiceName
  ].join('\n')
}
