// Local services the practice signposts or refers patients to from a Time to Talk or BP visit
// (social prescribing, NHS Talking Therapies, community navigation, stop smoking…), and the
// referrals made to them. A referral is followed up: one with no outcome recorded after a number of
// weeks (6 unless the practice says otherwise) goes on a worklist, so a patient sent somewhere is
// not forgotten when the service never picks them up or they never go.
//
// A service is never deleted (referrals point at it): it is deactivated, and an inactive service
// takes no new referral. A service with no phone, web address or street address is allowed (the
// practice may be waiting for the details) but warned about everywhere it is shown or used, since
// a patient cannot be told how to reach it.

export const localServiceCategories = [
  'social-prescribing',
  'talking-therapies',
  'community-navigation',
  'stop-smoking',
  'weight',
  'alcohol',
  'money-housing',
  'carers',
  'other'
] as const
export type LocalServiceCategory = (typeof localServiceCategories)[number]

export const localServiceCategoryLabels: Readonly<Record<LocalServiceCategory, string>> = {
  'social-prescribing': 'Social prescribing',
  'talking-therapies': 'Talking therapies',
  'community-navigation': 'Community navigation',
  'stop-smoking': 'Stop smoking',
  weight: 'Weight management',
  alcohol: 'Alcohol',
  'money-housing': 'Money and housing',
  carers: 'Carers',
  other: 'Other'
}

export function isLocalServiceCategory(value: string): value is LocalServiceCategory {
  return (localServiceCategories as readonly string[]).includes(value)
}

export interface LocalService {
  serviceId: number
  name: string
  /** What it offers, in the words staff read to the patient. */
  offers: string
  category: LocalServiceCategory
  /** The patient may contact the service themselves. */
  selfReferral: boolean
  /** The practice may send a referral. */
  practiceReferral: boolean
  phone: string | null
  web: string | null
  address: string | null
  openingTimes: string | null
  active: boolean
  /** Shipped with the app as an example: its details are to be checked by the practice before use. */
  isExample: boolean
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
}

/**
 * The words the shipped examples start their "offers" text with. Marking an example as checked
 * takes them off, so a checked service no longer tells staff to check it.
 */
export const exampleServiceNotice = 'Example — check details before use.'

export function withoutExampleNotice(offers: string): string {
  const trimmed = offers.trim()
  return trimmed.startsWith(exampleServiceNotice) ? trimmed.slice(exampleServiceNotice.length).trim() : trimmed
}

export const MAX_SERVICE_NAME = 120
export const MAX_SERVICE_OFFERS = 1000
export const MAX_SERVICE_PHONE = 40
export const MAX_SERVICE_WEB = 300
export const MAX_SERVICE_ADDRESS = 300
export const MAX_SERVICE_OPENING_TIMES = 300
export const MAX_REFERRAL_NOTE = 500

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === ''

/**
 * Why patients could not be told how to reach the service (no phone, web address or address), or
 * null when it has at least one. A warning, never a refusal: the service may still be saved and
 * referred to.
 */
export function serviceContactProblem(service: Pick<LocalService, 'name' | 'phone' | 'web' | 'address'>): string | null {
  if (!blank(service.phone) || !blank(service.web) || !blank(service.address)) return null
  return `${service.name.trim() || 'This service'} has no contact details: patients cannot be told how to reach it. Add a phone number, web address or address.`
}

/** A phone number as staff would read it out: digits with spaces, +, brackets or dashes, and at least 3 digits (111). */
export function servicePhoneProblem(phone: string): string | null {
  const trimmed = phone.trim()
  if (trimmed.length > MAX_SERVICE_PHONE) return `a phone number can be at most ${MAX_SERVICE_PHONE} characters`
  if (!/^[0-9 +()-]+$/.test(trimmed)) return `"${trimmed}" is not a phone number: use digits, spaces, +, brackets or dashes only`
  const digits = trimmed.replace(/\D/g, '').length
  if (digits < 3 || digits > 15) return `"${trimmed}" is not a phone number: it has ${digits} digits`
  return null
}

/**
 * A web address staff can give a patient: it starts with http:// or https:// and has no spaces
 * (a bare "nhs.uk" is refused so what is printed or read out is the address that works).
 */
export function serviceWebProblem(web: string): string | null {
  const trimmed = web.trim()
  if (trimmed.length > MAX_SERVICE_WEB) return `a web address can be at most ${MAX_SERVICE_WEB} characters`
  if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i.test(trimmed)) {
    return `"${trimmed}" is not a web address: write it in full, starting https://`
  }
  return null
}

