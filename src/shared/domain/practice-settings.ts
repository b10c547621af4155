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
