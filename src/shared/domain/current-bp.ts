// Which blood pressure counts. One place for the rule: every screen, cohort and letter that shows
// a "current BP" gets it from here, with the rule text. Only clinic readings, home averages and
// ABPM daytime / 24-hour averages can be the current BP (bp-measures.ts); night-time averages and
// summaries (minimum, maximum, baseline) are listed as "recorded, not used". And nothing hides a
// severe reading: any reading of the latest reading day at severe level for its own kind is
// reported in `severeReading`, whichever reading the lowest-of-the-day rule picks.
import type { ConsideredReading } from './cohort-entry'
import { type BpMeasure, canBeCurrentBp, measureForSetting, notUsedBecause } from './bp-measures'
import { isSevereReading, severeMargin } from './bp-priority'
import { addMonthsIso } from './iso-date'
import type { BpReading, BpSetting } from './patient-record'
import { formatDateText } from '../format/staff-text'

export type { ConsideredReading }

export interface SevereReading {
  systolic: number
  diastolic: number
  date: string
  setting: BpSetting
  measure: BpMeasure
}

export interface CurrentBp {
  bp: { systolic: number; diastolic: number; date: string; setting: BpSetting } | null
  /**
   * The most severe reading of the latest reading day that is at severe (P1) level for its own kind
   * (clinic ≥ 180/120, home/ABPM ≥ 170/115), whether or not the day's rule picked it; null when none.
   */
  severeReading: SevereReading | null
  /** Every reading in the look-back window, newest first, marked with what it supplied. */
  considered: ConsideredReading[]
  /** The rule applied, in words, shown next to the BP. */
  rule: string
  /** The values `rule` is made from (formatCurrentBpRule): what a snapshot stores instead of the words. */
  ruleValues: (string | number)[]
}

/**
 * The current-BP rule in words from its values: [months, asOf] when there is no reading in the
 * window, else [months, asOf, date, setting, readings counted that day, other settings that day
 * ('' when none)]. currentBloodPressure words its rule with this, and a stored snapshot's BP rule is
 * worded with it when read, so both say the same.
 */
export function formatCurrentBpRule(values: readonly (string | number | null)[]): string {
  const [lookbackMonths, asOf, date, setting, counted, others, notUsed] = values
  const notUsedText =
    Number(notUsed) > 0
      ? `; ${notUsed} recorded value(s) not used: ABPM night-time averages and summaries (minimum, maximum, baseline) are never the current BP (NICE NG136 1.2.6, 1.4.22)`
      : ''
  if (date === undefined || date === null || date === '') {
    return `${NO_RECENT_BP}: no clinic reading, home average or ABPM daytime/24-hour average in the ${lookbackMonths} months to ${formatDateText(String(asOf))} (a separate state, never "controlled")${notUsedText}`
  }
  let rule = `Latest reading in the ${lookbackMonths} months to ${formatDateText(String(asOf))} (${formatDateText(String(date))}, ${setting})`
  if (Number(counted) > 1) {
    rule += `; ${counted} readings that day, so the lowest systolic and lowest diastolic of that day (NICE NG136 1.2.2)`
  }
  if (others) rule += `; ${setting} readings count over ${others} readings taken the same day (NICE NG136 1.4.15)`
  return rule + notUsedText
}

/** What a stored reading measured: its recorded kind, else the usual kind for its setting. */
export function measureOf(reading: BpReading): BpMeasure {
  return reading.measure ?? measureForSetting(reading.setting)
}

export const NO_RECENT_BP = 'no recent BP'

/**
 * Lowest systolic and lowest diastolic of a set of readings taken together (NICE NG136 1.2.2:
 * "record the lower of the last two"; the widely stated QOF same-day rule). The two components may
 * come from different readings. Requires at least one reading.
 */
