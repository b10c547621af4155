// The audit: BP outcome, uptake funnel, the workbook, and the activity log.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import type { AdherenceSummary } from '../domain/audit-adherence'
import type { ServiceReferrals as ServiceReferralsDomain } from '../domain/audit-referrals'
import type { WellbeingOutcomeSummary } from '../domain/audit-wellbeing'
import { BloodPressure, Empty, GeneratedFile, IsoDate, StoredIsoDate } from './common'

export const BpOutcome = z.object({
  patients: z.number().int(),
  reduced: z.number().int(),
  unchanged: z.number().int(),
  increased: z.number().int(),
  reducedPercent: z.number(),
  unchangedPercent: z.number(),
  increasedPercent: z.number(),
  meanSystolicChange: z.number().nullable(),
  meanDiastolicChange: z.number().nullable(),
  medianSystolicChange: z.number().nullable(),
  medianDiastolicChange: z.number().nullable(),
  /** Of `patients`, within their BP target (QOF HYP008/HYP009) at baseline and at follow-up. */
  atTargetBefore: z.number().int(),
  atTargetAfter: z.number().int(),
  atTargetBeforePercent: z.number(),
  atTargetAfterPercent: z.number()
})

/**
 * The uptake funnel: distinct patients, each stage a subset of the one before — eligible (a member
 * of one of the programme's snapshots) → invited (a 1st invitation; invited2 / invited3 those also
 * sent a 2nd / 3rd) → booked → attended → followed up (attended, and a follow-up reading after their
 * baseline).
 */
export const Funnel = z.object({
  eligible: z.number().int(),
  invited: z.number().int(),
  invited1: z.number().int(),
  invited2: z.number().int(),
  invited3: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  followedUp: z.number().int()
})

const count = z.number().int()

/** PHQ-9 or GAD-7 from baseline to follow-up by the reliable change thresholds: improved + unchanged + worse = patients. */
export const ReliableChangeCounts = z.object({ patients: count, improved: count, unchanged: count, worse: count })

/** An ONS4 answer or the UCLA-3 total: means to 1 dp over the patients with both, null when there are none. */
export const ScoreChange = z.object({
  patients: count,
  meanBaseline: z.number().nullable(),
  meanFollowUp: z.number().nullable(),
  /** Follow-up minus baseline. */
  meanChange: z.number().nullable()
})

/**
 * The wellbeing table: invited patients with a baseline (first attended visit recording the
 * measure) and a follow-up (latest visit on a later day recording it) of at least one questionnaire.
 */
export const WellbeingOutcome = z.object({
  patients: count,
  phq9: ReliableChangeCounts,
  gad7: ReliableChangeCounts,
  ons4: z.object({ lifeSatisfaction: ScoreChange, worthwhile: ScoreChange, happiness: ScoreChange, anxiety: ScoreChange }),
  ucla3: ScoreChange.extend({ lonelyAtBaseline: count, lonelyAtFollowUp: count, noLongerLonely: count })
}) satisfies z.ZodType<WellbeingOutcomeSummary>

/** What invited patients said about taking their BP medicines at their first attended visit (ids as medication-adherence.ts). */
export const AdherenceAtBaseline = z.object({
  patients: count,
  notTakingAsPrescribed: count,
  status: z.object({ taking: count, forgets: count, stopped: count, 'side-effects': count, 'not-collected': count }),
  reasons: z.object({
    forgets: count,
    'side-effects': count,
    'prescription-cost': count,
    'not-needed': count,
    'practical-difficulty': count,
    other: count
  })
}) satisfies z.ZodType<AdherenceSummary>

/** Referrals to one local service by their outcome as of the audit date: referred = accepted + attended + declined + unknown + noOutcome. */
export const ServiceReferrals = z.object({
  serviceId: count,
  service: z.string(),
  referred: count,
  accepted: count,
  attended: count,
  declined: count,
  unknown: count,
  noOutcome: count
}) satisfies z.ZodType<ServiceReferralsDomain>

/** One group of an equity breakdown: its funnel and its BP outcome, and its wellbeing table and adherence when the audit has them. */
export const BreakdownGroup = z.object({
  group: z.string(),
  funnel: Funnel,
  bpOutcome: BpOutcome,
  wellbeingOutcome: WellbeingOutcome.nullable(),
  adherence: AdherenceAtBaseline.nullable()
})

export const BreakdownDimension = z.enum(['ethnicity', 'ageBand', 'sex', 'imdQuintile', 'core20'])

/** Every measure broken down one way (ethnic group, age band, sex, IMD quintile, Core20); the groups partition the eligible patients. */
export const Breakdown = z.object({
  dimension: BreakdownDimension,
  label: z.string(),
  groups: z.array(BreakdownGroup)
})

/** Systolic change at follow-up (follow-up minus baseline) in bands of 10 mmHg, for the distribution chart. */
export const ChangeBand = z.object({
  /** Inclusive lower and exclusive upper bound in mmHg; the end bands are open (null). */
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  label: z.string(),
  patients: z.number().int()
})

/** One programme's headline figures (the whole-practice view lists every programme). */
export const ProgrammeAudit = z.object({
  programmeId: z.number().int(),
  name: z.string(),
  outcome: z.enum(['bp', 'wellbeing']),
  status: z.enum(['active', 'closed']),
  bpOutcome: BpOutcome,
  funnel: Funnel
})

export const AuditPatientRow = z.object({
  nhsNumber: z.string(),
  name: z.string(),
  ageBand: z.string(),
  sex: z.string().nullable(),
  ethnicity: z.string().nullable(),
  baseline: BloodPressure,
  followUp: BloodPressure,
  systolicChange: z.number().int(),
  diastolicChange: z.number().int(),
  outcome: z.enum(['reduced', 'unchanged', 'increased'])
})

export const AuditSummary = z.object({
  asOf: StoredIsoDate,
  /** The programme audited; null = the whole practice (every programme, each patient counted once). */
  programmeId: z.number().int().nullable(),
  programmeName: z.string().nullable(),
  bpOutcome: BpOutcome,
  funnel: Funnel,
  breakdowns: z.array(Breakdown),
  systolicChangeBands: z.array(ChangeBand),
  /** Every programme's own figures (for the whole-practice view; the one programme when one is asked for). */
  programmes: z.array(ProgrammeAudit),
  /** For a wellbeing programme, or wherever visits recorded the questionnaires (the whole practice: when any); else null. */
  wellbeingOutcome: WellbeingOutcome.nullable(),
  /** Adherence at baseline, wherever visits were recorded on the BP review form; else null. */
  adherence: AdherenceAtBaseline.nullable(),
  /** Referrals to local services by service, A–Z. */
  referrals: z.array(ServiceReferrals),
  /** How each figure was worked out, in words (baseline and follow-up rule, what each funnel stage counts). */
  rules: z.array(z.object({ measure: z.string(), rule: z.string() })),
  patients: z.array(AuditPatientRow)
})

export const ActivityEntry = z.object({
  at: z.string(),
  user: z.string(),
  role: z.string(),
  action: z.string(),
  summary: z.string()
})

/** The audit operations: each name with the schema of its input and of its output. */
export const auditOperations = {
  'audit.summary': { input: z.object({ asOf: IsoDate.optional(), programmeId: z.number().int().optional() }), output: AuditSummary },
  'audit.exportWorkbook': {
    input: z.object({ asOf: IsoDate.optional(), pseudonymised: z.boolean().default(false), programmeId: z.number().int().optional() }),
    output: GeneratedFile
  },
  'activity.list': { input: Empty, output: z.object({ entries: z.array(ActivityEntry) }) }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
