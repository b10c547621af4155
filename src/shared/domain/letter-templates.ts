// The built-in invitation templates and their merge fields. A template is plain text the
// practice can edit in the app: a title, a body and the SMS wording. In the body, blank lines separate
// paragraphs; a line "## Heading" starts a section; "!! Heading" starts the one boxed call to action.
// Merge fields are written {fieldName} — the same form the practice's Word template uses.
// Wording follows the NHS service manual "Writing NHS messages": plain
// English, most important first, one call to action, how to ask for large print, braille, audio,
// another language or an interpreter (Accessible Information Standard, §7.2).

export const BUILT_IN_TEMPLATE_KEYS = ['hypertension-review', 'pharmacist-bp-clinic', 'time-to-talk', 'second-invitation', 'follow-up-reminder'] as const
export type TemplateKey = (typeof BUILT_IN_TEMPLATE_KEYS)[number]

export interface LetterTemplate {
  key: TemplateKey
  name: string
  /** 1 for the built-in wording; each saved edit is the next number. */
  version: number
  title: string
  body: string
  /** The SMS wording for the same invitation: practice fields only (Accurx adds the greeting). */
  smsText: string
}

export interface MergeField {
  name: string
  description: string
  /** Personal fields may go in letters but never in an SMS (its link or text is not private). */
  personal: boolean
}

export const MERGE_FIELDS: readonly MergeField[] = [
  { name: 'title', description: 'Title, e.g. Mrs', personal: true },
  { name: 'firstName', description: 'Given name', personal: true },
  { name: 'lastName', description: 'Family name', personal: true },
  { name: 'fullName', description: 'Title, given and family name', personal: true },
  { name: 'greeting', description: '"Dear Mrs Smith"', personal: true },
  { name: 'nhsNumber', description: 'NHS number, 3-3-4', personal: true },
  { name: 'dateOfBirth', description: 'Date of birth, e.g. 3 May 1956', personal: true },
  { name: 'addressBlock', description: 'Name and postal address, one line each', personal: true },
  { name: 'letterDate', description: 'Date of the letter, e.g. 22 November 2026', personal: false },
  { name: 'letterTitle', description: 'The letter title (Word templates)', personal: false },
  { name: 'letterBody', description: 'The letter text (Word templates)', personal: false },
  { name: 'practiceName', description: 'Practice name (Settings)', personal: false },
  { name: 'practicePhone', description: 'Practice phone (Settings)', personal: false },
  { name: 'practiceAddress', description: 'Practice address, one line each (Settings)', personal: false },
  { name: 'callUs', description: '"call us on 020 …" or "contact the practice"', personal: false },
  { name: 'bookingInstructions', description: 'How to book (Settings)', personal: false },
  { name: 'clinicLocation', description: 'Where the clinic is (Settings)', personal: false },
  { name: 'clinicLocationSentence', description: '"The appointment is at …" or nothing', personal: false },
  { name: 'signatory', description: 'Who signs (Settings)', personal: false },
  { name: 'reminderSentence', description: 'What happened before (2nd or last reminder)', personal: false }
]
const knownFields = new Set(MERGE_FIELDS.map((f) => f.name))
const personalFields = new Set(MERGE_FIELDS.filter((f) => f.personal).map((f) => f.name))

const fieldPattern = /\{([^{}]*)\}/g

/** Every {field} used in a text, in order of first use. */
export function mergeFieldsIn(text: string): string[] {
  const seen = new Set<string>()
  for (const m of text.matchAll(fieldPattern)) seen.add((m[1] ?? '').trim())
  return [...seen]
}

/** Fields a text uses that the app does not know (a typo would otherwise print "{firstname}"). */
export function unknownMergeFields(text: string): string[] {
  return mergeFieldsIn(text).filter((f) => !knownFields.has(f))
}

export function personalMergeFields(text: string): string[] {
  return mergeFieldsIn(text).filter((f) => personalFields.has(f))
}

