// The one evaluator of the custom cohort builder's criteria.
// A saved custom cohort is data — a list of criteria (custom-cohort-schema.ts) — and each criterion
// becomes a CohortRule here, so custom cohorts run through the same engine, explanation and
// snapshots as the built-ins. Every outcome says, in words, the patient's value and what the
// criterion asked for, met or not, so the "why?" panel can show each criterion with the value.
import type { CustomCriterionT } from '../custom-cohort-schema'
import { clinicalConcepts } from './clinical-concepts'
import type { CohortRule, RuleOutcome } from './cohort-rules/cohort-rule'
import { ethnicGroupOf, ethnicGroups } from './ethnic-groups'
import { ethnicCategories } from './ethnicity'
import { invitationStateLabels, invitationStateOn } from './invitation-state'
import { addMonthsIso } from './iso-date'
import type { PatientFacts } from './patient-facts'
import { formatDateText } from '../format/staff-text'
import { registerName } from './qof-registers'

export type CustomCriterion = CustomCriterionT

const sexLabels = { F: 'female', M: 'male', U: 'unknown', I: 'indeterminate' } as const
const bpStateLabels = { 'above-target': 'above target', 'at-target': 'at target', 'no-reading': 'no reading in the look-back window' } as const

function conceptName(concept: string): string {
  return concept in clinicalConcepts ? clinicalConcepts[concept as keyof typeof clinicalConcepts] : concept
}

