// The visit on its clinic's form: a BP review or a Time to Talk review, as a front end sends it with
// `appointments.attend` and as it is read back with the appointment. The shapes are structural: the
// numbers' ranges, a questionnaire's completeness and every contradiction are the domain's to refuse
// (visitRecordProblems), in words that name the field, rather than here in the schema's words.
import { z } from 'zod'
import type * as Forms from '../domain/visit-forms'
import { homeBpMonitoringOptions } from '../domain/visit-forms'
import { adherenceStatuses, medicineChangeKinds, nonAdherenceReasons } from '../domain/medication-adherence'
import { meccOutcomes } from '../domain/mecc'
import { wellbeingConcerns } from '../domain/wellbeing-concerns'
import { visitMeasureIds } from '../domain/visit-measures'
import { MAX_REFERRAL_NOTE } from '../domain/local-services'
import { StoredIsoDate } from './common'
import { Referral, ReferralKind } from './services'

type IdList = readonly [{ readonly id: string }, ...{ readonly id: string }[]]
const idsOf = <L extends IdList>(list: L) => list.map((entry) => entry.id) as [L[number]['id'], ...L[number]['id'][]]

export const VisitForm = z.enum(['bp-review', 'time-to-talk'])

/** A reading as typed; its plausibility (40–350 / 20–200, systolic above diastolic) is checked by the domain. */
export const VisitBpReading = z.object({ systolic: z.number(), diastolic: z.number() }).strict()

/** A questionnaire entered item by item (null for an item not answered), as a total, or both. */
export const MeasureEntryInput = z
  .object({
    items: z.array(z.number().nullable()).max(12).nullable().optional(),
    total: z.number().nullable().optional()
  })
  .strict()

export const Ons4Input = z
  .object({
    lifeSatisfaction: z.number().nullable().default(null),
    worthwhile: z.number().nullable().default(null),
    happiness: z.number().nullable().default(null),
    anxiety: z.number().nullable().default(null)
  })
  .strict()

export const AdherenceInput = z
  .object({
    status: z.enum(idsOf(adherenceStatuses)),
    reasons: z
      .array(z.enum(idsOf(nonAdherenceReasons)))
      .max(12)
      .default([]),
    otherReason: z.string().max(2000).nullable().optional()
  })
  .strict()

export const MedicineChangeInput = z.object({ kind: z.enum(idsOf(medicineChangeKinds)), drug: z.string().max(2000) }).strict()

const MeccOutcome = z.enum(idsOf(meccOutcomes))
export const MeccInput = z
  .object({
    smoking: MeccOutcome.optional(),
    alcohol: MeccOutcome.optional(),
    'physical-activity': MeccOutcome.optional(),
    'healthy-weight': MeccOutcome.optional()
  })
  .strict()

export const MAX_AGREED_PLAN = 1500

/** What both forms record beside their own fields. */
const visitCommon = {
  /** The register conditions (concept ids, e.g. HYP, DM) the clinician confirmed with the patient. */
  conditionsConfirmed: z.array(z.string().max(20)).max(30).default([]),
  /** What was agreed, in words for the patient: printed on the "What we agreed" summary. */
  agreedPlan: z.string().trim().max(MAX_AGREED_PLAN).default('')
}

export const BpReviewRecord = z
  .object({
    form: z.literal('bp-review'),
    readings: z.array(VisitBpReading).max(6).default([]),
    bpDeclined: z.boolean().default(false),
    adherence: AdherenceInput.nullable().default(null),
    medicineChanges: z.array(MedicineChangeInput).max(12).default([]),
    homeBpMonitoring: z.enum(idsOf(homeBpMonitoringOptions)).default('not-discussed'),
    mecc: MeccInput.default({}),
    ...visitCommon
  })
  .strict() satisfies z.ZodType<Forms.BpReviewVisit>

export const TimeToTalkRecord = z
  .object({
    form: z.literal('time-to-talk'),
    concerns: z
      .array(z.enum(idsOf(wellbeingConcerns)))
      .max(12)
      .default([]),
    otherConcern: z.string().max(2000).nullable().default(null),
    phq9: MeasureEntryInput.nullable().default(null),
    gad7: MeasureEntryInput.nullable().default(null),
    ons4: Ons4Input.nullable().default(null),
    ucla3: MeasureEntryInput.nullable().default(null),
    readings: z.array(VisitBpReading).max(6).default([]),
    ...visitCommon
  })
  .strict() satisfies z.ZodType<Forms.TimeToTalkVisit>

/** A visit record as stored and read back. */
export const VisitRecordSchema = z.discriminatedUnion('form', [BpReviewRecord, TimeToTalkRecord])

/** A referral or signposting chosen at the visit, made in the same transaction as the visit. */
export const VisitReferralInput = z
  .object({
    serviceId: z.number().int(),
    kind: ReferralKind,
    note: z.string().trim().max(MAX_REFERRAL_NOTE).optional()
  })
  .strict()

const referralsAtVisit = { referrals: z.array(VisitReferralInput).max(8).default([]) }

/** What a front end sends in `appointments.attend`: the record on the clinic's form, and the referrals made. */
export const VisitInput = z.discriminatedUnion('form', [BpReviewRecord.extend(referralsAtVisit), TimeToTalkRecord.extend(referralsAtVisit)])

export const VisitMeasureScore = z.object({
  measure: z.enum(visitMeasureIds),
  name: z.string(),
  score: z.number().int(),
  band: z.string(),
  bandLabel: z.string(),
  enteredAs: z.enum(['items', 'total', 'answer']),
  items: z.array(z.number().nullable()).nullable(),
  source: z.string()
})

/** A condition on one of the patient's QOF registers on the visit day. */
export const PatientCondition = z.object({
  concept: z.string(),
  name: z.string(),
  since: StoredIsoDate.nullable(),
  /** Only the exported term said so: "matched by term — check". */
  matchedByTerm: z.boolean()
})

export const ConditionAtVisit = z.object({ concept: z.string(), name: z.string(), confirmed: z.boolean() })

/** What recording the visit on its form gave back (`appointments.attend` with a `visit`). */
export const VisitOutcome = z.object({
  recordId: z.number().int(),
  form: VisitForm,
  scores: z.array(VisitMeasureScore),
  /** PHQ-9 item 9 was answered above 0: assess the risk the same day. */
  riskPrompt: z.boolean(),
  riskPromptText: z.string().nullable(),
  referrals: z.array(Referral),
  /** From the referrals (a service with no contact details, an example not checked…). */
  warnings: z.array(z.string())
})

export const ReferralAtVisit = z.object({ referralId: z.number().int(), serviceId: z.number().int(), service: z.string(), kind: ReferralKind })

/** The visit as stored, shown back with the appointment. A visit from before the forms is a BP review with only its actions and note. */
export const StoredVisit = z.object({
  /** Null for a visit recorded before the forms (no record, only the actions and note). */
  recordId: z.number().int().nullable(),
  form: VisitForm,
  formLabel: z.string(),
  record: VisitRecordSchema.nullable(),
  conditions: z.array(ConditionAtVisit),
  scores: z.array(VisitMeasureScore),
  riskPrompt: z.boolean(),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
  referrals: z.array(ReferralAtVisit)
})
