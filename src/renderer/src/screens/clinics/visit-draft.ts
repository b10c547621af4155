// A visit as it is being typed (text in boxes, ticks, choices) and the record it amounts to. The
// record is checked with the same shared rules the service applies (visitRecordProblems), so the
// form names a problem beside its field before anything is sent, and the PHQ-9 item 9 prompt is
// raised from the answer as soon as it is given.
import type { OperationInput } from '../../../../shared/contract'
import type { AdherenceStatus, MedicineChangeKind, NonAdherenceReason } from '../../../../shared/domain/medication-adherence'
import type { MeccRecord } from '../../../../shared/domain/mecc'
import type { Ons4Question } from '../../../../shared/domain/ons4'
import { visitRecordProblems, type HomeBpMonitoring, type VisitProblem, type VisitRecord } from '../../../../shared/domain/visit-forms'
import type { WellbeingConcern } from '../../../../shared/domain/wellbeing-concerns'
import type { MeasureEntry } from '../../../../shared/domain/scored-measure'

export type VisitInput = NonNullable<OperationInput<'appointments.attend'>['visit']>

export interface ReadingDraft {
  systolic: string
  diastolic: string
}

/** A questionnaire: not asked, answered item by item, or entered as the total from a paper form. */
export interface MeasureDraft {
  mode: 'not-asked' | 'items' | 'total'
  /** One answer per item (null: not answered). In total mode PHQ-9 still keeps item 9 here. */
  items: (number | null)[]
  total: string
}

export interface Ons4Draft {
  asked: boolean
  answers: Record<Ons4Question, string>
}

export interface BpReviewDraft {
  form: 'bp-review'
  readings: ReadingDraft[]
  bpDeclined: boolean
  /** Null: adherence not asked about (e.g. a patient on no medicines). */
  adherence: AdherenceStatus | null
  reasons: NonAdherenceReason[]
  otherReason: string
  medicineChanges: { kind: MedicineChangeKind; drug: string }[]
  homeBpMonitoring: HomeBpMonitoring
  mecc: MeccRecord
}

export interface TimeToTalkDraft {
  form: 'time-to-talk'
  concerns: WellbeingConcern[]
  otherConcern: string
  phq9: MeasureDraft
  gad7: MeasureDraft
  ons4: Ons4Draft
  ucla3: MeasureDraft
  readings: ReadingDraft[]
}

export type FormDraft = BpReviewDraft | TimeToTalkDraft

export interface VisitDraft {
  form: FormDraft
  conditionsConfirmed: string[]
  agreedPlan: string
  note: string
  referrals: { serviceId: number; kind: 'self-referral' | 'sent' }[]
}

export const emptyReading = (): ReadingDraft => ({ systolic: '', diastolic: '' })

export const notAsked = (items: number): MeasureDraft => ({ mode: 'not-asked', items: Array<number | null>(items).fill(null), total: '' })

export function initialDraft(form: FormDraft['form']): VisitDraft {
  const formDraft: FormDraft =
    form === 'bp-review'
      ? {
          form,
          readings: [emptyReading()],
          bpDeclined: false,
          adherence: null,
          reasons: [],
          otherReason: '',
          medicineChanges: [],
          homeBpMonitoring: 'not-discussed',
          mecc: {}
        }
      : {
          form,
          concerns: [],
          otherConcern: '',
          phq9: notAsked(9),
          gad7: notAsked(7),
          ons4: { asked: false, answers: { lifeSatisfaction: '', worthwhile: '', happiness: '', anxiety: '' } },
          ucla3: notAsked(3),
          readings: []
        }
  return { form: formDraft, conditionsConfirmed: [], agreedPlan: '', note: '', referrals: [] }
}

/** Text in a number box: blank is "not given"; anything else is read as a number (NaN if it is not one, which the rules refuse). */
export function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim())
}

/** The questionnaire as entered, or null when it was not asked. */
export function measureEntry(draft: MeasureDraft): MeasureEntry | null {
  if (draft.mode === 'not-asked') return null
  if (draft.mode === 'items') return { items: draft.items }
  return { items: draft.items.some((a) => a !== null) ? draft.items : null, total: numberOrNull(draft.total) }
}

