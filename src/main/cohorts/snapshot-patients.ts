// How a snapshot stores each listed patient (migration 0017), both directions in one place so they
// cannot drift apart. An entry row keeps what other steps query — status, priority, rule, severe,
// BP — and the reasons as codes: each reason, and the rule that chose the current BP, is a short
// list of indices into the snapshot's distinct values (cohorts.reason_values_json: a rule id, a
// date, a reading, a target, each stored once), worded when read by the domain
// (cohort-reason-codes.ts: the same functions that word them at evaluation, so the text read back is
// the text the build produced). Beside them the age at the as-of date and the programme state the
// rules read. The patient's details as the build saw them are a shared version
// (cohort_patient_versions), so a later correction of a name or date of birth does not change what
// the snapshot says, and cohorts.explain can re-derive the "why" from the same inputs.
import type { InvitationHistory } from '../../shared/domain/invitation-state'
import type { SnapshotListing } from '../../shared/domain/cohort-engine'
import { type ReasonCode, type ReasonValue, formatReasonCode, reasonValueTable } from '../../shared/domain/cohort-reason-codes'
import { ethnicCategories, isEthnicCategory } from '../../shared/domain/ethnicity'
import { displayName } from '../../shared/domain/patient-record'
import type { CohortRow, EntryRow } from './cohort-snapshot-queries'

/**
 * A stored reason: a code as indices into the values (null is -1); in snapshots converted from
 * before reason codes, the sentence itself or its index in the cohort's strings.
 */
type StoredReason = string | number | number[]

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

/** How many entry rows are encoded and handed to the writer at a time. */
export const ENTRY_ROWS_PER_BATCH = 500

/**
 * A build's listings as entry rows (members first, each in list order), handed to `writeRows` a
 * batch at a time as flat column values in NewCohortEntry's order, each row led by the cohort id;
 * returns the values their codes refer to. In batches rather than all at once: a 40k-member
 * snapshot's rows then die young (written and dropped batch by batch) instead of all living until
 * the last is encoded, which made every garbage collection of the build copy them.
 */
export function encodeSnapshotListings(
  cohortId: number,
  members: readonly SnapshotListing[],
  excluded: readonly SnapshotListing[],
  writeRows: (values: unknown[], rows: number) => void
): { reasonValuesJson: string } {
  const { values, ref } = reasonValueTable()
  const encode = (code: ReasonCode): string => {
    let text = '['
    for (let i = 0; i < code.length; i++) text += (i === 0 ? '' : ',') + ref(code[i] ?? null)
    return `${text}]`
  }
  let batch: unknown[] = []
  let rows = 0
  const write = ({ entry, patient: p, reasonCodes, bpRuleCode }: SnapshotListing, status: 'member' | 'excluded') => {
    const bp = entry.bp
    let reasons = '['
    for (let i = 0; i < reasonCodes.length; i++) reasons += (i === 0 ? '' : ',') + encode(reasonCodes[i] as ReasonCode)
    batch.push(
      cohortId,
      entry.patientId,
      status,
      entry.priority,
      entry.rule,
      entry.severe ? 1 : 0,
      bp ? `{"systolic":${bp.systolic},"diastolic":${bp.diastolic},"date":"${bp.date}","setting":"${bp.setting}"}` : null,
      entry.age,
      encode(bpRuleCode),
      `${reasons}]`,
      p.nextBookedAppointmentOn,
      p.lastInvitedOn,
      p.noContactPermitted === true ? 1 : 0,
      p.invitationHistory ? JSON.stringify(p.invitationHistory) : null
    )
    if (++rows === ENTRY_ROWS_PER_BATCH) flush()
  }
  const flush = () => {
    if (rows === 0) return
    writeRows(batch, rows)
    batch = []
    rows = 0
  }
  for (const listing of members) write(listing, 'member')
  for (const listing of excluded) write(listing, 'excluded')
  flush()
  return { reasonValuesJson: JSON.stringify(values) }
}

/** The cohort's tables the entries' codes refer to, read once per snapshot. */
export interface ReasonTables {
  values: ReasonValue[]
  strings: string[]
}

export function reasonTables(cohort: Pick<CohortRow, 'reason_values_json' | 'reason_strings_json'>): ReasonTables {
  return {
    values: cohort.reason_values_json ? (JSON.parse(cohort.reason_values_json) as ReasonValue[]) : [],
    strings: cohort.reason_strings_json ? (JSON.parse(cohort.reason_strings_json) as string[]) : []
  }
}

/** The patient as the snapshot listed them, or undefined when it kept no such record (built before migration 4). */
export function snapshotPatientFromRow(row: EntryRow, tables: ReasonTables): SnapshotPatient | undefined {
  if (row.v_nhs_number === null || row.reason_codes === null || row.bp_rule_code === null) return undefined
  const value = (index: number): ReasonValue => (index < 0 ? null : (tables.values[index] ?? null))
  const text = (stored: StoredReason): string => {
    if (typeof stored === 'string') return stored
    if (typeof stored === 'number') return tables.strings[stored] ?? ''
    const [kind, ...rest] = stored.map(value)
    return formatReasonCode([String(kind), ...rest])
  }
  const category = row.v_ethnicity_category
  return {
    nhsNumber: row.v_nhs_number,
    name: row.v_listed_name ?? displayName({ title: row.v_title, givenName: row.v_given_name, familyName: row.v_family_name }),
    age: row.age,
    sex: row.v_sex,
    ethnicity: category && isEthnicCategory(category) ? ethnicCategories[category] : row.v_ethnicity_text,
    bpRule: text(JSON.parse(row.bp_rule_code) as StoredReason),
    reasons: (JSON.parse(row.reason_codes) as StoredReason[]).map(text),
    dateOfBirth: row.v_date_of_birth,
    ethnicityText: row.v_ethnicity_text,
    ethnicityCategory: category,
    registrationStatus: row.v_registration_status,
    imdDecile: row.v_imd_decile,
    nextBookedOn: row.next_booked_on,
    lastInvitedOn: row.last_invited_on,
    noContactPermitted: row.no_contact_permitted === 1,
    invitationHistory: row.invitation_history_json ? (JSON.parse(row.invitation_history_json) as InvitationHistory) : null
  }
}
