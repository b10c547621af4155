// Medicines adherence at baseline, for the audit of a BP programme: what the patient said about
// taking their BP medicines at their first attended visit of the programme, counted per answer,
// with the reasons given for not taking them as prescribed. The seed programme's main finding was
// here — most patients whose BP stayed high were not taking their tablets as prescribed, which
// needs a conversation rather than another drug (NICE NG136 1.4.40, 1.4.44, 1.4.47).
//
// - Only the first attended visit counts, as the BP baseline does: a patient whose first visit did
//   not ask (recorded before the visit forms, on a Time to Talk form, or with adherence left out) has
//   no adherence at baseline and is not counted, whatever a later visit recorded.
// - Only invited patients count (as in the BP table), so every patient counted attended.
// - A patient may give several reasons, so the reasons do not add up to anything; each is counted
//   among the patients not taking their medicines as prescribed.
import { adherenceStatuses, nonAdherenceReasons, type AdherenceRecord, type AdherenceStatus, type NonAdherenceReason } from './medication-adherence'

export interface AdherenceFacts {
  invited: boolean
  /** What the first attended visit recorded, or null when it did not ask. */
  adherenceAtBaseline: AdherenceRecord | null
}

export interface AdherenceSummary {
  /** Patients whose first attended visit recorded adherence: the statuses add up to it. */
  patients: number
  /** Of them, not taking as prescribed (every status but "taking"). */
  notTakingAsPrescribed: number
  status: Record<AdherenceStatus, number>
  reasons: Record<NonAdherenceReason, number>
}

const zeroes = <K extends string>(ids: readonly { id: K }[]): Record<K, number> => Object.fromEntries(ids.map((s) => [s.id, 0])) as Record<K, number>

/** Whether the patient counts in the adherence table. */
export function inAdherenceTable(facts: AdherenceFacts): boolean {
  return facts.invited && facts.adherenceAtBaseline !== null
}

export function adherenceAtBaselineOf(facts: readonly AdherenceFacts[]): AdherenceSummary {
  const status = zeroes(adherenceStatuses)
  const reasons = zeroes(nonAdherenceReasons)
  let patients = 0
  for (const f of facts) {
    const record = inAdherenceTable(f) ? f.adherenceAtBaseline : null
    if (!record) continue
    patients++
    status[record.status]++
    for (const reason of new Set(record.reasons)) reasons[reason]++
  }
  return { patients, notTakingAsPrescribed: patients - status.taking, status, reasons }
}

const isStatus = (value: unknown): value is AdherenceStatus => adherenceStatuses.some((s) => s.id === value)
const isReason = (value: unknown): value is NonAdherenceReason => nonAdherenceReasons.some((r) => r.id === value)

/**
 * The adherence a stored visit record holds (its `adherence`), or null when it holds none this
 * version can read. The record was checked when it was saved; this only guards the audit against a
 * record written by another version: an unknown status is no adherence, an unknown reason is left out,
 * and reasons beside "taking as prescribed" (refused at the visit) are not counted.
 */
export function adherenceFromStored(value: unknown): AdherenceRecord | null {
  if (typeof value !== 'object' || value === null) return null
  const { status, reasons } = value as { status?: unknown; reasons?: unknown }
  if (!isStatus(status)) return null
  const known = Array.isArray(reasons) ? [...new Set(reasons.filter(isReason))] : []
  return { status, reasons: status === 'taking' ? [] : known }
}
