// The audit as an aggregate grid for disclosure control (disclosure-control.ts): its count measures,
// the two means it publishes, and every relation between measures that holds by how the audit
// counts — which a reader of the workbook's notes can know too, so the check must assume they do.
// A new funnel stage or breakdown is a measure or a dimension here; the check needs nothing else.
//
// The wellbeing table (audit-wellbeing.ts) and adherence at baseline (audit-adherence.ts) are more
// measures of the same patients, in the same grid, when the audit has them: they hang from the
// funnel (every patient they count attended), so a reader could tie them to it, and one check over
// everything is the only sound one. Referrals count referrals, not patients, and no relation a reader
// knows ties them to a patient count, so they are a grid of their own (referralGrid).
import { adherenceAtBaselineOf, type AdherenceFacts } from './audit-adherence'
import { inBpTable } from './audit-funnel'
import { funnelOf, systolicOutcome, type AuditFacts, type BpOutcomeSummary, type FunnelCounts } from './audit-outcome'
import { referralCountKeys, referralCountsOf, referralsByService, type AuditReferral } from './audit-referrals'
import { inWellbeingTable, ons4MeasureOf, wellbeingOutcomeOf, type WellbeingFacts } from './audit-wellbeing'
import { diastolicRange, systolicRange } from './bp-plausibility'
import { atLeast, sumOf, type AggregateGrid, type GridMean, type GridRow, type MeasureRelation } from './disclosure-control'
import { adherenceStatuses, nonAdherenceReasons, type AdherenceStatus, type NonAdherenceReason } from './medication-adherence'
import { ONS4_MAX, ONS4_MIN, type Ons4Question } from './ons4'
import type { VisitMeasureId } from './visit-measures'

export const auditMeasures = [
  { key: 'eligible', label: 'Eligible' },
  { key: 'invited', label: 'Invited' },
  { key: 'invited2', label: 'Invited (2nd invitation)' },
  { key: 'invited3', label: 'Invited (3rd invitation)' },
  { key: 'booked', label: 'Booked' },
  { key: 'attended', label: 'Attended' },
  { key: 'followedUp', label: 'Followed up' },
  { key: 'bpPatients', label: 'With baseline and follow-up (the BP table)' },
  { key: 'reduced', label: 'Reduced' },
  { key: 'unchanged', label: 'No change' },
  { key: 'increased', label: 'Increased' },
  { key: 'atTargetBefore', label: 'At target at baseline' },
  { key: 'atTargetAfter', label: 'At target at follow-up' }
] as const

export type AuditMeasureKey = (typeof auditMeasures)[number]['key']

/** The parts an audit has beyond the funnel and the BP table. */
export interface AuditSections {
  /** The wellbeing table (a wellbeing programme, or questionnaires recorded at its visits). */
  wellbeing: boolean
  /** Adherence at baseline (visits recorded on the BP review form). */
  adherence: boolean
}

export const noSections: AuditSections = { wellbeing: false, adherence: false }

/** ONS4 question → the prefix of its measure keys. */
export const ons4KeyOf = {
  lifeSatisfaction: 'ons4LifeSatisfaction',
  worthwhile: 'ons4Worthwhile',
  happiness: 'ons4Happiness',
  anxiety: 'ons4Anxiety'
} as const satisfies Record<Ons4Question, string>

export const wellbeingMeasures = [
  { key: 'wellbeingPatients', label: 'With a baseline and a follow-up score (the wellbeing table)' },
  { key: 'phq9Patients', label: 'PHQ-9: with a baseline and a follow-up' },
  { key: 'phq9Improved', label: 'PHQ-9: reliable improvement' },
  { key: 'phq9Unchanged', label: 'PHQ-9: no reliable change' },
  { key: 'phq9Worse', label: 'PHQ-9: reliable deterioration' },
  { key: 'gad7Patients', label: 'GAD-7: with a baseline and a follow-up' },
  { key: 'gad7Improved', label: 'GAD-7: reliable improvement' },
  { key: 'gad7Unchanged', label: 'GAD-7: no reliable change' },
  { key: 'gad7Worse', label: 'GAD-7: reliable deterioration' },
  { key: 'ons4LifeSatisfactionPatients', label: 'ONS4 life satisfaction: with a baseline and a follow-up' },
  { key: 'ons4WorthwhilePatients', label: 'ONS4 worthwhile: with a baseline and a follow-up' },
  { key: 'ons4HappinessPatients', label: 'ONS4 happiness: with a baseline and a follow-up' },
  { key: 'ons4AnxietyPatients', label: 'ONS4 anxiety: with a baseline and a follow-up' },
  { key: 'ucla3Patients', label: 'UCLA-3: with a baseline and a follow-up' },
  { key: 'ucla3LonelyAtBaseline', label: 'UCLA-3: lonely (6–9) at baseline' },
  { key: 'ucla3LonelyAtFollowUp', label: 'UCLA-3: lonely (6–9) at follow-up' },
  { key: 'ucla3NoLongerLonely', label: 'UCLA-3: lonely at baseline, not lonely at follow-up' }
] as const