function list(items: readonly string[], last = 'or'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`
}

function range(min: number | null, max: number | null, unit: string): string {
  if (min !== null && max !== null) return min === max ? `exactly ${min} ${unit}` : `${min} to ${max} ${unit}`
  if (min !== null) return `${min} ${unit} or more`
  return `${max} ${unit} or fewer`
}

/** IMD quintile from the decile: deciles 1–2 are quintile 1, the most deprived fifth (Core20). */
export function imdQuintile(decile: number): number {
  return Math.ceil(decile / 2)
}

/**
 * Completed months from `from` to `to` (ISO dates): the largest n with from + n months ≤ to, the
 * same month arithmetic as the look-back window, so a reading exactly 12 months before the as-of
 * date is "12 months ago" and outside a 12-month window.
 */
export function completedMonthsBetween(from: string, to: string): number {
  let n = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)))
  while (n > 0 && addMonthsIso(from, n) > to) n--
  return Math.max(0, n)
}

/** The latest BP reading on or before the as-of date, at any age (not only in the look-back window). */
function latestReadingDate(facts: PatientFacts): string | null {
  let last: string | null = null
  for (const r of facts.patient.readings) if (r.date <= facts.asOf && (last === null || r.date > last)) last = r.date
  return last
}

/** One sentence for a criterion, e.g. "Age 40 to 74 years": the builder's summary and the rule label. */
export function describeCriterion(c: CustomCriterion): string {
  switch (c.kind) {
    case 'condition':
      return `${c.match === 'all' ? 'All' : 'Any'} of: ${c.conditions.map(conceptName).join('; ')}`
    case 'age':
      return `Age ${range(c.min, c.max, 'years')}`
    case 'sex':
      return `Sex ${list(c.sexes.map((s) => sexLabels[s]))}`
    case 'ethnicity':
      return `Ethnicity ${list([...c.groups.map((g) => `${ethnicGroups[g].label} (any)`), ...c.categories.map((k) => ethnicCategories[k])])}`
    case 'imd-quintile':
      return `IMD quintile ${list([...c.quintiles].sort().map(String))} (1 = most deprived)`
    case 'bp-state':
      return `BP ${list(c.states.map((s) => bpStateLabels[s]))}`
    case 'priority':
      return `Priority ${list([...c.priorities].sort())}`
    case 'last-reading':
      return `Last BP ${range(c.minMonths, c.maxMonths, 'months')} ago${c.includeNoReading ? ', or never recorded' : ''}`
    case 'ltc-count':
      return `${c.atLeast} or more long-term conditions on QOF registers`
    case 'invitation':
      return `Invitation state: ${list(c.states.map((s) => invitationStateLabels[s].toLowerCase()))}`
  }
}

const sources: Record<CustomCriterion['kind'], string> = {
  condition: 'QOF registers',
  age: 'Age on the as-of date, birthday inclusive',
  sex: 'Sex as recorded in the export',
  ethnicity: 'NHS Data Dictionary ETHNIC CATEGORY (16 categories, 5 groups)',
  'imd-quintile': 'English Indices of Deprivation (decile of the patient’s LSOA; Core20 = quintile 1)',
  'bp-state': 'QOF HYP008/HYP009 or NICE NG136 1.4.20–1.4.22',
  priority: 'NICE NG136 1.5.1; UCLPartners proactive care',
  'last-reading': 'The latest BP reading date',
  'ltc-count': 'NICE NG56; QOF registers',
  invitation: 'QOF HYP008/HYP009 rule 7 for non-responders'
}

function outcome(met: boolean, detail: string, reason: string): RuleOutcome {
  return { met, detail, reason }
}

function evaluate(c: CustomCriterion, facts: PatientFacts): RuleOutcome {
  const asked = describeCriterion(c)
  const { patient } = facts
  switch (c.kind) {
    case 'condition': {
      const active = new Set(facts.conditions.map((a) => a.concept))
      const present = c.conditions.filter((k) => active.has(k))
      const met = c.match === 'all' ? present.length === c.conditions.length : present.length > 0
      const has = present.length ? present.map(conceptName).join('; ') : 'none of them'
      return outcome(met, `On registers: ${has}; criterion: ${asked}`, `Conditions: ${has}`)
    }
    case 'age': {
      const age = facts.age
      if (age === null) return outcome(false, `No date of birth recorded, so age cannot be worked out; criterion: ${asked}`, 'Age unknown')
      const met = (c.min === null || age >= c.min) && (c.max === null || age <= c.max)
      return outcome(met, `Age ${age} on ${formatDateText(facts.asOf)}; criterion: ${asked}`, `Age ${age}`)
    }
    case 'sex': {
      const sex = patient.sex?.trim().toUpperCase() ?? ''
      const known = sex in sexLabels ? sexLabels[sex as keyof typeof sexLabels] : null
      const value = known ?? (sex ? `"${patient.sex}"` : 'not recorded')
      const met = (c.sexes as string[]).includes(sex)
      return outcome(met, `Sex ${value}; criterion: ${asked}`, `Sex ${value}`)
    }
    case 'ethnicity': {
      const category = patient.ethnicityCategory
      if (!category) {
        const recorded = patient.ethnicityText ? `"${patient.ethnicityText}" not mapped to a category` : 'no ethnicity recorded'
        return outcome(false, `Ethnicity: ${recorded}; criterion: ${asked}`, 'Ethnicity not recorded or not mapped')
      }
      const group = ethnicGroupOf(category)
      const met = c.categories.includes(category) || (group !== null && c.groups.includes(group))
      const name = ethnicCategories[category]
      return outcome(met, `Ethnic category ${name}${group ? ` (group: ${ethnicGroups[group].label})` : ''}; criterion: ${asked}`, `Ethnicity ${name}`)
    }
    case 'imd-quintile': {
      const decile = patient.imdDecile
      if (decile === null || decile === undefined || !Number.isInteger(decile) || decile < 1 || decile > 10) {
        return outcome(false, `Unknown IMD: no deprivation decile for this patient’s area, so not matched; criterion: ${asked}`, 'IMD unknown (not matched)')
      }
      const quintile = imdQuintile(decile)
      const met = c.quintiles.includes(quintile)
      return outcome(met, `IMD decile ${decile} = quintile ${quintile}; criterion: ${asked}`, `IMD quintile ${quintile} (decile ${decile})`)
    }
    case 'bp-state': {
      const bp = facts.current.bp
      if (!bp) {
        return outcome(c.states.includes('no-reading'), `No BP in the look-back window (${facts.current.rule}); criterion: ${asked}`, 'No recent BP')
      }
      const reading = `${bp.systolic}/${bp.diastolic} on ${formatDateText(bp.date)} (${bp.setting})`
      const target = facts.target
      if (!target || facts.controlled === null) {
        return outcome(false, `BP ${reading}, but no date of birth, so no target can be applied; criterion: ${asked}`, `BP ${reading}, target unknown`)
      }
      const state = facts.controlled ? 'at-target' : 'above-target'
      return outcome(
        c.states.includes(state),
        `BP ${reading} is ${bpStateLabels[state]} (${target.label}); criterion: ${asked}`,
        `BP ${reading} ${bpStateLabels[state]}`
      )
    }
    case 'priority': {
      const priority = facts.priority
      if (!priority) {
        const why = facts.current.bp ? (facts.controlled === null ? 'no target (no date of birth)' : 'BP at target') : 'no recent BP'
        return outcome(false, `No priority group: ${why}; criterion: ${asked}`, `No priority (${why})`)
      }
      return outcome(c.priorities.includes(priority.priority), `${priority.rule}; criterion: ${asked}`, `Priority ${priority.priority}`)
    }
    case 'last-reading': {
      const last = latestReadingDate(facts)
      if (last === null) {
        return outcome(c.includeNoReading, `No BP reading on record on or before ${formatDateText(facts.asOf)}; criterion: ${asked}`, 'No BP ever recorded')
      }
      const months = completedMonthsBetween(last, facts.asOf)
      const met = (c.minMonths === null || months >= c.minMonths) && (c.maxMonths === null || months <= c.maxMonths)
      return outcome(
        met,
        `Last BP on ${formatDateText(last)}, ${months} completed month(s) before ${formatDateText(facts.asOf)}; criterion: ${asked}`,
        `Last BP ${last} (${months} months ago)`
      )
    }
    case 'ltc-count': {
      const n = facts.conditions.length
      const names = facts.conditions.map((a) => registerName(a.concept)).join(', ') || 'none'
      return outcome(n >= c.atLeast, `${n} long-term condition(s) on QOF registers (${names}); criterion: ${c.atLeast} or more`, `${n} conditions: ${names}`)
    }
    case 'invitation': {
      const state = invitationStateOn(patient, facts.asOf)
      if (!state) return outcome(false, `Invitation history not available for this build; criterion: ${asked}`, 'Invitation state unknown')
      return outcome(
        c.states.includes(state.state),
        `${invitationStateLabels[state.state]}: ${state.detail}; criterion: ${asked}`,
        `${invitationStateLabels[state.state]} (${state.detail})`
      )
    }
  }
}

/** The criterion as a cohort rule (id `custom.<kind>`: a custom cohort has each kind at most once). */
export function customCriterionRule(criterion: CustomCriterion): CohortRule {
  return {
    id: `custom.${criterion.kind}`,
    kind: 'criterion',
    label: describeCriterion(criterion),
    source: sources[criterion.kind],
    evaluate: (facts) => evaluate(criterion, facts)
  }
}