export function lowestOfReadings(readings: { systolic: number; diastolic: number }[]): { systolic: number; diastolic: number } {
  const first = readings[0]
  if (!first) throw new Error('lowestOfReadings needs at least one reading')
  let systolic = first.systolic
  let diastolic = first.diastolic
  for (const r of readings) {
    if (r.systolic < systolic) systolic = r.systolic
    if (r.diastolic < diastolic) diastolic = r.diastolic
  }
  return { systolic, diastolic }
}

// When the latest day has readings of more than one setting, one setting counts, in this order.
// Clinic first: NICE NG136 1.4.15 monitors treatment with clinic readings, and QOF HYP008/HYP009
// score clinic readings against the clinic threshold; mixing a home systolic with a clinic
// diastolic would compare a number against the wrong target. Ambulatory before home: ABPM is
// NICE's preferred out-of-clinic measure (1.2.3–1.2.4). Home and ambulatory share targets, so the
// order between them only decides the label.
const settingPreference: readonly BpSetting[] = ['clinic', 'ambulatory', 'home']

/**
 * The patient's current BP on `asOf`. The window is (asOf − lookbackMonths, asOf]: a reading dated
 * exactly 12 months before asOf is outside, the as-of day itself is inside — the QOF "preceding 12
 * months" reading (for 31 March 2025 the window starts on 1 April 2024). Readings after asOf are
 * ignored, so an audit as of a past date sees what was known then. The latest date wins; several
 * readings on that date → lowest systolic and lowest diastolic of that date's counting setting.
 */
export function currentBloodPressure(readings: readonly BpReading[], asOf: string, lookbackMonths = 12): CurrentBp {
  const windowStartExclusive = addMonthsIso(asOf, -lookbackMonths)
  const inWindow: BpReading[] = []
  let notUsed = 0
  for (const r of readings) {
    if (r.date > windowStartExclusive && r.date <= asOf) {
      inWindow.push(r)
      if (r.measure !== undefined && !canBeCurrentBp(r.measure)) notUsed++
    }
  }
  if (inWindow.length > 1) inWindow.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  const usable = notUsed === 0 ? inWindow : inWindow.filter((r) => canBeCurrentBp(measureOf(r)))

  const latest = usable[0]
  if (!latest) return new CurrentBpOfWindow(lookbackMonths, asOf, inWindow, notUsed, null)

  const sameDay = usable.length === 1 ? usable : usable.filter((r) => r.date === latest.date)
  let setting = latest.setting
  if (sameDay.length > 1) setting = settingPreference.find((s) => sameDay.some((r) => r.setting === s)) ?? latest.setting
  const counting = sameDay.length === 1 ? sameDay : sameDay.filter((r) => r.setting === setting)
  return new CurrentBpOfWindow(lookbackMonths, asOf, inWindow, notUsed, { date: latest.date, sameDay, setting, counting, lowest: lowestOfReadings(counting) })
}

/** The latest reading day in the window and what counts of it. */
interface LatestDay {
  date: string
  sameDay: readonly BpReading[]
  setting: BpSetting
  counting: readonly BpReading[]
  lowest: { systolic: number; diastolic: number }
}

/**
 * The answer of currentBloodPressure. The readings list and the rule text are only needed for the
 * patients a cohort lists (most patients of a 100k build are not), so they are worked out on first
 * read and kept. A class with its working in private fields, not a plain object given getters one
 * by one: defining three getters on each answer took about nine tenths of the time of working out
 * a practice's current BPs. `toJSON` gives the plain CurrentBp, all five properties, for serialising.
 */
class CurrentBpOfWindow implements CurrentBp {
  readonly bp: CurrentBp['bp']
  readonly severeReading: SevereReading | null
  readonly #lookbackMonths: number
  readonly #asOf: string
  readonly #inWindow: readonly BpReading[]
  readonly #notUsed: number
  readonly #latestDay: LatestDay | null
  #considered: ConsideredReading[] | null = null
  #ruleValues: (string | number)[] | null = null
  #rule: string | null = null

