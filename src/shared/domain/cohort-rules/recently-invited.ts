// Exclusion: invited within the last N days (default 28) — by this app (invitations
// table) or, as the export shows, by the practice system (HYPINVITE_COD). The window is
// (asOf − N days, asOf]: an invitation exactly N days before the as-of date is outside it, and one
// after the as-of date had not been sent then. Every invitation is looked at, not only the latest:
// for a cohort as of a past date the latest may be after the as-of date while an earlier one is
// inside the window. QOF's own invitation rule (two invitations ≥ 7 days apart, HYP008 rule 7) is
// about exception reporting, not about whom to invite next, so it is not applied here.
import { addDaysIso } from '../iso-date'
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'
import { formatDateText } from '../../format/staff-text'

const none: readonly string[] = []

/**
 * The latest invitation inside the window, and how it was recorded; null when none. `test` and
 * `evaluate` both ask this, so the decision and its words cannot disagree. On the same day, the
 * app's own invitation is named (it is the one the practice can look up in Clinic Recall).
 */
function recentInvitation({ patient, asOf, params }: PatientFacts): { date: string; how: string } | null {
  const from = addDaysIso(asOf, -params.invitedWithinDays)
  const inWindow = (date: string | null | undefined): date is string => date != null && date > from && date <= asOf
  let sent: string | null = null
  for (const date of patient.invitedOn ?? none) if (inWindow(date) && (sent === null || date > sent)) sent = date
  if (inWindow(patient.lastInvitedOn) && (sent === null || patient.lastInvitedOn > sent)) sent = patient.lastInvitedOn
  let coded: { date: string; term: string } | null = null
  for (const e of patient.events) {
    if (e.concept === 'HYPINVITE' && inWindow(e.date) && (coded === null || e.date > coded.date)) coded = { date: e.date, term: e.term }
  }
  if (sent !== null && (coded === null || sent >= coded.date)) return { date: sent, how: 'invitation sent from Clinic Recall' }
  if (coded !== null) return { date: coded.date, how: `${coded.term || 'invitation'} recorded in the practice system` }
  return null
}
const formatReason = ([date]: readonly ReasonValue[]) => `Excluded: invited ${formatDateText(String(date))}`

export const recentlyInvited: CohortRule = {
  id: 'exclude.recently-invited',
  kind: 'exclusion',
  label: 'Invited recently',
  source: 'Practice setting: any invitation (Clinic Recall or HYPINVITE_COD) within the last N days, default 28',
  test: (facts) => recentInvitation(facts) !== null,
  reasonValues: (facts) => [recentInvitation(facts)?.date ?? null],
  formatReason,
  evaluate: (facts) => {
    const { asOf, params } = facts
    const recent = recentInvitation(facts)
    if (!recent) return { met: false, detail: `Not invited in the ${params.invitedWithinDays} days to ${formatDateText(asOf)}`, reason: '' }
    return {
      met: true,
      detail: `Invited on ${formatDateText(recent.date)} (${recent.how}), within ${params.invitedWithinDays} days of ${formatDateText(asOf)}`,
      reason: formatReason([recent.date])
    }
  }
}
