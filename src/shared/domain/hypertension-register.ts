// The hypertension register (QOF HYP001 / HYP_REG):
// the latest HYP_COD not followed by HYPRES_COD, or a register flag column in the export (a HYP
// event with no date). Age ≥ 18 is a separate criterion (age.ts, cohort-rules/adult.ts) so the
// explanation can say which of the two a patient failed.
import { type DiagnosisStatus, describeEvent, diagnosisStatus } from './condition-status'
import type { CodedEvent } from './patient-record'

export interface RegisterEvidence {
  concept: 'HYP' | 'HYPRES'
  code: string
  term: string
  date: string | null
}

export interface HypertensionRegisterStatus {
  onRegister: boolean
  /** The latest diagnosis and (if any) the latest resolution that decided it. */
  evidence: RegisterEvidence[]
  /** Earliest dated diagnosis: QOF rejects a first diagnosis in the last 9 months. */
  firstDiagnosedOn: string | null
  /** One sentence for the explanation, naming the source. */
  detail: string
}

function evidenceOf(event: CodedEvent, concept: 'HYP' | 'HYPRES'): RegisterEvidence {
  return { concept, code: event.code, term: event.term, date: event.date }
}

export function hypertensionRegisterStatus(events: readonly CodedEvent[], asOf: string): HypertensionRegisterStatus {
  const status = diagnosisStatus(events, 'HYP', 'HYPRES', asOf)
  const evidence: RegisterEvidence[] = []
  if (status.diagnosis) evidence.push(evidenceOf(status.diagnosis, 'HYP'))
  if (status.resolution) evidence.push(evidenceOf(status.resolution, 'HYPRES'))

  return new HypertensionRegisterStatusOf(status, evidence)
}

/**
 * The register's answer. Its sentence is only read for patients a cohort lists or explains, so it
 * is worded on first read; a class rather than a getter defined on each answer, which for 100k
 * candidates cost more than deciding the register. `toJSON` gives the plain status, detail included.
 */
class HypertensionRegisterStatusOf implements HypertensionRegisterStatus {
  readonly onRegister: boolean
  readonly firstDiagnosedOn: string | null
  readonly #status: DiagnosisStatus
  #detail: string | null = null

  constructor(
    status: DiagnosisStatus,
    readonly evidence: RegisterEvidence[]
  ) {
    this.onRegister = status.active
    this.firstDiagnosedOn = status.firstDiagnosedOn
    this.#status = status
  }

  get detail(): string {
    return (this.#detail ??= registerDetail(this.#status))
  }

  toJSON(): HypertensionRegisterStatus {
    return { onRegister: this.onRegister, evidence: this.evidence, firstDiagnosedOn: this.firstDiagnosedOn, detail: this.detail }
  }
}

function registerDetail(status: DiagnosisStatus): string {
  if (!status.diagnosis) return 'No hypertension diagnosis (HYP_COD) or register flag recorded (QOF HYP001)'
  if (status.active && status.resolution) {
    return `Re-diagnosed: ${describeEvent(status.diagnosis)} after resolution ${describeEvent(status.resolution)} (QOF HYP001)`
  }
  if (status.active) return `Hypertension diagnosis ${describeEvent(status.diagnosis)}, not resolved (QOF HYP001)`
  // Not active with a diagnosis present means a resolution on or after it.
  const resolved = status.resolution ? describeEvent(status.resolution) : ''
  return `Hypertension resolved ${resolved} on or after the latest diagnosis ${describeEvent(status.diagnosis)} (QOF HYP001)`
}
