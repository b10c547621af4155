// Creating an invitation batch: from a saved cohort snapshot, each member who should be invited
// gets the channel the rule picks (SMS, letter — large print when flagged — or the phone list), and
// the batch's documents are made (batch-documents.ts). Every invitation is recorded (cohort,
// patient, attempt, channel, template version, date, who) with the merged content, so the exact
// documents can be regenerated and checked (recorded-batches.ts). Before any of that, the pre-send
// checks (pre-send-checks.ts): placeholder or blank practice details block the batch, and a letter
// patient whose address cannot take a letter is phoned instead (or listed as not contactable).
import type { ParsedInput } from '../../shared/contract'
import { chooseChannel, defaultContactPreferences, effectiveLanguageNeed, ukMobileNumber, type ContactChannel } from '../../shared/domain/contact-channel'
import { buildInvitationLetter, hasPostalAddress, nameCase, type InvitationAttempt } from '../../shared/domain/letter-content'
import { defaultTemplateKey, fillMergeFields } from '../../shared/domain/letter-templates'
import { displayName } from '../../shared/domain/patient-record'
import { postalAddressProblem } from '../../shared/domain/postal-address'
import { plainSmsText, smsProblems } from '../../shared/domain/sms-message'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { findCohort } from '../cohorts/cohort-snapshot-queries'
import type { ServiceContext } from '../context'
import { actorName, todayIso } from '../context'
import type { BatchSheetRow } from '../documents/batch-sheet-csv'
import { placeAndRecordDocuments } from '../documents/document-store'
import { letterPrintProblems, writeByHandWarning } from '../documents/address-block'
import { getPracticeSettings } from '../settings/practice-settings-store'
import { batchFileStem, renderBatchFiles, stageAll } from './batch-documents'
import {
  type BatchOptions,
  type InvitationBatch,
  type NoUsableAddress,
  type NotInvited,
  type RecentlyInvitedElsewhere,
  type SentContent,
  smsMessageOf
} from './batch-record'
import { batchMembers, insertInvitationBatch, insertInvitations, linkBatchDocuments } from './invitation-batch-queries'
import { DEFAULT_RECENT_INVITATION_DAYS, reasonNotInvited, recentInvitationReason, recentlyInvitedWarning } from './invitation-eligibility'
import { checkPracticeDetails, noUsableAddressWarning, placeholderWordingBlock } from './pre-send-checks'
import { activeWordTemplate, currentTemplate } from './template-store'
import { formatCount, formatDateText } from '../../shared/format/staff-text'

export type { InvitationBatch }

function parseAddress(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string') : []
  } catch {
    return []
  }
}

function toAttempt(n: number): InvitationAttempt {
  if (n === 1 || n === 2 || n === 3) return n
  throw new AppError('invalid_input', `attempt must be 1, 2 or 3 (got ${n})`)
}

type BatchChoices = 'sms' | 'phoneList' | 'waitDays' | 'docx' | 'preview' | 'recentInvitationDays' | 'includeRecentlyInvited'
/** The contract's input; the channel choices may be left out by in-process callers (bench, demo). */
export type CreateBatchInput = Omit<ParsedInput<'invitations.createBatch'>, BatchChoices> & Partial<Pick<ParsedInput<'invitations.createBatch'>, BatchChoices>>

