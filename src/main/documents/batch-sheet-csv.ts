// The batch sheet: every cohort member once, with how they are invited (letter, large-print
// letter, SMS, phone) or why they are not, and their communication needs (main language, interpreter,
// large print — Accessible Information Standard). The phone call list is the same rows, filtered.
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { csvText } from './csv-text'

export interface BatchSheetRow {
  nhsNumber: string
  name: string
  /** 'letter' | 'large-print letter' | 'sms' | 'phone', or null when not invited. */
  channel: string | null
  /** Mobile for SMS, the number to ring for phone. */
  contact: string | null
  mainLanguage: string | null
  interpreterRequired: boolean
  largePrint: boolean
  /** Why not invited, or a note on the choice (e.g. "Declined SMS"), and what to write by hand. */
  note: string | null
  /** The letter cannot print all of the name or address: the note says what to write by hand. */
  writeByHand: boolean
}

const yes = (b: boolean) => (b ? 'Yes' : '')

export function batchSheetCsv(rows: readonly BatchSheetRow[]): string {
  return csvText(
    ['NHS number', 'Name', 'Invited by', 'Mobile or phone', 'Main language', 'Interpreter needed', 'Large print', 'Note or reason not invited'],
    rows.map((r) => [
      formatNhsNumber(r.nhsNumber),
      r.name,
      r.channel ?? 'Not invited',
      r.contact ?? '',
      r.mainLanguage ?? '',
      yes(r.interpreterRequired),
      yes(r.largePrint),
      r.note ?? ''
    ])
  )
}

export function phoneListCsv(rows: readonly BatchSheetRow[]): string {
  return csvText(
    ['NHS number', 'Name', 'Phone', 'Main language', 'Interpreter needed', 'Note', 'Outcome'],
    rows
      .filter((r) => r.channel === 'phone')
      .map((r) => [formatNhsNumber(r.nhsNumber), r.name, r.contact ?? '', r.mainLanguage ?? '', yes(r.interpreterRequired), r.note ?? '', ''])
  )
}
