// A listed patient's reasons as codes: the rule id and the few values its words need (a date, a
// reading, an age), rather than the sentence. A stored snapshot keeps the codes — 40k members'
// sentences were most of a build's storing time and megabytes per snapshot — and the words are made
// when it is read, by the same functions that word them at evaluation (each rule's formatReason,
// formatPriorityRule, formatCurrentBpRule), so the text read back is the text the build produced.
import { formatPriorityRule } from './bp-priority'
import { type CohortRule, type ReasonValue, cohortRules } from './cohort-rules'
import { formatCurrentBpRule } from './current-bp'
import type { PatientFacts } from './patient-facts'

export type { ReasonValue }

/** [kind, ...values]: kind is a rule id, or one of the kinds below. */
export type ReasonCode = readonly [kind: string, ...values: ReasonValue[]]

/**
 * A snapshot's table of distinct reason values: `ref` gives a value's index (adding it the first
 * time), -1 for null; `values` is the table to store. Codes then hold small numbers, not text.
 */
export function reasonValueTable(): { values: ReasonValue[]; ref(value: ReasonValue): number } {
  const values: ReasonValue[] = []
  const index = new Map<ReasonValue, number>()
  return {
    values,
    ref(value) {
      if (value === null) return -1
      let at = index.get(value)
      if (at === undefined) {
        at = values.length
        values.push(value)
        index.set(value, at)
      }
      return at
    }
  }
}

/** The sentence itself, for a rule without reason values (a custom criterion). */
export const TEXT_REASON = 'text'
/** The priority rule that matched (values: formatPriorityRule). */
export const PRIORITY_REASON = 'priority'
/** The rule that chose the current BP (values: formatCurrentBpRule). */
export const BP_RULE_REASON = 'bp.current'
/** The safety note on an excluded patient with a severe reading. */
export const SEVERE_EXCLUDED_REASON = 'severe-excluded'

export const severeExcludedText = 'Severe reading — excluded, please check (NICE NG136 1.5.1: review within 7 days)'

/** A rule's reason for this patient, as a code and in words (the words made from the code when it can). */
export function ruleReason(rule: CohortRule, facts: PatientFacts): { code: ReasonCode; text: string } {
  if (rule.formatReason && rule.reasonValues) {
    const values = rule.reasonValues(facts)
    return { code: [rule.id, ...values], text: rule.formatReason(values) }
  }
  const text = rule.evaluate(facts).reason
  return { code: [TEXT_REASON, text], text }
}

const rulesById: Record<string, CohortRule | undefined> = cohortRules

/** The words of a reason code: the same text the build produced when it listed the patient. */
export function formatReasonCode(code: ReasonCode): string {
  const [kind, ...values] = code
  if (kind === TEXT_REASON) return String(values[0] ?? '')
  if (kind === PRIORITY_REASON) return formatPriorityRule(values)
  if (kind === BP_RULE_REASON) return formatCurrentBpRule(values)
  if (kind === SEVERE_EXCLUDED_REASON) return severeExcludedText
  const rule = rulesById[kind]
  if (rule?.formatReason) return rule.formatReason(values)
  // A rule no longer known (never expected: rule ids are stable): its id and values, not nothing.
  return `${kind}: ${values.map((v) => String(v)).join(', ')}`
}