export const adherenceStatusKeyOf = {
  taking: 'adherenceTaking',
  forgets: 'adherenceForgets',
  stopped: 'adherenceStopped',
  'side-effects': 'adherenceSideEffects',
  'not-collected': 'adherenceNotCollected'
} as const satisfies Record<AdherenceStatus, string>

export const adherenceReasonKeyOf = {
  forgets: 'reasonForgets',
  'side-effects': 'reasonSideEffects',
  'prescription-cost': 'reasonPrescriptionCost',
  'not-needed': 'reasonNotNeeded',
  'practical-difficulty': 'reasonPracticalDifficulty',
  other: 'reasonOther'
} as const satisfies Record<NonAdherenceReason, string>

export const adherenceMeasures = [
  { key: 'adherencePatients', label: 'Adherence recorded at the first visit' },
  ...adherenceStatuses.map((s) => ({ key: adherenceStatusKeyOf[s.id], label: `Adherence: ${s.label}` })),
  ...nonAdherenceReasons.map((r) => ({ key: adherenceReasonKeyOf[r.id], label: `Reason: ${r.label}` }))
] as const

export type WellbeingMeasureKey = (typeof wellbeingMeasures)[number]['key']
export type AdherenceMeasureKey = 'adherencePatients' | (typeof adherenceStatusKeyOf)[AdherenceStatus] | (typeof adherenceReasonKeyOf)[NonAdherenceReason]
/** Every count measure an audit grid can hold. */
export type AnyAuditMeasureKey = AuditMeasureKey | WellbeingMeasureKey | AdherenceMeasureKey

// A change is follow-up minus baseline, each within the import's plausibility limits.
export const auditMeans = [
  {
    key: 'systolicChange',
    label: 'Mean systolic change',
    over: 'bpPatients',
    perPatient: { min: systolicRange.min - systolicRange.max, max: systolicRange.max - systolicRange.min }
  },
  {
    key: 'diastolicChange',
    label: 'Mean diastolic change',
    over: 'bpPatients',
    perPatient: { min: diastolicRange.min - diastolicRange.max, max: diastolicRange.max - diastolicRange.min }
  }
] as const satisfies readonly GridMean[]

export type AuditMeanKey = (typeof auditMeans)[number]['key']

const ons4Means = (question: Ons4Question) => {
  const key = ons4KeyOf[question]
  const over = `${key}Patients` as const
  const perPatient = { min: ONS4_MIN, max: ONS4_MAX }
  return [
    { key: `${key}Baseline` as const, label: `${key} mean at baseline`, over, perPatient, wholeOnly: true },
    { key: `${key}FollowUp` as const, label: `${key} mean at follow-up`, over, perPatient, wholeOnly: true }
  ]
}

/**
 * The wellbeing means: ONS4 answers (0–10) and UCLA-3 totals (3–9) at baseline and at follow-up, on
 * the Wellbeing sheet only (wholeOnly). A UCLA-3 total counted as lonely is 6–9 and any other 3–5, so
 * beside the lonely counts a mean tells a reader more than the 3–9 range: the check knows that too.
 * The mean change is not a figure of its own: the workbook shows it as follow-up minus baseline of
 * the means shown, so it adds nothing a reader could not work out.
 */
export const wellbeingMeans = [
  ...ons4Means('lifeSatisfaction'),
  ...ons4Means('worthwhile'),
  ...ons4Means('happiness'),
  ...ons4Means('anxiety'),
  {
    key: 'ucla3Baseline',
    label: 'UCLA-3 mean at baseline',
    over: 'ucla3Patients',
    perPatient: { min: 3, max: 5 },
    extra: [{ measure: 'ucla3LonelyAtBaseline', min: 3, max: 4 }],
    wholeOnly: true
  },
  {
    key: 'ucla3FollowUp',
    label: 'UCLA-3 mean at follow-up',
    over: 'ucla3Patients',
    perPatient: { min: 3, max: 5 },
    extra: [{ measure: 'ucla3LonelyAtFollowUp', min: 3, max: 4 }],
    wholeOnly: true
  }
] as const satisfies readonly GridMean[]

