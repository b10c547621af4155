// Evaluates a cohort definition against the practice's patients (pure: no database, no clock).
// For each patient: every criterion in order (the first that fails makes them "not eligible",
// counted but not listed); then every enabled exclusion — the first that applies is the one
// recorded and counted (counts therefore add up to the excluded total), all that apply are shown in
// the explanation. Every listed patient carries the "why": reasons, steps, readings, BP rule, target.
import type { z } from 'zod'
import type { CohortEntryT, ExclusionCount, ExplanationStepT } from '../contract'
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

export interface CohortEvaluation {
  members: CohortEntryT[]
  excluded: CohortEntryT[]
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

export function evaluateCohort(definition: CohortDefinition, patients: readonly PatientRecord[], options: EvaluateOptions): CohortEvaluation {
  const params = resolveParameters(definition, options.params)
  const criteria = definition.criteria.map((id) => cohortRules[id])
  const exclusions = definition.exclusions.map((id) => ({ rule: cohortRules[id], state: exclusionState(cohortRules[id], options.mode, params) }))
  const counts = new Map<string, number>(exclusions.map((e) => [e.rule.id, 0]))

  const members: { entry: CohortEntryT; facts: PatientFacts }[] = []
  const excluded: { entry: CohortEntryT; facts: PatientFacts }[] = []
  let notEligibleCount = 0

  for (const patient of patients) {
    const facts = patientFacts(patient, options.asOf, options.mode, params)
    const steps: ExplanationStepT[] = []
    const reasons: string[] = []

    let eligible = true
    for (const rule of criteria) {
      const outcome = rule.evaluate(facts)
      if (!outcome.met) {
        eligible = false
        break
      }
      steps.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'pass', detail: outcome.detail })
      reasons.push(outcome.reason)
    }
    if (!eligible) {
      notEligibleCount++
      continue
    }

    steps.push({ rule: 'bp.current', label: 'Current BP', source: 'NICE NG136 1.2.2; spec §4.1', outcome: 'info', detail: facts.current.rule })
    if (facts.target) {
      steps.push({ rule: 'bp.target', label: 'Target applied', source: facts.target.source, outcome: 'info', detail: facts.target.label })
    }
    const priority = definition.assignsPriority ? facts.priority : null
    if (priority) {
      steps.push({ rule: 'priority', label: `Priority ${priority.priority}`, source: priority.source, outcome: 'info', detail: priority.rule })
      reasons.push(priority.rule)
    }

    let appliedRule: string | null = null
    for (const { rule, state } of exclusions) {
      if (state === 'switched-off') {
        steps.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'info', detail: 'Exclusion switched off for this build' })
        continue
      }
      if (state === 'qof-only') {
        steps.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'info', detail: 'Applies in QOF mode only; not applied in NICE mode' })
        continue
      }
      const outcome = rule.evaluate(facts)
      steps.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: outcome.met ? 'fail' : 'pass', detail: outcome.detail })
      if (outcome.met) {
        reasons.push(outcome.reason)
        if (appliedRule === null) {
          appliedRule = rule.id
          counts.set(rule.id, (counts.get(rule.id) ?? 0) + 1)
        }
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
    const entry: CohortEntryT = {
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
      explanation: {
        steps,
        readingsConsidered: facts.current.considered,
        bpRule: facts.current.rule,
        target: facts.target
          ? { systolic: facts.target.systolic, diastolic: facts.target.diastolic, comparator: facts.target.comparator, label: facts.target.label }
          : null
      }
    }
    ;(appliedRule === null ? members : excluded).push({ entry, facts })
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

type Listed = { entry: CohortEntryT; facts: PatientFacts }

function byName(a: Listed, b: Listed): number {
  return a.entry.name.localeCompare(b.entry.name) || a.entry.nhsNumber.localeCompare(b.entry.nhsNumber)
}

const priorityRank = { P1: 1, P2: 2, P3: 3, P4: 4 } as const

function lastReadingDate(facts: PatientFacts): string {
  let last = ''
  for (const r of facts.patient.readings) if (r.date <= facts.asOf && r.date > last) last = r.date
  return last
}

function sortMembers(members: Listed[], ordering: CohortDefinition['ordering']): Listed[] {
  if (ordering === 'priority') {
    // P1 first (spec §4.3), then the highest systolic within a group.
    return members.sort(
      (a, b) =>
        (a.entry.priority ? priorityRank[a.entry.priority] : 9) - (b.entry.priority ? priorityRank[b.entry.priority] : 9) ||
        (b.entry.bp?.systolic ?? 0) - (a.entry.bp?.systolic ?? 0) ||
        byName(a, b)
    )
  }
  if (ordering === 'physical-and-mental-first') {
    // NICE NG56: people with both physical and mental health conditions first, then most conditions.
    return members.sort(
      (a, b) =>
        Number(hasPhysicalAndMentalHealth(b.facts.conditions)) - Number(hasPhysicalAndMentalHealth(a.facts.conditions)) ||
        b.facts.conditions.length - a.facts.conditions.length ||
        byName(a, b)
    )
  }
  // Longest without a reading first (never measured before anyone).
  const keys = new Map(members.map((m) => [m, lastReadingDate(m.facts)]))
  return members.sort((a, b) => (keys.get(a) ?? '').localeCompare(keys.get(b) ?? '') || byName(a, b))
}
