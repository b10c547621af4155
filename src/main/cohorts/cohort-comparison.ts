// Compare two stored cohort snapshots: who joined, who left, whose priority group
// changed — each with their place and reasons on both sides — and what differed in how the two were
// built (definition, version, as-of date, mode, parameters), which is often the "why" of a change.
import type { CohortChangeT, CohortComparisonT, CohortEntryT, CohortPlacementT, CohortSnapshotT } from '../../shared/contract'
import type { ReadingContext } from '../context'
import { findCohortRow, getCohort } from './cohort-snapshots'
import { formatDateText } from '../../shared/format/staff-text'
import { parameterLabel, parameterValueText } from '../../shared/domain/cohort-parameter-words'

type Side = CohortComparisonT['from']

function placement(entry: CohortEntryT | undefined, status: CohortPlacementT['status'], snapshot: CohortSnapshotT): CohortPlacementT {
  if (!entry) {
    return {
      status: 'not-listed',
      priority: null,
      rule: null,
      bp: null,
      reasons: [`Not listed in "${snapshot.name}" (as of ${formatDateText(snapshot.asOf)}): did not meet its criteria on that date (or not yet imported)`]
    }
  }
  return { status, priority: entry.priority, rule: entry.rule, bp: entry.bp, reasons: entry.reasons }
}

function side(ctx: ReadingContext, snapshot: CohortSnapshotT): { summary: Side; parameters: Record<string, unknown> } {
  const row = findCohortRow(ctx, snapshot.cohortId)
  const parameters = JSON.parse(row.parameters_json) as Record<string, unknown>
  return {
    parameters,
    summary: {
      cohortId: snapshot.cohortId,
      programmeId: snapshot.programmeId,
      definition: snapshot.definition,
      name: snapshot.name,
      asOf: snapshot.asOf,
      mode: snapshot.mode,
      builtAt: snapshot.builtAt,
      builtBy: snapshot.builtBy,
      memberCount: snapshot.members.length,
      excludedCount: snapshot.excluded.length,
      definitionVersion: snapshot.definitionVersion,
      parameters
    }
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function compareCohorts(ctx: ReadingContext, fromCohortId: number, toCohortId: number): CohortComparisonT {
  const from = getCohort(ctx, fromCohortId)
  const to = getCohort(ctx, toCohortId)
  const fromSide = side(ctx, from)
  const toSide = side(ctx, to)

  const settingsChanged: CohortComparisonT['settingsChanged'] = []
  const compareSetting = (setting: string, a: unknown, b: unknown) => {
    if (text(a) !== text(b)) settingsChanged.push({ setting, from: text(a), to: text(b) })
  }
  compareSetting('definition', from.name, to.name)
  compareSetting('definition version', from.definitionVersion, to.definitionVersion)
  compareSetting('as-of date', formatDateText(from.asOf), formatDateText(to.asOf))
  compareSetting('target mode', from.mode.toUpperCase(), to.mode.toUpperCase())
  for (const key of [...new Set([...Object.keys(fromSide.parameters), ...Object.keys(toSide.parameters)])].sort()) {
    compareSetting(parameterLabel(key), parameterValueText(key, fromSide.parameters[key]), parameterValueText(key, toSide.parameters[key]))
  }

  const fromMembers = new Map(from.members.map((e) => [e.patientId, e]))
  const fromExcluded = new Map(from.excluded.map((e) => [e.patientId, e]))
  const toMembers = new Map(to.members.map((e) => [e.patientId, e]))
  const toExcluded = new Map(to.excluded.map((e) => [e.patientId, e]))
  const placeIn = (members: Map<number, CohortEntryT>, excluded: Map<number, CohortEntryT>, id: number, snapshot: CohortSnapshotT) => {
    const member = members.get(id)
    if (member) return placement(member, 'member', snapshot)
    const out = excluded.get(id)
    return out ? placement(out, 'excluded', snapshot) : placement(undefined, 'not-listed', snapshot)
  }
  const change = (entry: CohortEntryT): CohortChangeT => ({
    patientId: entry.patientId,
    nhsNumber: entry.nhsNumber,
    name: entry.name,
    from: placeIn(fromMembers, fromExcluded, entry.patientId, from),
    to: placeIn(toMembers, toExcluded, entry.patientId, to)
  })

  const joined = to.members.filter((e) => !fromMembers.has(e.patientId)).map(change)
  const left = from.members.filter((e) => !toMembers.has(e.patientId)).map(change)
  const priorityChanged: CohortChangeT[] = []
  let unchangedCount = 0
  for (const entry of to.members) {
    const before = fromMembers.get(entry.patientId)
    if (!before) continue
    if (before.priority === entry.priority) unchangedCount++
    else priorityChanged.push(change(entry))
  }
  return { from: fromSide.summary, to: toSide.summary, settingsChanged, joined, left, priorityChanged, unchangedCount }
}
