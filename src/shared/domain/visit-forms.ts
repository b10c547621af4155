// Which visit form a clinic uses and what a complete record of each holds. A Time to Talk clinic is
// a wellbeing conversation (concerns, PHQ-9, GAD-7, ONS4, UCLA-3) where a BP is welcome but not
// needed; every other clinic is a BP review, which is not complete without a BP unless the patient
// declined one, because a BP review that records no BP leaves the patient's control unknown until the
// next recall. A practice's own clinic type uses the BP review form: only the built-in "Time to Talk"
// type (compared without regard to case or spacing) is a wellbeing review.
import { clinicName, clinicTypeKey } from './clinic-types'
import { bloodPressureProblem } from './bp-plausibility'
import { scorePhq9 } from './phq9'
import { scoreGad7 } from './gad7'
import { scoreUcla3 } from './ucla3'
import { ons4Problems, type Ons4Answers } from './ons4'
import { meccProblems, type MeccRecord } from './mecc'
import { adherenceProblems, medicineChangeProblems, type AdherenceRecord, type MedicineChange } from './medication-adherence'
import { concernProblems, type WellbeingConcern } from './wellbeing-concerns'
import type { MeasureEntry, MeasureProblem } from './scored-measure'

export type VisitForm = 'bp-review' | 'time-to-talk'

const TIME_TO_TALK_TYPE = clinicTypeKey('Time to Talk')

export function visitFormForClinicType(clinicType: string): VisitForm {
  return clinicTypeKey(clinicType) === TIME_TO_TALK_TYPE ? 'time-to-talk' : 'bp-review'
}

export const visitFormRequirements: Record<VisitForm, { label: string; needsBp: boolean; requires: string }> = {
  'bp-review': {
    label: 'BP review',
    needsBp: true,
    requires: 'At least one BP reading, unless the patient declined to have their blood pressure taken.'
  },
  'time-to-talk': {
    label: 'Time to Talk review',
    needsBp: false,
    requires: 'No BP is needed. Each questionnaire recorded must be complete; PHQ-9 item 9 must be answered.'
  }
}

export const homeBpMonitoringOptions = [
  { id: 'already-monitoring', label: 'Already monitors at home' },
  { id: 'started', label: 'Agreed to start home monitoring' },
  { id: 'declined', label: 'Offered, declined' },
  { id: 'not-discussed', label: 'Not discussed' }
] as const

export type HomeBpMonitoring = (typeof homeBpMonitoringOptions)[number]['id']

export interface VisitBpReading {
  readonly systolic: number
  readonly diastolic: number
}

export interface BpReviewVisit {
  readonly form: 'bp-review'
  readonly readings: readonly VisitBpReading[]
  /** The patient declined to have their blood pressure taken. */
  readonly bpDeclined: boolean
  /** Null when adherence was not asked about (e.g. a patient on no medicines). */
  readonly adherence: AdherenceRecord | null
  readonly medicineChanges: readonly MedicineChange[]
  readonly homeBpMonitoring: HomeBpMonitoring
  readonly mecc: MeccRecord
}

export interface TimeToTalkVisit {
  readonly form: 'time-to-talk'
  readonly concerns: readonly WellbeingConcern[]
  readonly otherConcern?: string | null
  /** Null for a questionnaire not asked. */
  readonly phq9: MeasureEntry | null
  readonly gad7: MeasureEntry | null
  readonly ons4: Ons4Answers | null
  readonly ucla3: MeasureEntry | null
  /** Optional at a Time to Talk review; checked when given. */
  readonly readings: readonly VisitBpReading[]
}

export type VisitRecord = BpReviewVisit | TimeToTalkVisit

/** A problem with a visit record: the field's path (`phq9.items[8]`, `readings[0]`) and the problem in words. */
export type VisitProblem = MeasureProblem

const within = (prefix: string, problems: readonly MeasureProblem[]): VisitProblem[] =>
  problems.map((p) => ({ field: p.field ? `${prefix}.${p.field}` : prefix, message: p.message }))

function readingProblems(readings: readonly VisitBpReading[]): VisitProblem[] {
  return readings.flatMap((r, i) => {
    const problem = bloodPressureProblem(r.systolic, r.diastolic)
    return problem ? [{ field: `readings[${i}]`, message: `BP reading ${i + 1}: ${problem}.` }] : []
  })
}

function bpReviewProblems(visit: BpReviewVisit): VisitProblem[] {
  const problems = readingProblems(visit.readings)
  if (visit.bpDeclined && visit.readings.length > 0) {
    problems.push({ field: 'bpDeclined', message: 'The patient is recorded as declining a BP, but BP readings are recorded too; remove one of them.' })
  }
  if (!visit.bpDeclined && visit.readings.length === 0) {
    problems.push({ field: 'readings', message: 'A BP review needs at least one BP reading; record one, or record that the patient declined.' })
  }
  if (visit.adherence) problems.push(...within('adherence', adherenceProblems(visit.adherence)))
  visit.medicineChanges.forEach((change, i) => problems.push(...within(`medicineChanges[${i}]`, medicineChangeProblems(change))))
  if (!homeBpMonitoringOptions.some((o) => o.id === visit.homeBpMonitoring)) {
    problems.push({
      field: 'homeBpMonitoring',
      message: `Home BP monitoring “${String(visit.homeBpMonitoring)}” is not one of: ${homeBpMonitoringOptions.map((o) => o.id).join(', ')}.`
    })
  }
  problems.push(...within('mecc', meccProblems(visit.mecc)))
  return problems
}

function timeToTalkProblems(visit: TimeToTalkVisit): VisitProblem[] {
  const problems = [...concernProblems(visit.concerns, visit.otherConcern), ...readingProblems(visit.readings)]
  if (visit.phq9) {
    const phq9 = scorePhq9(visit.phq9)
    if (!phq9.ok) problems.push(...within('phq9', phq9.problems))
  }
  if (visit.gad7) {
    const gad7 = scoreGad7(visit.gad7)
    if (!gad7.ok) problems.push(...within('gad7', gad7.problems))
  }
  if (visit.ons4) problems.push(...within('ons4', ons4Problems(visit.ons4)))
  if (visit.ucla3) {
    const ucla3 = scoreUcla3(visit.ucla3)
    if (!ucla3.ok) problems.push(...within('ucla3', ucla3.problems))
  }
  return problems
}

/**
 * Every problem with a visit record, each naming its field; none when it can be saved. With
 * `clinicType`, a record on the wrong form for its clinic is refused too.
 */
export function visitRecordProblems(record: VisitRecord, clinicType?: string): VisitProblem[] {
  if (clinicType !== undefined) {
    const expected = visitFormForClinicType(clinicType)
    if (record.form !== expected) {
      return [
        {
          field: 'form',
          message: `A ${clinicName(clinicType)} uses the ${visitFormRequirements[expected].label} form, but this record is a ${visitFormRequirements[record.form]?.label ?? String(record.form)}.`
        }
      ]
    }
  }
  if (record.form === 'bp-review') return bpReviewProblems(record)
  if (record.form === 'time-to-talk') return timeToTalkProblems(record)
  return [{ field: 'form', message: `Visit form “${String((record as { form: unknown }).form)}” is not one of: bp-review, time-to-talk.` }]
}
