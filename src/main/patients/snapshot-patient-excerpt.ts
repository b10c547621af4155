// One patient as a stored snapshot listed them (reasons, BP rule), without decoding the whole
// snapshot. A snapshot's patients_json holds every listed patient — 8 MB for a 43,000-member cohort,
// 100–200 ms to parse — and the patient page shows the patient in every snapshot that listed them.
// So SQLite finds where the patient's entry starts (instr runs over the text in a few ms), only that
// entry and the document's opening (its table of shared values) are read out, and the usual reader
// (decodeSnapshotPatients, which knows every version of the format) decodes that one-patient
// document. When the entry cannot be cut out cleanly the whole snapshot is decoded instead.
import { decodeSnapshotPatients, type SnapshotPatient } from '../cohorts/snapshot-patients'
import { snapshotPatients } from '../cohorts/cohort-snapshots'
import type { ReadableDb } from '../db/database-access'
import { snapshotPatientsPieces, snapshotPatientsPositions } from './patient-page-queries'

/** Longer than any one patient's entry: an invitation history of a few dozen sends, a dozen reasons. */
const ENTRY_WINDOW = 64 * 1024

/** The length of the JSON array at the start of `text` (to its matching `]`), or null when it does not end inside `text`. */
export function leadingArrayLength(text: string): number | null {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[') depth++
    else if (c === ']') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return null
}

function cutOut(db: ReadableDb, cohortId: number, patientId: number, nhsNumber: string): SnapshotPatient | null {
  // Each entry is a tuple opening with the patient id and NHS number (snapshot-patients.ts), as JSON.stringify writes it.
  const positions = snapshotPatientsPositions(db, cohortId, `[${patientId},${JSON.stringify(nhsNumber)},`)
  if (!positions || positions.at === 0) return null
  // Before the patient list: the shared strings and values ({"values":[…],); nothing in the oldest, bare-array format.
  const headLength = positions.list > 0 ? positions.list - 1 : 0
  const pieces = snapshotPatientsPieces(db, cohortId, headLength, positions.at, ENTRY_WINDOW)
  if (!pieces) return null
  const length = leadingArrayLength(pieces.piece)
  if (length === null) return null
  try {
    const head = headLength > 0 ? (JSON.parse(`${pieces.head}"patients":[]}`) as object) : {}
    const entry = JSON.parse(pieces.piece.slice(0, length)) as unknown
    const decoded = decodeSnapshotPatients(JSON.stringify({ ...head, patients: [entry] })).get(patientId)
    return decoded && decoded.nhsNumber === nhsNumber ? decoded : null
  } catch {
    return null
  }
}

/** The patient as the snapshot listed them, or undefined when it did not keep them (built before compact snapshots). */
export function snapshotPatientOf(db: ReadableDb, cohortId: number, patientId: number, nhsNumber: string): SnapshotPatient | undefined {
  return cutOut(db, cohortId, patientId, nhsNumber) ?? snapshotPatients({ db }, cohortId).get(patientId)
}
