// The checks an invitation batch passes before anything is printed or recorded, shared by the
// "Check who gets what" preview (which lists them above Create) and by Create itself (which refuses
// while one blocks). A batch is blocked while the practice details are placeholders or blank, or the
// wording of its letters or SMS still carries a placeholder; letters that cannot be delivered or
// printed in full are not blocks but are listed (invitation-service.ts moves the first to the phone
// list and marks the second for writing by hand).
import { letterPlainText, type InvitationLetter } from '../../shared/domain/letter-content'
import {
  holdsPlaceholder,
  practiceDetailsBlockMessage,
  practiceDetailsProblems,
  PLACEHOLDER_MARK,
  type PracticeDetailProblem,
  type PracticeSettings
} from '../../shared/domain/practice-settings'
import type { NoUsableAddress } from './batch-record'

export interface PracticeCheck {
  problems: PracticeDetailProblem[]
  /** The one-line refusal, or null when the practice details are all the practice's own. */
  message: string | null
}

export function checkPracticeDetails(practice: PracticeSettings): PracticeCheck {
  const problems = practiceDetailsProblems(practice)
  return { problems, message: problems.length > 0 ? practiceDetailsBlockMessage(problems) : null }
}

/**
 * The refusal when the practice details are fine but a template's own wording (title, body or SMS
 * text) still holds a placeholder, so that no letter or SMS can ever carry one; null otherwise.
 */
export function placeholderWordingBlock(
  template: { name: string; version: number },
  smsText: string | null,
  letters: readonly InvitationLetter[]
): string | null {
  const inSms = smsText !== null && holdsPlaceholder(smsText)
  const inLetter = letters.some((letter) => holdsPlaceholder(letterPlainText(letter)))
  if (!inSms && !inLetter) return null
  const where = inSms && inLetter ? 'letter and SMS text' : inSms ? 'SMS text' : 'letter wording'
  return `Invitations cannot be made: the ${where} of template "${template.name}" v${template.version} still says "${PLACEHOLDER_MARK}". Correct it in Invitations → Letter templates (or the practice details in Settings).`
}

/** The batch's warning about members whose address could not take a letter; null when there are none. */
export function noUsableAddressWarning(members: readonly NoUsableAddress[]): string | null {
  if (members.length === 0) return null
  const phoned = members.filter((m) => m.movedToPhone).length
  const notContacted = members.length - phoned
  const who = members.length === 1 ? '1 member due a letter has' : `${members.length} members due a letter have`
  const outcome = [
    ...(phoned > 0 ? [`${phoned} moved to the phone list`] : []),
    ...(notContacted > 0 ? [`${notContacted} cannot be contacted (no phone number either)`] : [])
  ].join(', ')
  return `${who} no usable postal address: ${outcome}. Correct the address in the clinical system before the next export; the batch sheet gives each reason.`
}
