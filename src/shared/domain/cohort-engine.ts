// Evaluates a cohort definition against the practice's patients (pure: no database, no clock).
// For each patient: every criterion in order (the first that fails makes them "not eligible",
// counted but not listed); then every enabled exclusion — the first that applies is the one
// recorded and counted (counts therefore add up to the excluded total), all that apply are shown in
// the explanation. Every listed patient carries the "why": reasons, steps, readings, BP rule, target.
import type {
  CohortEntry as CohortEntryT,
  ExclusionCount,
  ExplainedCohortEntry as ExplainedCohortEntryT,
  ExplanationStep as ExplanationStepT,
  Explanation as ExplanationT
} from './cohort-entry'
import type { TargetMode } from './bp-targets'
import type { CohortDefinition } from './cohort-definitions'
import { type CohortParameters, defaultCohortParameters } from './cohort-parameters'
import { type CohortRule, cohortRules } from './cohort-rules'
import { BP_RULE_REASON, PRIORITY_REASON, type ReasonCode, SEVERE_EXCLUDED_REASON, ruleReason, severeExcludedText } from './cohort-reason-codes'
import { customCriterionRule } from './custom-criteria'
import { ethnicCategories } from './ethnicity'
import { hasPhysicalAndMentalHealth } from './long-term-conditions'
import { type PatientFacts, patientFacts } from './patient-facts'
import { type PatientRecord, displayName } from './patient-record'

export type ExclusionCountT = ExclusionCount

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
  /**
   * The patients not eligible, by the first criterion each failed, in the definition's order (what
   * an empty cohort says it is empty because of). `withoutRecentReading`: of those failing a BP
   * criterion, how many have no reading in the look-back window.
   */
  notEligibleBy: NotEligibleTally[]
  /** The parameters actually used (definition defaults with overrides): stored with the snapshot. */
  parameters: CohortParameters
}

export interface NotEligibleTally {
  rule: string
  label: string
  count: number
  withoutRecentReading: number
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
  /** Told of each patient who fails a criterion while the build counts them (not when an explanation is worked out later). */
  onNotEligible?: (rule: CohortRule, facts: PatientFacts) => void
}

interface PatientOutcome {
  entry: EvaluatedEntry
  facts: PatientFacts
  appliedRule: string | null
  /** The reasons as codes (cohort-reason-codes.ts), in the same order; empty without words. */
  reasonCodes: ReasonCode[]
}

// The display name and its sort key, worked out once per record: main shares records between builds
// (patient-records.ts), and a 40k-member list re-joined and lower-cased every name on every build.
// Non-enumerable, so it is neither copied with the record nor serialised.
const NAMES = Symbol('display name')
type Names = { name: string; key: string }
function namesOf(patient: PatientRecord): Names {
  const known = (patient as { [NAMES]?: Names })[NAMES]
  if (known && known.name !== undefined) return known
  const name = displayName(patient)
  const names = { name, key: name.toLowerCase() }
  if (Object.isExtensible(patient)) Object.defineProperty(patient, NAMES, { value: names, enumerable: false })
  return names
}

/** The reasons of an entry placed without words: frozen, so a slip that tried to add one would fail loudly rather than share it. */
const NO_REASONS = Object.freeze([]) as unknown as never[]

/** The decision without the words (CohortRule.test), for the many patients a build does not list. */
function applies(rule: CohortRule, facts: PatientFacts): boolean {
  return rule.test ? rule.test(facts) : rule.evaluate(facts).met
}

/**
 * One patient through the definition: null when a criterion fails (not eligible). Words — reasons,
 * explanation details — are only built for patients the build lists: every candidate is first put
 * through the criteria's `test` (most fail one), and only a listed patient's rules are asked for
 * their text. The explanation steps are collected only when `explain` is set; otherwise (with
 * `lazyExplanation`) the entry's `explanation` is worked out on first read by evaluating this one
 * patient again with steps on (same rules, same inputs, same answer). A 100k-patient build lists
 * tens of thousands of patients and the snapshot stores no explanation, so building every one up
 * front was a large share of the build's time and memory.
 */
