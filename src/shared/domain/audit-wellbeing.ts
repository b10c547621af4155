// The wellbeing outcome of an audit (the Time to Talk programme's table, and any programme whose
// visits recorded the questionnaires): for each measure, the patients with a baseline and a
// follow-up score, and what changed between them.
//
// - Baseline: the score at the patient's first attended visit of the programme that recorded the
//   measure. Follow-up: the score at the latest attended visit on a later day that recorded it. Each
//   measure is paired on its own, so a patient asked PHQ-9 twice and GAD-7 once counts for PHQ-9 only.
// - PHQ-9 and GAD-7: reliable improvement / no reliable change / reliable deterioration by the NHS
//   Talking Therapies thresholds (reliable-change.ts): a change smaller than 6 (PHQ-9) or 4 (GAD-7)
//   points may be the questionnaire's own noise, so it is not counted as the review working or failing.
// - ONS4 (four measures, never added up) and UCLA-3: the mean at baseline, at follow-up and the mean
//   change (follow-up minus baseline), over the patients with both; UCLA-3 also counts patients in
//   its "lonely" group (6–9, a research convention: ucla3.ts) at baseline, at follow-up, and those
//   who moved from lonely to not lonely.
// - As for the BP table, only patients the programme invited are counted: a patient it never invited
//   has no place in its outcome. Every patient counted therefore attended (the funnel's "attended").
//
// Pure: the audit service reads the scores of each patient's attended visits (their current record).
import { meanOf } from './audit-outcome'
import type { Ons4Question } from './ons4'
import { reliableChange, type ReliableChange, type ReliableChangeMeasure } from './reliable-change'
import { ucla3Band } from './ucla3'
import { visitMeasureIds, type VisitMeasureId } from './visit-measures'

/** One attended visit of the programme and the scores its record holds (ONS4: each answer). */
export interface VisitScores {
  readonly date: string
  readonly scores: Readonly<Partial<Record<VisitMeasureId, number>>>
}

export interface ScorePair {
  readonly baseline: number
  readonly followUp: number
}

/** A patient's baseline and follow-up of each measure they have both of. */
export type WellbeingPairs = Readonly<Partial<Record<VisitMeasureId, ScorePair>>>

export const noWellbeingPairs: WellbeingPairs = Object.freeze({})

/** ONS4 question → the measure id its answers are stored under. */
export const ons4MeasureOf: Readonly<Record<Ons4Question, VisitMeasureId>> = {
  lifeSatisfaction: 'ons4-life-satisfaction',
  worthwhile: 'ons4-worthwhile',
  happiness: 'ons4-happiness',
  anxiety: 'ons4-anxiety'
}

export const ons4AuditQuestions = ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'] as const satisfies readonly Ons4Question[]

/**
 * Each measure's baseline (first visit recording it) and follow-up (the latest visit on a later day
 * recording it). Visits are taken in date order; two on one day keep the order given (the
 * appointment's).
 */
export function wellbeingPairsOf(visits: readonly VisitScores[]): WellbeingPairs {
  if (visits.length < 2) return noWellbeingPairs
  const ordered = visits.map((v, i) => ({ v, i })).sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i))
  const pairs: Partial<Record<VisitMeasureId, ScorePair>> = {}
  for (const measure of visitMeasureIds) {
    let baseline: { date: string; score: number } | null = null
    let followUp: number | null = null
    for (const { v } of ordered) {
      const score = v.scores[measure]
      if (score === undefined) continue
      if (baseline === null) baseline = { date: v.date, score }
      else if (v.date > baseline.date) followUp = score
    }
    if (baseline !== null && followUp !== null) pairs[measure] = { baseline: baseline.score, followUp }
  }
  return Object.keys(pairs).length === 0 ? noWellbeingPairs : pairs
}

/** What the wellbeing table needs to know about one eligible patient. */
export interface WellbeingFacts {
  invited: boolean
  wellbeing: WellbeingPairs
}

/** The pairs a patient contributes to the table: none unless invited (like the BP table). */
export function wellbeingTablePairs(facts: WellbeingFacts): WellbeingPairs {
  return facts.invited ? facts.wellbeing : noWellbeingPairs
}

