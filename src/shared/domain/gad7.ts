// GAD-7, the seven-item anxiety questionnaire asked at a Time to Talk review: each item "over the
// last 2 weeks", answered 0 (not at all) to 3 (nearly every day), as PHQ-9; the total 0–21 read in
// the authors' bands (cut-points 5, 10 and 15).
import { bandOf, measureTotal, type MeasureEntry, type MeasureProblem, type ScoreBand, type ScoredMeasure } from './scored-measure'

export { twoWeekFrequencyAnswers as gad7Answers } from './phq9'

export const GAD7_SOURCE =
  'GAD-7: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. ' +
  'Arch Intern Med 2006;166:1092–1097. Developed with an educational grant from Pfizer Inc.; free to use, no permission needed to reproduce it.'

export const gad7: ScoredMeasure = {
  name: 'GAD-7',
  itemLabels: [
    'Feeling nervous, anxious or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen'
  ],
  itemMin: 0,
  itemMax: 3
}

export type Gad7BandId = 'minimal' | 'mild' | 'moderate' | 'severe'

export const gad7Bands: readonly ScoreBand<Gad7BandId>[] = [
  { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'severe', label: 'Severe', min: 15, max: 21 }
]

export function gad7Band(total: number): ScoreBand<Gad7BandId> {
  return bandOf(gad7Bands, total)
}

export type Gad7Score = { ok: true; total: number; band: ScoreBand<Gad7BandId>; from: 'items' | 'total' } | { ok: false; problems: MeasureProblem[] }

export function scoreGad7(entry: MeasureEntry): Gad7Score {
  const result = measureTotal(gad7, entry)
  if (!result.ok) return result
  return { ok: true, total: result.total, band: gad7Band(result.total), from: result.from }
}
