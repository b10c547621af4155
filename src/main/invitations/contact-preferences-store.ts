// Per-patient contact preferences recorded in the app (exports do not carry them): SMS declined,
// large print (Accessible Information Standard), a preferred channel and "no contact permitted"
// (the patient must not be contacted about a programme). Read by the channel rule and, for no
// contact, by the cohort exclusion. Also an interpreter need staff record here: it wins over the
// export's language columns while set, and lives in this table, not in patients, so a re-import
// cannot overwrite it.
import { patientIdOfNhsNumber } from '../patients/patient-queries'
import { defaultContactPreferences, effectiveLanguageNeed, interpreterLanguageProblem, type ContactPreferences } from '../../shared/domain/contact-channel'
import { checkNhsNumber } from '../../shared/domain/nhs-number'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ReadingContext, ServiceContext } from '../context'
import { actorName } from '../context'
import { patientContactRow, type PatientContactRow, upsertContactPreferences } from './contact-preference-queries'
import { formatNhsNumber } from '../../shared/domain/nhs-number'

export interface PatientContact extends ContactPreferences {
  nhsNumber: string
  name: string
  mobile: string | null
  homePhone: string | null
  /** Effective: the interpreter language recorded here while set, else the export's. */
  mainLanguage: string | null
  interpreterRequired: boolean
  interpreterLanguage: string | null
  languageSource: 'app' | 'export'
  exportMainLanguage: string | null
  exportInterpreterRequired: boolean | null
}

function patientId(ctx: Pick<ReadingContext, 'db'>, nhsNumber: string): { id: number; nhs: string } {
  const check = checkNhsNumber(nhsNumber)
  if (!check.valid) throw new AppError('invalid_input', `nhsNumber: ${check.reason}`, { field: 'nhsNumber' })
  const nhs = check.nhsNumber
  const id = patientIdOfNhsNumber(ctx.db, nhs)
  if (id === undefined) throw new AppError('not_found', `No patient with NHS number ${formatNhsNumber(nhsNumber)}`)
  return { id, nhs }
}

export function getContact(ctx: Pick<ReadingContext, 'db'>, nhsNumber: string): PatientContact {
  const { id, nhs } = patientId(ctx, nhsNumber)
  // The patient was just found by id, so the row is there.
  const row = patientContactRow(ctx.db, id) as PatientContactRow
  const exported = { mainLanguage: row.main_language, interpreterRequired: row.interpreter_required === null ? null : row.interpreter_required === 1 }
  const need = effectiveLanguageNeed(exported, row.interpreter_language)
  return {
    nhsNumber: nhs,
    name: [row.title, row.given_name, row.family_name].filter(Boolean).join(' ') || '(name not in export)',
    mobile: row.mobile,
    homePhone: row.home_phone,
    mainLanguage: need.mainLanguage,
    interpreterRequired: need.interpreterRequired,
    interpreterLanguage: row.interpreter_language,
    languageSource: need.source,
    exportMainLanguage: exported.mainLanguage,
    exportInterpreterRequired: exported.interpreterRequired,
    smsDeclined: row.sms_declined === null ? defaultContactPreferences.smsDeclined : row.sms_declined === 1,
    largePrint: row.large_print === null ? defaultContactPreferences.largePrint : row.large_print === 1,
    preferredChannel: row.preferred_channel ?? defaultContactPreferences.preferredChannel,
    noContact: row.no_contact === null ? defaultContactPreferences.noContact : row.no_contact === 1
  }
}

/**
 * `noContact` or `interpreterLanguage` left out keeps what is recorded (callers that only change the
 * channel choices); `interpreterLanguage: null` removes the app's interpreter record.
 */
export type ContactPreferencesUpdate = Omit<ContactPreferences, 'noContact'> & {
  noContact?: boolean | undefined
  interpreterLanguage?: string | null | undefined
  nhsNumber: string
}

/** The language as stored (trimmed), or null to clear. The contract checks what front ends send; this holds in-process callers (demo, tests) to the same rule. */
function interpreterToStore(language: string | null): string | null {
  if (language === null) return null
  const problem = interpreterLanguageProblem(language)
  if (problem !== null) throw new AppError('invalid_input', `interpreterLanguage: ${problem}`, { field: 'interpreterLanguage' })
  return language.trim()
}

export function setContactPreferences(ctx: ServiceContext, input: ContactPreferencesUpdate): PatientContact {
  const { id, nhs } = patientId(ctx, input.nhsNumber)
  const before = getContact(ctx, nhs)
  const noContact = input.noContact ?? before.noContact
  const interpreterLanguage = input.interpreterLanguage === undefined ? before.interpreterLanguage : interpreterToStore(input.interpreterLanguage)
  ctx.db.transaction(() => {
    upsertContactPreferences(ctx.db, {
      patientId: id,
      smsDeclined: input.smsDeclined,
      largePrint: input.largePrint,
      preferredChannel: input.preferredChannel,
      noContact,
      interpreterLanguage,
      updatedAt: ctx.now().toISOString(),
      updatedBy: actorName(ctx)
    })
    const interpreterNote =
      interpreterLanguage !== null
        ? `; interpreter needed (${interpreterLanguage})`
        : before.interpreterLanguage !== null
          ? "; interpreter record removed (the export's language applies)"
          : ''
    logActivity(
      ctx,
      ctx.db,
      'contact.setPreferences',
      `Contact preferences for ${formatNhsNumber(nhs)} updated${noContact ? ': no contact permitted' : ''}${interpreterNote}`,
      {
        smsDeclined: input.smsDeclined,
        largePrint: input.largePrint,
        preferredChannel: input.preferredChannel,
        noContact,
        interpreterLanguage
      }
    )
  })()
  return getContact(ctx, nhs)
}