/** Rows left blank are not readings; a row with one value only is a problem of its own. */
function readingsOf(rows: readonly ReadingDraft[]): { readings: { systolic: number; diastolic: number }[]; problems: VisitProblem[] } {
  const readings: { systolic: number; diastolic: number }[] = []
  const problems: VisitProblem[] = []
  rows.forEach((row, i) => {
    const systolic = numberOrNull(row.systolic)
    const diastolic = numberOrNull(row.diastolic)
    if (systolic === null && diastolic === null) return
    if (systolic === null || diastolic === null) {
      problems.push({ field: `readings[${readings.length}]`, message: `Reading ${i + 1}: enter both the systolic and the diastolic.` })
      return
    }
    readings.push({ systolic, diastolic })
  })
  return { readings, problems }
}

/** The record the form holds now, and the problems only the form can see (a half-typed reading). */
export function recordOf(form: FormDraft): { record: VisitRecord; problems: VisitProblem[] } {
  const { readings, problems } = readingsOf(form.readings)
  if (form.form === 'bp-review') {
    return {
      problems,
      record: {
        form: 'bp-review',
        readings,
        bpDeclined: form.bpDeclined,
        adherence: form.adherence === null ? null : { status: form.adherence, reasons: form.reasons, otherReason: form.otherReason },
        medicineChanges: form.medicineChanges,
        homeBpMonitoring: form.homeBpMonitoring,
        mecc: form.mecc
      }
    }
  }
  const ons4Answers = {
    lifeSatisfaction: numberOrNull(form.ons4.answers.lifeSatisfaction),
    worthwhile: numberOrNull(form.ons4.answers.worthwhile),
    happiness: numberOrNull(form.ons4.answers.happiness),
    anxiety: numberOrNull(form.ons4.answers.anxiety)
  }
  return {
    problems,
    record: {
      form: 'time-to-talk',
      concerns: form.concerns,
      otherConcern: form.otherConcern,
      phq9: measureEntry(form.phq9),
      gad7: measureEntry(form.gad7),
      ons4: form.ons4.asked ? ons4Answers : null,
      ucla3: measureEntry(form.ucla3),
      readings
    }
  }
}

/** Every problem the shared rules find in the draft, each naming its field. */
export function draftProblems(draft: VisitDraft, clinicType: string): VisitProblem[] {
  const { record, problems } = recordOf(draft.form)
  return [...problems, ...visitRecordProblems(record, clinicType)]
}

/** What `appointments.attend` is sent. */
export function visitInputOf(draft: VisitDraft): VisitInput {
  const { record } = recordOf(draft.form)
  const common = { conditionsConfirmed: draft.conditionsConfirmed, agreedPlan: draft.agreedPlan, referrals: draft.referrals }
  if (record.form === 'bp-review') {
    return {
      ...common,
      form: 'bp-review',
      readings: [...record.readings],
      bpDeclined: record.bpDeclined,
      adherence: record.adherence
        ? { status: record.adherence.status, reasons: [...record.adherence.reasons], otherReason: record.adherence.otherReason?.trim() || null }
        : null,
      medicineChanges: record.medicineChanges.map((c) => ({ kind: c.kind, drug: c.drug.trim() })),
      homeBpMonitoring: record.homeBpMonitoring,
      mecc: { ...record.mecc }
    }
  }
  const copy = (entry: MeasureEntry | null) => (entry ? { items: entry.items ? [...entry.items] : null, total: entry.total ?? null } : null)
  return {
    ...common,
    form: 'time-to-talk',
    concerns: [...record.concerns],
    otherConcern: record.otherConcern?.trim() || null,
    phq9: copy(record.phq9),
    gad7: copy(record.gad7),
    ons4: record.ons4 ? { ...record.ons4 } : null,
    ucla3: copy(record.ucla3),
    readings: [...record.readings]
  }
}

/** The problems whose field is `field` or inside it (`phq9` takes `phq9.items[3]`). */
export function problemsAt(problems: readonly VisitProblem[], field: string): VisitProblem[] {
  return problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`))
}
