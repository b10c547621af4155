// Evaluates a cohort definition against the practice's patients (pure: no database, no clock).
// For each patient: every criterion in order (the first that fails makes them "not eligible",
// counted but not listed); then every enabled exclusion — the first that applies is the one
// recorded and counted (counts therefore add up to the excluded total), all that apply are shown in
// the explanation. Every listed patient carries the "why": reasons, steps, readings, BP rule, target.
import type { z } from 'zod'
import type { ExclusionCount, ExplainedCohortEntryT, ExplanationStepT, ExplanationT } from '../contract'
import { isSevereReading } from './bp-priority'
import type { TargetMode } from './bp-targets'
import type { CohortDefinition } from './cohort-definitions'
import { type CohortParameters, defaultCohortParameters } from './cohort-parameters'
import { type CohortRule, cohortRules } from './cohort-rules'
import { ethnicCategories } from './ethnicity'
import { hasPhysicalAndMentalHealth } from './long-term-conditions'
import { type PatientFacts, patientFacts } from './patient-facts'
import { type PatientRecord, displayName } from './patient-record'

export type ExclusionCountT = z.output<typeof ExclusionCount>

export interface EvaluateOptions {
  asOf: string
  mode: TargetMode
  /** Overrides of the definition's parameters for this build. */
  params?: Partial<CohortParameters>
}

/** An entry as the engine produces it: always with its full explanation. */
export type EvaluatedEntry = ExplainedCohortEntryT

export interface CohortEvaluation {
  members: EvaluatedEntry[]
  excluded: EvaluatedEntry[]
  exclusionCounts: ExclusionCountT[]
  notEligibleCount: number
  /** The parameters actually used (definition defaults with overrides): stored with the snapshot. */
  parameters: CohortParameters
}

export function resolveParameters(definition: CohortDefinition, overrides: Partial<CohortParameters> = {}): CohortParameters {
  return { ...defaultCohortParameters, ...definition.parameters, ...overrides }
}

type ExclusionState = 'on' | 'switched-off' | 'qof-only'

function exclusionState(rule: CohortRule, mode: TargetMode, params: CohortParameters): ExclusionState {
  if (params.disabledExclusions.includes(rule.id)) return 'switched-off'
  if (rule.qofOnly && mode !== 'qof') return 'qof-only'
  return 'on'
}

interface Evaluator {
  definition: CohortDefinition
  options: EvaluateOptions
  params: CohortParameters
  criteria: CohortRule[]
  exclusions: { rule: CohortRule; state: ExclusionState }[]
}

interface PatientOutcome {
  entry: EvaluatedEntry
  facts: PatientFacts
  appliedRule: string | null
}

/**
 * One patient through the definition: null when a criterion fails (not eligible). The explanation
 * steps are collected only when `explain` is set; otherwise the entry's `explanation` is worked out
 * on first read by evaluating this one patient again with steps on (same rules, same inputs, same
 * answer). A 100k-patient build lists tens of thousands of patients and the snapshot stores no
 * explanation, so building every one up front was a large share of the build's time and memory.
 */
function evaluatePatient(ev: Evaluator, patient: PatientRecord, explain: boolean): PatientOutcome | null {
  const { definition, options, params } = ev
  const facts = patientFacts(patient, options.asOf, options.mode, params)
  const steps: ExplanationStepT[] | null = explain ? [] : null
  const reasons: string[] = []

  for (const rule of ev.criteria) {
    const outcome = rule.evaluate(facts)
    if (!outcome.met) return null
    steps?.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'pass', detail: outcome.detail })
    reasons.push(outcome.reason)
  }

  if (steps) {
    steps.push({ rule: 'bp.current', label: 'Current BP', source: 'NICE NG136 1.2.2; spec §4.1', outcome: 'info', detail: facts.current.rule })
    if (facts.target) {
      steps.push({ rule: 'bp.target', label: 'Target applied', source: facts.target.source, outcome: 'info', detail: facts.target.label })
    }
  }
  const priority = definition.assignsPriority ? facts.priority : null
  if (priority) {
    steps?.push({ rule: 'priority', label: `Priority ${priority.priority}`, source: priority.source, outcome: 'info', detail: priority.rule })
    reasons.push(priority.rule)
  }

  let appliedRule: string | null = null
  for (const { rule, state } of ev.exclusions) {
    if (state === 'switched-off') {
      steps?.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'info', detail: 'Exclusion switched off for this build' })
      continue
    }
    if (state === 'qof-only') {
      steps?.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'info', detail: 'Applies in QOF mode only; not applied in NICE mode' })
      continue
    }
    const outcome = rule.evaluate(facts)
    steps?.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: outcome.met ? 'fail' : 'pass', detail: outcome.detail })
    if (outcome.met) {
      reasons.push(outcome.reason)
      if (appliedRule === null) appliedRule = rule.id
    }
  }

  const bp = facts.current.bp
  // Safety rule (spec §4.4): a severe reading is flagged whatever list the patient is on, so an
  // exclusion never hides it and a member is never sent a routine letter.
  const severe = bp !== null && isSevereReading(bp)
  if (severe && appliedRule !== null) {
    reasons.push('Severe reading — excluded, please check (NICE NG136 1.5.1: review within 7 days)')
  }
  const category = patient.ethnicityCategory
  const entry = {
    patientId: patient.patientId,
    nhsNumber: patient.nhsNumber,
    name: displayName(patient),
    age: facts.age,
    sex: patient.sex,
    ethnicity: category ? ethnicCategories[category] : patient.ethnicityText,
    priority: priority?.priority ?? null,
    bp,
    rule: appliedRule,
    reasons,
    severe,
    bpRule: facts.current.rule
  } as EvaluatedEntry
  if (steps) {
    entry.explanation = {
      steps,
      readingsConsidered: facts.current.considered,
      bpRule: facts.current.rule,
      target: facts.target
        ? { systolic: facts.target.systolic, diastolic: facts.target.diastolic, comparator: facts.target.comparator, label: facts.target.label }
        : null
    }
  } else {
    // An own, enumerable property, so the entry still compares and serialises as a plain object.
    let explanation: ExplanationT | null = null
    Object.defineProperty(entry, 'explanation', {
      enumerable: true,
      configurable: true,
      get: () => (explanation ??= (evaluatePatient(ev, patient, true) as PatientOutcome).entry.explanation)
    })
  }
  return { entry, facts, appliedRule }
}

