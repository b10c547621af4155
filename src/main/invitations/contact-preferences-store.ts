// Per-patient contact preferences recorded in the app (exports do not carry them): SMS declined,
// large print (Accessible Information Standard), a preferred channel and "no contact permitted"
// (the patient must not be contacted about a programme). Read by the channel rule and, for no
// contact, by the cohort exclusion. Also an interpreter need staff record here: it wins over the
// export's language columns while set, and lives in this table, not in patients, so a re-import
// cannot overwrite it.
import { defaultContactPreferences, effectiveLanguageNeed, interpreterLanguageProblem, type ContactPreferences } from '../../shared/domain/contact-channel'
import { checkNhsNumber } from '../../shared/domain/nhs-number'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName } from '../context'

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

function patientId(ctx: Pick<ServiceContext, 'db'>, nhsNumber: string): { id: number; nhs: string } {
  const check = checkNhsNumber(nhsNumber)
  if (!check.valid) throw new AppError('invalid_input', `nhsNumber: ${check.reason}`, { field: 'nhsNumber' })
  const nhs = check.nhsNumber
  const row = ctx.db.prepare('SELECT id FROM patients WHERE nhs_number = ?').get(nhs) as { id: number } | undefined
  if (!row) throw new AppError('not_found', `No patient with NHS number ${nhsNumber}`)
  return { id: row.id, nhs }
}

export function getContact(ctx: Pick<ServiceContext, 'db'>, nhsNumber: string): PatientContact {
  const { id, nhs } = patientId(ctx, nhsNumber)
  const row = ctx.db
    .prepare(
      `SELECT p.title, p.given_name, p.family_name, p.mobile, p.home_phone, p.main_language, p.interpreter_required,
              c.sms_declined, c.large_print, c.preferred_channel, c.no_contact, c.interpreter_language
       FROM patients p LEFT JOIN contact_preferences c ON c.patient_id = p.id WHERE p.id = ?`
    )
    .get(id) as {
    title: string | null
    given_name: string | null
    family_name: string | null
    mobile: string | null
    home_phone: string | null
    main_language: string | null
    interpreter_required: number | null
    sms_declined: number | null
    large_print: number | null
    preferred_channel: ContactPreferences['preferredChannel'] | null
    no_contact: number | null
    interpreter_language: string | null
  }
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
    ctx.db
      .prepare(
        `INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, no_contact, interpreter_language, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (patient_id) DO UPDATE SET sms_declined = excluded.sms_declined, large_print = excluded.large_print,
           preferred_channel = excluded.preferred_channel, no_contact = excluded.no_contact,
           interpreter_language = excluded.interpreter_language,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`
      )
      .run(
        id,
        input.smsDeclined ? 1 : 0,
        input.largePrint ? 1 : 0,
        input.preferredChannel,
        noContact ? 1 : 0,
        interpreterLanguage,
        ctx.now().toISOString(),
        actorName(ctx)
      )
    const interpreterNote =
      interpreterLanguage !== null
        ? `; interpreter needed (${interpreterLanguage})`
        : before.interpreterLanguage !== null
          ? "; interpreter record removed (the export's language applies)"
          : ''
    logActivity(ctx, ctx.db, 'contact.setPreferences', `Contact preferences for ${nhs} updated${noContact ? ': no contact permitted' : ''}${interpreterNote}`, {
      smsDeclined: input.smsDeclined,
      largePrint: input.largePrint,
      preferredChannel: input.preferredChannel,
      noContact,
      interpreterLanguage
    })
  })()
  return getContact(ctx, nhs)
}