/** A service somebody can be referred to: by the patient themselves, by the practice, or both. */
export function referralRoutesProblem(service: Pick<LocalService, 'selfReferral' | 'practiceReferral'>): string | null {
  if (service.selfReferral || service.practiceReferral) return null
  return 'say who may refer: the patient themselves, the practice, or both'
}

/** Problems with a service's name, in words; null when it will do. Two active services cannot share a name (case and spaces ignored). */
export function serviceNameProblem(name: string, otherActiveNames: readonly string[]): string | null {
  const trimmed = name.trim()
  if (trimmed.length === 0) return 'give the service a name'
  if (trimmed.length > MAX_SERVICE_NAME) return `a service name can be at most ${MAX_SERVICE_NAME} characters`
  const key = trimmed.toLowerCase()
  if (otherActiveNames.some((n) => n.trim().toLowerCase() === key)) {
    return `an active service is already called “${trimmed}”: edit that one, or deactivate it first`
  }
  return null
}

// --- referrals ------------------------------------------------------------------------------------

/** `self-referral`: the patient was given the details to contact the service themselves. `sent`: the practice sent the referral. */
export const referralKinds = ['self-referral', 'sent'] as const
export type ReferralKind = (typeof referralKinds)[number]

export const referralKindLabels: Readonly<Record<ReferralKind, string>> = {
  'self-referral': 'Signposted to self-refer',
  sent: 'Referral sent by the practice'
}

/** The outcome when it is known; none recorded (null) keeps the referral on the worklist. */
export const referralOutcomes = ['accepted', 'attended', 'declined', 'unknown'] as const
export type ReferralOutcome = (typeof referralOutcomes)[number]

export const referralOutcomeLabels: Readonly<Record<ReferralOutcome, string>> = {
  accepted: 'Accepted by the service',
  attended: 'Attended',
  declined: 'Declined (by the patient or the service)',
  unknown: 'Not known (could not find out)'
}

/** Whether the service takes this kind of referral; the words say what to do instead. */
export function referralKindProblem(service: Pick<LocalService, 'name' | 'selfReferral' | 'practiceReferral'>, kind: ReferralKind): string | null {
  if (kind === 'sent' && !service.practiceReferral) {
    return `${service.name} does not take referrals from the practice: signpost the patient to refer themselves, or edit the service if that has changed`
  }
  if (kind === 'self-referral' && !service.selfReferral) {
    return `${service.name} does not take self-referrals: send the referral from the practice, or edit the service if that has changed`
  }
  return null
}

export const DEFAULT_REFERRAL_OUTCOME_WEEKS = 6
export const MIN_REFERRAL_OUTCOME_WEEKS = 1
export const MAX_REFERRAL_OUTCOME_WEEKS = 26

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number)
  return Math.round(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN) / 86_400_000)
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetweenIso(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

export interface ReferralAwaiting {
  referredOn: string
  outcome: ReferralOutcome | null
}

export type ReferralDue<R extends ReferralAwaiting> = R & {
  /** Whole weeks from the referral to the as-of date. */
  weeksWaiting: number
  /** The day the referral joined the worklist: `weeks` weeks after it was made. */
  dueOn: string
}

/**
 * Referrals with no outcome recorded `weeks` weeks or more after they were made, as of `asOf`:
 * one made exactly `weeks` weeks before is due; a day less is not. Referrals dated after `asOf`
 * are not due. Longest waiting first.
 */
export function referralsDue<R extends ReferralAwaiting>(
  referrals: readonly R[],
  asOf: string,
  weeks: number = DEFAULT_REFERRAL_OUTCOME_WEEKS
): ReferralDue<R>[] {
  const threshold = weeks * 7
  const asOfDay = dayNumber(asOf)
  return referrals
    .filter((r) => r.outcome === null && asOfDay - dayNumber(r.referredOn) >= threshold)
    .map((r) => {
      const waited = asOfDay - dayNumber(r.referredOn)
      const due = new Date((dayNumber(r.referredOn) + threshold) * 86_400_000).toISOString().slice(0, 10)
      return { ...r, weeksWaiting: Math.floor(waited / 7), dueOn: due }
    })
    .sort((a, b) => (a.referredOn < b.referredOn ? -1 : a.referredOn > b.referredOn ? 1 : 0))
}