export function evaluateCohort(definition: CohortDefinition, patients: readonly PatientRecord[], options: EvaluateOptions): CohortEvaluation {
  const params = resolveParameters(definition, options.params)
  const ev: Evaluator = {
    definition,
    options,
    params,
    criteria: definition.criteria.map((id) => cohortRules[id]),
    exclusions: definition.exclusions.map((id) => ({ rule: cohortRules[id], state: exclusionState(cohortRules[id], options.mode, params) }))
  }
  const exclusions = ev.exclusions
  const counts = new Map<string, number>(exclusions.map((e) => [e.rule.id, 0]))

  const members: Listed[] = []
  const excluded: Listed[] = []
  let notEligibleCount = 0

  for (const patient of patients) {
    const outcome = evaluatePatient(ev, patient, false)
    if (!outcome) {
      notEligibleCount++
      continue
    }
    const { entry, facts, appliedRule } = outcome
    if (appliedRule !== null) counts.set(appliedRule, (counts.get(appliedRule) ?? 0) + 1)
    ;(appliedRule === null ? members : excluded).push({ entry, facts, nameKey: entry.name.toLowerCase() })
  }

  const exclusionCounts: ExclusionCountT[] = exclusions.map(({ rule, state }) => ({
    rule: rule.id,
    label: state === 'on' ? rule.label : `${rule.label} (${state === 'switched-off' ? 'switched off' : 'QOF mode only, not applied'})`,
    source: rule.source,
    count: counts.get(rule.id) ?? 0
  }))

  return {
    members: sortMembers(members, definition.ordering).map((m) => m.entry),
    excluded: excluded.sort((a, b) => Number(b.entry.severe) - Number(a.entry.severe) || byName(a, b)).map((m) => m.entry),
    exclusionCounts,
    notEligibleCount,
    parameters: params
  }
}

type Listed = { entry: EvaluatedEntry; facts: PatientFacts; nameKey: string }

// Names are compared by a lower-case key worked out once per member (a locale-aware comparison per
// pair dominated sorting a 40k-member list); the NHS number breaks ties.
function byName(a: Listed, b: Listed): number {
  return a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.entry.nhsNumber < b.entry.nhsNumber ? -1 : a.entry.nhsNumber > b.entry.nhsNumber ? 1 : 0
}

const priorityRank = { P1: 1, P2: 2, P3: 3, P4: 4 } as const

function lastReadingDate(facts: PatientFacts): string {
  let last = ''
  for (const r of facts.patient.readings) if (r.date <= facts.asOf && r.date > last) last = r.date
  return last
}

function sortMembers(members: Listed[], ordering: CohortDefinition['ordering']): Listed[] {
  // Keys are worked out once per member, not once per comparison (40k members, ~600k comparisons).
  let keyed: { item: Listed; first: number; second: number | string }[]
  if (ordering === 'priority') {
    // P1 first (spec §4.3), then the highest systolic within a group.
    keyed = members.map((m) => ({ item: m, first: m.entry.priority ? priorityRank[m.entry.priority] : 9, second: -(m.entry.bp?.systolic ?? 0) }))
  } else if (ordering === 'physical-and-mental-first') {
    // NICE NG56: people with both physical and mental health conditions first, then most conditions.
    keyed = members.map((m) => ({ item: m, first: hasPhysicalAndMentalHealth(m.facts.conditions) ? 0 : 1, second: -m.facts.conditions.length }))
  } else {
    // Longest without a reading first (never measured before anyone).
    keyed = members.map((m) => ({ item: m, first: 0, second: lastReadingDate(m.facts) }))
  }
  keyed.sort((a, b) => a.first - b.first || (a.second < b.second ? -1 : a.second > b.second ? 1 : 0) || byName(a.item, b.item))
  return keyed.map((k) => k.item)
}
