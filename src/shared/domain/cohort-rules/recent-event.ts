// Shared by the exclusions that look for a code "in the last 12 months" (QOF HYP008 rules 3–6).
import type { ClinicalConcept } from '../clinical-concepts'
import { addMonthsIso } from '../iso-date'
import type { CodedEvent } from '../patient-record'

/**
 * The latest event of one of the concepts dated within (asOf − months, asOf]. Undated events are
 * not "within the last 12 months": a flag without a date cannot show it is recent.
 */
export function latestEventWithin(events: readonly CodedEvent[], concepts: readonly ClinicalConcept[], asOf: string, months: number): CodedEvent | null {
  const from = addMonthsIso(asOf, -months)
  let best: CodedEvent | null = null
  for (const e of events) {
    if (!concepts.includes(e.concept) || e.date === null || e.date <= from || e.date > asOf) continue
    if (best === null || (best.date !== null && e.date > best.date)) best = e
  }
  return best
}

/** The latest event of one of the concepts on or before asOf, at any date (undated included). */
export function latestEventEver(events: readonly CodedEvent[], concepts: readonly ClinicalConcept[], asOf: string): CodedEvent | null {
  let best: CodedEvent | null = null
  for (const e of events) {
    if (!concepts.includes(e.concept) || (e.date !== null && e.date > asOf)) continue
    if (best === null || (e.date ?? '') > (best.date ?? '')) best = e
  }
  return best
}
