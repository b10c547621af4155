// How each cohort member is invited: SMS when the record has a valid UK mobile
// and the patient has not declined SMS, else a letter to their postal address; a phone call list
// when the practice asks for one (or the patient prefers phone). Ardens' split searches do the same
// ("SMS if mobile and SMS not declined … otherwise post"). Pure, one place.
import { isNoLongerRegistered } from './registration-status'

export type ContactChannel = 'sms' | 'letter' | 'phone'

/** A patient's recorded contact preferences (edited in the app; none recorded = all defaults). */
export interface ContactPreferences {
  smsDeclined: boolean
  /** Accessible Information Standard (DCB1605): written information in large print. */
  largePrint: boolean
  /** 'any' lets the rule choose; 'letter' never texts; 'phone' puts them on the call list. */
  preferredChannel: 'any' | 'letter' | 'phone'
  /**
   * "No contact permitted": the patient asked not to be contacted about proactive
   * recalls, or their record says they must not be. Excludes them from cohorts
   * (cohort-rules/no-contact-permitted.ts) and from every channel here.
   */
  noContact: boolean
}

export const defaultContactPreferences: ContactPreferences = { smsDeclined: false, largePrint: false, preferredChannel: 'any', noContact: false }

/** The longest interpreter language staff may record (room for e.g. "Kurdish (Sorani)" and a dialect). */
export const INTERPRETER_LANGUAGE_MAX = 60

/**
 * Why a language as typed cannot be recorded as the interpreter need, or null when it can. The text
 * is judged after trimming its ends; it is printed on the batch sheet, the phone list and the CSVs, so
 * a control character or a line break would split a row.
 */
export function interpreterLanguageProblem(text: string): string | null {
  const language = text.trim()
  if (language === '') return 'expected the language the interpreter must speak, e.g. Polish'
  // Code points, not UTF-16 units, so a language written in a non-Latin script is not cut short.
  const length = [...language].length
  if (length > INTERPRETER_LANGUAGE_MAX) return `must be at most ${INTERPRETER_LANGUAGE_MAX} characters (got ${length})`
  // The zero-width (non-)joiners are kept: Persian and Indic scripts need them to spell a name.
  if (/(?![\u200C\u200D])[\p{C}\p{Zl}\p{Zp}]/u.test(language)) return 'must be printable text on one line (no tabs, line breaks or control characters)'
  return null
}

/** A patient's language and interpreter need, as the practice acts on it. */
export interface LanguageNeed {
  mainLanguage: string | null
  interpreterRequired: boolean
  /** 'app' while staff have recorded an interpreter in Clinic Recall; 'export' otherwise. */
  source: 'app' | 'export'
}

/**
 * The app's record wins while it is set (staff learnt it after the clinical system's export was run,
 * or the export does not carry it); without one the export's main language and interpreter flag
 * apply. Re-imports only ever change the export's side, so they can never undo what staff recorded.
 */
export function effectiveLanguageNeed(
  exported: { mainLanguage: string | null; interpreterRequired: boolean | null },
  recordedInterpreterLanguage: string | null
): LanguageNeed {
  if (recordedInterpreterLanguage !== null) return { mainLanguage: recordedInterpreterLanguage, interpreterRequired: true, source: 'app' }
  return { mainLanguage: exported.mainLanguage, interpreterRequired: exported.interpreterRequired === true, source: 'export' }
}

/** The batch sheet's words for a member who must not be contacted. */
export const NO_CONTACT_REASON = 'Cannot be contacted: no contact permitted (recorded in contact preferences)'

export interface ContactFacts {
  mobile: string | null
  homePhone: string | null
  /** Anything recorded to post to (an address line or a postcode). */
  hasPostalAddress: boolean
  /**
   * Why the recorded address cannot take a letter (postal-address.ts: only a postcode, "Unknown", an
   * NHS pseudo-postcode), or null/absent when it can. Such a patient is phoned instead when there is a
   * number to ring, whatever the phone-list option: they were due a letter that could never arrive.
   */
  postalAddressProblem?: string | null
  registrationStatus: string | null
  preferences: ContactPreferences
}

export interface ChannelOptions {
  /** False sends letters only (a practice without batch SMS). */
  allowSms: boolean
  /** True puts patients with no SMS or postal route but a phone number on the call list. */
  phoneList: boolean
}

