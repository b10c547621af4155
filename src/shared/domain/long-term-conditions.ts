// The long-term conditions counted for multimorbidity (Time to Talk cohort, spec §4.4 cohort 3) and
// for the P3 risk factors (spec §4.3): the clinical concepts that are QOF registers
// (clinical-reference §4.1). A register with a QOF resolution cluster (HYPRES, DMRES, AFIBRES,
// ASTRES, CKD downstaged/resolved, COPDRES, DEPRES, EPILRES, HFRES, MHREM) counts only while the
// latest diagnosis is after the latest resolution; CHD, stroke/TIA, PAD, dementia, RA and cancer are
// lifelong in QOF (no resolution cluster). Learning disability's LDREM is not read (no code known).
//
// What is NOT applied (the export rarely carries what it needs; documented, not guessed): QOF's
// treatment conditions — asthma needs asthma medication in the last 12 months, epilepsy an
// anti-epileptic in the last 6 months, SMI counts lithium — and the register age limits (asthma ≥ 6,
// CKD/depression/epilepsy ≥ 18, diabetes ≥ 17, RA ≥ 16), the depression episode rules and COPD's
// spirometry rule. The cohorts that count conditions are for adults (age ≥ 18 is a criterion).
import { clinicalConcepts, type ClinicalConcept } from './clinical-concepts'
import { diagnosisStatus, knownBy } from './condition-status'
import type { CodedEvent } from './patient-record'

/** Physical vs mental health, for NICE NG56's "physical and mental health conditions" ordering. */
export type ConditionKind = 'physical' | 'mental-health' | 'other'

interface LtcDefinition {
  concept: ClinicalConcept
  kind: ConditionKind
  /** The concept that resolves it, when QOF has a resolution cluster (HYPRES_COD, DMRES_COD, ASTRES_COD …). */
  resolvedBy: ClinicalConcept | null
}

// Learning disability is counted (it is a QOF register) but is neither a physical nor a
// mental-health condition, so it does not by itself make the "both" group.
export const longTermConditionList: readonly LtcDefinition[] = [
  { concept: 'HYP', kind: 'physical', resolvedBy: 'HYPRES' },
  { concept: 'DM', kind: 'physical', resolvedBy: 'DMRES' },
  { concept: 'CHD', kind: 'physical', resolvedBy: null },
  { concept: 'STIA', kind: 'physical', resolvedBy: null },
  { concept: 'PAD', kind: 'physical', resolvedBy: null },
  { concept: 'CKD', kind: 'physical', resolvedBy: 'CKDRES' },
  { concept: 'AF', kind: 'physical', resolvedBy: 'AFIBRES' },
  { concept: 'HF', kind: 'physical', resolvedBy: 'HFRES' },
  { concept: 'AST', kind: 'physical', resolvedBy: 'ASTRES' },
  { concept: 'COPD', kind: 'physical', resolvedBy: 'COPDRES' },
  { concept: 'EP', kind: 'physical', resolvedBy: 'EPILRES' },
  { concept: 'RA', kind: 'physical', resolvedBy: null },
  { concept: 'CAN', kind: 'physical', resolvedBy: null },
  { concept: 'DEM', kind: 'mental-health', resolvedBy: null },
  { concept: 'DEP', kind: 'mental-health', resolvedBy: 'DEPRES' },
  { concept: 'MH', kind: 'mental-health', resolvedBy: 'MHREM' },
  { concept: 'LD', kind: 'other', resolvedBy: null }
]

export interface ActiveCondition {
  concept: ClinicalConcept
  label: string
  kind: ConditionKind
  /** The latest event recording it (date null = register flag without a date). */
  since: string | null
}

/** The patient's active long-term conditions on asOf, in the order of longTermConditionList. */
export function activeLongTermConditions(events: readonly CodedEvent[], asOf: string): ActiveCondition[] {
  // Grouped once: this runs for every patient in the practice when a cohort is built.
  const byConcept = new Map<ClinicalConcept, CodedEvent[]>()
  for (const e of events) {
    const list = byConcept.get(e.concept)
    if (list) list.push(e)
    else byConcept.set(e.concept, [e])
  }
  const active: ActiveCondition[] = []
  for (const ltc of longTermConditionList) {
    const label = clinicalConcepts[ltc.concept]
    const diagnoses = byConcept.get(ltc.concept) ?? []
    if (diagnoses.length === 0) continue
    if (ltc.resolvedBy) {
      const relevant = [...diagnoses, ...(byConcept.get(ltc.resolvedBy) ?? [])]
      const status = diagnosisStatus(relevant, ltc.concept, ltc.resolvedBy, asOf)
      if (status.active) active.push({ concept: ltc.concept, label, kind: ltc.kind, since: status.diagnosis?.date ?? null })
      continue
    }
    const recorded = diagnoses.filter((e) => knownBy(e, asOf))
    if (recorded.length === 0) continue
    const dated = recorded.map((e) => e.date).filter((d): d is string => d !== null).sort()
    active.push({ concept: ltc.concept, label, kind: ltc.kind, since: dated[dated.length - 1] ?? null })
  }
  return active
}

/** NICE NG56: people with both physical and mental health conditions are a priority group. */
export function hasPhysicalAndMentalHealth(conditions: readonly ActiveCondition[]): boolean {
  return conditions.some((c) => c.kind === 'physical') && conditions.some((c) => c.kind === 'mental-health')
}
