// The audit as an aggregate grid for disclosure control (disclosure-control.ts): its count measures,
// the two means it publishes, and every relation between measures that holds by how the audit
// counts — which a reader of the workbook's notes can know too, so the check must assume they do.
// A new funnel stage or breakdown is a measure or a dimension here; the check needs nothing else.
import { inBpTable } from './audit-funnel'
import { bpOutcomeOf, breakdownBy, funnelOf, type AuditFacts, type BpOutcomeSummary, type FunnelCounts } from './audit-outcome'
import { diastolicRange, systolicRange } from './bp-plausibility'
import { atLeast, sumOf, type AggregateGrid, type GridMean, type GridRow, type MeasureRelation } from './disclosure-control'

export const auditMeasures = [
  { key: 'eligible', label: 'Eligible' },
  { key: 'invited', label: 'Invited' },
  { key: 'invited2', label: 'Invited (2nd invitation)' },
  { key: 'invited3', label: 'Invited (3rd invitation)' },
  { key: 'booked', label: 'Booked' },
  { key: 'attended', label: 'Attended' },
  { key: 'followedUp', label: 'Followed up' },
  { key: 'bpPatients', label: 'With baseline and follow-up (the BP table)' },
  { key: 'reduced', label: 'Reduced' },
  { key: 'unchanged', label: 'No change' },
  { key: 'increased', label: 'Increased' },
  { key: 'atTargetBefore', label: 'At target at baseline' },
  { key: 'atTargetAfter', label: 'At target at follow-up' }
] as const

export type AuditMeasureKey = (typeof auditMeasures)[number]['key']

// A change is follow-up minus baseline, each within the import's plausibility limits.
export const auditMeans = [
  {
    key: 'systolicChange',
    label: 'Mean systolic change',
    over: 'bpPatients',
    perPatient: { min: systolicRange.min - systolicRange.max, max: systolicRange.max - systolicRange.min }
  },
  {
    key: 'diastolicChange',
    label: 'Mean diastolic change',
    over: 'bpPatients',
    perPatient: { min: diastolicRange.min - diastolicRange.max, max: diastolicRange.max - diastolicRange.min }
  }
] as const satisfies readonly GridMean[]

export type AuditMeanKey = (typeof auditMeans)[number]['key']

/**
 * What holds in every row by how the audit counts (audit-funnel.ts): each funnel stage is a subset
 * of the one it hangs from; the BP table is of invited patients with a baseline and a follow-up, so
 * it holds every followed-up patient and no one uninvited; the outcome splits it exactly; at target
 * is counted within it. Should the counting change, the check refuses figures that break one of
 * these (it would otherwise reason about a table that cannot be) — update them together.
 */
export const auditRelations: readonly MeasureRelation[] = [
  atLeast('eligible', 'invited'),
  atLeast('invited', 'invited2'),
  atLeast('invited2', 'invited3'),
  atLeast('invited', 'booked'),
  atLeast('booked', 'attended'),
  atLeast('attended', 'followedUp'),
  atLeast('invited', 'bpPatients'),
  atLeast('bpPatients', 'followedUp'),
  sumOf('bpPatients', ['reduced', 'unchanged', 'increased']),
  atLeast('bpPatients', 'atTargetBefore'),
  atLeast('bpPatients', 'atTargetAfter')
]

/** A breakdown of the audit: its sheet name, which group a patient is in, and the groups' order. */
export interface AuditBreakdown<T> {
  readonly name: string
  readonly groupOf: (patient: T) => string
  readonly order: readonly string[]
}

export function auditCounts(funnel: FunnelCounts, outcome: BpOutcomeSummary): Record<AuditMeasureKey, number> {
  return {
    eligible: funnel.eligible,
    invited: funnel.invited,
    invited2: funnel.invited2,
    invited3: funnel.invited3,
    booked: funnel.booked,
    attended: funnel.attended,
    followedUp: funnel.followedUp,
    bpPatients: outcome.patients,
    reduced: outcome.reduced,
    unchanged: outcome.unchanged,
    increased: outcome.increased,
    atTargetBefore: outcome.atTargetBefore,
    atTargetAfter: outcome.atTargetAfter
  }
}

function rowOf<T extends AuditFacts>(label: string, patients: readonly T[]): GridRow {
  const outcome = bpOutcomeOf(patients)
  // The means' sums over exactly the patients the BP table counts.
  const pairs = patients.flatMap((p) => (p.pair && inBpTable(p) ? [p.pair] : []))
  if (pairs.length !== outcome.patients) throw new Error('Disclosure control: the BP table and its means count different patients')
  return {
    label,
    counts: auditCounts(funnelOf(patients), outcome),
    sums: {
      systolicChange: pairs.reduce((a, p) => a + p.followUp.systolic - p.baseline.systolic, 0),
      diastolicChange: pairs.reduce((a, p) => a + p.followUp.diastolic - p.baseline.diastolic, 0)
    }
  }
}

/** The whole audit and each breakdown as one grid, groups in the order the workbook shows them. */
export function auditGrid<T extends AuditFacts>(patients: readonly T[], breakdowns: readonly AuditBreakdown<T>[]): AggregateGrid {
  return {
    measures: auditMeasures,
    means: auditMeans,
    whole: rowOf('All patients', patients),
    dimensions: breakdowns.map((b) => {
      const members = new Map<string, T[]>()
      for (const p of patients) {
        const group = b.groupOf(p)
        const list = members.get(group)
        if (list) list.push(p)
        else members.set(group, [p])
      }
      return { name: b.name, groups: breakdownBy(patients, b.groupOf, b.order).map((row) => rowOf(row.group, members.get(row.group) ?? [])) }
    })
  }
}