  constructor(lookbackMonths: number, asOf: string, inWindow: readonly BpReading[], notUsed: number, latestDay: LatestDay | null) {
    this.#lookbackMonths = lookbackMonths
    this.#asOf = asOf
    this.#inWindow = inWindow
    this.#notUsed = notUsed
    this.#latestDay = latestDay
    if (latestDay) {
      const { lowest, setting, sameDay } = latestDay
      this.bp = { systolic: lowest.systolic, diastolic: lowest.diastolic, date: latestDay.date, setting }
      this.severeReading = mostSevereOf(sameDay)
    } else {
      this.bp = null
      this.severeReading = null
    }
  }

  get considered(): ConsideredReading[] {
    const day = this.#latestDay
    return (this.#considered ??= day
      ? consideredReadings(this.#inWindow, day.counting, day.lowest, day.date)
      : consideredReadings(this.#inWindow, [], null, null))
  }

  get ruleValues(): (string | number)[] {
    if (this.#ruleValues === null) {
      const day = this.#latestDay
      const months = this.#lookbackMonths
      const notUsed = this.#notUsed
      if (day) this.#ruleValues = ruleValuesOf(months, this.#asOf, day.date, day.setting, day.counting, day.sameDay, notUsed)
      else this.#ruleValues = notUsed > 0 ? [months, this.#asOf, '', '', 0, '', notUsed] : [months, this.#asOf]
    }
    return this.#ruleValues
  }

  get rule(): string {
    return (this.#rule ??= formatCurrentBpRule(this.ruleValues))
  }

  toJSON(): CurrentBp {
    return { bp: this.bp, severeReading: this.severeReading, considered: this.considered, rule: this.rule, ruleValues: this.ruleValues }
  }
}

/**
 * The severe reading of a day that is furthest above its own severe threshold (so a clinic 185/100
 * and a home 172/90 on one day report the clinic reading); null when none is severe.
 */
function mostSevereOf(day: readonly BpReading[]): SevereReading | null {
  let best: SevereReading | null = null
  let bestMargin = -Infinity
  for (const r of day) {
    const margin = severeMargin(r)
    if (margin < 0) continue
    if (margin > bestMargin) {
      bestMargin = margin
      best = { systolic: r.systolic, diastolic: r.diastolic, date: r.date, setting: r.setting, measure: measureOf(r) }
    }
  }
  return best
}

function consideredReadings(
  inWindow: readonly BpReading[],
  counting: readonly BpReading[],
  lowest: { systolic: number; diastolic: number } | null,
  latestDate: string | null
): ConsideredReading[] {
  // The first counting reading that holds each minimum is marked as its supplier.
  const systolicFrom = lowest ? counting.find((r) => r.systolic === lowest.systolic) : undefined
  const diastolicFrom = lowest ? counting.find((r) => r.diastolic === lowest.diastolic) : undefined
  return inWindow.map((r) => {
    const gaveSystolic = r === systolicFrom
    const gaveDiastolic = r === diastolicFrom
    const used = gaveSystolic && gaveDiastolic ? 'both' : gaveSystolic ? 'systolic' : gaveDiastolic ? 'diastolic' : 'none'
    const measure = measureOf(r)
    const reading: ConsideredReading = { date: r.date, systolic: r.systolic, diastolic: r.diastolic, setting: r.setting, used, measure }
    const why = notUsedBecause(measure)
    if (why) reading.notUsedBecause = why
    // Severe flags matter on the latest reading day, where they decide P1 whatever the day's rule picks.
    else if (r.date === latestDate && isSevereReading(r)) reading.severe = true
    return reading
  })
}

function ruleValuesOf(
  lookbackMonths: number,
  asOf: string,
  date: string,
  setting: BpSetting,
  counting: readonly BpReading[],
  sameDay: readonly BpReading[],
  notUsed: number
): (string | number)[] {
  const others = counting.length < sameDay.length ? [...new Set(sameDay.filter((r) => r.setting !== setting).map((r) => r.setting))].join('/') : ''
  const values: (string | number)[] = [lookbackMonths, asOf, date, setting, counting.length, others]
  if (notUsed > 0) values.push(notUsed)
  return values
}
