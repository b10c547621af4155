// One patient as a stored snapshot listed them (reasons, BP rule): one entry row and the patient's
// version at the snapshot's bound (snapshot-patients.ts), so the patient page reads only its own
// row of each snapshot that listed them, never the whole snapshot.
import { snapshotPatient } from '../cohorts/cohort-snapshots'
import type { SnapshotPatient } from '../cohorts/snapshot-patients'
import type { ReadableDb } from '../db/database-access'

/** The patient as the snapshot listed them, or undefined when it did not keep them (built before compact snapshots). */
export function snapshotPatientOf(db: ReadableDb, cohortId: number, patientId: number): SnapshotPatient | undefined {
  return snapshotPatient({ db }, cohortId, patientId)
}