export type WellbeingMeanKey = (typeof wellbeingMeans)[number]['key']
export type AnyAuditMeanKey = AuditMeanKey | WellbeingMeanKey

/**
 * What holds in every row by how the audit counts (audit-funnel.ts): each funnel stage is a subset
 * of the one it hangs from; the BP table is of invited patients with a baseline and a follow-up, so
 * it holds every followed-up patient and no one uninvited; the outcome splits it exactly; at target
 * is counted within it. Should the counting change, the check refuses figures that break one of
 * these (it would otherwise reason about a table that cannot be) — update them together.
 */
export const auditRelations: readonly MeasureRelation[] = [
  atLeast('eligible', 'invited'),
  atLeast('invited', 'invited2'),
  atLeast('invited2', 'invited3'),
  atLeast('invited', 'booked'),
  atLeast('booked', 'attended'),
  atLeast('attended', 'followedUp'),
  atLeast('invited', 'bpPatients'),
  atLeast('bpPatients', 'followedUp'),
  sumOf('bpPatients', ['reduced', 'unchanged', 'increased']),
  atLeast('bpPatients', 'atTargetBefore'),
  atLeast('bpPatients', 'atTargetAfter')
]

const wellbeingScorePatients = ['phq9Patients', 'gad7Patients', ...Object.values(ons4KeyOf).map((k) => `${k}Patients`), 'ucla3Patients']

/**
 * What holds by how the wellbeing table counts (audit-wellbeing.ts): only invited patients who
 * attended have scores, so the table is within "attended"; a patient is in it with a pair of at least
 * one measure and each measure's patients are within it; reliable change splits PHQ-9 and GAD-7
 * exactly. UCLA-3's four kinds of patient (lonely at both, lonely → not, not → lonely, at neither)
 * are none below zero: the three relations that say so.
 */
export const wellbeingRelations: readonly MeasureRelation[] = [
  atLeast('attended', 'wellbeingPatients'),
  ...wellbeingScorePatients.map((k) => atLeast('wellbeingPatients', k)),
  { left: wellbeingScorePatients, relation: '>=', right: ['wellbeingPatients'] },
  sumOf('phq9Patients', ['phq9Improved', 'phq9Unchanged', 'phq9Worse']),
  sumOf('gad7Patients', ['gad7Improved', 'gad7Unchanged', 'gad7Worse']),
  atLeast('ucla3LonelyAtBaseline', 'ucla3NoLongerLonely'),
  { left: ['ucla3LonelyAtFollowUp', 'ucla3NoLongerLonely'], relation: '>=', right: ['ucla3LonelyAtBaseline'] },
  { left: ['ucla3Patients'], relation: '>=', right: ['ucla3LonelyAtFollowUp', 'ucla3NoLongerLonely'] }
]

const notTaking = Object.entries(adherenceStatusKeyOf).flatMap(([status, key]) => (status === 'taking' ? [] : [key]))

/**
 * Adherence at baseline (audit-adherence.ts): counted for invited patients' first attended visit, so
 * within "attended"; one answer per patient; each reason is given only by a patient not taking their
 * medicines as prescribed (and by each at most once).
 */
export const adherenceRelations: readonly MeasureRelation[] = [
  atLeast('attended', 'adherencePatients'),
  sumOf('adherencePatients', Object.values(adherenceStatusKeyOf)),
  ...Object.values(adherenceReasonKeyOf).map((reason) => ({ left: notTaking, relation: '>=' as const, right: [reason] }))
]

/** The measures, means and relations of an audit with these sections. */
export function auditGridShape(sections: AuditSections): {
  measures: AggregateGrid['measures']
  means: readonly GridMean[]
  relations: readonly MeasureRelation[]
} {
  return {
    measures: [...auditMeasures, ...(sections.wellbeing ? wellbeingMeasures : []), ...(sections.adherence ? adherenceMeasures : [])],
    means: [...auditMeans, ...(sections.wellbeing ? wellbeingMeans : [])],
    relations: [...auditRelations, ...(sections.wellbeing ? wellbeingRelations : []), ...(sections.adherence ? adherenceRelations : [])]
  }
}

/** The relations of an audit with these sections. */
export function auditRelationsFor(sections: AuditSections): readonly MeasureRelation[] {
  return auditGridShape(sections).relations
}

