// PHQ-9, the nine-item depression questionnaire asked at a Time to Talk review: each item "over the
// last 2 weeks", answered 0 (not at all) to 3 (nearly every day); the total 0–27 read in the
// authors' severity bands. Item 9 asks about thoughts of being better off dead or of self-harm; any
// answer above 0 must be acted on the same day, so the app raises a risk prompt for the clinician
// whatever else is wrong with the entry, and a PHQ-9 entered as a total only still needs item 9.
import { bandOf, measureTotal, type MeasureEntry, type MeasureProblem, type ScoreBand, type ScoredMeasure } from './scored-measure'

export const PHQ9_SOURCE =
  'PHQ-9: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606–613. ' +
  'Developed with an educational grant from Pfizer Inc.; free to use, no permission needed to reproduce it.'

/** The answers to every PHQ-9 (and GAD-7) item, by score. */
export const twoWeekFrequencyAnswers = [
  { score: 0, label: 'Not at all' },
  { score: 1, label: 'Several days' },
  { score: 2, label: 'More than half the days' },
  { score: 3, label: 'Nearly every day' }
] as const

export const phq9: ScoredMeasure = {
  name: 'PHQ-9',
  itemLabels: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself, or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things',
    'Moving or speaking slowly, or being fidgety or restless',
    'Thoughts that you would be better off dead, or of hurting yourself'
  ],
  itemMin: 0,
  itemMax: 3
}

/** Item 9's position in `items` (the ninth item). */
export const PHQ9_ITEM9_INDEX = 8

export type Phq9BandId = 'none-minimal' | 'mild' | 'moderate' | 'moderately-severe' | 'severe'

export const phq9Bands: readonly ScoreBand<Phq9BandId>[] = [
  { id: 'none-minimal', label: 'None–minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
  { id: 'severe', label: 'Severe', min: 20, max: 27 }
]

export function phq9Band(total: number): ScoreBand<Phq9BandId> {
  return bandOf(phq9Bands, total)
}

/**
 * Item 9 as entered: 'above-0' raises the same-day risk prompt. Any number above 0 counts, even one
 * outside 0–3 that validation will refuse: a prompt shown for a typing slip costs a question, a
 * prompt missed can cost a life.
 */
export type Phq9Item9 = 'above-0' | 'zero' | 'not-answered'

export function phq9Item9(entry: MeasureEntry): Phq9Item9 {
  const answer = entry.items?.[PHQ9_ITEM9_INDEX] ?? null
  if (typeof answer !== 'number' || Number.isNaN(answer)) return 'not-answered'
  return answer > 0 ? 'above-0' : 'zero'
}

/** The words of the same-day risk prompt, or null when item 9 was answered 0 or not at all. */
export function phq9Item9Prompt(entry: MeasureEntry): string | null {
  if (phq9Item9(entry) !== 'above-0') return null
  const answer = entry.items?.[PHQ9_ITEM9_INDEX]
  const label = twoWeekFrequencyAnswers.find((a) => a.score === answer)?.label ?? `a score of ${String(answer)}`
  return (
    `PHQ-9 item 9 (thoughts of being better off dead or of hurting themselves) was answered “${label}”. ` +
    'Assess the risk today, before the patient leaves, and follow the practice’s same-day procedure for risk of suicide or self-harm.'
  )
}

export type Phq9Score =
  | { ok: true; total: number; band: ScoreBand<Phq9BandId>; from: 'items' | 'total'; item9: Phq9Item9 }
  | { ok: false; problems: MeasureProblem[]; item9: Phq9Item9 }

/**
 * The PHQ-9 total and band, or every problem in words. `item9` is reported in both cases so the
 * risk prompt never waits for the rest of the entry to be corrected.
 */
export function scorePhq9(entry: MeasureEntry): Phq9Score {
  const item9 = phq9Item9(entry)
  const result = measureTotal(phq9, entry)
  const problems = result.ok ? [] : [...result.problems]
  if (item9 === 'not-answered' && !problems.some((p) => p.field === `items[${PHQ9_ITEM9_INDEX}]`)) {
    problems.push({
      field: `items[${PHQ9_ITEM9_INDEX}]`,
      message:
        'PHQ-9 item 9 (thoughts that you would be better off dead, or of hurting yourself) is not answered. Ask it, even when only the total is entered: an answer above 0 needs a risk assessment the same day.'
    })
  }
  if (!result.ok || problems.length > 0) return { ok: false, problems, item9 }
  return { ok: true, total: result.total, band: phq9Band(result.total), from: result.from, item9 }
}
