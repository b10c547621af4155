// Audit arithmetic: the seed programme's table — of the invited patients with a baseline and a
// follow-up reading, how many had a reduced, unchanged or increased systolic BP — plus the equity
// breakdowns. The funnel's stages (each a subset of the one it hangs from) are audit-funnel.ts; what
// may be shown outside the practice (small counts, and counts that would give one away) is
// disclosure-control.ts, the one place that rule lives. Pure: the audit service gathers the facts,
// everything counted is counted here.
import { funnelOf, inBpTable, type FunnelCounts, type FunnelFacts } from './audit-funnel'
import { isControlled, targetFor } from './bp-targets'
import { currentBloodPressure } from './current-bp'
import type { BpReading, BpSetting } from './patient-record'

export type OutcomeDirection = 'reduced' | 'unchanged' | 'increased'

export interface AuditBp {
  systolic: number
  diastolic: number
  date: string
  setting: BpSetting
}

export type BaselineSource = 'first-clinic-visit' | 'before-invitation'

export interface BaselineAndFollowUp {
  baseline: (AuditBp & { source: BaselineSource }) | null
  followUp: AuditBp | null
}

/**
 * Systolic change direction. The seed programme reported "no change" separately (4 of 114), which
 * with whole-mmHg readings means the same number: any fall is "reduced", any rise "increased".
 */
export function systolicOutcome(baselineSystolic: number, followUpSystolic: number): OutcomeDirection {
  const change = followUpSystolic - baselineSystolic
  return change < 0 ? 'reduced' : change > 0 ? 'increased' : 'unchanged'
}

/** One decimal place, halves away from zero (57.894… → 57.9; 12.25 → 12.3). */
export function roundTo1dp(value: number): number {
  const scaled = Math.round(Math.abs(value) * 10 + 1e-9) / 10
  return value < 0 ? -scaled : scaled
}

/** Percentage of `total`, to 1 dp; 0 when there is nothing to divide by (an empty audit is 0%, not NaN). */
export function percentOf(count: number, total: number): number {
  return total > 0 ? roundTo1dp((count / total) * 100) : 0
}

export function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return roundTo1dp(values.reduce((a, b) => a + b, 0) / values.length)
}

export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null
  // A typed array sorts numerically without a comparator: much faster for a PCN's 100k changes.
  const sorted = Float64Array.from(values).sort()
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] ?? 0
  return sorted.length % 2 === 1 ? upper : roundTo1dp(((sorted[mid - 1] ?? 0) + upper) / 2)
}

export interface OutcomePair {
  baseline: { systolic: number; diastolic: number }
  followUp: { systolic: number; diastolic: number }
  /** Within the patient's target at baseline and at follow-up (the audit reports the proportion at target before and after). */
  atTarget?: { baseline: boolean; followUp: boolean }
}

export interface BpOutcomeSummary {
  patients: number
  reduced: number
  unchanged: number
  increased: number
  reducedPercent: number
  unchangedPercent: number
  increasedPercent: number
  meanSystolicChange: number | null
  meanDiastolicChange: number | null
  medianSystolicChange: number | null
  medianDiastolicChange: number | null
  /** Of `patients`, how many were within their BP target at baseline and at follow-up. */
  atTargetBefore: number
  atTargetAfter: number
  atTargetBeforePercent: number
  atTargetAfterPercent: number
}

/** The seed table for a set of patients with both readings. Changes are follow-up minus baseline. */
export function summariseBpOutcome(pairs: readonly OutcomePair[]): BpOutcomeSummary {
  const counts: Record<OutcomeDirection, number> = { reduced: 0, unchanged: 0, increased: 0 }
  const systolic: number[] = []
  const diastolic: number[] = []
  let atTargetBefore = 0
  let atTargetAfter = 0
  for (const p of pairs) {
    counts[systolicOutcome(p.baseline.systolic, p.followUp.systolic)]++
    if (p.atTarget?.baseline) atTargetBefore++
    if (p.atTarget?.followUp) atTargetAfter++
    systolic.push(p.followUp.systolic - p.baseline.systolic)
    diastolic.push(p.followUp.diastolic - p.baseline.diastolic)
  }
  const n = pairs.length
  return {
    patients: n,
    ...counts,
    reducedPercent: percentOf(counts.reduced, n),
    unchangedPercent: percentOf(counts.unchanged, n),
    increasedPercent: percentOf(counts.increased, n),
    meanSystolicChange: meanOf(systolic),
    meanDiastolicChange: meanOf(diastolic),
    medianSystolicChange: medianOf(systolic),
    medianDiastolicChange: medianOf(diastolic),
    atTargetBefore,
    atTargetAfter,
    atTargetBeforePercent: percentOf(atTargetBefore, n),
    atTargetAfterPercent: percentOf(atTargetAfter, n)
  }
}

/**
 * Whether a baseline or follow-up BP was within the patient's target (QOF mode: HYP008
 * ≤140/90 aged 79 or under, HYP009 ≤150/90 aged 80 or over; home/ambulatory 5 mmHg lower), with the
 * age on the day of the reading. Both systolic and diastolic must be within target.
 */
export function withinAuditTarget(bp: AuditBp, ageOnReadingDay: number | null): boolean {
  if (ageOnReadingDay === null) return false
  return isControlled(bp, targetFor('qof', ageOnReadingDay, bp.setting))
}