/** A patient as the audit grid reads them. */
export interface AuditGridSubject extends AuditFacts, WellbeingFacts, AdherenceFacts {}

/** A breakdown of the audit: its sheet name, which group a patient is in, and the groups' order. */
export interface AuditBreakdown<T> {
  readonly name: string
  readonly groupOf: (patient: T) => string
  readonly order: readonly string[]
}

/** The funnel counts that are audit measures (all but `invited1`, which the audit does not report on its own). */
function funnelMeasures(funnel: FunnelCounts) {
  return {
    eligible: funnel.eligible,
    invited: funnel.invited,
    invited2: funnel.invited2,
    invited3: funnel.invited3,
    booked: funnel.booked,
    attended: funnel.attended,
    followedUp: funnel.followedUp
  }
}

export function auditCounts(funnel: FunnelCounts, outcome: BpOutcomeSummary): Record<AuditMeasureKey, number> {
  return {
    ...funnelMeasures(funnel),
    bpPatients: outcome.patients,
    reduced: outcome.reduced,
    unchanged: outcome.unchanged,
    increased: outcome.increased,
    atTargetBefore: outcome.atTargetBefore,
    atTargetAfter: outcome.atTargetAfter
  }
}

/** The wellbeing table's counts and, for its means, the sums of the scores. */
function wellbeingFigures(patients: readonly WellbeingFacts[]): { counts: Record<WellbeingMeasureKey, number>; sums: Record<WellbeingMeanKey, number> } {
  const o = wellbeingOutcomeOf(patients)
  const table = patients.filter(inWellbeingTable).map((p) => p.wellbeing)
  const sum = (measure: VisitMeasureId, which: 'baseline' | 'followUp') => table.reduce((a, pairs) => a + (pairs[measure]?.[which] ?? 0), 0)
  const counts: Record<WellbeingMeasureKey, number> = {
    wellbeingPatients: o.patients,
    phq9Patients: o.phq9.patients,
    phq9Improved: o.phq9.improved,
    phq9Unchanged: o.phq9.unchanged,
    phq9Worse: o.phq9.worse,
    gad7Patients: o.gad7.patients,
    gad7Improved: o.gad7.improved,
    gad7Unchanged: o.gad7.unchanged,
    gad7Worse: o.gad7.worse,
    ons4LifeSatisfactionPatients: o.ons4.lifeSatisfaction.patients,
    ons4WorthwhilePatients: o.ons4.worthwhile.patients,
    ons4HappinessPatients: o.ons4.happiness.patients,
    ons4AnxietyPatients: o.ons4.anxiety.patients,
    ucla3Patients: o.ucla3.patients,
    ucla3LonelyAtBaseline: o.ucla3.lonelyAtBaseline,
    ucla3LonelyAtFollowUp: o.ucla3.lonelyAtFollowUp,
    ucla3NoLongerLonely: o.ucla3.noLongerLonely
  }
  const sums = {} as Record<WellbeingMeanKey, number>
  for (const question of Object.keys(ons4KeyOf) as Ons4Question[]) {
    const key = ons4KeyOf[question]
    sums[`${key}Baseline`] = sum(ons4MeasureOf[question], 'baseline')
    sums[`${key}FollowUp`] = sum(ons4MeasureOf[question], 'followUp')
  }
  sums.ucla3Baseline = sum('ucla3', 'baseline')
  sums.ucla3FollowUp = sum('ucla3', 'followUp')
  return { counts, sums }
}

function adherenceCounts(patients: readonly AdherenceFacts[]): Record<AdherenceMeasureKey, number> {
  const a = adherenceAtBaselineOf(patients)
  const counts = { adherencePatients: a.patients } as Record<AdherenceMeasureKey, number>
  for (const [status, key] of Object.entries(adherenceStatusKeyOf)) counts[key] = a.status[status as AdherenceStatus]
  for (const [reason, key] of Object.entries(adherenceReasonKeyOf)) counts[key] = a.reasons[reason as NonAdherenceReason]
  return counts
}

/**
 * The BP table's counts and the sums behind its means, in one pass over the patients: the same
 * counts as bpOutcomeOf (audit-outcome.ts) without its medians (the grid has none), and the sums
 * taken in the very branch that counts a patient, so the means are always over exactly the patients
 * the table counts.
 */
