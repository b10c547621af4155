// Whether a PHQ-9 or GAD-7 total changed by more than measurement error between a baseline and a
// follow-up visit, by the NHS Talking Therapies reliable change thresholds: a fall of at least 6
// points on PHQ-9 (at least 4 on GAD-7) is a reliable improvement, a rise of as much a reliable
// deterioration, anything smaller no reliable change. A smaller change may be noise in the
// questionnaire, so the wellbeing audit must not count it as the review working (or failing).
//
// "Reliable recovery" (moving from above to below the caseness cut-offs as well) is deliberately not
// offered: the app's clinical sources do not give the cut-offs it needs, and a Time to Talk review is
// not a course of therapy.

export const RELIABLE_CHANGE_SOURCE = 'NHS Talking Therapies for anxiety and depression manual (NHS England): reliable change PHQ-9 6 points, GAD-7 4 points.'

export type ReliableChangeMeasure = 'phq9' | 'gad7'
export type ReliableChange = 'improved' | 'unchanged' | 'worse'

export const reliableChangeThresholds: Readonly<Record<ReliableChangeMeasure, { threshold: number; name: string; maxTotal: number }>> = {
  phq9: { threshold: 6, name: 'PHQ-9', maxTotal: 27 },
  gad7: { threshold: 4, name: 'GAD-7', maxTotal: 21 }
}

export const reliableChangeLabels: Record<ReliableChange, string> = {
  improved: 'Reliable improvement',
  unchanged: 'No reliable change',
  worse: 'Reliable deterioration'
}

/**
 * Baseline → follow-up. Lower totals are better on both questionnaires. Throws for a total outside
 * the questionnaire (a caller scores and validates each entry first).
 */
export function reliableChange(measure: ReliableChangeMeasure, baseline: number, followUp: number): ReliableChange {
  const { threshold, name, maxTotal } = reliableChangeThresholds[measure]
  for (const total of [baseline, followUp]) {
    if (!Number.isInteger(total) || total < 0 || total > maxTotal) throw new RangeError(`${name} total ${total} is outside 0–${maxTotal}`)
  }
  const fall = baseline - followUp
  if (fall >= threshold) return 'improved'
  if (-fall >= threshold) return 'worse'
  return 'unchanged'
}
