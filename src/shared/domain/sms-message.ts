// The text of an invitation SMS (NHS "Writing NHS messages"): one
// message is 160 characters including spaces in the GSM alphabet; a few characters count double
// (the GSM 03.38 extension table), and any character outside the alphabet turns the whole message
// into UCS-2, where one message is only 70 characters. Links must not carry personal data.
import { personalMergeFields, unknownMergeFields } from './letter-templates'

export const SMS_SINGLE_MESSAGE_LIMIT = 160

const gsmBasic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const gsmExtension = '^{}\\[~]|€'

export interface SmsLength {
  /** Characters as billed (extension characters count 2). */
  length: number
  /** The one-message limit for this text: 160 (GSM) or 70 (a character outside GSM). */
  limit: number
  /** Characters outside the GSM alphabet, e.g. curly quotes pasted from Word. */
  nonGsm: string[]
}

export function smsLength(text: string): SmsLength {
  let length = 0
  const nonGsm = new Set<string>()
  for (const ch of text) {
    if (gsmBasic.includes(ch)) length += 1
    else if (gsmExtension.includes(ch)) length += 2
    else {
      nonGsm.add(ch)
      length += 1
    }
  }
  if (nonGsm.size > 0) return { length: [...text].length, limit: 70, nonGsm: [...nonGsm] }
  return { length, limit: SMS_SINGLE_MESSAGE_LIMIT, nonGsm: [] }
}

// Typographic characters pasted from Word or in a practice name ("St John’s — Surgery") are not in
// the GSM alphabet and would cut the message to 70 characters: they are replaced by their plain forms.
const plainForms: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '…': '...',
  '\u00a0': ' ',
  '•': '-'
}

export function plainSmsText(text: string): string {
  return [...text]
    .map((ch) => plainForms[ch] ?? ch)
    .join('')
    .replace(/[ \t]+/g, ' ')
    .trim()
}

const urlPattern = /\b(?:https?:\/\/|www\.)\S+/gi

/** Why this SMS text cannot be sent as one safe message, or an empty list. */
export function smsProblems(mergedText: string, templateText: string): string[] {
  const problems: string[] = []
  const unknown = unknownMergeFields(templateText)
  if (unknown.length) problems.push(`unknown merge field ${unknown.map((f) => `{${f}}`).join(', ')}`)
  const personal = personalMergeFields(templateText)
  if (personal.length) problems.push(`${personal.map((f) => `{${f}}`).join(', ')} is personal data: not allowed in an SMS`)
  for (const url of mergedText.match(urlPattern) ?? []) {
    // An NHS number or date of birth in a link would travel in clear text through the SMS network.
    if (/\d{6,}/.test(url.replace(/[\s-]/g, '')) || /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(url)) {
      problems.push(`the link ${url} looks as if it carries a number or date: links must not contain personal data`)
    }
  }
  if (mergedText.trim() === '') problems.push('the message is empty')
  const { length, limit, nonGsm } = smsLength(mergedText)
  if (nonGsm.length) problems.push(`characters outside the SMS alphabet (${nonGsm.join(' ')}) cut the limit to 70: replace them`)
  if (length > limit) problems.push(`${length} characters: over the ${limit}-character single-message limit`)
  return problems
}
