// What an invitation batch records beside its rows, so its documents can be made again exactly:
// each invitation's merged content (invitations.content_json) and the choices the batch was made
// with (invitation_batches.options_json). Read by the batch that writes them and by regeneration.
import type { OperationOutput } from '../../shared/contract'
import type { InvitationLetter } from '../../shared/domain/letter-content'
import { smsLength } from '../../shared/domain/sms-message'
import type { SmsRecipient } from '../documents/sms-upload-csv'

export type InvitationBatch = OperationOutput<'invitations.createBatch'>
export type NotInvited = InvitationBatch['notInvited'][number]

/** What was sent to one patient, stored with the invitation (content_json) for regeneration. */
export type SentContent =
  { channel: 'letter'; letter: InvitationLetter } | { channel: 'sms'; recipient: SmsRecipient; text: string } | { channel: 'phone'; phone: string }

/** options_json: older batches lack the fields added since, hence Partial when read back. */
export interface BatchOptions {
  templateKey: string
  templateVersion: number
  sms: boolean
  phoneList: boolean
  waitDays: number
  docx: boolean
  wordTemplateId: number | null
  smsText: string | null
  warnings: string[]
  /** The recent-invitation window used and whether staff chose to invite those patients anyway (absent in older batches). */
  recentInvitationDays?: number
  includeRecentlyInvited?: boolean
  recentlyInvitedElsewhere?: RecentlyInvitedElsewhere[]
  /** Members due a letter whose address could not take one (absent in older batches). */
  noUsableAddress?: NoUsableAddress[]
}

/** A member due a letter whose recorded address cannot take one: phoned instead, or not contacted. */
export type NoUsableAddress = InvitationBatch['noUsableAddress'][number]

/** A member another programme (or another build of this one) had invited within the window. */
export interface RecentlyInvitedElsewhere {
  nhsNumber: string
  name: string
  programme: string
  sentOn: string
  leftOut: boolean
}

/** The SMS text as the batch shows it, with its length against the one-message limit. */
export function smsMessageOf(text: string): { text: string; length: number; limit: number } {
  const { length, limit } = smsLength(text)
  return { text, length, limit }
}
