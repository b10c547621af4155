// Invitation batches and their documents, letter and Word templates, and contact preferences.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { interpreterLanguageProblem } from '../domain/contact-channel'
import { Empty, GeneratedFile, IsoDate, StoredIsoDate } from './common'

export const BatchSheetRow = z.object({
  nhsNumber: z.string(),
  name: z.string(),
  /** 'letter' | 'large-print letter' | 'sms' | 'phone', or null when not invited. */
  channel: z.string().nullable(),
  contact: z.string().nullable(),
  mainLanguage: z.string().nullable(),
  interpreterRequired: z.boolean(),
  largePrint: z.boolean(),
  note: z.string().nullable(),
  /** The letter cannot print all of the name or address (script, or too long for the window): finish it by hand, as the note says. */
  writeByHand: z.boolean().default(false)
})

export const SmsMessage = z.object({ text: z.string(), length: z.number().int(), limit: z.number().int() })

export const InvitationBatch = z.object({
  batchId: z.number().int(),
  cohortId: z.number().int(),
  attempt: z.number().int(),
  createdOn: StoredIsoDate,
  createdBy: z.string(),
  letters: z.number().int(),
  sms: z.number().int(),
  /** Members not invited by this batch, each with why (e.g. severe reading: phone, not a letter). */
  notInvited: z.array(z.object({ nhsNumber: z.string(), name: z.string(), reason: z.string() })),
  files: z.array(GeneratedFile),
  /** Patients on the phone call list, and letters printed in large print (included in `letters`). */
  phone: z.number().int().default(0),
  largePrint: z.number().int().default(0),
  templateKey: z.string().default(''),
  templateVersion: z.number().int().default(1),
  /** The batch sheet: every member once, with how they are invited or why not, and their needs. */
  sheet: z.array(BatchSheetRow).default([]),
  /** The SMS text for the upload (no personal data), with its billed length. */
  smsMessage: SmsMessage.nullable().default(null),
  /** What staff must know about the batch, e.g. SMS not sent because its text is too long. */
  warnings: z.array(z.string()).default([]),
  /** Letters whose name or address the PDF cannot print in full (sheet rows with writeByHand). */
  lettersToWriteByHand: z.number().int().default(0),
  /** The programme of the cohort invited. */
  programmeId: z.number().int().nullable().default(null),
  /** Members invited by another programme (or another build of this one) within the window: who, which programme, when, and whether they were left out. */
  recentlyInvitedElsewhere: z
    .array(z.object({ nhsNumber: z.string(), name: z.string(), programme: z.string(), sentOn: StoredIsoDate, leftOut: z.boolean() }))
    .default([]),
  /** Practice details still placeholders or blank: while any is listed the batch is refused (a preview still shows who gets what). */
  practiceDetailsToFill: z
    .array(z.object({ field: z.string(), label: z.string(), cliOption: z.string(), problem: z.enum(['placeholder', 'missing']) }))
    .default([]),
  /** Why "Create" would be refused, in one line naming what to fill and where; null when it would go ahead (always null for a created batch). */
  blockedBecause: z.string().nullable().default(null),
  /** Members due a letter whose address cannot take one (only a postcode, "Unknown" …): phoned instead when there is a number, else not contacted. */
  noUsableAddress: z.array(z.object({ nhsNumber: z.string(), name: z.string(), reason: z.string(), movedToPhone: z.boolean() })).default([])
})

/** A language staff record as an interpreter need: trimmed, 1–60 printable characters on one line. */
export const InterpreterLanguage = z
  .string()
  .trim()
  .superRefine((language, ctx) => {
    const problem = interpreterLanguageProblem(language)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  })

export const ContactPreferencesInput = z.object({
  smsDeclined: z.boolean(),
  largePrint: z.boolean(),
  preferredChannel: z.enum(['any', 'letter', 'phone']),
  /** "No contact permitted": excluded from every cohort and every batch; left out keeps what is recorded. */
  noContact: z.boolean().optional(),
  /**
   * An interpreter is needed, in this language, as recorded in the app (it wins over the export while
   * set); null removes the app's record so the export's main language and interpreter flag apply
   * again; left out keeps what is recorded.
   */
  interpreterLanguage: InterpreterLanguage.nullable().optional()
})

export const PatientContact = ContactPreferencesInput.extend({
  noContact: z.boolean(),
  nhsNumber: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  homePhone: z.string().nullable(),
  /** The need the practice acts on: the app's record while set, else the export's. */
  mainLanguage: z.string().nullable(),
  interpreterRequired: z.boolean(),
  /** The interpreter language recorded in the app, or null when only the export decides. */
  interpreterLanguage: z.string().nullable(),
  /** Where mainLanguage and interpreterRequired come from. */
  languageSource: z.enum(['app', 'export']),
  /** What the latest export says, kept and shown even while the app's record wins (null: not in the export). */
  exportMainLanguage: z.string().nullable(),
  exportInterpreterRequired: z.boolean().nullable()
})

