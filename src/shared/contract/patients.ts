// Finding a patient (by name, date of birth, NHS number or postcode) and the one page that shows
// everything the practice's database holds about them.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { BloodPressure, Priority, StoredIsoDate } from './common'
import { PatientContact } from './invitations'
import { AppointmentStatus, VisitAction } from './clinics'
import { PatientCondition, StoredVisit } from './visits'
import { Referral } from './services'
import { MAX_SEARCH_LENGTH } from '../domain/patient-search-query'

export const PATIENT_SEARCH_LIMIT = 50

/** How many of a patient's snapshots, newest first, the page reads the reasons of. */
export const PATIENT_PAGE_SNAPSHOT_REASONS = 24

export const PatientSearchKind = z.enum(['nhs-number', 'nhs-number-ending', 'date-of-birth', 'postcode', 'name'])

export const PatientSearchResult = z.object({
  nhsNumber: z.string(),
  /** Given and family name as exported, or "(name not in export)". */
  name: z.string(),
  title: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  dateOfBirth: StoredIsoDate.nullable(),
  /** Whole years today; null without a date of birth. */
  age: z.number().int().nullable(),
  postcode: z.string().nullable(),
  /** As exported ("Regular", "Deceased", "Left"…), or null when the export had none. */
  registrationStatus: z.string().nullable(),
  /** The status says the patient has died or left the practice. */
  noLongerRegistered: z.boolean(),
  /** The patient was missing from the latest run of the export that listed them. */
  notInLatestExport: z.boolean()
})

export const PatientSearchOutput = z.object({
  /** The text searched, as typed. */
  query: z.string(),
  kind: PatientSearchKind,
  /** What was looked for, in words: "an NHS number ending 5919". */
  searchedFor: z.string(),
  /** At most `limit`, by family name, given name and date of birth (postcodes: by postcode first). */
  patients: z.array(PatientSearchResult),
  /** How many patients match in all. */
  total: z.number().int(),
  /** More match than are listed: type more to narrow the search. */
  more: z.boolean()
})

export const PatientReading = BloodPressure.extend({
  readingId: z.number().int(),
  /** The kind of measurement when recorded (home average, ABPM daytime…); null: the setting's usual kind. */
  measure: z.string().nullable(),
  /** Where it came from: an imported export, or a visit recorded here. */
  source: z.enum(['import', 'visit']),
  appointmentId: z.number().int().nullable()
})

export const PatientSnapshot = z.object({
  cohortId: z.number().int(),
  name: z.string(),
  definition: z.string(),
  programmeId: z.number().int().nullable(),
  programme: z.string().nullable(),
  asOf: StoredIsoDate,
  builtAt: z.string(),
  status: z.enum(['member', 'excluded']),
  priority: Priority.nullable(),
  /** For an excluded patient: the exclusion rule's id and its label. */
  rule: z.string().nullable(),
  ruleLabel: z.string().nullable(),
  severe: z.boolean(),
  bp: BloodPressure.nullable(),
  /** The reasons as the build listed them (empty when the snapshot did not keep them, or they were not read: reasonsRead). */
  reasons: z.array(z.string()),
  /**
   * False for a snapshot older than the newest PATIENT_PAGE_SNAPSHOT_REASONS listing the patient:
   * its reasons are not read for the page (each costs a read of the whole snapshot); Cohorts shows them.
   */
  reasonsRead: z.boolean()
})

export const PatientInvitation = z.object({
  invitationId: z.number().int(),
  batchId: z.number().int(),
  cohortId: z.number().int(),
  cohortName: z.string(),
  programmeId: z.number().int().nullable(),
  programme: z.string().nullable(),
  attempt: z.number().int(),
  channel: z.enum(['letter', 'sms', 'phone']),
  sentOn: StoredIsoDate
})

export const PatientAppointment = z.object({
  appointmentId: z.number().int(),
  clinicId: z.number().int(),
  clinicType: z.string(),
  date: StoredIsoDate,
  /** The slot's start time (HH:MM). */
  start: z.string(),
  clinician: z.string().nullable(),
  location: z.string().nullable(),
  status: AppointmentStatus,
  programmeId: z.number().int().nullable(),
  programme: z.string().nullable(),
  bookedAt: z.string(),
  bookedBy: z.string(),
  outcomeAt: z.string().nullable(),
  outcomeBy: z.string().nullable()
})

export const PatientVisit = z.object({
  appointmentId: z.number().int(),
  date: StoredIsoDate,
  clinicType: z.string(),
  /** The lowest systolic and diastolic recorded at the visit; null when none was. */
  bp: z.object({ systolic: z.number().int(), diastolic: z.number().int() }).nullable(),
  actions: z.array(VisitAction),
  note: z.string(),
  /** What was recorded on the clinic's form (a visit from before the forms: a BP review with no record). */
  record: StoredVisit
})

export const PatientFollowUp = z.object({
  appointmentId: z.number().int(),
  dueOn: StoredIsoDate,
  reason: z.string(),
  status: z.enum(['due', 'done', 'cancelled'])
})

export const PatientReInvitation = z.object({
  cohortId: z.number().int().nullable(),
  cohortName: z.string().nullable(),
  attempt: z.number().int().nullable(),
  from: StoredIsoDate.nullable(),
  explanation: z.string()
})

export const PatientDetails = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  dateOfBirth: StoredIsoDate.nullable(),
  age: z.number().int().nullable(),
  sex: z.string().nullable(),
  addressLines: z.array(z.string()),
  postcode: z.string().nullable(),
  mobile: z.string().nullable(),
  homePhone: z.string().nullable(),
  email: z.string().nullable(),
  usualGp: z.string().nullable(),
  ethnicity: z.string().nullable(),
  ethnicityCategory: z.string().nullable(),
  imdDecile: z.number().int().nullable(),
  registrationStatus: z.string().nullable(),
  noLongerRegistered: z.boolean(),
  notInLatestExport: z.boolean(),
  /** The run date of the export the demographics were last read from. */
  demographicsAsOf: z.string().nullable()
})

export const PatientPage = z.object({
  /** Today: the day the registers and ages are worked out for. */
  asOf: StoredIsoDate,
  patient: PatientDetails,
  contact: PatientContact,
  /** The QOF registers the patient is on today, as the cohorts decide them. */
  registers: z.array(PatientCondition),
  /** Oldest first. */
  readings: z.array(PatientReading),
  /** Newest first. */
  snapshots: z.array(PatientSnapshot),
  /** Newest first. */
  invitations: z.array(PatientInvitation),
  /** By clinic date, newest first. */
  appointments: z.array(PatientAppointment),
  /** Attended appointments, newest first. */
  visits: z.array(PatientVisit),
  followUps: z.array(PatientFollowUp),
  referrals: z.array(Referral),
  reInvitation: PatientReInvitation
})

export const patientsOperations = {
  /** Up to `limit` patients matching a name, date of birth, NHS number (or its last digits) or postcode. */
  'patients.find': {
    input: z
      .object({
        query: z.string().max(MAX_SEARCH_LENGTH, `type at most ${MAX_SEARCH_LENGTH} characters`),
        limit: z.number().int().min(1).max(PATIENT_SEARCH_LIMIT).default(PATIENT_SEARCH_LIMIT)
      })
      .strict(),
    output: PatientSearchOutput
  },
  /** Everything about one patient, by NHS number (any spacing). */
  'patients.show': { input: z.object({ nhsNumber: z.string() }).strict(), output: PatientPage }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
