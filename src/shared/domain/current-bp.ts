// Which blood pressure counts (spec §4.1; clinical-reference §2.5). One place for the rule: every
// screen, cohort and letter that shows a "current BP" gets it from here, with the rule text.
import type { z } from 'zod'
import type { ConsideredReading as ConsideredReadingSchema } from '../contract'
import { addMonthsIso } from './iso-date'
import type { BpReading, BpSetting } from './patient-record'

export type ConsideredReading = z.output<typeof ConsideredReadingSchema>

export interface CurrentBp {
  bp: { systolic: number; diastolic: number; date: string; setting: BpSetting } | null
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
  const [lookbackMonths, asOf, date, setting, counted, others] = values
  if (date === undefined) {
    return `${NO_RECENT_BP}: no reading in the ${lookbackMonths} months to ${asOf} (a separate state, never "controlled"; spec §4.1)`
  }
  let rule = `Latest reading in the ${lookbackMonths} months to ${asOf} (${date}, ${setting})`
  if (Number(counted) > 1) {
    rule += `; ${counted} readings that day, so the lowest systolic and lowest diastolic of that day (NICE NG136 1.2.2)`
  }
  if (others) rule += `; ${setting} readings count over ${others} readings taken the same day (NICE NG136 1.4.15)`
  return rule
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
export function currentBloodPressure(readings: BpReading[], asOf: string, lookbackMonths = 12): CurrentBp {
  const windowStartExclusive = addMonthsIso(asOf, -lookbackMonths)
  const inWindow: BpReading[] = []
  for (const r of readings) if (r.date > windowStartExclusive && r.date <= asOf) inWindow.push(r)
  if (inWindow.length > 1) inWindow.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))

  const latest = inWindow[0]
  if (!latest) {
    const ruleValues = [lookbackMonths, asOf]
    return { bp: null, considered: [], rule: formatCurrentBpRule(ruleValues), ruleValues }
  }

  const sameDay = inWindow.length === 1 ? inWindow : inWindow.filter((r) => r.date === latest.date)
  let setting = latest.setting
  if (sameDay.length > 1) setting = settingPreference.find((s) => sameDay.some((r) => r.setting === s)) ?? latest.setting
  const counting = sameDay.length === 1 ? sameDay : sameDay.filter((r) => r.setting === setting)
  const lowest = lowestOfReadings(counting)
  const bp = { systolic: lowest.systolic, diastolic: lowest.diastolic, date: latest.date, setting }

  // The readings list and the rule text are only needed for patients a cohort lists (most patients
  // of a 100k build are not), so they are worked out on first read — as own, enumerable properties,
  // so the result still compares and serialises as a plain object.
  let considered: ConsideredReading[] | null = null
  let ruleValues: (string | number)[] | null = null
  const result = { bp } as CurrentBp
  Object.defineProperty(result, 'considered', {
    enumerable: true,
    get: () => (considered ??= consideredReadings(inWindow, counting, lowest))
  })
  Object.defineProperty(result, 'ruleValues', {
    enumerable: true,
    get: () => (ruleValues ??= ruleValuesOf(lookbackMonths, asOf, latest.date, setting, counting, sameDay))
  })
  let rule: string | null = null
  Object.defineProperty(result, 'rule', {
    enumerable: true,
    get: () => (rule ??= formatCurrentBpRule(result.ruleValues))
  })
  return result
}

function consideredReadings(
  inWindow: readonly BpReading[],
  counting: readonly BpReading[],
  lowest: { systolic: number; diastolic: number }
): ConsideredReading[] {
  // The first counting reading that holds each minimum is marked as its supplier.
  const systolicFrom = counting.find((r) => r.systolic === lowest.systolic)
  const diastolicFrom = counting.find((r) => r.diastolic === lowest.diastolic)
  return inWindow.map((r) => {
    const gaveSystolic = r === systolicFrom
    const gaveDiastolic = r === diastolicFrom
    const used = gaveSystolic && gaveDiastolic ? 'both' : gaveSystolic ? 'systolic' : gaveDiastolic ? 'diastolic' : 'none'
    return { date: r.date, systolic: r.systolic, diastolic: r.diastolic, setting: r.setting, used }
  })
}

function ruleValuesOf(
  lookbackMonths: number,
  asOf: string,
  date: string,
  setting: BpSetting,
  counting: readonly BpReading[],
  sameDay: readonly BpReading[]
): (string | number)[] {
  const others = counting.length < sameDay.length ? [...new Set(sameDay.filter((r) => r.setting !== setting).map((r) => r.setting))].join('/') : ''
  return [lookbackMonths, asOf, date, setting, counting.length, others]
}
