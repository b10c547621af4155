// A questionnaire scored by adding its items (PHQ-9, GAD-7, UCLA-3) and read through bands of its
// total. The clinician may enter it item by item or as a total only (a patient who filled in a paper
// form at home brings the total); both entered must agree, because a mistyped total would put the
// patient in the wrong band and change what the clinician does next. Nothing is guessed: an entry
// that does not give a total, or gives an impossible one, is refused with the reason in words.

/** One band of a total, inclusive at both ends: PHQ-9 "mild" is 5–9. */
export interface ScoreBand<Id extends string> {
  readonly id: Id
  readonly label: string
  readonly min: number
  readonly max: number
}

export interface ScoredMeasure {
  /** The name the app shows: "PHQ-9". */
  readonly name: string
  /** Short wording of each item, in the order of the questionnaire. */
  readonly itemLabels: readonly string[]
  readonly itemMin: number
  readonly itemMax: number
}

/**
 * What was entered. `items` holds one answer per item in order, null for an item not answered; it
 * may be left out when only the total was entered. A total left out (or null) is worked out from the
 * items when every item is answered.
 */
export interface MeasureEntry {
  readonly items?: readonly (number | null)[] | null
  readonly total?: number | null
}

/** A problem with an entry: the field it is about (`items[3]`, `total`) and what is wrong, in words. */
export interface MeasureProblem {
  readonly field: string
  readonly message: string
}

export type MeasureTotal = { ok: true; total: number; from: 'items' | 'total' } | { ok: false; problems: MeasureProblem[] }

export function totalRange(measure: ScoredMeasure): { min: number; max: number } {
  const count = measure.itemLabels.length
  return { min: measure.itemMin * count, max: measure.itemMax * count }
}

/** The band a total falls in. Throws for a total outside the measure: a caller must validate first. */
export function bandOf<Id extends string>(bands: readonly ScoreBand<Id>[], total: number): ScoreBand<Id> {
  const band = bands.find((b) => total >= b.min && total <= b.max)
  if (!Number.isInteger(total) || !band) throw new RangeError(`${total} is not a score any band covers`)
  return band
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)

function itemName(measure: ScoredMeasure, index: number): string {
  return `${measure.name} item ${index + 1} (${measure.itemLabels[index] ?? 'unknown item'})`
}

function itemProblems(measure: ScoredMeasure, items: readonly (number | null)[]): MeasureProblem[] {
  const count = measure.itemLabels.length
  if (items.length !== count) {
    return [{ field: 'items', message: `${measure.name} has ${count} items; ${items.length} were given.` }]
  }
  const problems: MeasureProblem[] = []
  items.forEach((answer, index) => {
    if (answer === null) return
    if (!isWhole(answer) || answer < measure.itemMin || answer > measure.itemMax) {
      problems.push({
        field: `items[${index}]`,
        message: `${itemName(measure, index)} is ${String(answer)}; each answer is a whole number from ${measure.itemMin} to ${measure.itemMax}.`
      })
    }
  })
  return problems
}

/**
 * The total of an entry, or every reason it has none. Items and a total given together must agree;
 * with some items unanswered the total entered must still be possible given the items that were.
 */
export function measureTotal(measure: ScoredMeasure, entry: MeasureEntry): MeasureTotal {
  const { min, max } = totalRange(measure)
  const items = entry.items ?? null
  const total = entry.total ?? null
  const problems: MeasureProblem[] = items ? itemProblems(measure, items) : []
  if (total !== null && (!isWhole(total) || total < min || total > max)) {
    problems.push({ field: 'total', message: `${measure.name} total ${String(total)} is outside ${min}–${max}; enter a whole number in that range.` })
  }
  if (problems.length > 0) return { ok: false, problems }

  const answered = (items ?? []).filter((a): a is number => a !== null)
  const answeredSum = answered.reduce((sum, a) => sum + a, 0)
  const unanswered = measure.itemLabels.length - answered.length

  if (total === null) {
    if (items === null || answered.length === 0) {
      return { ok: false, problems: [{ field: 'total', message: `${measure.name}: enter the answer to each item, or the total.` }] }
    }
    if (unanswered > 0) {
      const missing = (items ?? []).flatMap((a, i) => (a === null ? [String(i + 1)] : [])).join(', ')
      return {
        ok: false,
        problems: [
          { field: 'items', message: `${measure.name}: item${unanswered > 1 ? 's' : ''} ${missing} not answered; answer every item, or enter the total.` }
        ]
      }
    }
    return { ok: true, total: answeredSum, from: 'items' }
  }

  if (unanswered === 0 && answeredSum !== total) {
    return {
      ok: false,
      problems: [{ field: 'total', message: `${measure.name}: the items add up to ${answeredSum} but the total entered is ${total}; correct one of them.` }]
    }
  }
  const lowest = answeredSum + unanswered * measure.itemMin
  const highest = answeredSum + unanswered * measure.itemMax
  if (total < lowest || total > highest) {
    return {
      ok: false,
      problems: [
        {
          field: 'total',
          message: `${measure.name}: the total entered is ${total}, but with the items answered it can only be ${lowest}–${highest}; correct the total or the items.`
        }
      ]
    }
  }
  return { ok: true, total, from: unanswered === 0 ? 'items' : 'total' }
}
