// What the Cohorts screen shows: either an unsaved preview (the live rebuild as settings change,
// cohorts.preview — counts for everyone, the first patients with their reasons) or a saved snapshot
// #N (cohorts.build / cohorts.get — everyone, and what invitations are made from). One shape for
// both, so the lists, counts and switches read the same fields and the screen can say which it is.
import type { CohortEntryT, CohortSnapshotT, OperationInput, OperationOutput } from '../../../../shared/contract'

type PreviewT = OperationOutput<'cohorts.preview'>
export type PreviewInput = Omit<OperationInput<'cohorts.preview'>, 'limit'>

export interface ShownCohort {
  /** The saved snapshot, or null for an unsaved preview. */
  snapshot: CohortSnapshotT | null
  /** For a preview: the settings it was evaluated with (the "why" of a previewed patient uses them). */
  previewInput: PreviewInput | null
  definition: CohortSnapshotT['definition']
  definitionVersion: number
  name: string
  asOf: string
  mode: CohortSnapshotT['mode']
  parameters: CohortSnapshotT['parameters']
  exclusionCounts: CohortSnapshotT['exclusionCounts']
  notEligibleCount: number
  memberCount: number
  excludedCount: number
  priorityCounts: PreviewT['priorityCounts']
  severeExcludedCount: number
  /** All members for a snapshot; the first ones (in list order) for a preview. */
  members: CohortEntryT[]
  excluded: CohortEntryT[]
  /** Why it has no members, with counts (from a build or a preview; absent for a snapshot read back). */
  emptyReason?: string | null
}

export function shownSnapshot(snapshot: CohortSnapshotT): ShownCohort {
  const priorityCounts = { P1: 0, P2: 0, P3: 0, P4: 0, none: 0 }
  for (const entry of snapshot.members) priorityCounts[entry.priority ?? 'none']++
  return {
    snapshot,
    previewInput: null,
    definition: snapshot.definition,
    definitionVersion: snapshot.definitionVersion,
    name: snapshot.name,
    asOf: snapshot.asOf,
    mode: snapshot.mode,
    parameters: snapshot.parameters,
    exclusionCounts: snapshot.exclusionCounts,
    notEligibleCount: snapshot.notEligibleCount,
    memberCount: snapshot.members.length,
    excludedCount: snapshot.excluded.length,
    priorityCounts,
    severeExcludedCount: snapshot.excluded.filter((entry) => entry.severe).length,
    members: snapshot.members,
    excluded: snapshot.excluded,
    emptyReason: snapshot.emptyReason ?? null
  }
}

export function shownPreview(preview: PreviewT, input: PreviewInput): ShownCohort {
  return { ...preview, snapshot: null, previewInput: input }
}