export type ChannelDecision = { channel: ContactChannel; note: string | null } | { channel: null; reason: string }

/**
 * A UK mobile in the 07… form Accurx and the clinical systems accept, or null. Accepts spaces,
 * dashes, brackets and the +44 / 0044 / 44 prefixes; UK mobiles are 07 followed by 9 digits
 * (Ofcom numbering: 07xxx ranges; 070 personal and 076 pager numbers are not mobiles).
 */
export function ukMobileNumber(raw: string | null): string | null {
  if (raw === null) return null
  // "+44 (0)7700 …": the bracketed trunk zero is dropped before the other punctuation.
  let digits = raw.replace(/\(0\)/g, '').replace(/[\s\-().]/g, '')
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`
  else if (digits.startsWith('44') && digits.length === 12) digits = `0${digits.slice(2)}`
  if (!/^07\d{9}$/.test(digits)) return null
  if (digits.startsWith('070') || digits.startsWith('076')) return null
  return digits
}

/** Any number worth ringing: a valid mobile, else the home phone as recorded (digits present). */
export function phoneToRing(facts: Pick<ContactFacts, 'mobile' | 'homePhone'>): string | null {
  const mobile = ukMobileNumber(facts.mobile)
  if (mobile) return mobile
  const home = (facts.homePhone ?? '').trim()
  if (/\d{6,}/.test(home.replace(/\D/g, ''))) return home
  const other = (facts.mobile ?? '').trim()
  return /\d{6,}/.test(other.replace(/\D/g, '')) ? other : null
}

export function chooseChannel(facts: ContactFacts, options: ChannelOptions): ChannelDecision {
  // Never contact someone who has died or left (Accurx: exclude deceased before upload).
  if (isNoLongerRegistered(facts.registrationStatus)) {
    return { channel: null, reason: `Registration status "${facts.registrationStatus}": not contacted` }
  }
  const prefs = facts.preferences
  // a patient who must not be contacted gets no letter, text or call whatever else is recorded.
  if (prefs.noContact) return { channel: null, reason: NO_CONTACT_REASON }
  const phone = phoneToRing(facts)
  const unusableAddress = facts.hasPostalAddress ? (facts.postalAddressProblem ?? null) : null
  const canPost = facts.hasPostalAddress && unusableAddress === null
  if (prefs.preferredChannel === 'phone') {
    if (phone) return { channel: 'phone', note: 'Prefers a phone call' }
    if (unusableAddress !== null) {
      return {
        channel: null,
        reason: `Cannot be contacted: prefers a phone call but no phone number is recorded, and no usable postal address (${unusableAddress})`
      }
    }
    if (!canPost) return { channel: null, reason: 'Prefers a phone call but no phone number or postal address is recorded' }
    return { channel: 'letter', note: 'Prefers a phone call but no phone number is recorded: letter instead' }
  }
  const mobile = ukMobileNumber(facts.mobile)
  if (options.allowSms && prefs.preferredChannel === 'any' && mobile && !prefs.smsDeclined) {
    return { channel: 'sms', note: null }
  }
  if (canPost) {
    let note: string | null = null
    if (prefs.preferredChannel === 'letter') note = 'Prefers letters'
    else if (prefs.smsDeclined) note = 'Declined SMS'
    else if (options.allowSms && facts.mobile && !mobile) note = `Mobile "${facts.mobile}" is not a valid UK mobile`
    else if (options.allowSms && !facts.mobile) note = 'No mobile number'
    return { channel: 'letter', note }
  }
  if (unusableAddress !== null && phone) return { channel: 'phone', note: `No usable postal address (${unusableAddress}): phone instead` }
  if (options.phoneList && phone) return { channel: 'phone', note: 'No postal address: phone instead' }
  const why = [
    prefs.smsDeclined ? 'declined SMS' : mobile ? null : facts.mobile ? `mobile "${facts.mobile}" is not a valid UK mobile` : 'no mobile',
    unusableAddress !== null ? `no usable postal address (${unusableAddress})` : 'no postal address',
    phone ? 'a phone number is recorded: ask for a phone list' : 'no phone number'
  ].filter((x): x is string => x !== null)
  return { channel: null, reason: `Cannot be contacted: ${why.join(', ')}` }
}
