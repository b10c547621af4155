// Invitation attempts and what counts as "two unanswered invitations" for QOF.
// Source: QOF HYP008/HYP009 business rules (rule 7): a patient is a
// personalised-care exception when two invitations (HYPINVITE_COD) were sent, the second at least
// 7 days after the first, and they did not respond. The practice's own wait before the 2nd letter is
// longer (default 14 days, Ardens Notify: "3 invites, 2 weeks apart"), and is adjustable.
import type { ContactChannel } from './contact-channel'
import { addDaysIso } from './iso-date'
import { formatUkLongDate } from './letter-content'

export type InvitationAttemptNumber = 1 | 2 | 3

/** Default days after the previous invitation before the next is offered. */
export const DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT = 14
/** QOF: the second invitation must be at least 7 days after the first to count. */
export const QOF_MIN_DAYS_BETWEEN_INVITATIONS = 7

export interface SentInvitation {
  attempt: number
  channel: ContactChannel
  sentOn: string
}

/** First date the next attempt may go, given the previous one. */
export function nextAttemptFrom(previousSentOn: string, waitDays: number = DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT): string {
  return addDaysIso(previousSentOn, waitDays)
}

/** Null when the next attempt may go on `date`; otherwise the reason it may not yet. */
export function nextAttemptTooSoon(
  previous: { attempt: number; sentOn: string },
  attempt: number,
  date: string,
  waitDays: number = DEFAULT_DAYS_BEFORE_NEXT_ATTEMPT
): string | null {
  const earliest = nextAttemptFrom(previous.sentOn, waitDays)
  if (date >= earliest) return null
  // UK dates: these words are read by reception staff on the batch sheet.
  return `Invitation ${previous.attempt} was sent on ${formatUkLongDate(previous.sentOn)}; invitation ${attempt} can go from ${formatUkLongDate(earliest)} (at least ${waitDays} days later)`
}

/**
 * The two invitations that make a patient a non-responder, or null: the earliest invitation and the
 * first later one sent at least 7 days after it, provided the patient has not booked or attended
 * since the earliest (respondedOn = date of their first booking made on or after it, else null).
 */
export function unansweredPair(invitations: readonly SentInvitation[], respondedOn: string | null): [SentInvitation, SentInvitation] | null {
  const sorted = [...invitations].sort((a, b) => (a.sentOn < b.sentOn ? -1 : a.sentOn > b.sentOn ? 1 : a.attempt - b.attempt))
  const first = sorted[0]
  if (!first) return null
  if (respondedOn !== null && respondedOn >= first.sentOn) return null
  const second = sorted.find((i) => i.sentOn >= addDaysIso(first.sentOn, QOF_MIN_DAYS_BETWEEN_INVITATIONS))
  return second ? [first, second] : null
}

export interface InvitationCode {
  code: string
  term: string
}

// SNOMED CT concepts from the HYPINVITE_COD refset (NHS Digital primary care domain reference set,
// ^999012971000230108; resources/codelists/nhsd-primary-care-domain-refsets-hypinvite_cod.csv).
const letterCodes: Record<InvitationAttemptNumber, InvitationCode> = {
  1: { code: '185719002', term: 'Hypertension monitoring first letter' },
  2: { code: '185720008', term: 'Hypertension monitoring second letter' },
  3: { code: '185721007', term: 'Hypertension monitoring third letter' }
}
const smsCodes: Record<InvitationAttemptNumber, InvitationCode> = {
  1: { code: '1066951000000101', term: 'Hypertension monitoring short message service text message first invitation' },
  2: { code: '1066961000000103', term: 'Hypertension monitoring short message service text message second invitation' },
  3: { code: '1066971000000105', term: 'Hypertension monitoring short message service text message third invitation' }
}
const phoneCode: InvitationCode = { code: '185723005', term: 'Hypertension monitoring telephone invite' }

/** The code staff record in EMIS/SystmOne for an invitation sent (the app never writes there). */
export function invitationCode(channel: ContactChannel, attempt: number): InvitationCode {
  if (channel === 'phone') return phoneCode
  const n: InvitationAttemptNumber = attempt <= 1 ? 1 : attempt === 2 ? 2 : 3
  return channel === 'sms' ? smsCodes[n] : letterCodes[n]
}

export const ALL_INVITATION_CODES: readonly InvitationCode[] = [...Object.values(letterCodes), ...Object.values(smsCodes), phoneCode]