export const LetterTemplateInfo = z.object({
  key: z.string(),
  name: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  smsText: z.string(),
  builtIn: z.boolean(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable()
})

export const WordTemplateInfo = z.object({
  wordTemplateId: z.number().int(),
  fileName: z.string(),
  fields: z.array(z.string()),
  uploadedAt: z.string(),
  uploadedBy: z.string()
})

export const InvitationSent = z.object({
  attempt: z.number().int(),
  channel: z.enum(['letter', 'sms', 'phone']),
  sentOn: StoredIsoDate,
  /** The SNOMED CT code (HYPINVITE_COD) staff record for this invitation in the clinical system. */
  code: z.string(),
  term: z.string()
})

export const InvitationWorklistPatient = z.object({
  nhsNumber: z.string(),
  name: z.string(),
  cohortId: z.number().int(),
  invitations: z.array(InvitationSent),
  /** Invited but not booked: the date the next attempt may go (null once 3 were sent, or no contact permitted). */
  nextAttemptFrom: StoredIsoDate.nullable(),
  /** Recorded in contact preferences after the invitations went: no further attempt may go. */
  noContact: z.boolean()
})

/** The invitations operations: each name with the schema of its input and of its output. */
export const invitationsOperations = {
  'invitations.createBatch': {
    input: z.object({
      cohortId: z.number().int(),
      attempt: z.number().int().min(1).max(3).default(1),
      date: IsoDate.optional(),
      /** Which template; default: the cohort's own for the 1st invitation, the reminder after. */
      templateKey: z.string().optional(),
      /** Text patients with a valid mobile who have not declined SMS (else everyone gets a letter). */
      sms: z.boolean().default(true),
      /** Put patients with no SMS or postal route but a phone number on a call list. */
      phoneList: z.boolean().default(false),
      /** Days after the previous invitation before the next may go (QOF needs at least 7). */
      waitDays: z.number().int().min(7).max(120).default(14),
      /** A patient invited by another programme (or by another build of this one) in this many days is left out; 0 = no window. */
      recentInvitationDays: z.number().int().min(0).max(365).default(28),
      /** Invite those recently invited patients anyway (the batch still lists who and by which programme). */
      includeRecentlyInvited: z.boolean().default(false),
      /** Also fill the practice's Word template (or the built-in one) into one DOCX. */
      docx: z.boolean().default(true),
      /** Only say who would get what (the batch sheet): nothing is written or recorded; batchId is 0. */
      preview: z.boolean().default(false)
    }),
    output: InvitationBatch
  },
  'invitations.listBatches': { input: Empty, output: z.object({ batches: z.array(InvitationBatch) }) },
  'invitations.regenerate': {
    input: z.object({ batchId: z.number().int() }),
    output: z.object({
      files: z.array(GeneratedFile.extend({ matchesOriginal: z.boolean() }))
    })
  },
  'invitations.worklists': {
    input: Empty,
    output: z.object({ nonResponders: z.array(InvitationWorklistPatient), invitedNotBooked: z.array(InvitationWorklistPatient) })
  },
  'templates.list': {
    input: Empty,
    output: z.object({
      templates: z.array(LetterTemplateInfo),
      fields: z.array(z.object({ name: z.string(), description: z.string(), personal: z.boolean() })),
      wordTemplate: WordTemplateInfo.nullable()
    })
  },
  'templates.save': {
    input: z.object({ key: z.string(), title: z.string().max(200), body: z.string().max(10000), smsText: z.string().max(500) }),
    output: LetterTemplateInfo
  },
  'templates.uploadWord': { input: z.object({ name: z.string().min(1).max(260), contentBase64: z.string() }), output: WordTemplateInfo },
  'templates.removeWord': { input: Empty, output: z.object({}) },
  'templates.builtInWord': { input: Empty, output: z.object({ name: z.string(), mimeType: z.string(), contentBase64: z.string() }) },
  'contacts.get': { input: z.object({ nhsNumber: z.string() }), output: PatientContact },
  'contacts.setPreferences': { input: ContactPreferencesInput.extend({ nhsNumber: z.string() }), output: PatientContact },
  'documents.read': {
    input: z.object({ fileId: z.number().int() }),
    output: z.object({ name: z.string(), mimeType: z.string(), contentBase64: z.string() })
  }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