// Readings are compared by the same rule as everywhere else (current-bp.ts): the latest
// day, clinic readings first, lowest systolic and lowest diastolic of that day. The audit looks at
// any date, so the look-back window is made wide enough never to cut anything off.
const WHOLE_RECORD_MONTHS = 12 * 200

/**
 * Lowest-of BP of the latest day among `readings` up to `asOf`, or null when there are none.
 * The audit asks this of each of a PCN's invited patients, many with nothing to look at (no
 * follow-up yet), so no readings is answered here: currentBloodPressure's answer then is no BP.
 */
export function bpOfLatestDay(readings: readonly BpReading[], asOf: string): AuditBp | null {
  if (readings.length === 0) return null
  return currentBloodPressure(readings, asOf, WHOLE_RECORD_MONTHS).bp
}

/** Look-back for a "before invitation" baseline: the reading the cohort itself would have used. */
export const BASELINE_LOOKBACK_MONTHS = 12

export interface BaselineInput {
  /** Attended clinic visits up to the as-of date, each with the BP readings taken at it. */
  visits: ReadonlyArray<{ date: string; readings: readonly BpReading[] }>
  /** Every reading of the patient (imported and from visits). */
  readings: readonly BpReading[]
  firstInvitedOn: string | null
  asOf: string
}

/**
 * Baseline: the BP of the first attended clinic visit (lowest of its readings), else the
 * latest reading in the 12 months up to the first invitation. Follow-up: the latest reading dated
 * after the baseline day, up to the as-of date (a later visit or a reading a later import brought),
 * so the audit shows where each patient is now.
 */
export function selectBaselineAndFollowUp(input: BaselineInput): BaselineAndFollowUp {
  // Run once for each of a PCN's invited patients: the filter is already a copy to sort (stable, so
  // two visits on one day keep the order given), and one visit needs no sorting.
  const visits = input.visits.filter((v) => v.date <= input.asOf && v.readings.length > 0)
  if (visits.length > 1) visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  let baseline: BaselineAndFollowUp['baseline'] = null
  const firstVisit = visits[0]
  if (firstVisit) {
    // A visit's readings count on the visit's day; most were taken that day already, and those are
    // passed as they are rather than copied unchanged.
    const bp = bpOfLatestDay(
      firstVisit.readings.map((r) => (r.date === firstVisit.date ? r : { ...r, date: firstVisit.date })),
      firstVisit.date
    )
    if (bp) baseline = { ...bp, source: 'first-clinic-visit' }
  }
  if (!baseline && input.firstInvitedOn && input.firstInvitedOn <= input.asOf) {
    const bp = currentBloodPressure(input.readings, input.firstInvitedOn, BASELINE_LOOKBACK_MONTHS).bp
    if (bp) baseline = { ...bp, source: 'before-invitation' }
  }
  if (!baseline) return { baseline: null, followUp: null }
  const baselineDate = baseline.date
  const followUp = bpOfLatestDay(
    input.readings.filter((r) => r.date > baselineDate),
    input.asOf
  )
  return { baseline, followUp }
}

/** Age bands for the equity breakdown and for pseudonymised exports (no dates of birth). */
export function ageBand(age: number | null): string {
  if (age === null || !Number.isFinite(age)) return 'Unknown'
  if (age < 18) return 'Under 18'
  if (age < 40) return '18–39'
  if (age < 60) return '40–59'
  if (age < 80) return '60–79'
  return '80+'
}

export const ageBandOrder = ['18–39', '40–59', '60–79', '80+', 'Under 18', 'Unknown'] as const

/** IMD quintile from the decile (1 = most deprived); Core20 = deciles 1–2 = quintile 1. */
export function imdQuintileLabel(decile: number | null): string {
  if (decile === null || decile < 1 || decile > 10) return 'Unknown'
  const q = Math.ceil(decile / 2)
  return q === 1 ? '1 (most deprived, Core20)' : q === 5 ? '5 (least deprived)' : String(q)
}

// --- funnel and breakdowns ----------------------------------------------------------------------

export { funnelOf, type FunnelCounts } from './audit-funnel'

/** What the funnel, the BP table and the breakdowns need to know about one eligible patient. */
export interface AuditFacts extends FunnelFacts {
  pair: OutcomePair | null
}

/** The BP table over the patients who belong in it (invited, with a baseline and a follow-up: audit-funnel.ts). */
export function bpOutcomeOf(facts: readonly AuditFacts[]): BpOutcomeSummary {
  return summariseBpOutcome(facts.flatMap((f) => (f.pair && inBpTable(f) ? [f.pair] : [])))
}

export interface BreakdownRow {
  group: string
  funnel: FunnelCounts
  outcome: BpOutcomeSummary
}

/** Funnel and outcome per group (ethnic group, age band, sex, IMD quintile, Core20), groups in `order` first. */
export function breakdownBy<T extends AuditFacts>(rows: readonly T[], groupOf: (row: T) => string, order: readonly string[] = []): BreakdownRow[] {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = groupOf(row)
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  const rank = (g: string) => {
    const i = order.indexOf(g)
    return i === -1 ? order.length : i
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([group, list]) => ({
      group,
      funnel: funnelOf(list),
      outcome: bpOutcomeOf(list)
    }))
}
