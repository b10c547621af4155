// The words of an invitation letter, built as data from a template (letter-templates.ts:
// the built-in wording or the practice's saved edit) so they can be tested without a PDF and rendered
// the same way by every writer (PDF, large-print PDF, Word). Wording follows the NHS service manual
// "Writing NHS messages": formal "Dear" + name, the NHS number near the top,
// the most important thing first, plain English, one main call to action (book a review), and how to
// get the letter in large print, braille, audio or another language, or an interpreter (Accessible
// Information Standard DCB1605).
import { formatNhsNumber } from './nhs-number'
import { BUILT_IN_TEMPLATES, fillMergeFields, parseTemplateBody, reminderSentence, type LetterTemplate } from './letter-templates'
import type { PracticeSettings } from './practice-settings'

export const HYPERTENSION_REVIEW_TEMPLATE_ID = 'hypertension-review'
/** The built-in wording's version; edits saved in the app take the next numbers. */
export const HYPERTENSION_REVIEW_TEMPLATE_VERSION = 1

export type InvitationAttempt = 1 | 2 | 3

export interface LetterPatient {
  nhsNumber: string
  title: string | null
  givenName: string | null
  familyName: string | null
  addressLines: readonly string[]
  postcode: string | null
  /** ISO date of birth, when known (for the {dateOfBirth} merge field). */
  dateOfBirth?: string | null
}

export interface InvitationLetterInput {
  practice: PracticeSettings
  patient: LetterPatient
  attempt: InvitationAttempt
  /** Letter date, ISO YYYY-MM-DD. */
  date: string
  /** The template (built-in or the practice's edited version); default: hypertension review / reminder. */
  template?: LetterTemplate
  /** Accessible Information Standard: print this letter in large print. */
  largePrint?: boolean
}

export interface LetterSection {
  /** Short bold heading, or null for an untitled paragraph. */
  heading: string | null
  paragraphs: string[]
  /** The letter's one call to action (how to book): drawn in a box so it stands out. */
  emphasis: boolean
}

export interface InvitationLetter {
  templateId: string
  templateVersion: number
  attempt: InvitationAttempt
  largePrint: boolean
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
  /** The values the {merge fields} were filled with (the practice's Word template uses the same). */
  mergeValues: Record<string, string>
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

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
  mr: 'Mr',
  mrs: 'Mrs',
  ms: 'Ms',
  miss: 'Miss',
  mx: 'Mx',
  dr: 'Dr',
  prof: 'Prof',
  professor: 'Professor',
  rev: 'Rev',
  revd: 'Revd',
  sir: 'Sir',
  dame: 'Dame',
  lady: 'Lady',
  lord: 'Lord'
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
  const nameLine = [tidyTitle(patient.title), clean(patient.givenName), clean(patient.familyName)].filter((x): x is string => x !== null).join(' ')
  const lines = patient.addressLines.map((l) => l.trim()).filter((l) => l !== '')
  const postcode = (patient.postcode ?? '').trim().toUpperCase()
  return [nameLine || 'The Patient', ...lines, ...(postcode ? [postcode] : [])]
}

/** True when the block has somewhere to post to (at least one address line or a postcode). */
export function hasPostalAddress(patient: Pick<LetterPatient, 'addressLines' | 'postcode'>): boolean {
  return patient.addressLines.some((l) => l.trim() !== '') || (patient.postcode ?? '').trim() !== ''
}

/** Everything a template's {merge fields} can be filled with, for one patient and letter. */
export function letterMergeValues(input: InvitationLetterInput, template: Pick<LetterTemplate, 'title'>): Record<string, string> {
  const { practice, patient, attempt, date } = input
  const phone = practice.phone.trim()
  const where = practice.clinicLocation.trim()
  const callUs = phone ? `call us on ${phone}` : 'contact the practice'
  const address = recipientAddressBlock(patient)
  const values: Record<string, string> = {
    title: tidyTitle(patient.title) ?? '',
    firstName: clean(patient.givenName) ?? '',
    lastName: clean(patient.familyName) ?? '',
    fullName: address[0] ?? '',
    greeting: letterGreeting(patient),
    nhsNumber: formatNhsNumber(patient.nhsNumber),
    dateOfBirth: patient.dateOfBirth ? formatUkLongDate(patient.dateOfBirth) : '',
    addressBlock: address.join('\n'),
    letterDate: formatUkLongDate(date),
    practiceName: practice.practiceName.trim(),
    practicePhone: phone,
    practiceAddress: practice.addressLines
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('\n'),
    callUs,
    bookingInstructions: practice.bookingInstructions.trim() || `Please ${callUs} to book.`,
    clinicLocation: where,
    clinicLocationSentence: where ? `The appointment is at ${where}.` : '',
    signatory: practice.signatory.trim(),
    reminderSentence: reminderSentence(attempt)
  }
  values.letterTitle = fillMergeFields(template.title, values).trim()
  return values
}

export function buildInvitationLetter(input: InvitationLetterInput): InvitationLetter {
  const { practice, patient, attempt, date } = input
  const template = input.template ?? BUILT_IN_TEMPLATES[input.attempt === 1 ? HYPERTENSION_REVIEW_TEMPLATE_ID : 'second-invitation']
  const phone = practice.phone.trim()
  const contactLines = [
    ...practice.addressLines.map((l) => l.trim()).filter((l) => l !== ''),
    ...(phone ? [`Phone: ${phone}`] : []),
    ...(practice.email.trim() ? [`Email: ${practice.email.trim()}`] : []),
    ...(practice.website.trim() ? [practice.website.trim()] : [])
  ]
  const values = letterMergeValues(input, template)
  // Fields are filled paragraph by paragraph, so a field left empty (no clinic location, no
  // reminder on a 1st letter) leaves no blank paragraph behind.
  const sections: LetterSection[] = parseTemplateBody(template.body)
    .map((s) => ({
      heading: s.heading === null ? null : fillMergeFields(s.heading, values).trim() || null,
      paragraphs: s.paragraphs.map((p) => fillMergeFields(p, values).replace(/\s+/g, ' ').trim()).filter((p) => p !== ''),
      emphasis: s.emphasis
    }))
    .filter((s) => s.heading !== null || s.paragraphs.length > 0)
  values.letterBody = sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs]).join('\n\n')

  return {
    templateId: template.key,
    templateVersion: template.version,
    attempt,
    date,
    largePrint: input.largePrint ?? false,
    dateText: formatUkLongDate(date),
    practiceHeader: { name: practice.practiceName.trim(), lines: contactLines },
    recipientAddress: recipientAddressBlock(patient),
    nhsNumber: patient.nhsNumber,
    nhsNumberLine: `NHS number: ${formatNhsNumber(patient.nhsNumber)}`,
    title: values.letterTitle ?? '',
    greeting: letterGreeting(patient),
    sections,
    signOff: { closing: 'Yours sincerely', signatory: practice.signatory.trim(), practiceName: practice.practiceName.trim() },
    mergeValues: values
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