/** Whether the patient is in the wellbeing table: invited, with a baseline and a follow-up of at least one measure. */
export function inWellbeingTable(facts: WellbeingFacts): boolean {
  return facts.invited && Object.keys(facts.wellbeing).length > 0
}

export interface ReliableChangeCounts {
  /** Patients with a baseline and a follow-up total: improved + unchanged + worse. */
  patients: number
  improved: number
  unchanged: number
  worse: number
}

export interface ScoreChangeSummary {
  patients: number
  /** To 1 dp; null when there is nobody to average. */
  meanBaseline: number | null
  meanFollowUp: number | null
  /** Follow-up minus baseline: for ONS4 anxiety and UCLA-3 a fall is the better way. */
  meanChange: number | null
}

export interface Ucla3Summary extends ScoreChangeSummary {
  /** In the "lonely" group (6–9) at baseline. */
  lonelyAtBaseline: number
  lonelyAtFollowUp: number
  /** Lonely at baseline and not lonely (3–5) at follow-up. */
  noLongerLonely: number
}

export interface WellbeingOutcomeSummary {
  /** Patients with a baseline and a follow-up of at least one measure. */
  patients: number
  phq9: ReliableChangeCounts
  gad7: ReliableChangeCounts
  ons4: Record<Ons4Question, ScoreChangeSummary>
  ucla3: Ucla3Summary
}

/** Lonely by the grouping the app shows beside the total (ucla3.ts). */
export function isLonely(ucla3Total: number): boolean {
  return ucla3Band(ucla3Total).id === 'lonely'
}

export function reliableChangeCounts(measure: ReliableChangeMeasure, pairs: readonly (ScorePair | undefined)[]): ReliableChangeCounts {
  const counts: Record<ReliableChange, number> = { improved: 0, unchanged: 0, worse: 0 }
  let patients = 0
  for (const pair of pairs) {
    if (!pair) continue
    counts[reliableChange(measure, pair.baseline, pair.followUp)]++
    patients++
  }
  return { patients, ...counts }
}

export function scoreChangeSummary(pairs: readonly (ScorePair | undefined)[]): ScoreChangeSummary {
  const present = pairs.filter((p): p is ScorePair => p !== undefined)
  return {
    patients: present.length,
    meanBaseline: meanOf(present.map((p) => p.baseline)),
    meanFollowUp: meanOf(present.map((p) => p.followUp)),
    meanChange: meanOf(present.map((p) => p.followUp - p.baseline))
  }
}

export function ucla3Summary(pairs: readonly (ScorePair | undefined)[]): Ucla3Summary {
  const present = pairs.filter((p): p is ScorePair => p !== undefined)
  return {
    ...scoreChangeSummary(present),
    lonelyAtBaseline: present.filter((p) => isLonely(p.baseline)).length,
    lonelyAtFollowUp: present.filter((p) => isLonely(p.followUp)).length,
    noLongerLonely: present.filter((p) => isLonely(p.baseline) && !isLonely(p.followUp)).length
  }
}

/** The wellbeing table over the eligible patients (only the invited count: see the top of this file). */
export function wellbeingOutcomeOf(facts: readonly WellbeingFacts[]): WellbeingOutcomeSummary {
  const table = facts.filter(inWellbeingTable).map((f) => f.wellbeing)
  const of = (measure: VisitMeasureId) => table.map((pairs) => pairs[measure])
  return {
    patients: table.length,
    phq9: reliableChangeCounts('phq9', of('phq9')),
    gad7: reliableChangeCounts('gad7', of('gad7')),
    ons4: {
      lifeSatisfaction: scoreChangeSummary(of(ons4MeasureOf.lifeSatisfaction)),
      worthwhile: scoreChangeSummary(of(ons4MeasureOf.worthwhile)),
      happiness: scoreChangeSummary(of(ons4MeasureOf.happiness)),
      anxiety: scoreChangeSummary(of(ons4MeasureOf.anxiety))
    },
    ucla3: ucla3Summary(of('ucla3'))
  }
}
