// The SMS batch for upload to Accurx (the Accurx batch-upload layout): EMIS practices need `NHS Number` and `EMIS number`; SystmOne practices `NHS Number`,
// `Telecom Number` and `Date of Birth`, with a name column for a personalised greeting. One file
// carries all of them so it works for either system. Only patients chosen for SMS are in it (the
// channel rule has already left out the deceased and those who declined SMS).
import { csvText } from './csv-text'

export interface SmsRecipient {
  nhsNumber: string
  emisNumber: string | null
  /** A valid UK mobile, 07… form. */
  mobile: string
  /** ISO date of birth, or null when the export had none. */
  dateOfBirth: string | null
  firstName: string
  lastName: string
}

export const SMS_UPLOAD_COLUMNS = ['NHS Number', 'EMIS number', 'Telecom Number', 'Date of Birth', 'First Name', 'Last Name'] as const

/** dd/mm/yyyy, the form both clinical systems print. */
function ukDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}

export function smsUploadCsv(recipients: readonly SmsRecipient[]): string {
  return csvText(
    SMS_UPLOAD_COLUMNS,
    recipients.map((r) => [r.nhsNumber, r.emisNumber ?? '', r.mobile, ukDate(r.dateOfBirth), r.firstName, r.lastName])
  )
}