function evaluatePatient(ev: Evaluator, patient: PatientRecord, explain: boolean, lazyExplanation = true, words = true): PatientOutcome | null {
  const { definition, options, params } = ev
  const facts = patientFacts(patient, options.asOf, options.mode, params)
  for (const rule of ev.criteria) {
    if (applies(rule, facts)) continue
    ev.onNotEligible?.(rule, facts)
    return null
  }

  const steps: ExplanationStepT[] | null = explain ? [] : null
  // Without words (a preview's counts), the entry keeps only what places and orders it, and its
  // (never filled) reasons are one shared empty list: a 300k-patient preview places 130k patients.
  const worded = words || explain
  const reasons: string[] = worded ? [] : NO_REASONS
  // Each reason as a code (what a snapshot stores) and in words made from it (cohort-reason-codes.ts).
  const reasonCodes: ReasonCode[] = worded ? [] : NO_REASONS
  const addReason = (rule: CohortRule) => {
    const reason = ruleReason(rule, facts)
    reasons.push(reason.text)
    reasonCodes.push(reason.code)
  }
  if (worded)
    for (const rule of ev.criteria) {
      if (steps) steps.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: 'pass', detail: rule.evaluate(facts).detail })
      addReason(rule)
    }

  if (steps) {
    steps.push({
      rule: 'bp.current',
      label: 'Current BP',
      source: 'NICE NG136 1.2.2, 1.2.6, 1.4.22 (clinic readings, home averages, ABPM daytime/24-hour averages)',
      outcome: 'info',
      detail: facts.current.rule
    })
    if (facts.target) {
      steps.push({ rule: 'bp.target', label: 'Target applied', source: facts.target.source, outcome: 'info', detail: facts.target.label })
    }
  }
  const priority = definition.assignsPriority ? facts.priority : null
  if (priority && worded) {
    steps?.push({ rule: 'priority', label: `Priority ${priority.priority}`, source: priority.source, outcome: 'info', detail: priority.rule })
    reasons.push(priority.rule)
    reasonCodes.push([PRIORITY_REASON, ...priority.values])
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
    // Without an explanation to fill, an exclusion that does not apply needs no words.
    if (!steps && !applies(rule, facts)) continue
    if (!worded) {
      // The first exclusion that applies is the one counted; the others would only add words.
      appliedRule = rule.id
      break
    }
    // Here without steps only when the exclusion applies (checked just above).
    const met = steps ? rule.evaluate(facts) : null
    if (met) steps?.push({ rule: rule.id, label: rule.label, source: rule.source, outcome: met.met ? 'fail' : 'pass', detail: met.detail })
    if (!met || met.met) {
      addReason(rule)
      if (appliedRule === null) appliedRule = rule.id
    }
  }

  const bp = facts.current.bp
  // Safety rule: a severe reading of the latest reading day (for its own kind, whichever reading the
  // day's rule picked) is flagged whatever list the patient is on, so an exclusion never hides it
  // and a member is never sent a routine letter.
  const severe = facts.current.severeReading !== null
  if (severe && appliedRule !== null && worded) {
    reasons.push(severeExcludedText)
    reasonCodes.push([SEVERE_EXCLUDED_REASON])
  }
  const category = patient.ethnicityCategory
  const entry = {
    patientId: patient.patientId,
    nhsNumber: patient.nhsNumber,
    name: namesOf(patient).name,
    age: facts.age,
    sex: patient.sex,
    ethnicity: category ? ethnicCategories[category] : patient.ethnicityText,
    priority: priority?.priority ?? null,
    bp,
    rule: appliedRule,
    reasons,
    severe,
    bpRule: worded ? facts.current.rule : ''
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
  } else if (lazyExplanation) {
    // An own, enumerable property, so the entry still compares and serialises as a plain object.
    let explanation: ExplanationT | null = null
    Object.defineProperty(entry, 'explanation', {
      enumerable: true,
      configurable: true,
      get: () => (explanation ??= (evaluatePatient(ev, patient, true) as PatientOutcome).entry.explanation)
    })
  }
  return { entry, facts, appliedRule, reasonCodes }
}

/**
 * Evaluates the definition over the patients. Every listed entry's `explanation` is worked out on
 * first read (cohorts.explain, the tests); a stored build uses evaluateCohortForSnapshot instead.
 */
export function evaluateCohort(definition: CohortDefinition, patients: readonly PatientRecord[], options: EvaluateOptions): CohortEvaluation {
  const { ev: _ev, ...run } = runCohort(definition, patients, options, true)
  return { ...run, members: run.members.map((m) => m.entry), excluded: run.excluded.map((m) => m.entry) }
}

/** A listed entry without an explanation, with the record it was worked out from (stored with the snapshot). */
export interface SnapshotListing {
  entry: CohortEntryT
  patient: PatientRecord
  /** entry.reasons and entry.bpRule as codes (cohort-reason-codes.ts): what the snapshot stores. */
  reasonCodes: ReasonCode[]
  bpRuleCode: ReasonCode
}

