// One patient's long-term conditions on a day, by the same QOF register rules the cohorts apply
// (long-term-conditions.ts): what a visit form shows the clinician to confirm with the patient. A
// cohort reads every patient at once (patient-records.ts); this reads one, so a visit form does
// not wait for the whole practice's facts to load.
import { isClinicalConcept } from '../../shared/domain/clinical-concepts'
import { activeLongTermConditions } from '../../shared/domain/long-term-conditions'
import type { CodedEvent } from '../../shared/domain/patient-record'
import { registerRule, type RegisterId } from '../../shared/domain/qof-registers'
import type { ReadableDb } from '../db/database-access'
import { patientEventsAsBuilt } from './patient-fact-queries'
import { patientDateOfBirth } from './patient-queries'
import { eventOf } from './patient-records'

export interface PatientCondition {
  concept: string
  /** The register's name: "Hypertension", "Diabetes". */
  name: string
  since: string | null
  matchedByTerm: boolean
}

/** The conditions whose register the patient is on, on `asOf`, in the register list's order. */
export function patientConditionsOn(db: ReadableDb, patientId: number, asOf: string): PatientCondition[] {
  // Every event stored so far (no snapshot bound): the record as it stands today.
  const events = patientEventsAsBuilt(db, patientId, asOf, Number.MAX_SAFE_INTEGER).flatMap((e): CodedEvent[] =>
    isClinicalConcept(e.concept) ? [eventOf(e.event_date, e.concept, e.code, e.term, e.value, e.matched_by)] : []
  )
  return activeLongTermConditions(events, asOf, patientDateOfBirth(db, patientId)).map((c) => ({
    concept: c.concept,
    name: registerRule(c.concept as RegisterId).name,
    since: c.since,
    matchedByTerm: c.matchedByTerm
  }))
}
