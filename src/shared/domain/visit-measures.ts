// The questionnaire scores of a visit record, one per measure, as they are stored (visit_measures)
// and shown back: PHQ-9, GAD-7 and UCLA-3 totals with their bands, and each ONS4 answer on its own
// (ONS reports the four questions separately and never adds them up). Scoring is the measures' own
// (phq9.ts, gad7.ts, ons4.ts, ucla3.ts); this file only names each score and says where its bands
// come from, so the screen, the command line and an audit read the same ids.
import { GAD7_SOURCE, gad7Bands, scoreGad7 } from './gad7'
import { ons4AnxietyBands, ons4PositiveBands, ons4Result, ONS4_SOURCE, type Ons4Question } from './ons4'
import { PHQ9_SOURCE, phq9Bands, phq9Item9Prompt, scorePhq9 } from './phq9'
import { scoreUcla3, UCLA3_GROUPING_SOURCE, UCLA3_SOURCE, ucla3Bands } from './ucla3'
import type { VisitRecord } from './visit-forms'

/** Stored and used on the command line and in audits: add ids, never rename or drop one. */
export const visitMeasureIds = ['phq9', 'gad7', 'ons4-life-satisfaction', 'ons4-worthwhile', 'ons4-happiness', 'ons4-anxiety', 'ucla3'] as const

export type VisitMeasureId = (typeof visitMeasureIds)[number]

const ons4MeasureIds: Readonly<Record<Ons4Question, VisitMeasureId>> = {
  lifeSatisfaction: 'ons4-life-satisfaction',
  worthwhile: 'ons4-worthwhile',
  happiness: 'ons4-happiness',
  anxiety: 'ons4-anxiety'
}

const measureNames: Readonly<Record<VisitMeasureId, string>> = {
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  'ons4-life-satisfaction': 'ONS4 life satisfaction',
  'ons4-worthwhile': 'ONS4 worthwhile',
  'ons4-happiness': 'ONS4 happiness',
  'ons4-anxiety': 'ONS4 anxiety',
  ucla3: 'UCLA-3'
}

/** Where each measure's bands come from, short enough to sit beside a live score. */
export const visitMeasureSources: Readonly<Record<'phq9' | 'gad7' | 'ons4' | 'ucla3', { short: string; full: string }>> = {
  phq9: { short: 'bands: Kroenke, Spitzer & Williams 2001', full: PHQ9_SOURCE },
  gad7: { short: 'bands: Spitzer, Kroenke, Williams & Löwe 2006', full: GAD7_SOURCE },
  ons4: { short: 'thresholds: Office for National Statistics', full: ONS4_SOURCE },
  ucla3: { short: 'grouping: a research convention, not an ONS cut-off', full: `${UCLA3_SOURCE} ${UCLA3_GROUPING_SOURCE}` }
}

export interface VisitMeasureScore {
  measure: VisitMeasureId
  /** "PHQ-9", "ONS4 life satisfaction". */
  name: string
  /** The total, or the ONS4 answer. */
  score: number
  band: string
  bandLabel: string
  /** How it was entered: every item, a total (from a paper form), or a single ONS4 answer. */
  enteredAs: 'items' | 'total' | 'answer'
  /** The answers item by item as entered (null for an item left out); null when none were. */
  items: (number | null)[] | null
  source: string
}

function enteredItems(items: readonly (number | null)[] | null | undefined): (number | null)[] | null {
  return items && items.some((a) => a !== null) ? [...items] : null
}

/**
 * The scores of a record that `visitRecordProblems` accepted, in the order the form asks them. A
 * BP review has none. A questionnaire that does not score (the caller skipped validation) is left
 * out rather than stored with a guessed score.
 */
export function visitMeasureScores(record: VisitRecord): VisitMeasureScore[] {
  if (record.form !== 'time-to-talk') return []
  const scores: VisitMeasureScore[] = []
  if (record.phq9) {
    const phq9 = scorePhq9(record.phq9)
    if (phq9.ok) {
      scores.push({
        measure: 'phq9',
        name: measureNames.phq9,
        score: phq9.total,
        band: phq9.band.id,
        bandLabel: phq9.band.label,
        enteredAs: phq9.from,
        items: enteredItems(record.phq9.items),
        source: visitMeasureSources.phq9.short
      })
    }
  }
  if (record.gad7) {
    const gad7 = scoreGad7(record.gad7)
    if (gad7.ok) {
      scores.push({
        measure: 'gad7',
        name: measureNames.gad7,
        score: gad7.total,
        band: gad7.band.id,
        bandLabel: gad7.band.label,
        enteredAs: gad7.from,
        items: enteredItems(record.gad7.items),
        source: visitMeasureSources.gad7.short
      })
    }
  }
  if (record.ons4) {
    for (const answer of ons4Result(record.ons4)) {
      scores.push({
        measure: ons4MeasureIds[answer.question],
        name: measureNames[ons4MeasureIds[answer.question]],
        score: answer.score,
        band: answer.band.id,
        bandLabel: answer.band.label,
        enteredAs: 'answer',
        items: null,
        source: visitMeasureSources.ons4.short
      })
    }
  }
  if (record.ucla3) {
    const ucla3 = scoreUcla3(record.ucla3)
    if (ucla3.ok) {
      scores.push({
        measure: 'ucla3',
        name: measureNames.ucla3,
        score: ucla3.total,
        band: ucla3.band.id,
        bandLabel: ucla3.band.label,
        enteredAs: ucla3.from,
        items: enteredItems(record.ucla3.items),
        source: visitMeasureSources.ucla3.short
      })
    }
  }
  return scores
}

/**
 * The same-day risk prompt the record raises (PHQ-9 item 9 answered above 0), or null. Asked of the
 * record as entered, valid or not, so a refused record still prompts.
 */
export function visitRiskPrompt(record: VisitRecord): string | null {
  return record.form === 'time-to-talk' && record.phq9 ? phq9Item9Prompt(record.phq9) : null
}

function bandsOf(measure: VisitMeasureId): readonly { id: string; label: string }[] {
  switch (measure) {
    case 'phq9':
      return phq9Bands
    case 'gad7':
      return gad7Bands
    case 'ucla3':
      return ucla3Bands
    case 'ons4-anxiety':
      return ons4AnxietyBands
    default:
      return ons4PositiveBands
  }
}

function sourceOf(measure: VisitMeasureId): string {
  if (measure === 'phq9' || measure === 'gad7' || measure === 'ucla3') return visitMeasureSources[measure].short
  return visitMeasureSources.ons4.short
}

/**
 * A score as stored (its band as it was decided when the visit was recorded), named and labelled
 * for a screen. The stored band is kept even if a later version banded differently: it is what the
 * clinician saw.
 */
export function storedMeasureScore(row: {
  measure: VisitMeasureId
  score: number
  band: string
  items: (number | null)[] | null
  enteredAs: VisitMeasureScore['enteredAs']
}): VisitMeasureScore {
  const label = bandsOf(row.measure).find((b) => b.id === row.band)?.label ?? row.band
  return { ...row, name: measureNames[row.measure], bandLabel: label, source: sourceOf(row.measure) }
}
