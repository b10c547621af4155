// How snapshots stored their listed patients before migration 0017: one JSON document per snapshot
// (cohort_snapshot_patients.patients_json) with each distinct value once and every patient a tuple
// whose reasons are index arrays into those values. Kept here only so the migration's test can write
// a snapshot exactly as a practice's database holds one, and check the conversion shows the same.
import type { SnapshotListing } from '../../src/shared/domain/cohort-engine'
import { reasonValueTable, type ReasonCode } from '../../src/shared/domain/cohort-reason-codes'

/** The document a pre-0017 build stored for these listings (members first, then excluded). */
export function legacySnapshotDocument(listings: readonly SnapshotListing[]): string {
  const { values, ref } = reasonValueTable()
  const encode = (code: ReasonCode): number[] => code.map(ref)
  const patients = listings.map(({ entry, patient: p, reasonCodes, bpRuleCode }) => [
    entry.patientId,
    entry.nhsNumber,
    entry.name,
    entry.age,
    entry.sex,
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
  return JSON.stringify({ values, patients })
}