function bpTableFigures(patients: readonly AuditFacts[]): {
  counts: Pick<Record<AuditMeasureKey, number>, 'bpPatients' | 'reduced' | 'unchanged' | 'increased' | 'atTargetBefore' | 'atTargetAfter'>
  sums: { systolicChange: number; diastolicChange: number }
} {
  const counts = { bpPatients: 0, reduced: 0, unchanged: 0, increased: 0, atTargetBefore: 0, atTargetAfter: 0 }
  const sums = { systolicChange: 0, diastolicChange: 0 }
  for (const p of patients) {
    const pair = p.pair
    if (!pair || !inBpTable(p)) continue
    counts.bpPatients++
    counts[systolicOutcome(pair.baseline.systolic, pair.followUp.systolic)]++
    if (pair.atTarget?.baseline) counts.atTargetBefore++
    if (pair.atTarget?.followUp) counts.atTargetAfter++
    sums.systolicChange += pair.followUp.systolic - pair.baseline.systolic
    sums.diastolicChange += pair.followUp.diastolic - pair.baseline.diastolic
  }
  return { counts, sums }
}

/** One row of the grid: the counts of every measure the sections hold, and the sums behind the means. */
export function auditRowOf<T extends AuditGridSubject>(label: string, patients: readonly T[], sections: AuditSections = noSections): GridRow {
  const funnel = funnelOf(patients)
  const bp = bpTableFigures(patients)
  const wellbeing = sections.wellbeing ? wellbeingFigures(patients) : null
  return {
    label,
    counts: {
      ...funnelMeasures(funnel),
      ...bp.counts,
      ...wellbeing?.counts,
      ...(sections.adherence ? adherenceCounts(patients) : {})
    },
    sums: { ...bp.sums, ...wellbeing?.sums }
  }
}

/** Groups in `order` first, the rest A–Z (as the breakdowns list them: audit-outcome.ts breakdownBy). */
function orderedGroups(groups: Iterable<string>, order: readonly string[]): string[] {
  const rank = (g: string) => {
    const i = order.indexOf(g)
    return i === -1 ? order.length : i
  }
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

/** The whole audit and each breakdown as one grid, groups in the order the workbook shows them. */
export function auditGrid<T extends AuditGridSubject>(
  patients: readonly T[],
  breakdowns: readonly AuditBreakdown<T>[],
  sections: AuditSections = noSections
): AggregateGrid {
  const shape = auditGridShape(sections)
  return {
    measures: shape.measures,
    means: shape.means,
    whole: auditRowOf('All patients', patients, sections),
    dimensions: breakdowns.map((b) => {
      const members = new Map<string, T[]>()
      for (const p of patients) {
        const group = b.groupOf(p)
        const list = members.get(group)
        if (list) list.push(p)
        else members.set(group, [p])
      }
      return { name: b.name, groups: orderedGroups(members.keys(), b.order).map((group) => auditRowOf(group, members.get(group) ?? [], sections)) }
    })
  }
}

// --- referrals ----------------------------------------------------------------------------------

export const referralMeasures = [
  { key: 'referred', label: 'Referred' },
  { key: 'accepted', label: 'Accepted' },
  { key: 'attended', label: 'Attended' },
  { key: 'declined', label: 'Declined' },
  { key: 'unknown', label: 'Outcome not known' },
  { key: 'noOutcome', label: 'No outcome recorded' }
] as const satisfies readonly { key: (typeof referralCountKeys)[number]; label: string }[]

/** Each referral holds one outcome, or none yet (audit-referrals.ts). */
export const referralRelations: readonly MeasureRelation[] = [sumOf('referred', ['accepted', 'attended', 'declined', 'unknown', 'noOutcome'])]

/** Every referral and each service's as one grid: the services partition the referrals. Two services of one name are told apart by their id. */
export function referralGrid(referrals: readonly AuditReferral[]): AggregateGrid {
  const services = referralsByService(referrals)
  const names = new Map<string, number>()
  for (const s of services) names.set(s.service, (names.get(s.service) ?? 0) + 1)
  const row = (label: string, counts: Record<(typeof referralCountKeys)[number], number>): GridRow => ({
    label,
    counts: Object.fromEntries(referralCountKeys.map((k) => [k, counts[k]]))
  })
  return {
    measures: referralMeasures,
    whole: row('All services', referralCountsOf(referrals)),
    dimensions: [
      {
        name: 'By service',
        groups: services.map((s) => row((names.get(s.service) ?? 0) > 1 ? `${s.service} (service ${s.serviceId})` : s.service, s))
      }
    ]
  }
}
