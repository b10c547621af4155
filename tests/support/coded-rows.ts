// Coded events made the way an import makes them: a row's SNOMED code and exported term go through
// the real code library (resources/codelists) and classifyEvent, and each concept the row stands
// for becomes one event, marked with how it was recognised. Lets a domain test say "the patient has
// 399211009 History of myocardial infarction" instead of naming a concept by hand.
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { classifyEvent } from '../../src/shared/domain/clinical-codes'
import type { CodedEvent } from '../../src/shared/domain/patient-record'

export const shippedLibrary = loadCodeLibrary()

/**
 * The events one export row gives (`code` '' when the export has no code). Throws when the row is
 * not recognised as a condition, so a test cannot pass on a row the app would have dropped.
 */
export function codedRow(code: string, term: string, date: string | null, value: number | null = null): CodedEvent[] {
  const c = classifyEvent(shippedLibrary, code, term)
  if (c.kind !== 'concept') throw new Error(`${code} "${term}" is not a condition row (classified as ${c.kind})`)
  return c.concepts.map((concept) => {
    const event: CodedEvent = { date, concept, code, term, matchedBy: c.via }
    if (concept === 'BMI' && value !== null) event.value = value
    return event
  })
}

/** Several rows, flattened: `rows(['399211009', 'History of myocardial infarction', '2019-04-02'], …)`. */
export function codedRows(...rows: [code: string, term: string, date: string | null, value?: number][]): CodedEvent[] {
  return rows.flatMap(([code, term, date, value]) => codedRow(code, term, date, value ?? null))
}
