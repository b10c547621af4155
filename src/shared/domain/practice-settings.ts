// The practice details every letter and export carries (letterhead, phone, how to book, who signs).
// A fresh database has placeholders that say plainly they must be changed, so a letter printed
// before anyone opened Settings is obviously not ready to post rather than quietly wrong.

export interface PracticeSettings {
  practiceName: string
  addressLines: string[]
  phone: string
  email: string
  website: string
  /** Plain-English sentence on how to book, printed in every letter. */
  bookingInstructions: string
  signatory: string
  clinicLocation: string
}

/** Marks every placeholder value; `isPlaceholderPractice` looks for it. */
export const PLACEHOLDER_MARK = 'set in Settings'

export const defaultPracticeSettings: PracticeSettings = {
  practiceName: `Your Practice Name — ${PLACEHOLDER_MARK}`,
  addressLines: [`Practice address — ${PLACEHOLDER_MARK}`],
  phone: `Practice phone — ${PLACEHOLDER_MARK}`,
  email: '',
  website: '',
  bookingInstructions: `Please call the practice to book a blood pressure review (booking instructions — ${PLACEHOLDER_MARK}).`,
  signatory: `The practice team — ${PLACEHOLDER_MARK}`,
  clinicLocation: ''
}

/** True while any field still holds a placeholder: the UI warns before letters are printed. */
export function isPlaceholderPractice(settings: PracticeSettings): boolean {
  const fields = [settings.practiceName, settings.phone, settings.bookingInstructions, settings.signatory, ...settings.addressLines]
  return fields.some((f) => f.includes(PLACEHOLDER_MARK))
}

/** The practice details every invitation needs: a letter or SMS without one of them cannot be acted on. */
export type RequiredPracticeDetail = 'practiceName' | 'addressLines' | 'phone' | 'bookingInstructions' | 'signatory'

/** Each required detail as Settings labels it and as `clinic-recall settings set` takes it. */
export const requiredPracticeDetails: readonly { field: RequiredPracticeDetail; label: string; cliOption: string }[] = [
  { field: 'practiceName', label: 'Practice name', cliOption: '--practice-name' },
  { field: 'addressLines', label: 'Practice address', cliOption: '--address' },
  { field: 'phone', label: 'Phone', cliOption: '--phone' },
  { field: 'bookingInstructions', label: 'How to book', cliOption: '--booking-hours' },
  { field: 'signatory', label: 'Letters signed by', cliOption: '--signatory' }
]

export interface PracticeDetailProblem {
  field: RequiredPracticeDetail
  label: string
  cliOption: string
  /** 'placeholder': still the "set in Settings" text a fresh database starts with; 'missing': blank. */
  problem: 'placeholder' | 'missing'
}

/**
 * The required practice details that are still placeholders or blank, in the order Settings shows
 * them; empty when every letter and SMS can carry the practice's own details. An invitation batch is
 * refused while any is listed: a letter signed "The practice team — set in Settings" or with no phone
 * number to book on is worse than no letter, and nobody checks every page of a 500-letter PDF.
 */
export function practiceDetailsProblems(settings: PracticeSettings): PracticeDetailProblem[] {
  const problems: PracticeDetailProblem[] = []
  for (const detail of requiredPracticeDetails) {
    const values = detail.field === 'addressLines' ? settings.addressLines : [settings[detail.field]]
    const filled = values.map((v) => v.trim()).filter((v) => v !== '')
    if (filled.some((v) => v.includes(PLACEHOLDER_MARK))) problems.push({ ...detail, problem: 'placeholder' })
    else if (filled.length === 0) problems.push({ ...detail, problem: 'missing' })
  }
  return problems
}

/**
 * One line naming what to fill and where, for the app and the command line alike: e.g. "Invitations
 * cannot be made until the practice details are filled in: Practice name and Phone still say “set in
 * Settings”; How to book is blank. Fill them in Settings → Practice details, or with `clinic-recall
 * settings set --practice-name … --phone … --booking-hours …`."
 */
export function practiceDetailsBlockMessage(problems: readonly PracticeDetailProblem[]): string {
  const names = (ps: readonly PracticeDetailProblem[]) => listInWords(ps.map((p) => p.label))
  const placeholders = problems.filter((p) => p.problem === 'placeholder')
  const missing = problems.filter((p) => p.problem === 'missing')
  const parts = [
    ...(placeholders.length ? [`${names(placeholders)} still ${placeholders.length === 1 ? 'says' : 'say'} "${PLACEHOLDER_MARK}"`] : []),
    ...(missing.length ? [`${names(missing)} ${missing.length === 1 ? 'is' : 'are'} blank`] : [])
  ]
  const command = `clinic-recall settings set ${problems.map((p) => `${p.cliOption} …`).join(' ')}`
  return (
    `Invitations cannot be made until the practice details are filled in: ${parts.join('; ')}. ` +
    `Fill ${problems.length === 1 ? 'it' : 'them'} in Settings → Practice details, or with \`${command}\`.`
  )
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** True when text (a merged SMS, a letter's wording) still carries a placeholder of the practice details. */
export function holdsPlaceholder(text: string): boolean {
  return text.includes(PLACEHOLDER_MARK)
}
