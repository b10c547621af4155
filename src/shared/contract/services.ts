// Local services and referrals: the directory of services the practice signposts or refers
// patients to, the referrals made to them, and the worklist of referrals with no outcome yet.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import type * as Domain from '../domain/local-services'
import {
  localServiceCategories,
  MAX_REFERRAL_NOTE,
  MAX_REFERRAL_OUTCOME_WEEKS,
  MAX_SERVICE_ADDRESS,
  MAX_SERVICE_NAME,
  MAX_SERVICE_OFFERS,
  MAX_SERVICE_OPENING_TIMES,
  MIN_REFERRAL_OUTCOME_WEEKS,
  referralKinds,
  referralOutcomes,
  servicePhoneProblem,
  serviceWebProblem
} from '../domain/local-services'
import { Empty, IsoDate, StoredIsoDate } from './common'

export const LocalServiceCategory = z.enum(localServiceCategories)
export const ReferralKind = z.enum(referralKinds)
export const ReferralOutcome = z.enum(referralOutcomes)

export const LocalService = z.object({
  serviceId: z.number().int(),
  name: z.string(),
  offers: z.string(),
  category: LocalServiceCategory,
  selfReferral: z.boolean(),
  practiceReferral: z.boolean(),
  phone: z.string().nullable(),
  web: z.string().nullable(),
  address: z.string().nullable(),
  openingTimes: z.string().nullable(),
  active: z.boolean(),
  isExample: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string()
}) satisfies z.ZodType<Domain.LocalService>

/** A service as the directory lists it: with its warning, and how many of its referrals still await an outcome. */
export const ListedLocalService = LocalService.extend({
  /** "… has no contact details: patients cannot be told how to reach it …", or null. */
  contactProblem: z.string().nullable(),
  awaitingOutcome: z.number().int()
})

/** Blank (or left out) means not known, stored as null. */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()

const checkedBy = (problem: (text: string) => string | null) =>
  z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      if (text === '') return
      const found = problem(text)
      if (found !== null) ctx.addIssue({ code: 'custom', message: found })
    })
    .nullable()
    .optional()

export const LocalServiceInput = z
  .object({
    /** Leave out to add a service; give to update that one (every field is replaced). */
    serviceId: z.number().int().optional(),
    name: z.string().trim().min(1, 'give the service a name').max(MAX_SERVICE_NAME),
    offers: z.string().trim().max(MAX_SERVICE_OFFERS).optional(),
    category: LocalServiceCategory,
    selfReferral: z.boolean(),
    practiceReferral: z.boolean(),
    phone: checkedBy(servicePhoneProblem),
    web: checkedBy(serviceWebProblem),
    address: optionalText(MAX_SERVICE_ADDRESS),
    openingTimes: optionalText(MAX_SERVICE_OPENING_TIMES),
    /** The practice has checked a shipped example's details: it stops being an example. */
    checked: z.boolean().optional()
  })
  .strict()

export const Referral = z.object({
  referralId: z.number().int(),
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  serviceId: z.number().int(),
  /** The service's name. */
  service: z.string(),
  category: LocalServiceCategory,
  kind: ReferralKind,
  referredOn: StoredIsoDate,
  referredBy: z.string(),
  note: z.string(),
  appointmentId: z.number().int().nullable(),
  programmeId: z.number().int().nullable(),
  outcome: ReferralOutcome.nullable(),
  outcomeOn: StoredIsoDate.nullable(),
  outcomeBy: z.string().nullable()
})

export const ReferralDue = Referral.extend({
  /** Whole weeks from the referral to the as-of date. */
  weeksWaiting: z.number().int(),
  /** The day it joined the worklist. */
  dueOn: StoredIsoDate,
  /** The service's contact warning, so whoever chases the outcome knows there is no number to ring. */
  serviceContactProblem: z.string().nullable()
})

const OutcomeWeeks = z.number().int().min(MIN_REFERRAL_OUTCOME_WEEKS).max(MAX_REFERRAL_OUTCOME_WEEKS)

export const servicesOperations = {
  /** Every service, active first, then by name. */
  'services.list': { input: Empty, output: z.object({ services: z.array(ListedLocalService) }) },
  'services.save': { input: LocalServiceInput, output: ListedLocalService },
  /** Deactivate (no new referrals; its referrals and history stay) or reactivate a service. Nothing is deleted. */
  'services.setActive': { input: z.object({ serviceId: z.number().int(), active: z.boolean() }).strict(), output: ListedLocalService },
  /**
   * Record a referral or signposting. The service must be active and take this kind of referral;
   * a service with no contact details, or a shipped example not yet checked, is warned about, not refused.
   */
  'referrals.create': {
    input: z
      .object({
        nhsNumber: z.string(),
        serviceId: z.number().int(),
        kind: ReferralKind,
        /** Default today. */
        referredOn: IsoDate.optional(),
        note: z.string().trim().max(MAX_REFERRAL_NOTE).optional(),
        /** The visit it was made at, if any. */
        appointmentId: z.number().int().optional(),
        /** The programme it belongs to; default the visit's programme, if made at a visit. */
        programmeId: z.number().int().optional()
      })
      .strict(),
    output: z.object({ referral: Referral, warnings: z.array(z.string()) })
  },
  /** Record (or change) the outcome; null takes it back to "no outcome yet", on the worklist again. */
  'referrals.setOutcome': {
    input: z.object({ referralId: z.number().int(), outcome: ReferralOutcome.nullable(), outcomeOn: IsoDate.optional() }).strict(),
    output: Referral
  },
  /** Referrals with no outcome `weeks` (default 6) weeks or more after they were made, as of `asOf` (default today). */
  'referrals.due': {
    input: z.object({ asOf: IsoDate.optional(), weeks: OutcomeWeeks.optional() }).strict(),
    output: z.object({ asOf: StoredIsoDate, weeks: z.number().int(), due: z.array(ReferralDue) })
  },
  'referrals.ofPatient': {
    input: z.object({ nhsNumber: z.string() }).strict(),
    output: z.object({ nhsNumber: z.string(), name: z.string(), referrals: z.array(Referral) })
  }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
