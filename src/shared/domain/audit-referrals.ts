// Referrals in an audit: the referrals (and signpostings to self-refer) to local services made for
// the programme audited — or, for the whole practice, for any programme or none — of its eligible
// patients by the audit date, counted per service by their outcome.
//
// - A referral is counted once, under the outcome recorded for it by the audit date: accepted by the
//   service, attended, declined (by the patient or the service), not known (staff could not find
//   out), or no outcome recorded yet. A referral holds one outcome, a later one replacing the
//   earlier, so "accepted" is accepted and not (yet) recorded as attended; an outcome recorded after
//   the audit date counts as no outcome, as it stood on that day.
// - These are counts of referrals, not of patients: a patient referred to two services is counted
//   under each.
import type { ReferralOutcome } from './local-services'

export interface AuditReferral {
  serviceId: number
  service: string
  /** As of the audit date; null = none recorded by then. */
  outcome: ReferralOutcome | null
}

export interface ReferralCounts {
  /** Every referral: accepted + attended + declined + unknown + noOutcome. */
  referred: number
  accepted: number
  attended: number
  declined: number
  unknown: number
  noOutcome: number
}

export interface ServiceReferrals extends ReferralCounts {
  serviceId: number
  service: string
}

export const referralCountKeys = ['referred', 'accepted', 'attended', 'declined', 'unknown', 'noOutcome'] as const satisfies readonly (keyof ReferralCounts)[]

/** The outcome as it stood on the audit date. */
export function referralOutcomeAsOf(outcome: ReferralOutcome | null, outcomeOn: string | null, asOf: string): ReferralOutcome | null {
  return outcome !== null && outcomeOn !== null && outcomeOn <= asOf ? outcome : null
}

export function referralCountsOf(referrals: readonly Pick<AuditReferral, 'outcome'>[]): ReferralCounts {
  const counts: ReferralCounts = { referred: 0, accepted: 0, attended: 0, declined: 0, unknown: 0, noOutcome: 0 }
  for (const r of referrals) {
    counts.referred++
    counts[r.outcome ?? 'noOutcome']++
  }
  return counts
}

/** Per service with any referral, by name (A–Z), then id. */
export function referralsByService(referrals: readonly AuditReferral[]): ServiceReferrals[] {
  const byService = new Map<number, AuditReferral[]>()
  for (const r of referrals) {
    const list = byService.get(r.serviceId)
    if (list) list.push(r)
    else byService.set(r.serviceId, [r])
  }
  return [...byService.values()]
    .map((list) => {
      const first = list[0] as AuditReferral
      return { serviceId: first.serviceId, service: first.service, ...referralCountsOf(list) }
    })
    .sort((a, b) => a.service.localeCompare(b.service) || a.serviceId - b.serviceId)
}
