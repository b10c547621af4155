// Whether a coded diagnosis is still active on a date: the latest diagnosis not followed by a
// resolution code (the QOF register pattern, e.g. HYP_COD / HYPRES_COD, DM_COD /
// DMRES_COD). Only events on or before the as-of date count, so a cohort
// built as of a past date sees what was recorded by then.
import type { ClinicalConcept } from './clinical-concepts'
import type { CodedEvent } from './patient-record'
import { formatDateText } from '../format/staff-text'

export interface DiagnosisStatus {
  active: boolean
  /** The latest diagnosis event (null date = register flag column without a date). */
  diagnosis: CodedEvent | null
  /** The latest resolution event, when there is one. */
  resolution: CodedEvent | null
  /** The earliest dated diagnosis: "first diagnosed" for the QOF 9-month rule. */
  firstDiagnosedOn: string | null
}

/** On or before asOf; undated events (register flags) are always known. */
export function knownBy(event: CodedEvent, asOf: string): boolean {
  return event.date === null || event.date <= asOf
}

// Undated events sort before every dated one: a "yes" flag tells us the diagnosis exists but not
// when, so any dated resolution is taken to come after it, and any dated diagnosis supersedes it.
function sortKey(event: CodedEvent): string {
  return event.date ?? ''
}

function latest(events: CodedEvent[]): CodedEvent | null {
  let best: CodedEvent | null = null
  for (const e of events) if (best === null || sortKey(e) > sortKey(best)) best = e
  return best
}

/**
 * Active when the latest diagnosis is strictly after the latest resolution (QOF business rules:
 * "select if HYP_DAT > HYPRES_DAT"; a resolution on the same day as the diagnosis resolves it).
 * A re-diagnosis after a resolution makes the condition active again.
 */
export function diagnosisStatus(
  events: readonly CodedEvent[],
  diagnosisConcept: ClinicalConcept,
  resolutionConcept: ClinicalConcept | null,
  asOf: string
): DiagnosisStatus {
  const known = events.filter((e) => knownBy(e, asOf))
  const diagnoses = known.filter((e) => e.concept === diagnosisConcept)
  const resolutions = resolutionConcept ? known.filter((e) => e.concept === resolutionConcept) : []
  const diagnosis = latest(diagnoses)
  const resolution = latest(resolutions)
  const dated = diagnoses
    .map((e) => e.date)
    .filter((d): d is string => d !== null)
    .sort()
  const active = diagnosis !== null && (resolution === null || sortKey(diagnosis) > sortKey(resolution))
  return { active, diagnosis, resolution, firstDiagnosedOn: dated[0] ?? null }
}

/** "code term = value (date)" for explanations; "register flag" when the export gave no date. */
export function describeEvent(event: CodedEvent): string {
  const what = [event.code, event.term].filter((x) => x !== '').join(' ') || event.concept
  const value = typeof event.value === 'number' ? ` = ${event.value}` : ''
  // A row recognised only by its exported term is a guess the practice should check.
  const check = event.matchedBy === 'term' ? ' — matched by term — check' : ''
  return `${what}${value} (${event.date ? formatDateText(event.date) : 'register flag, no date'})${check}`
}
