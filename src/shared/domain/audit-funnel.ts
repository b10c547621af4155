// The uptake funnel of an audit: how many of a programme's eligible patients were invited (and sent
// a 2nd and a 3rd invitation), booked, attended and were followed up. Each stage is worked out per
// patient as the stage it hangs from AND the patient's own fact, so every stage is a subset of its
// parent by construction: a patient booked without an invitation, or followed up without attending,
// is not counted further down than they reached. Before this rule the funnel counted each fact on
// its own, and "followed up" (a baseline and a follow-up reading) could exceed "attended".
//
// The stages form a short tree, not one line: the 2nd and 3rd invitations are reminders sent to
// invited patients who had not booked, so "booked" hangs from "invited", not from "invited3".
// Pure: the audit service gathers the facts for the patients and the programme asked about.

/** What the funnel needs to know about one eligible patient, for the programme audited. */
export interface FunnelFacts {
  /** Sent any invitation (any attempt counts as invited). */
  invited: boolean
  /** The highest invitation attempt sent (1, 2 or 3); 0 when never invited. */
  highestAttempt: number
  /** With an appointment that was not cancelled (booked, attended or did not attend). */
  booked: boolean
  /** Attended at least one clinic appointment. */
  attended: boolean
  /** The baseline and follow-up readings, when the patient has both. */
  pair: object | null
}

export type FunnelStage = 'eligible' | 'invited1' | 'invited2' | 'invited3' | 'booked' | 'attended' | 'followedUp'

/** The patient's membership of each stage. */
export type FunnelStages = Readonly<Record<FunnelStage, boolean>>

/** The funnel's counts; `invited` is `invited1` under the name the public JSON has always had. */
export interface FunnelCounts {
  eligible: number
  invited: number
  invited1: number
  invited2: number
  invited3: number
  booked: number
  attended: number
  followedUp: number
}

export interface FunnelStageRule {
  stage: FunnelStage
  /** The stage this one is a subset of (null for the top of the funnel). */
  parent: FunnelStage | null
  label: string
  /** What the stage counts, in words (the workbook's note and the summary's rules). */
  counts: string
}

/** Every stage in order, with its parent and what it counts. */
export const funnelStageRules: readonly FunnelStageRule[] = [
  {
    stage: 'eligible',
    parent: null,
    label: 'Eligible',
    counts: 'Members of a cohort snapshot of the programme audited (of any programme, for the whole practice) built on or before the audit date.'
  },
  {
    stage: 'invited1',
    parent: 'eligible',
    label: 'Invited',
    counts: 'Eligible and sent a 1st invitation by the programme (any invitation counts as invited).'
  },
  { stage: 'invited2', parent: 'invited1', label: 'Invited (2nd invitation)', counts: 'Invited, and also sent a 2nd or 3rd invitation.' },
  { stage: 'invited3', parent: 'invited2', label: 'Invited (3rd invitation)', counts: 'Sent a 2nd invitation, and also a 3rd.' },
  {
    stage: 'booked',
    parent: 'invited1',
    label: 'Booked',
    counts: 'Invited, and with an appointment booked for the programme and not cancelled. A patient booked without an invitation is not counted.'
  },
  { stage: 'attended', parent: 'booked', label: 'Attended', counts: 'Booked, and attended at least one of those appointments.' },
  {
    stage: 'followedUp',
    parent: 'attended',
    label: 'Followed up',
    counts: 'Attended, and with a baseline and a follow-up reading after it (the patients of the BP table who were seen in clinic).'
  }
]

/** Which stages one patient reached: each is its parent's membership and the patient's own fact. */
export function funnelStagesOf(facts: FunnelFacts): FunnelStages {
  const invited1 = facts.invited
  const invited2 = invited1 && facts.highestAttempt >= 2
  const invited3 = invited2 && facts.highestAttempt >= 3
  const booked = invited1 && facts.booked
  const attended = booked && facts.attended
  const followedUp = attended && facts.pair !== null
  return { eligible: true, invited1, invited2, invited3, booked, attended, followedUp }
}

/**
 * Whether the patient belongs in the BP table (the seed programme's reduced / no change / increased):
 * a baseline and a follow-up reading, and invited — a patient the programme never invited has no
 * place in its outcome, whatever their readings did.
 */
export function inBpTable(facts: FunnelFacts): boolean {
  return facts.invited && facts.pair !== null
}

/** The funnel's counts over the eligible patients. */
export function funnelOf(facts: readonly FunnelFacts[]): FunnelCounts {
  const counts = { eligible: 0, invited1: 0, invited2: 0, invited3: 0, booked: 0, attended: 0, followedUp: 0 }
  for (const f of facts) {
    const stages = funnelStagesOf(f)
    for (const rule of funnelStageRules) if (stages[rule.stage]) counts[rule.stage]++
  }
  return { ...counts, invited: counts.invited1 }
}