export interface CohortSnapshotEvaluation extends Omit<CohortEvaluation, 'members' | 'excluded'> {
  members: SnapshotListing[]
  excluded: SnapshotListing[]
}

/**
 * The same evaluation for a stored build: plain entries with no explanation (the snapshot stores
 * none; cohorts.explain re-derives one patient's), so nothing per entry is left to work out later.
 * `withExplanations` gives each entry its `explanation`, worked out on first read (`cohort build
 * --explain`): still nothing for entries nobody reads.
 */
export function evaluateCohortForSnapshot(
  definition: CohortDefinition,
  patients: readonly PatientRecord[],
  options: EvaluateOptions,
  withExplanations = false
): CohortSnapshotEvaluation {
  const { ev: _ev, ...run } = runCohort(definition, patients, options, withExplanations)
  const listing = (m: Listed): SnapshotListing => ({
    entry: m.entry,
    patient: m.facts.patient,
    reasonCodes: m.reasonCodes,
    bpRuleCode: [BP_RULE_REASON, ...m.facts.current.ruleValues]
  })
  return { ...run, members: run.members.map(listing), excluded: run.excluded.map(listing) }
}

/** What a live preview shows: the counts, and the first members and excluded patients with their words. */
export interface CohortPreview extends Omit<CohortEvaluation, 'members' | 'excluded'> {
  memberCount: number
  excludedCount: number
  /** Members per priority group (P1–P4, and "none" for cohorts without priority). */
  priorityCounts: Record<'P1' | 'P2' | 'P3' | 'P4' | 'none', number>
  /** Excluded patients with a severe reading (the safety rule: no exclusion hides a severe reading): always counted. */
  severeExcludedCount: number
  /** The first `limit` members and excluded patients in list order, with reasons. */
  members: CohortEntryT[]
  excluded: CohortEntryT[]
}

/**
 * The cohort's counts without building anyone's words (rebuild live as a parameter
 * changes): every candidate is placed and ordered, and only the first `limit` members and excluded
 * patients — what a screen shows first — get their reasons. The same rules decide as in a build.
 */
export function evaluateCohortPreview(definition: CohortDefinition, patients: readonly PatientRecord[], options: EvaluateOptions, limit = 50): CohortPreview {
  // Only the first `limit` members need their place in the list: the rest are counted, not shown.
  const run = runCohort(definition, patients, options, false, false, limit)
  const worded = (m: Listed): CohortEntryT => (evaluatePatient(run.ev, m.facts.patient, false, false, true) as PatientOutcome).entry
  const priorityCounts = { P1: 0, P2: 0, P3: 0, P4: 0, none: 0 }
  for (const m of run.members) priorityCounts[m.entry.priority ?? 'none']++
  return {
    exclusionCounts: run.exclusionCounts,
    notEligibleCount: run.notEligibleCount,
    notEligibleBy: run.notEligibleBy,
    parameters: run.parameters,
    memberCount: run.members.length,
    excludedCount: run.excluded.length,
    priorityCounts,
    severeExcludedCount: run.excluded.filter((m) => m.entry.severe).length,
    members: run.members.slice(0, limit).map(worded),
    excluded: run.excluded.slice(0, limit).map(worded)
  }
}

