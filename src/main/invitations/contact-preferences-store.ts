// Per-patient contact preferences recorded in the app (exports do not carry them): SMS declined,
// large print (Accessible Information Standard), a preferred channel and "no contact permitted"
// (spec §4.4). Read by the channel rule and, for no contact, by the cohort exclusion.
import { defaultContactPreferences, type ContactPreferences } from '../../shared/domain/contact-channel'
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
  mainLanguage: string | null
  interpreterRequired: boolean
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
              c.sms_declined, c.large_print, c.preferred_channel, c.no_contact
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
  }
  return {
    nhsNumber: nhs,
    name: [row.title, row.given_name, row.family_name].filter(Boolean).join(' ') || '(name not in export)',
    mobile: row.mobile,
    homePhone: row.home_phone,
    mainLanguage: row.main_language,
    interpreterRequired: row.interpreter_required === 1,
    smsDeclined: row.sms_declined === null ? defaultContactPreferences.smsDeclined : row.sms_declined === 1,
    largePrint: row.large_print === null ? defaultContactPreferences.largePrint : row.large_print === 1,
    preferredChannel: row.preferred_channel ?? defaultContactPreferences.preferredChannel,
    noContact: row.no_contact === null ? defaultContactPreferences.noContact : row.no_contact === 1
  }
}

/** `noContact` left out keeps what is recorded (callers that only change the channel choices). */
export type ContactPreferencesUpdate = Omit<ContactPreferences, 'noContact'> & { noContact?: boolean | undefined; nhsNumber: string }

export function setContactPreferences(ctx: ServiceContext, input: ContactPreferencesUpdate): PatientContact {
  const { id, nhs } = patientId(ctx, input.nhsNumber)
  const noContact = input.noContact ?? getContact(ctx, nhs).noContact
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO contact_preferences (patient_id, sms_declined, large_print, preferred_channel, no_contact, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (patient_id) DO UPDATE SET sms_declined = excluded.sms_declined, large_print = excluded.large_print,
           preferred_channel = excluded.preferred_channel, no_contact = excluded.no_contact,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`
      )
      .run(id, input.smsDeclined ? 1 : 0, input.largePrint ? 1 : 0, input.preferredChannel, noContact ? 1 : 0, ctx.now().toISOString(), actorName(ctx))
    logActivity(ctx, ctx.db, 'contact.setPreferences', `Contact preferences for ${nhs} updated${noContact ? ': no contact permitted' : ''}`, {
      smsDeclined: input.smsDeclined,
      largePrint: input.largePrint,
      preferredChannel: input.preferredChannel,
      noContact
    })
  })()
  return getContact(ctx, nhs)
}
