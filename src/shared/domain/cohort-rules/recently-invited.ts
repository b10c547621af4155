// Exclusion: invited within the last N days (spec §4.4, default 28) — by this app (invitations
// table) or, as the export shows, by the practice system (HYPINVITE_COD). The window is
// (asOf − N days, asOf]. QOF's own invitation rule (two invitations ≥ 7 days apart, HYP008 rule 7)
// is about exception reporting, not about whom to invite next, so it is not applied here.
import { addDaysIso } from '../iso-date'
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'
import { latestEventEver } from './recent-event'

/** The most recent invitation within the window, and how it was recorded; null when none. */
function recentInvitation({ patient, asOf, params }: PatientFacts): { date: string; how: string } | null {
  const from = addDaysIso(asOf, -params.invitedWithinDays)
  const coded = latestEventEver(patient.events, ['HYPINVITE'], asOf)
  const candidates: { date: string; how: string }[] = []
  if (patient.lastInvitedOn && patient.lastInvitedOn <= asOf) candidates.push({ date: patient.lastInvitedOn, how: 'invitation sent from Clinic Recall' })
  if (coded?.date) candidates.push({ date: coded.date, how: `${coded.term || 'invitation'} recorded in the practice system` })
  return candidates.filter((c) => c.date > from).sort((a, b) => (a.date < b.date ? 1 : -1))[0] ?? null
}
const formatReason = ([date]: readonly ReasonValue[]) => `Excluded: invited ${date}`

export const recentlyInvited: CohortRule = {
  id: 'exclude.recently-invited',
  kind: 'exclusion',
  label: 'Invited recently',
  source: 'Spec §4.4 (invited within the last N days)',
  test: ({ patient, asOf, params }) => {
    const from = addDaysIso(asOf, -params.invitedWithinDays)
    if (patient.lastInvitedOn && patient.lastInvitedOn <= asOf && patient.lastInvitedOn > from) return true
    const coded = latestEventEver(patient.events, ['HYPINVITE'], asOf)
    return coded?.date != null && coded.date > from
  },
  reasonValues: (facts) => [recentInvitation(facts)?.date ?? null],
  formatReason,
  evaluate: (facts) => {
    const { asOf, params } = facts
    const recent = recentInvitation(facts)
    if (!recent) return { met: false, detail: `Not invited in the ${params.invitedWithinDays} days to ${asOf}`, reason: '' }
    return {
      met: true,
      detail: `Invited on ${recent.date} (${recent.how}), within ${params.invitedWithinDays} days of ${asOf}`,
      reason: formatReason([recent.date])
    }
  }
}