export function fillMergeFields(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(fieldPattern, (whole, name: string) => values[name.trim()] ?? whole)
}

export interface TemplateSection {
  heading: string | null
  paragraphs: string[]
  emphasis: boolean
}

/** The body text as sections (see the file header for the mark-up). */
export function parseTemplateBody(body: string): TemplateSection[] {
  const sections: TemplateSection[] = []
  let current: TemplateSection | null = null
  const blocks = body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)
  for (const raw of blocks) {
    const lines = raw
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
    if (lines.length === 0) continue
    const first = lines[0] ?? ''
    const heading = /^(##|!!)\s*(.*)$/.exec(first)
    if (heading) {
      current = { heading: (heading[2] ?? '').trim() || null, paragraphs: [], emphasis: heading[1] === '!!' }
      sections.push(current)
      lines.shift()
    } else if (current === null || current.emphasis) {
      // Text after the boxed call to action starts a new, untitled section.
      current = { heading: null, paragraphs: [], emphasis: false }
      sections.push(current)
    }
    if (lines.length > 0) current.paragraphs.push(lines.join(' '))
  }
  return sections.filter((s) => s.heading !== null || s.paragraphs.length > 0)
}

/** Problems that stop a template being saved, each naming the part of the template. */
export function templateProblems(t: Pick<LetterTemplate, 'title' | 'body' | 'smsText'>): string[] {
  const problems: string[] = []
  if (t.title.trim() === '') problems.push('Title: write a title')
  if (t.body.trim() === '') problems.push('Letter text: write the letter')
  for (const [part, text] of [
    ['Title', t.title],
    ['Letter text', t.body],
    ['SMS text', t.smsText]
  ] as const) {
    const unknown = unknownMergeFields(text)
    if (unknown.length) problems.push(`${part}: unknown merge field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `{${f}}`).join(', ')}`)
  }
  const personal = personalMergeFields(t.smsText)
  if (personal.length) {
    problems.push(`SMS text: ${personal.map((f) => `{${f}}`).join(', ')} is personal data and cannot go in an SMS (Accurx adds the name)`)
  }
  if (!t.body.includes('!!')) problems.push('Letter text: mark the call to action with a line starting "!!" (e.g. "!! How to book")')
  return problems
}

const helpSection = `## If you need help or this letter in another format
If you would like this letter in large print, braille, audio or another language, or you need an interpreter or other support at your appointment, please {callUs} and we will arrange it. If you are deaf or have a hearing or speech impairment, you can contact us through Relay UK on 18001 before our number.`

const safetyNet = `If you have already booked, or you have seen us about your blood pressure in the last few weeks, please ignore this letter.

If you have chest pain, a severe headache, blurred vision or feel confused, call 999 or go to A&E now.`

const whyItMatters = `## Why this matters
High blood pressure does not usually make you feel unwell, but over time it raises your chance of a heart attack, stroke and kidney disease. Bringing it down lowers that chance, and there is a lot we can do to help.`

const bpInvite =
  'Your most recent blood pressure reading was higher than we would like. We would like to invite you to a short appointment with our practice pharmacist or practice nurse to check it again and talk about what could help.'

const howToBook = `!! How to book
{bookingInstructions}`

const bpSms = 'Your blood pressure check is due. Please call {practiceName} on {practicePhone} to book a short review.'

