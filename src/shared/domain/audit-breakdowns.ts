// The audit's equity breakdowns: every measure (the funnel and the BP table) split by ethnic group,
// age band, sex, IMD quintile and Core20 — NHS England's Core20PLUS5 "Core20", the most deprived
// 20% of the national population by the Index of Multiple Deprivation, i.e. IMD deciles 1–2. Each
// dimension's groups partition the eligible patients (an unknown value is its own group, never
// dropped), so a group's figures add up to the whole.
import { ageBandOrder, breakdownBy, type AuditFacts, type BreakdownRow } from './audit-outcome'

export type BreakdownDimensionId = 'ethnicity' | 'ageBand' | 'sex' | 'imdQuintile' | 'core20'

/** What a breakdown reads of one eligible patient (labels as the workbook shows them). */
export interface BreakdownSubject extends AuditFacts {
  ethnicity: string
  ageBand: string
  sex: string
  imdQuintile: string
  core20: string
}

export const CORE20 = 'Core20 (IMD deciles 1–2)'
export const NOT_CORE20 = 'Not Core20 (IMD deciles 3–10)'
const UNKNOWN = 'Unknown'

/** Core20 from the IMD decile (1 = most deprived): deciles 1–2 vs the rest vs not known. */
export function core20Group(decile: number | null): string {
  if (decile === null || !Number.isInteger(decile) || decile < 1 || decile > 10) return UNKNOWN
  return decile <= 2 ? CORE20 : NOT_CORE20
}

export const core20Order = [CORE20, NOT_CORE20, UNKNOWN] as const
export const imdQuintileOrder = ['1 (most deprived, Core20)', '2', '3', '4', '5 (least deprived)'] as const
export const sexOrder = ['Female', 'Male'] as const

export interface BreakdownDimension {
  dimension: BreakdownDimensionId
  label: string
  groupOf(subject: BreakdownSubject): string
  /** The groups shown first, in this order; any others follow A–Z. */
  orderOf(groups: readonly string[]): readonly string[]
}

/** The programme's focus groups (Black African / African-Caribbean) first, then the rest A–Z. */
export function ethnicityOrder(groups: readonly string[]): string[] {
  return [...new Set(groups)].filter((g) => g.startsWith('Black')).sort()
}

export const breakdownDimensions: readonly BreakdownDimension[] = [
  { dimension: 'ethnicity', label: 'Ethnic group', groupOf: (s) => s.ethnicity, orderOf: ethnicityOrder },
  { dimension: 'ageBand', label: 'Age band', groupOf: (s) => s.ageBand, orderOf: () => ageBandOrder },
  { dimension: 'sex', label: 'Sex', groupOf: (s) => s.sex, orderOf: () => sexOrder },
  { dimension: 'imdQuintile', label: 'IMD quintile', groupOf: (s) => s.imdQuintile, orderOf: () => imdQuintileOrder },
  { dimension: 'core20', label: 'Core20 (IMD deciles 1–2)', groupOf: (s) => s.core20, orderOf: () => core20Order }
]

export interface Breakdown {
  dimension: BreakdownDimensionId
  label: string
  rows: BreakdownRow[]
}

/** Every dimension's groups, each with its funnel and BP outcome. */
export function breakdownsOf(subjects: readonly BreakdownSubject[]): Breakdown[] {
  return breakdownDimensions.map((d) => ({
    dimension: d.dimension,
    label: d.label,
    rows: breakdownBy(subjects, d.groupOf, d.orderOf(subjects.map(d.groupOf)))
  }))
}