function runCohort(
  definition: CohortDefinition,
  patients: readonly PatientRecord[],
  options: EvaluateOptions,
  lazyExplanations: boolean,
  words = true,
  placed = Infinity
): Omit<CohortEvaluation, 'members' | 'excluded'> & { members: Listed[]; excluded: Listed[]; ev: Evaluator } {
  const params = resolveParameters(definition, options.params)
  const ev: Evaluator = {
    definition,
    options,
    params,
    criteria: [...definition.criteria.map((id) => cohortRules[id]), ...(definition.customCriteria ?? []).map(customCriterionRule)],
    exclusions: definition.exclusions.map((id) => ({ rule: cohortRules[id], state: exclusionState(cohortRules[id], options.mode, params) }))
  }
  const exclusions = ev.exclusions
  const counts = new Map<string, number>(exclusions.map((e) => [e.rule.id, 0]))

  const members: Listed[] = []
  const excluded: Listed[] = []
  let notEligibleCount = 0
  const failed = new Map<string, NotEligibleTally>(
    ev.criteria.map((rule) => [rule.id, { rule: rule.id, label: rule.label, count: 0, withoutRecentReading: 0 }])
  )
  ev.onNotEligible = (rule, facts) => {
    const tally = failed.get(rule.id)
    if (!tally) return
    tally.count++
    // Only asked of BP criteria: their test has worked out the current BP already (facts are lazy).
    if (rule.id.startsWith('bp.') && facts.current.bp === null) tally.withoutRecentReading++
  }

  for (const patient of patients) {
    const outcome = evaluatePatient(ev, patient, false, lazyExplanations, words)
    if (!outcome) {
      notEligibleCount++
      continue
    }
    const { entry, facts, appliedRule, reasonCodes } = outcome
    if (appliedRule !== null) counts.set(appliedRule, (counts.get(appliedRule) ?? 0) + 1)
    ;(appliedRule === null ? members : excluded).push({ entry, facts, nameKey: namesOf(facts.patient).key, reasonCodes })
  }

  // Explanations worked out later re-run a patient through the same evaluator: they are not counted.
  ev.onNotEligible = undefined

  const exclusionCounts: ExclusionCountT[] = exclusions.map(({ rule, state }) => ({
    rule: rule.id,
    label: state === 'on' ? rule.label : `${rule.label} (${state === 'switched-off' ? 'switched off' : 'QOF mode only, not applied'})`,
    source: rule.source,
    count: counts.get(rule.id) ?? 0,
    state,
    qofOnly: rule.qofOnly === true
  }))

  return {
    ev,
    members: sortMembers(members, definition.ordering, placed),
    excluded: excluded.sort((a, b) => Number(b.entry.severe) - Number(a.entry.severe) || byName(a, b)),
    exclusionCounts,
    notEligibleCount,
    notEligibleBy: [...failed.values()],
    parameters: params
  }
}

type Listed = { entry: EvaluatedEntry; facts: PatientFacts; nameKey: string; reasonCodes: ReasonCode[] }

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

/**
 * The members in the definition's order. With `placed` below their number, only the first `placed`
 * are put in order (the same ones, in the same order, as a full sort: the order is total, names then
 * NHS number breaking ties) and the rest follow in no particular order: a preview shows the first
 * few and counts the others, and sorting 130k members for 50 was most of a large preview.
 */
function sortMembers(members: Listed[], ordering: CohortDefinition['ordering'], placed = Infinity): Listed[] {
  // Keys are worked out once per member, not once per comparison (40k members, ~600k comparisons),
  // and each ordering has its own comparator over keys of one type: one comparator shared by
  // numeric and date keys compared them the generic (slow) way.
  if (ordering === 'priority') {
    // P1 first, then the highest systolic within a group.
    const keyed = members.map((m) => ({ item: m, first: m.entry.priority ? priorityRank[m.entry.priority] : 9, second: -(m.entry.bp?.systolic ?? 0) }))
    return inOrder(keyed, byNumbers, placed).map((k) => k.item)
  }
  if (ordering === 'physical-and-mental-first') {
    // NICE NG56: people with both physical and mental health conditions first, then most conditions.
    const keyed = members.map((m) => ({ item: m, first: hasPhysicalAndMentalHealth(m.facts.conditions) ? 0 : 1, second: -m.facts.conditions.length }))
    return inOrder(keyed, byNumbers, placed).map((k) => k.item)
  }
  // Longest without a reading first (never measured before anyone).
  const keyed = members.map((m) => ({ item: m, date: lastReadingDate(m.facts) }))
  return inOrder(keyed, (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byName(a.item, b.item)), placed).map((k) => k.item)
}

/** The items sorted, or (for a few of many) the first `placed` in order and then the others as they came. */
function inOrder<T>(items: T[], compare: (a: T, b: T) => number, placed: number): T[] {
  if (items.length <= placed * 4) return items.sort(compare)
  // The first `placed` kept sorted while the rest go past: most are compared once, with the last kept.
  const first: T[] = []
  const others: T[] = []
  for (const item of items) {
    const last = first[first.length - 1]
    if (first.length === placed && last !== undefined && compare(item, last) >= 0) {
      others.push(item)
      continue
    }
    let low = 0
    let high = first.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compare(first[mid] as T, item) <= 0) low = mid + 1
      else high = mid
    }
    first.splice(low, 0, item)
    if (first.length > placed) others.push(first.pop() as T)
  }
  return first.concat(others)
}

function byNumbers(a: { item: Listed; first: number; second: number }, b: { item: Listed; first: number; second: number }): number {
  return a.first - b.first || a.second - b.second || byName(a.item, b.item)
}