export async function createInvitationBatch(ctx: ServiceContext, input: CreateBatchInput): Promise<InvitationBatch> {
  const db = ctx.db
  const attempt = toAttempt(input.attempt)
  const date = input.date ?? todayIso(ctx)
  const waitDays = input.waitDays ?? 14
  const recentRule = { days: input.recentInvitationDays ?? DEFAULT_RECENT_INVITATION_DAYS, includeAnyway: input.includeRecentlyInvited ?? false }
  const cohort = findCohort(db, input.cohortId)
  if (!cohort) throw new AppError('not_found', `No cohort with id ${input.cohortId}`)
  const template = currentTemplate(db, input.templateKey ?? defaultTemplateKey(cohort.definition_id, attempt))
  const allowSms = input.sms ?? true
  const phoneList = input.phoneList ?? false
  const wantDocx = input.docx ?? true
  const word = wantDocx ? activeWordTemplate(db) : null

  // In alphabetical order, so the printed pile matches the batch sheet (invitation-batch-queries.ts).
  const members = batchMembers(db, { cohortId: cohort.id, asOf: cohort.as_of, date, attempt, programmeId: cohort.programme_id, recentDays: recentRule.days })

  const practice = getPracticeSettings(ctx)
  const practiceCheck = checkPracticeDetails(practice)
  const smsText = plainSmsText(fillMergeFields(template.smsText, { practiceName: practice.practiceName.trim(), practicePhone: practice.phone.trim() }))
  // An SMS text that cannot go as one safe message sends nobody an SMS: those patients get a letter
  // instead, and the batch says why, so the wording can be fixed before the next round.
  const smsBlocked = allowSms ? smsProblems(smsText, template.smsText) : []
  const warnings: string[] = smsBlocked.length
    ? [
        `No SMS sent — the SMS text of template "${template.name}" v${template.version}: ${smsBlocked.join('; ')}. Patients with a mobile get a letter instead; edit the SMS text (Invitations → Letter templates) or the practice name and phone (Settings).`
      ]
    : []
  const invited: { patientId: number; content: SentContent }[] = []
  const notInvited: NotInvited[] = []
  const sheet: BatchSheetRow[] = []
  const recentlyInvitedElsewhere: RecentlyInvitedElsewhere[] = []
  const noUsableAddress: NoUsableAddress[] = []
  for (const m of members) {
    const name = displayName({ title: m.title, givenName: m.given_name, familyName: m.family_name })
    const recent =
      recentRule.days > 0 && m.recent_elsewhere_on !== null
        ? { programme: m.recent_elsewhere_programme ?? 'another programme', sentOn: m.recent_elsewhere_on }
        : null
    const addressLines = parseAddress(m.address_lines_json)
    const preferences = {
      smsDeclined: m.sms_declined === 1,
      largePrint: m.large_print === 1,
      preferredChannel: m.preferred_channel ?? defaultContactPreferences.preferredChannel,
      noContact: m.no_contact === 1
    }
    // The interpreter need staff recorded in the app wins over the export's columns while set.
    const language = effectiveLanguageNeed(
      { mainLanguage: m.main_language, interpreterRequired: m.interpreter_required === null ? null : m.interpreter_required === 1 },
      m.interpreter_language
    )
    const needs = { mainLanguage: language.mainLanguage, interpreterRequired: language.interpreterRequired, largePrint: preferences.largePrint }
    const skip = (reason: string) => {
      notInvited.push({ nhsNumber: m.nhs_number, name, reason })
      sheet.push({ nhsNumber: m.nhs_number, name, channel: null, contact: null, note: reason, ...needs, writeByHand: false })
    }
    const reason = reasonNotInvited(
      {
        priority: m.priority,
        severe: m.severe === 1,
        noContactPermitted: preferences.noContact,
        upcomingAppointmentOn: m.upcoming_on,
        attendedSinceCohortOn: m.attended_on,
        sameAttemptSentOn: m.same_attempt_on,
        previousInvitation: m.previous_on !== null && m.previous_attempt !== null ? { attempt: m.previous_attempt, sentOn: m.previous_on } : null,
        recentInvitationElsewhere: recent
      },
      attempt,
      date,
      waitDays,
      recentRule
    )
    if (recent && (reason === null || reason === recentInvitationReason(recent, recentRule.days))) {
      recentlyInvitedElsewhere.push({ nhsNumber: m.nhs_number, name, programme: recent.programme, sentOn: recent.sentOn, leftOut: reason !== null })
    }
    if (reason !== null) {
      skip(reason)
      continue
    }
    const facts = {
      mobile: m.mobile,
      homePhone: m.home_phone,
      hasPostalAddress: hasPostalAddress({ addressLines, postcode: m.postcode }),
      registrationStatus: m.registration_status,
      preferences
    }
    const channelOptions = { allowSms: allowSms && smsBlocked.length === 0, phoneList }
    const addressProblem = postalAddressProblem({ addressLines, postcode: m.postcode })
    const decision = chooseChannel({ ...facts, postalAddressProblem: addressProblem }, channelOptions)
    // "A letter patient": one the rule would post to if the address were usable. Asked of the same
    // rule without the address check, so only the address decides whether they are listed here.
    if (addressProblem !== null && decision.channel !== 'letter' && chooseChannel(facts, channelOptions).channel === 'letter') {
      noUsableAddress.push({ nhsNumber: m.nhs_number, name, reason: addressProblem, movedToPhone: decision.channel === 'phone' })
    }
    if (decision.channel === null) {
      skip(decision.reason)
      continue
    }
    const smsWasPossible = smsBlocked.length > 0 && !preferences.smsDeclined && preferences.preferredChannel === 'any' && ukMobileNumber(m.mobile) !== null
    const note = smsWasPossible ? 'SMS text could not be sent (see the batch warning): letter instead' : decision.note
    let content: SentContent
    let contact: string | null = null
    // What the letter PDF cannot print (a script it has no glyphs for, an address too long for
    // the window) is listed on the sheet for staff to write by hand; the patient is still invited.
    let byHand: string[] = []
    if (decision.channel === 'sms') {
      const mobile = ukMobileNumber(m.mobile) ?? ''
      contact = mobile
      content = {
        channel: 'sms',
        text: smsText,
        recipient: {
          nhsNumber: m.nhs_number,
          emisNumber: m.emis_number,
          mobile,
          dateOfBirth: m.date_of_birth,
          firstName: m.given_name ? nameCase(m.given_name) : '',
          lastName: m.family_name ? nameCase(m.family_name) : ''
        }
      }
    } else if (decision.channel === 'phone') {
      contact = ukMobileNumber(m.mobile) ?? m.home_phone ?? m.mobile ?? ''
      content = { channel: 'phone', phone: contact }
    } else {
      content = {
        channel: 'letter',
        letter: buildInvitationLetter({
          practice,
          attempt,
          date,
          template,
          largePrint: preferences.largePrint,
          patient: {
            nhsNumber: m.nhs_number,
            title: m.title,
            givenName: m.given_name,
            familyName: m.family_name,
            addressLines,
            postcode: m.postcode,
            dateOfBirth: m.date_of_birth
          }
        })
      }
      byHand = letterPrintProblems(content.letter)
    }
    invited.push({ patientId: m.patient_id, content })
    const channelLabel = decision.channel === 'letter' && preferences.largePrint ? 'large-print letter' : decision.channel
    const sheetNote = [note, ...byHand].filter((n): n is string => n !== null && n !== '').join('; ') || null
    sheet.push({ nhsNumber: m.nhs_number, name, channel: channelLabel, contact, note: sheetNote, ...needs, writeByHand: byHand.length > 0 })
  }

  const count = (channel: ContactChannel) => invited.filter((i) => i.content.channel === channel).length
  const smsCount = count('sms')
  const lettersToWriteByHand = sheet.filter((r) => r.writeByHand).length
  if (lettersToWriteByHand > 0) warnings.push(writeByHandWarning(lettersToWriteByHand))
  const recentWarning = recentlyInvitedWarning(recentlyInvitedElsewhere, recentRule.days)
  if (recentWarning) warnings.push(recentWarning)
  const addressWarning = noUsableAddressWarning(noUsableAddress)
  if (addressWarning) warnings.push(addressWarning)

  const options: BatchOptions = {
    templateKey: template.key,
    templateVersion: template.version,
    sms: allowSms,
    phoneList,
    waitDays,
    docx: wantDocx,
    wordTemplateId: word?.wordTemplateId ?? null,
    smsText: smsCount > 0 ? smsText : null,
    warnings,
    recentInvitationDays: recentRule.days,
    includeRecentlyInvited: recentRule.includeAnyway,
    recentlyInvitedElsewhere,
    noUsableAddress
  }

  const letters = count('letter')
  const largePrint = invited.filter((i) => i.content.channel === 'letter' && i.content.letter.largePrint).length
  const phone = count('phone')
  const createdBy = actorName(ctx)
  const summary = {
    cohortId: cohort.id,
    attempt,
    createdOn: date,
    createdBy,
    letters,
    sms: smsCount,
    phone,
    largePrint,
    templateKey: template.key,
    templateVersion: template.version,
    notInvited,
    sheet,
    smsMessage: options.smsText === null ? null : smsMessageOf(options.smsText),
    warnings,
    lettersToWriteByHand,
    programmeId: cohort.programme_id,
    recentlyInvitedElsewhere,
    practiceDetailsToFill: practiceCheck.problems.map(({ field, label, cliOption, problem }) => ({ field, label, cliOption, problem })),
    noUsableAddress
  }
  // Nothing may print or text a placeholder: the practice details first (what to fill and where),
  // then any template wording that still holds one.
  const letterContents = invited.flatMap((i) => (i.content.channel === 'letter' ? [i.content.letter] : []))
  const blockedBecause = practiceCheck.message ?? placeholderWordingBlock(template, smsCount > 0 ? smsText : null, letterContents)
  // A preview answers "who would get what" before anything is printed or recorded, blocks included.
  if (input.preview === true) return { batchId: 0, ...summary, blockedBecause, files: [] }
  if (blockedBecause !== null) throw new AppError('conflict', blockedBecause, { practiceDetailsToFill: summary.practiceDetailsToFill })

  // Files first, then the records (document-store.ts explains the order): each file is written in
  // full under a partial name before the transaction; the transaction places them under their final
  // names and records the batch, so a batch is never recorded without all its files on disk.
  const stem = batchFileStem(cohort.id, attempt, date)
  const planned =
    invited.length > 0
      ? await renderBatchFiles(
          stem,
          invited.map((i) => i.content),
          sheet,
          word?.content ?? null,
          wantDocx
        )
      : []
  const staged = stageAll(ctx, planned)

  const { batchId, files } = placeAndRecordDocuments(ctx, staged, (db, files) => {
    const id = insertInvitationBatch(db, {
      cohortId: cohort.id,
      attempt,
      createdOn: date,
      createdBy,
      templateKey: template.key,
      templateVersion: template.version,
      notInvitedJson: JSON.stringify(notInvited),
      optionsJson: JSON.stringify(options),
      sheetJson: JSON.stringify(sheet)
    })
    linkBatchDocuments(
      db,
      id,
      files.map((file) => file.fileId)
    )
    insertInvitations(
      db,
      invited.map((i) => ({
        batchId: id,
        cohortId: cohort.id,
        patientId: i.patientId,
        attempt,
        channel: i.content.channel,
        sentOn: date,
        templateKey: template.key,
        templateVersion: template.version,
        createdBy,
        contentJson: JSON.stringify(i.content)
      }))
    )
    logActivity(
      ctx,
      db,
      'invitations.createBatch',
      `Invitation ${attempt} for "${cohort.name}" (as of ${formatDateText(cohort.as_of)}): ${formatCount(letters)} letters (${formatCount(largePrint)} large print), ${formatCount(smsCount)} SMS, ${formatCount(phone)} to phone, ${formatCount(notInvited.length)} members not invited`,
      {
        batchId: id,
        cohortId: cohort.id,
        attempt,
        date,
        letters,
        largePrint,
        sms: smsCount,
        phone,
        notInvited: notInvited.length,
        template: `${template.key} v${template.version}`,
        files: files.map((f) => f.name)
      }
    )
    return { batchId: id, files }
  })

  return { batchId, ...summary, blockedBecause: null, files }
}
