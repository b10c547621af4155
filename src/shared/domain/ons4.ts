// ONS4, the Office for National Statistics' four personal well-being questions, each answered 0
// ("not at all") to 10 ("completely"). They are four measures, not one: ONS never adds them up, and
// reports each in its own thresholds. For anxiety a higher score is worse, so its bands run the other
// way. A question the patient chose not to answer is left out (null), as ONS does, rather than
// counted as 0.
import { bandOf, type MeasureProblem, type ScoreBand } from './scored-measure'

export const ONS4_SOURCE =
  'ONS4: Office for National Statistics, personal well-being questions and thresholds (Personal well-being user guidance). Free to use.'

export type Ons4Question = 'lifeSatisfaction' | 'worthwhile' | 'happiness' | 'anxiety'

export const ons4Questions: readonly { id: Ons4Question; label: string; wording: string }[] = [
  { id: 'lifeSatisfaction', label: 'Life satisfaction', wording: 'Overall, how satisfied are you with your life nowadays?' },
  { id: 'worthwhile', label: 'Worthwhile', wording: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?' },
  { id: 'happiness', label: 'Happiness', wording: 'Overall, how happy did you feel yesterday?' },
  {
    id: 'anxiety',
    label: 'Anxiety',
    wording: 'On a scale where 0 is “not at all anxious” and 10 is “completely anxious”, overall, how anxious did you feel yesterday?'
  }
]

export const ONS4_MIN = 0
export const ONS4_MAX = 10

export type Ons4BandId = 'very-low' | 'low' | 'medium' | 'high' | 'very-high'

export type Ons4Band = ScoreBand<Ons4BandId>

/** Life satisfaction, worthwhile and happiness: higher is better. */
export const ons4PositiveBands: readonly Ons4Band[] = [
  { id: 'low', label: 'Low', min: 0, max: 4 },
  { id: 'medium', label: 'Medium', min: 5, max: 6 },
  { id: 'high', label: 'High', min: 7, max: 8 },
  { id: 'very-high', label: 'Very high', min: 9, max: 10 }
]

/** Anxiety: higher is worse, so "high" here is the concerning end. */
export const ons4AnxietyBands: readonly Ons4Band[] = [
  { id: 'very-low', label: 'Very low', min: 0, max: 1 },
  { id: 'low', label: 'Low', min: 2, max: 3 },
  { id: 'medium', label: 'Medium', min: 4, max: 5 },
  { id: 'high', label: 'High', min: 6, max: 10 }
]

export function ons4BandsFor(question: Ons4Question): readonly Ons4Band[] {
  return question === 'anxiety' ? ons4AnxietyBands : ons4PositiveBands
}

/** The band of one answer. Throws for a score outside 0–10: validate first. */
export function ons4Band(question: Ons4Question, score: number): Ons4Band {
  return bandOf(ons4BandsFor(question), score)
}

/** The four answers; null for a question not answered. */
export type Ons4Answers = Readonly<Record<Ons4Question, number | null>>

/** Problems in words, each naming its question; none when every answer given is a whole number 0–10 and at least one is given. */
export function ons4Problems(answers: Ons4Answers): MeasureProblem[] {
  const problems: MeasureProblem[] = []
  let answered = 0
  for (const question of ons4Questions) {
    const score = answers[question.id]
    if (score === null || score === undefined) continue
    answered += 1
    if (!Number.isInteger(score) || score < ONS4_MIN || score > ONS4_MAX) {
      problems.push({ field: question.id, message: `ONS4 ${question.label.toLowerCase()} is ${String(score)}; answers are whole numbers from 0 to 10.` })
    }
  }
  if (answered === 0) problems.push({ field: '', message: 'ONS4: no question is answered; answer at least one, or leave ONS4 out.' })
  return problems
}

/** Each answered question with its band, in the order ONS asks them. Call it once `ons4Problems` finds none. */
export function ons4Result(answers: Ons4Answers): { question: Ons4Question; label: string; score: number; band: Ons4Band }[] {
  return ons4Questions.flatMap((q) => {
    const score = answers[q.id]
    return score === null || score === undefined ? [] : [{ question: q.id, label: q.label, score, band: ons4Band(q.id, score) }]
  })
}