export const BUILT_IN_TEMPLATES: Readonly<Record<TemplateKey, LetterTemplate>> = {
  'hypertension-review': {
    key: 'hypertension-review',
    name: 'Hypertension review',
    version: 1,
    title: 'Please book a blood pressure review',
    body: [
      bpInvite,
      whyItMatters,
      `## What happens at the appointment
It takes about 20 minutes. We will check your blood pressure, talk about any medicines you take and agree a plan with you. Please bring your medicines, or a list of them, and any blood pressure readings you have taken at home. {clinicLocationSentence}`,
      howToBook,
      helpSection,
      safetyNet
    ].join('\n\n'),
    smsText: bpSms
  },
  'pharmacist-bp-clinic': {
    key: 'pharmacist-bp-clinic',
    name: 'Pharmacist BP clinic',
    version: 1,
    title: 'Please book a blood pressure clinic with our pharmacist',
    body: [
      'Your most recent blood pressure reading was higher than we would like. Our practice pharmacist is running blood pressure clinics, and we would like to invite you to one.',
      whyItMatters,
      `## What happens at the clinic
It takes about 20 minutes. The pharmacist will check your blood pressure, go through any medicines you take and agree a plan with you. You can ask about home blood pressure monitoring. Please bring your medicines, or a list of them. {clinicLocationSentence}`,
      howToBook,
      helpSection,
      safetyNet
    ].join('\n\n'),
    smsText: 'Our pharmacist is running blood pressure clinics and we would like to see you. Please call {practiceName} on {practicePhone} to book.'
  },
  'time-to-talk': {
    key: 'time-to-talk',
    name: 'Time to Talk',
    version: 1,
    title: 'Time to Talk: a review of your health and medicines',
    body: [
      'You have more than one long-term health condition. We would like to invite you to a longer appointment to talk about how you are, what matters to you and the medicines you take, and to check your blood pressure.',
      `## What happens at the appointment
It takes about 30 minutes with our practice pharmacist or practice nurse. Together we will look at all your conditions and medicines at once, rather than one at a time, and agree a plan with you. Please bring your medicines, or a list of them. {clinicLocationSentence}`,
      howToBook,
      helpSection,
      `If you have already booked, or you have had a review with us in the last few weeks, please ignore this letter.

If you have chest pain, a severe headache, blurred vision or feel confused, call 999 or go to A&E now.`
    ].join('\n\n'),
    smsText: 'We would like to invite you to a Time to Talk review of your health and medicines. Please call {practiceName} on {practicePhone} to book.'
  },
  'second-invitation': {
    key: 'second-invitation',
    name: '2nd invitation',
    version: 1,
    title: 'Reminder: please book a blood pressure review',
    body: ['{reminderSentence}', bpInvite, whyItMatters, howToBook, helpSection, safetyNet].join('\n\n'),
    smsText: 'Reminder: your blood pressure check is due. Please call {practiceName} on {practicePhone} to book. Ignore this if you have booked.'
  },
  'follow-up-reminder': {
    key: 'follow-up-reminder',
    name: 'Follow-up reminder',
    version: 1,
    title: 'Your follow-up blood pressure check is due',
    body: [
      'When we saw you recently about your blood pressure, we agreed to check it again. That check is now due.',
      `## Why this matters
A second check shows whether the plan we agreed is working, or whether we should change it.`,
      howToBook,
      helpSection,
      'If you have chest pain, a severe headache, blurred vision or feel confused, call 999 or go to A&E now.'
    ].join('\n\n'),
    smsText: 'Your follow-up blood pressure check is due. Please call {practiceName} on {practicePhone} to book.'
  }
}

export function isTemplateKey(value: string): value is TemplateKey {
  return (BUILT_IN_TEMPLATE_KEYS as readonly string[]).includes(value)
}

/** Which template an invitation uses by default: the cohort's own for the 1st, the reminder after. */
export function defaultTemplateKey(cohortDefinition: string, attempt: number): TemplateKey {
  if (attempt > 1) return 'second-invitation'
  if (cohortDefinition === 'hypertension-black-african-caribbean') return 'pharmacist-bp-clinic'
  if (cohortDefinition === 'time-to-talk') return 'time-to-talk'
  return 'hypertension-review'
}

export function reminderSentence(attempt: number): string {
  if (attempt <= 1) return ''
  if (attempt === 2) return 'We wrote to you recently to invite you to a blood pressure review. We have not heard from you yet, so we are writing again.'
  return 'We have written to you twice about a blood pressure review and have not heard from you. This is our last reminder about this review.'
}
