import { describe, expect, it } from 'vitest'
import {
  daysBetweenIso,
  DEFAULT_REFERRAL_OUTCOME_WEEKS,
  localServiceCategories,
  localServiceCategoryLabels,
  referralKindProblem,
  referralOutcomeLabels,
  referralOutcomes,
  referralRoutesProblem,
  referralsDue,
  serviceContactProblem,
  serviceNameProblem,
  servicePhoneProblem,
  serviceWebProblem,
  withoutExampleNotice,
  type ReferralOutcome
} from '../../src/shared/domain/local-services'

const referral = (referredOn: string, outcome: ReferralOutcome | null = null, id = 1) => ({ id, referredOn, outcome })

describe('referrals with no outcome after N weeks', () => {
  const asOf = '2026-11-22'

  it('defaults to 6 weeks: a referral made exactly 6 weeks (42 days) before is due, one made a day later is not', () => {
    expect(DEFAULT_REFERRAL_OUTCOME_WEEKS).toBe(6)
    expect(daysBetweenIso('2026-10-11', asOf)).toBe(42)
    expect(referralsDue([referral('2026-10-11')], asOf)).toEqual([{ id: 1, referredOn: '2026-10-11', outcome: null, weeksWaiting: 6, dueOn: asOf }])
    expect(referralsDue([referral('2026-10-12')], asOf)).toEqual([])
  })

  it('at N weeks for any N: exactly N weeks is due, a day less is not', () => {
    for (const weeks of [1, 4, 8, 12, 26]) {
      const exactly = new Date(Date.UTC(2026, 10, 22) - weeks * 7 * 86_400_000).toISOString().slice(0, 10)
      const dayLess = new Date(Date.UTC(2026, 10, 22) - (weeks * 7 - 1) * 86_400_000).toISOString().slice(0, 10)
      expect(
        referralsDue([referral(exactly)], asOf, weeks).map((r) => r.weeksWaiting),
        `${weeks} weeks`
      ).toEqual([weeks])
      expect(referralsDue([referral(dayLess)], asOf, weeks), `${weeks} weeks less a day`).toEqual([])
    }
  })

  it('counts whole weeks waited, crosses the clocks going back and leap days, and lists the longest waiting first', () => {
    const due = referralsDue([referral('2026-10-05', null, 2), referral('2024-02-29', null, 3), referral('2026-09-01', null, 4)], asOf)
    expect(due.map((r) => [r.id, r.weeksWaiting, r.dueOn])).toEqual([
      [3, 142, '2024-04-11'],
      [4, 11, '2026-10-13'],
      [2, 6, '2026-11-16']
    ])
  })

  it('leaves out a referral with any outcome recorded, and one dated after the as-of date', () => {
    for (const outcome of referralOutcomes) expect(referralsDue([referral('2026-01-01', outcome)], asOf), outcome).toEqual([])
    expect(referralsDue([referral('2027-01-01')], asOf)).toEqual([])
  })
})

describe('local services', () => {
  it('labels every category and every outcome', () => {
    expect(localServiceCategories).toEqual([
      'social-prescribing',
      'talking-therapies',
      'community-navigation',
      'stop-smoking',
      'weight',
      'alcohol',
      'money-housing',
      'carers',
      'other'
    ])
    for (const c of localServiceCategories) expect(localServiceCategoryLabels[c].length, c).toBeGreaterThan(2)
    for (const o of referralOutcomes) expect(referralOutcomeLabels[o].length, o).toBeGreaterThan(2)
  })

  it('warns about a service with no phone, web address or address, and not about one with any of them', () => {
    const none = { name: 'Sunrise Social Prescribing', phone: null, web: '  ', address: '' }
    expect(serviceContactProblem(none)).toBe(
      'Sunrise Social Prescribing has no contact details: patients cannot be told how to reach it. Add a phone number, web address or address.'
    )
    expect(serviceContactProblem({ ...none, phone: '020 7946 0123' })).toBeNull()
    expect(serviceContactProblem({ ...none, web: 'https://example.org' })).toBeNull()
    expect(serviceContactProblem({ ...none, address: '1 Mare Street, London E8' })).toBeNull()
  })

  it('takes phone numbers as staff write them and refuses what is not one', () => {
    for (const ok of ['020 7946 0123', '+44 (0)20 7946 0123', '0800-123-4567', '111']) expect(servicePhoneProblem(ok), ok).toBeNull()
    expect(servicePhoneProblem('ring reception')).toMatch(/not a phone number/)
    expect(servicePhoneProblem('12')).toMatch(/2 digits/)
    expect(servicePhoneProblem('1'.repeat(41))).toMatch(/at most 40/)
  })

  it('takes a web address written in full and refuses a bare or spaced one', () => {
    expect(serviceWebProblem('https://www.nhs.uk/nhs-services/mental-health-services/')).toBeNull()
    expect(serviceWebProblem('http://example.org')).toBeNull()
    expect(serviceWebProblem('nhs.uk')).toMatch(/starting https:\/\//)
    expect(serviceWebProblem('https://nhs .uk')).toMatch(/not a web address/)
    expect(serviceWebProblem('javascript:alert(1)')).toMatch(/not a web address/)
  })

  it('needs somebody who may refer, and refuses the kind of referral a service does not take', () => {
    expect(referralRoutesProblem({ selfReferral: false, practiceReferral: false })).toMatch(/who may refer/)
    expect(referralRoutesProblem({ selfReferral: true, practiceReferral: false })).toBeNull()
    const selfOnly = { name: 'NHS Talking Therapies', selfReferral: true, practiceReferral: false }
    expect(referralKindProblem(selfOnly, 'sent')).toMatch(/does not take referrals from the practice/)
    expect(referralKindProblem(selfOnly, 'self-referral')).toBeNull()
    expect(referralKindProblem({ ...selfOnly, selfReferral: false, practiceReferral: true }, 'self-referral')).toMatch(/does not take self-referrals/)
  })

  it('allows one active service per name, case and spaces ignored', () => {
    expect(serviceNameProblem(' nhs talking therapies ', ['NHS Talking Therapies'])).toMatch(/already called/)
    expect(serviceNameProblem('NHS Talking Therapies', ['Stop smoking service'])).toBeNull()
    expect(serviceNameProblem('   ', [])).toMatch(/give the service a name/)
  })

  it('takes the example notice off the offers text once the practice has checked it', () => {
    expect(withoutExampleNotice('Example — check details before use. Free talking therapies.')).toBe('Free talking therapies.')
    expect(withoutExampleNotice('Free talking therapies.')).toBe('Free talking therapies.')
  })
})
