// What a BP review records about the patient's medicines: whether they take them as prescribed, and
// if not why, and what was changed at the visit. NICE NG136 asks for adherence to be checked before
// treatment is stepped up (1.4.40, 1.4.44) and before hypertension is called resistant (1.4.47): a
// BP above target in a patient who has stopped their tablets needs a conversation, not a new drug.
// The ids are stored and used on the command line; add ids, never rename or drop one.
import type { MeasureProblem } from './scored-measure'

export const ADHERENCE_SOURCE = 'NICE NG136 1.4.40, 1.4.44 and 1.4.47: check adherence before stepping up treatment or calling hypertension resistant.'

export const adherenceStatuses = [
  { id: 'taking', label: 'Taking as prescribed' },
  { id: 'forgets', label: 'Sometimes forgets doses' },
  { id: 'stopped', label: 'Has stopped taking it' },
  { id: 'side-effects', label: 'Taking less or stopped because of side effects' },
  { id: 'not-collected', label: 'Prescription not collected' }
] as const

export type AdherenceStatus = (typeof adherenceStatuses)[number]['id']

/**
 * Common reasons for not taking medicines as prescribed, as the clinician records them. The list is
 * the practice's working list, not a published classification; "other" takes the patient's words.
 */
export const nonAdherenceReasons = [
  { id: 'forgets', label: 'Forgets to take it' },
  { id: 'side-effects', label: 'Side effects' },
  { id: 'prescription-cost', label: 'Cost of the prescription' },
  { id: 'not-needed', label: 'Does not believe it is needed' },
  { id: 'practical-difficulty', label: 'Practical difficulty (getting to the pharmacy, opening packs, swallowing)' },
  { id: 'other', label: 'Other' }
] as const

export type NonAdherenceReason = (typeof nonAdherenceReasons)[number]['id']

export const medicineChangeKinds = [
  { id: 'started', label: 'Started' },
  { id: 'increased', label: 'Dose increased' },
  { id: 'switched', label: 'Switched' },
  { id: 'stopped', label: 'Stopped' }
] as const

export type MedicineChangeKind = (typeof medicineChangeKinds)[number]['id']

export interface AdherenceRecord {
  readonly status: AdherenceStatus
  readonly reasons: readonly NonAdherenceReason[]
  /** The patient's reason in words, when "other" is among the reasons. */
  readonly otherReason?: string | null
}

export interface MedicineChange {
  readonly kind: MedicineChangeKind
  /** The medicine as the clinician writes it: "amlodipine 5 mg", "ramipril to candesartan". */
  readonly drug: string
}

/** Free text longer than this is a paste gone wrong, not a drug name or a reason. */
export const MEDICATION_TEXT_MAX = 200

const isOneOf = <T extends { id: string }>(list: readonly T[], value: unknown): value is T['id'] => list.some((entry) => entry.id === value)

export function adherenceProblems(record: AdherenceRecord): MeasureProblem[] {
  const problems: MeasureProblem[] = []
  if (!isOneOf(adherenceStatuses, record.status)) {
    problems.push({ field: 'status', message: `Adherence “${String(record.status)}” is not one of: ${adherenceStatuses.map((s) => s.id).join(', ')}.` })
  }
  const reasons = Array.isArray(record.reasons) ? record.reasons : []
  reasons.forEach((reason, i) => {
    if (!isOneOf(nonAdherenceReasons, reason)) {
      problems.push({ field: `reasons[${i}]`, message: `Reason “${String(reason)}” is not one of: ${nonAdherenceReasons.map((r) => r.id).join(', ')}.` })
    } else if (reasons.indexOf(reason) !== i) {
      problems.push({ field: `reasons[${i}]`, message: `Reason “${reason}” is given twice.` })
    }
  })
  if (record.status === 'taking' && reasons.length > 0) {
    problems.push({ field: 'reasons', message: 'Reasons for not taking medicines are given, but adherence says “Taking as prescribed”; change one of them.' })
  }
  const other = (record.otherReason ?? '').trim()
  if (reasons.includes('other') && other.length === 0) {
    problems.push({ field: 'otherReason', message: 'Reason “Other” is chosen: write the patient’s reason.' })
  }
  if (other.length > MEDICATION_TEXT_MAX) {
    problems.push({ field: 'otherReason', message: `The other reason is ${other.length} characters; keep it to ${MEDICATION_TEXT_MAX}.` })
  }
  return problems
}

export function medicineChangeProblems(change: MedicineChange): MeasureProblem[] {
  const problems: MeasureProblem[] = []
  if (!isOneOf(medicineChangeKinds, change.kind)) {
    problems.push({ field: 'kind', message: `Medicine change “${String(change.kind)}” is not one of: ${medicineChangeKinds.map((k) => k.id).join(', ')}.` })
  }
  const drug = typeof change.drug === 'string' ? change.drug.trim() : ''
  if (drug.length === 0) problems.push({ field: 'drug', message: 'Name the medicine that was changed.' })
  else if (drug.length > MEDICATION_TEXT_MAX) {
    problems.push({ field: 'drug', message: `The medicine is ${drug.length} characters; keep it to ${MEDICATION_TEXT_MAX}.` })
  }
  return problems
}
