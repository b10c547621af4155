// The shape every cohort rule has: one module per rule under cohort-rules/, each naming its source,
// so a definition (cohort-definitions.ts) is just a list of rule ids and parameters.
import type { PatientFacts } from '../patient-facts'

export interface RuleOutcome {
  /** Criterion: the patient meets it. Exclusion: it applies (the patient is excluded). */
  met: boolean
  /** Full sentence for the "why?" explanation. */
  detail: string
  /** Short text for the reasons list when met (criteria) or applied (exclusions). */
  reason: string
}

/** One value a reason's words need (a date, a number, a label): what snapshots store instead of the sentence. */
export type ReasonValue = string | number | null

export interface CohortRule {
  /** Stable id stored in snapshots, e.g. `register.hypertension`, `exclude.bp-declined`. */
  id: string
  kind: 'criterion' | 'exclusion'
  label: string
  /** The published source, e.g. `QOF HYP008`, `NICE NG136 1.2.2`. */
  source: string
  /** QOF-mode-only rules are skipped (and say so) in NICE mode. */
  qofOnly?: boolean
  /**
   * The decision alone, with no words: whether the criterion is met or the exclusion applies. A build
   * asks this of every candidate (88k patients for the hypertension cohorts) and asks `evaluate` for
   * the words only of patients it lists or explains, so a rule with text to build should have it.
   * Must agree with `evaluate(facts).met` (tests/unit/cohort-rule-consistency.test.ts checks every
   * rule); without it the engine reads `evaluate(facts).met`.
   */
  test?(facts: PatientFacts): boolean
  /**
   * The reasons-list text as the few values it needs — a snapshot stores these with the rule id, not
   * the sentence (40k sentences were most of a stored build), and `formatReason` gives the words when
   * it is read. Only asked when the criterion is met or the exclusion applies. `evaluate`'s `reason`
   * is made by `formatReason` too, so the two cannot drift apart. Without them, the sentence is stored.
   */
  reasonValues?(facts: PatientFacts): ReasonValue[]
  formatReason?(values: readonly ReasonValue[]): string
  /** The decision with its words: the explanation's detail and the reasons-list text. */
  evaluate(facts: PatientFacts): RuleOutcome
}
