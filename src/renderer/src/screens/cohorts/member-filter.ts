// Narrowing the members list on screen: by priority, ethnicity, age band and a systolic floor. Only
// what is shown changes; the cohort, its counts and its invitations are untouched.
import type { CohortEntryT } from '../../../../shared/contract'

export type PriorityChoice = 'all' | 'P1' | 'P2' | 'P3' | 'P4' | 'none'

/** Bands a recall clinician thinks in; 'unknown' keeps patients without a date of birth findable. */
export const ageBands = [
  { id: 'under-40', label: 'Under 40', min: 0, max: 39 },
  { id: '40-59', label: '40 to 59', min: 40, max: 59 },
  { id: '60-79', label: '60 to 79', min: 60, max: 79 },
  { id: '80-plus', label: '80 and over', min: 80, max: Number.POSITIVE_INFINITY }
] as const

export type AgeBandChoice = 'all' | 'unknown' | (typeof ageBands)[number]['id']

export interface MemberFilter {
  priority: PriorityChoice
  /** An ethnicity value as stored on the entry, '' for not recorded, or 'all'. */
  ethnicity: string
  ageBand: AgeBandChoice
  /** Systolic strictly above this; null when not filtering. */
  systolicAbove: number | null
}

export const noFilter: MemberFilter = { priority: 'all', ethnicity: 'all', ageBand: 'all', systolicAbove: null }

// Wider than any real reading, so a typo like 1600 is told rather than silently matching nobody.
const lowestSystolic = 40
const highestSystolic = 300

/** The systolic typed in, or a message saying why it cannot be used. Blank means "no floor". */
export function parseSystolicAbove(text: string): { value: number | null } | { error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { value: null }
  if (!/^\d+$/.test(trimmed)) return { error: 'Enter the systolic as a whole number of mmHg, for example 160.' }
  const value = Number(trimmed)
  if (value < lowestSystolic || value > highestSystolic) return { error: `Enter a systolic between ${lowestSystolic} and ${highestSystolic} mmHg.` }
  return { value }
}

function inAgeBand(age: number | null, band: AgeBandChoice): boolean {
  if (band === 'all') return true
  if (band === 'unknown') return age === null
  const found = ageBands.find((candidate) => candidate.id === band)
  return found !== undefined && age !== null && age >= found.min && age <= found.max
}

export function matchesFilter(entry: CohortEntryT, filter: MemberFilter): boolean {
  if (filter.priority !== 'all' && (entry.priority ?? 'none') !== filter.priority) return false
  if (filter.ethnicity !== 'all' && (entry.ethnicity ?? '') !== filter.ethnicity) return false
  if (!inAgeBand(entry.age, filter.ageBand)) return false
  // A patient with no recent BP is not "above" any value: they drop out while a floor is set.
  if (filter.systolicAbove !== null && !(entry.bp && entry.bp.systolic > filter.systolicAbove)) return false
  return true
}

export function filterMembers(entries: readonly CohortEntryT[], filter: MemberFilter): CohortEntryT[] {
  return entries.filter((entry) => matchesFilter(entry, filter))
}

/** The one-line summary of a patient's reasons: the last, which says the priority they were given. */
export function reasonsSummary(reasons: readonly string[]): string {
  return reasons[reasons.length - 1] ?? '—'
}
