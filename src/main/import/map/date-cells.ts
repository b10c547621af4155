// The date cells of one export, each distinct text read once. An export's event dates repeat
// (tens of thousands of rows over a few years of dates), so each row looking its date up here
// instead of running parseUkDate's patterns again saves most of the time dates cost while reading.
// The same text always reads the same (parseUkDate is pure), so nothing read changes; the answers
// are shared, so callers only read them. Memory stays flat: past `maxKept` texts the cache starts again.
import { parseUkDate, type UkDateParse } from '../../../shared/domain/uk-date'

/** Distinct date texts kept; a file with more (every row a different day and time) just reads again. */
const maxKept = 20_000

export class DateCells {
  private readonly read = new Map<string, UkDateParse>()

  /** The date cell's text as parseUkDate reads it. */
  parse(text: string): UkDateParse {
    let parsed = this.read.get(text)
    if (parsed === undefined) {
      if (this.read.size >= maxKept) this.read.clear()
      parsed = parseUkDate(text)
      this.read.set(text, parsed)
    }
    return parsed
  }
}
