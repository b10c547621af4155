// How a build's listed patients are written down and read back. One compact row per listed
// patient — what invitations and the audit query (status, priority, severe, BP) — and one JSON
// document per snapshot with each listed patient's reasons (as codes, worded when read:
// cohort-reason-codes.ts) and the patient as the build saw them (see migration 0004), so a later
// correction of a name or date of birth does not change what the snapshot says, and cohorts.explain
// can re-derive the "why". Both directions of that format live here, so they cannot drift apart.
import type { InvitationHistory } from '../../shared/domain/invitation-state'
import type { SnapshotListing } from '../../shared/domain/cohort-engine'
import { type ReasonCode, type ReasonValue, formatReasonCode } from '../../shared/domain/cohort-reason-codes'
import type { NewCohortEntry } from './cohort-snapshot-queries'

/**
 * cohort_snapshot_patients.patients_json: a bare tuple array before the string table; then
 * `strings` (each distinct sentence once, referred to by index); since reason codes, `values` (each
 * distinct code value once) with each reason an array of indices.
 */
interface StoredSnapshotPatients {
  strings?: string[]
  values?: ReasonValue[]
  patients: SnapshotPatientTuple[]
}

/** A stored reason: the sentence (oldest), its index in `strings`, or a code as indices into `values`. */
type StoredReason = string | number | number[]

/** A listed patient as the build saw them (one element of cohort_snapshot_patients.patients_json). */
type SnapshotPatientTuple = [
  patientId: number,
  nhsNumber: string,
  name: string,
  age: number | null,
  sex: string | null,
  /** The label, or its index in `values` (since reason codes). */
  ethnicity: string | number | null,
  bpRule: StoredReason,
  reasons: StoredReason[],
  dateOfBirth: string | null,
  /** The text, or its index in `values` (since reason codes). */
  ethnicityText: string | number | null,
  ethnicityCategory: string | null,
  registrationStatus: string | null,
  imdDecile: number | null,
  nextBookedOn: string | null,
  lastInvitedOn: string | null,
  /** Added with migration 0008; absent in older snapshots (= false). */
  noContactPermitted?: boolean,
  /** Custom cohorts with an invitation-state criterion only (migration 0005); null otherwise. */
  invitationHistory?: InvitationHistory | null
]

export interface SnapshotPatient {
  nhsNumber: string
  name: string
  age: number | null
  sex: string | null
  ethnicity: string | null
  bpRule: string
  reasons: string[]
  dateOfBirth: string | null
  ethnicityText: string | null
  ethnicityCategory: string | null
  registrationStatus: string | null
  imdDecile: number | null
  nextBookedOn: string | null
  lastInvitedOn: string | null
  noContactPermitted: boolean
  invitationHistory: InvitationHistory | null
}

/** A build's listings as the compact entry rows (members first, each in list order) and the patients_json document. */
export function encodeSnapshotListings(
  cohortId: number,
  members: readonly SnapshotListing[],
  excluded: readonly SnapshotListing[]
): { entries: NewCohortEntry[]; patientsJson: string } {
  const entries: NewCohortEntry[] = []
  const asBuilt: SnapshotPatientTuple[] = []
  // The BP rule and reasons are stored as codes — the rule id and the few values its words need
  // (cohort-reason-codes.ts) — and worded when read: storing 40k members' sentences took over a
  // second and 12 MB per build. Each distinct value (a rule id, a date, a reading, a target) is
  // stored once in `values` and the codes refer to it by index; null is -1.
  const values: ReasonValue[] = []
  const valueIndex = new Map<ReasonValue, number>()
  const ref = (value: ReasonValue): number => {
    if (value === null) return -1
    let index = valueIndex.get(value)
    if (index === undefined) {
      index = values.length
      values.push(value)
      valueIndex.set(value, index)
    }
    return index
  }
  const encode = (code: ReasonCode): number[] => code.map(ref)
  const write = ({ entry, patient: p, reasonCodes, bpRuleCode }: SnapshotListing, status: 'member' | 'excluded') => {
    const bp = entry.bp
    entries.push([
      cohortId,
      entry.patientId,
      status,
      entry.priority,
      entry.rule,
      entry.severe ? 1 : 0,
      bp ? `{"systolic":${bp.systolic},"diastolic":${bp.diastolic},"date":"${bp.date}","setting":"${bp.setting}"}` : null
    ])
    asBuilt.push([
      entry.patientId,
      entry.nhsNumber,
      entry.name,
      entry.age,
      entry.sex,
      // Few distinct ethnicity labels, repeated on tens of thousands of rows: by index too.
      entry.ethnicity === null ? null : ref(entry.ethnicity),
      encode(bpRuleCode),
      reasonCodes.map(encode),
      p.dateOfBirth,
      p.ethnicityText === null ? null : ref(p.ethnicityText),
      p.ethnicityCategory,
      p.registrationStatus,
      p.imdDecile,
      p.nextBookedAppointmentOn,
      p.lastInvitedOn,
      p.noContactPermitted === true,
      p.invitationHistory ?? null
    ])
  }
  for (const listing of members) write(listing, 'member')
  for (const listing of excluded) write(listing, 'excluded')
  const stored: StoredSnapshotPatients = { values, patients: asBuilt }
  return { entries, patientsJson: JSON.stringify(stored) }
}

/** The listed patients of a stored patients_json document (any of its versions), by patient id. */
export function decodeSnapshotPatients(patientsJson: string): Map<number, SnapshotPatient> {
  const map = new Map<number, SnapshotPatient>()
  const parsed = JSON.parse(patientsJson) as SnapshotPatientTuple[] | StoredSnapshotPatients
  const { strings = [], values = [], patients } = Array.isArray(parsed) ? { patients: parsed } : parsed
  const value = (index: number): ReasonValue => (index < 0 ? null : (values[index] ?? null))
  const text = (stored: StoredReason): string => {
    if (typeof stored === 'string') return stored
    if (typeof stored === 'number') return strings[stored] ?? ''
    const [kind, ...rest] = stored.map(value)
    return formatReasonCode([String(kind), ...rest])
  }
  const label = (stored: string | number | null): string | null => (typeof stored === 'number' ? String(value(stored)) : stored)
  for (const t of patients) {
    map.set(t[0], {
      nhsNumber: t[1],
      name: t[2],
      age: t[3],
      sex: t[4],
      ethnicity: label(t[5]),
      bpRule: text(t[6]),
      reasons: t[7].map(text),
      dateOfBirth: t[8],
      ethnicityText: label(t[9]),
      ethnicityCategory: t[10],
      registrationStatus: t[11],
      imdDecile: t[12],
      nextBookedOn: t[13],
      lastInvitedOn: t[14],
      noContactPermitted: t[15] === true,
      invitationHistory: t[16] ?? null
    })
  }
  return map
}
