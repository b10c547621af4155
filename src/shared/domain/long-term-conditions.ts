// The long-term conditions counted for multimorbidity (the Time to Talk cohort) and for the P3
// higher-risk group: every QOF register in qof-registers.ts except palliative care, which is a
// stage of care rather than a condition (and an exclusion of its own). Each counts while its
// register's rule says the patient is on it — resolved codes, date and age floors included.
// Physical vs mental health follows NICE NG56, which names people with both as a priority group.
import { clinicalConcepts, type ClinicalConcept } from './clinical-concepts'
import type { CodedEvent } from './patient-record'
import { type RegisterId, type RegisterStatus, describeRegisterStatus, registerRule, registerStatus } from './qof-registers'

/** Physical vs mental health, for NICE NG56's "physical and mental health conditions" ordering. */
export type ConditionKind = 'physical' | 'mental-health' | 'other'

interface LtcDefinition {
  concept: RegisterId & ClinicalConcept
  kind: ConditionKind
  /** The concepts that take the patient off the register (from qof-registers.ts). */
  resolvedBy: ClinicalConcept | null
}

const counted: readonly [RegisterId & ClinicalConcept, ConditionKind][] = [
  ['HYP', 'physical'],
  ['DM', 'physical'],
  ['CHD', 'physical'],
  ['STIA', 'physical'],
  ['PAD', 'physical'],
  ['CKD', 'physical'],
  ['AF', 'physical'],
  ['HF', 'physical'],
  ['AST', 'physical'],
  ['COPD', 'physical'],
  ['EP', 'physical'],
  ['RA', 'physical'],
  ['CAN', 'physical'],
  ['OST', 'physical'],
  ['NDH', 'physical'],
  ['OBESE', 'physical'],
  ['DEM', 'mental-health'],
  ['DEP', 'mental-health'],
  ['MH', 'mental-health'],
  // A QOF register, but neither a physical nor a mental-health condition: it does not by itself
  // make the NG56 "both" group.
  ['LD', 'other']
]

export const longTermConditionList: readonly LtcDefinition[] = counted.map(([concept, kind]) => ({
  concept,
  kind,
  resolvedBy: registerRule(concept).resolvedBy[0] ?? null
}))

export interface ActiveCondition {
  concept: ClinicalConcept
  label: string
  kind: ConditionKind
  /** The date of the record that puts the patient on the register (null = register flag without a date). */
  since: string | null
  /** Only the exported term said so (no listed code): shown as "matched by term — check". */
  matchedByTerm: boolean
  /** The register's decision in words, naming its rule and source. */
  detail: string
}

/**
 * An active condition. Its sentence is only read for the patients a cohort lists, so it is worded
 * on first read; a class rather than a getter defined on each object, which cost more than deciding
 * the register. `toJSON` gives the plain ActiveCondition, detail included, for serialising.
 */
class ActiveConditionOf implements ActiveCondition {
  readonly concept: ClinicalConcept
  readonly label: string
  readonly kind: ConditionKind
  readonly since: string | null
  readonly matchedByTerm: boolean
  readonly #status: RegisterStatus
  #detail: string | null = null

  constructor(ltc: LtcDefinition, status: RegisterStatus) {
    this.concept = ltc.concept
    this.label = clinicalConcepts[ltc.concept]
    this.kind = ltc.kind
    this.since = status.evidence?.date ?? null
    this.matchedByTerm = status.matchedByTerm
    this.#status = status
  }

  get detail(): string {
    return (this.#detail ??= describeRegisterStatus(this.#status))
  }

  toJSON(): ActiveCondition {
    const { concept, label, kind, since, matchedByTerm, detail } = this
    return { concept, label, kind, since, matchedByTerm, detail }
  }
}

/** The patient's active long-term conditions on asOf, in the order of longTermConditionList. */
export function activeLongTermConditions(events: readonly CodedEvent[], asOf: string, dateOfBirth: string | null = null): ActiveCondition[] {
  // Grouped once: this runs for every patient in the practice when a cohort is built.
  const byConcept = groupByConcept(events)
  const active: ActiveCondition[] = []
  for (const ltc of longTermConditionList) {
    const needed = registerRule(ltc.concept).diagnosis
    if (!needed.some((c) => byConcept.has(c))) continue
    const status = registerStatus(ltc.concept, events, asOf, dateOfBirth, byConcept)
    if (!status.active) continue
    active.push(new ActiveConditionOf(ltc, status))
  }
  return active
}

function groupByConcept(events: readonly CodedEvent[]): Map<ClinicalConcept, CodedEvent[]> {
  const byConcept = new Map<ClinicalConcept, CodedEvent[]>()
  for (const e of events) {
    const list = byConcept.get(e.concept)
    if (list) list.push(e)
    else byConcept.set(e.concept, [e])
  }
  return byConcept
}

/** NICE NG56: people with both physical and mental health conditions are a priority group. */
export function hasPhysicalAndMentalHealth(conditions: readonly ActiveCondition[]): boolean {
  return conditions.some((c) => c.kind === 'physical') && conditions.some((c) => c.kind === 'mental-health')
}
