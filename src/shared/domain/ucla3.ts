// The three-item UCLA loneliness scale (Hughes et al. 2004), the indirect loneliness measure the ONS
// recommends for adults: three questions, each answered 1 (hardly ever or never) to 3 (often),
// added to a total of 3–9, higher meaning lonelier.
//
// Grouping the total: the scale's authors published no cut-off, and the app could not confirm that
// the ONS sets one. Studies using the scale commonly group 6–9 as "lonely" and 3–5 as "not lonely";
// the app shows that grouping beside the total, named as that research convention and never as a
// diagnosis, so that an audit can count patients moving across it. The total is always stored and
// shown, so a practice reporting another grouping loses nothing.
import { bandOf, measureTotal, type MeasureEntry, type MeasureProblem, type ScoreBand, type ScoredMeasure } from './scored-measure'

export const UCLA3_SOURCE =
  'UCLA 3-item loneliness scale: Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT. A short scale for measuring loneliness in large surveys. ' +
  'Res Aging 2004;26(6):655–672. Recommended by the ONS national indicators of loneliness. Free to use.'

export const UCLA3_GROUPING_SOURCE =
  'Grouping 6–9 as lonely and 3–5 as not lonely: a convention of studies using the scale, not a cut-off published by its authors or the ONS; not a diagnosis.'

export const ucla3Answers = [
  { score: 1, label: 'Hardly ever or never' },
  { score: 2, label: 'Some of the time' },
  { score: 3, label: 'Often' }
] as const

export const ucla3: ScoredMeasure = {
  name: 'UCLA-3',
  itemLabels: ['How often do you feel that you lack companionship?', 'How often do you feel left out?', 'How often do you feel isolated from others?'],
  itemMin: 1,
  itemMax: 3
}

export type Ucla3BandId = 'not-lonely' | 'lonely'

export const ucla3Bands: readonly ScoreBand<Ucla3BandId>[] = [
  { id: 'not-lonely', label: 'Not lonely (3–5)', min: 3, max: 5 },
  { id: 'lonely', label: 'Lonely (6–9)', min: 6, max: 9 }
]

export function ucla3Band(total: number): ScoreBand<Ucla3BandId> {
  return bandOf(ucla3Bands, total)
}

export type Ucla3Score = { ok: true; total: number; band: ScoreBand<Ucla3BandId>; from: 'items' | 'total' } | { ok: false; problems: MeasureProblem[] }

export function scoreUcla3(entry: MeasureEntry): Ucla3Score {
  const result = measureTotal(ucla3, entry)
  if (!result.ok) return result
  return { ok: true, total: result.total, band: ucla3Band(result.total), from: result.from }
}
