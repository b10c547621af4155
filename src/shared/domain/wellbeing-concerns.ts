// The "what matters to you" concerns a Time to Talk review starts from: the patient names what is
// on their mind before any questionnaire is asked, so the review follows their priorities. The list
// is the practice's own choice of headings (no national list exists); "other" takes the patient's
// words. The ids are stored; add ids, never rename or drop one.
import type { MeasureProblem } from './scored-measure'

export const wellbeingConcerns = [
  { id: 'worries', label: 'Worries or stress' },
  { id: 'low-mood', label: 'Low mood' },
  { id: 'loneliness', label: 'Loneliness' },
  { id: 'lifestyle', label: 'Lifestyle (activity, eating, smoking, alcohol)' },
  { id: 'money', label: 'Money' },
  { id: 'housing', label: 'Housing' },
  { id: 'caring', label: 'Caring for someone' },
  { id: 'other', label: 'Something else' }
] as const

export type WellbeingConcern = (typeof wellbeingConcerns)[number]['id']

export const CONCERN_TEXT_MAX = 200

export function concernProblems(concerns: readonly WellbeingConcern[], otherConcern: string | null | undefined): MeasureProblem[] {
  const problems: MeasureProblem[] = []
  concerns.forEach((concern, i) => {
    if (!wellbeingConcerns.some((c) => c.id === concern)) {
      problems.push({ field: `concerns[${i}]`, message: `Concern “${String(concern)}” is not one of: ${wellbeingConcerns.map((c) => c.id).join(', ')}.` })
    } else if (concerns.indexOf(concern) !== i) {
      problems.push({ field: `concerns[${i}]`, message: `Concern “${concern}” is given twice.` })
    }
  })
  const other = (otherConcern ?? '').trim()
  if (concerns.includes('other') && other.length === 0) {
    problems.push({ field: 'otherConcern', message: 'Concern “Something else” is chosen: write what matters to the patient.' })
  }
  if (other.length > CONCERN_TEXT_MAX) {
    problems.push({ field: 'otherConcern', message: `The other concern is ${other.length} characters; keep it to ${CONCERN_TEXT_MAX}.` })
  }
  return problems
}
