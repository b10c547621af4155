// The one way any front end (Electron IPC, browser-mode HTTP, CLI) reaches the services: each
// operation's name with the zod schema of its input and of its output. Main parses every input
// with these schemas before a service sees it; the renderer's API client is typed from them.
import { z } from 'zod'
import type { OperationName } from './operation-names'
import { CustomCohortIdSchema, CustomCriterion, SaveCustomCohortInput } from './custom-cohort-schema'
import { bpMeasureIds } from './domain/bp-measures'
import { interpreterLanguageProblem } from './domain/contact-channel'
import { isoDateProblem } from './domain/iso-date'

/**
 * A date someone typed or sent: a real calendar day (no 31 February, no month 13), written
 * YYYY-MM-DD, between 1900-01-01 and 2100-12-31 (iso-date.ts says why). The message starts with
 * the value, so the dispatcher's "field: message" reads "asOf: 2026-02-31 is not a real date: …".
 */
export const IsoDate = z.string().superRefine((text, ctx) => {
  const problem = isoDateProblem(text)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
})
/**
 * A date the app hands back (outputs only). It was checked on the way in (import, or IsoDate above);
 * checking the range again on the way out would turn one odd stored date — a reading typed as 1899
 * in the clinical system, a follow-up computed past 2100 — into an internal error for a whole
 * screen, after the change it belongs to had been committed.
 */
export const StoredIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM')

export const Role = z.enum(['clinician', 'admin', 'manager'])
export const TargetMode = z.enum(['qof', 'nice'])
export const BpSetting = z.enum(['clinic', 'home', 'ambulatory'])
export const Priority = z.enum(['P1', 'P2', 'P3', 'P4'])
export const ImportFormatChoice = z.enum(['auto', 'emis', 'systmone'])
export const BuiltInCohortId = z.enum([
  'uncontrolled-hypertension',
  'hypertension-black-african-caribbean',
  'time-to-talk',
  'no-recent-bp'
])
/** A built-in cohort, or a saved custom cohort (`custom-3`). */
export const CohortDefinitionId = z.union([BuiltInCohortId, CustomCohortIdSchema], {
  error: `expected a built-in cohort (${BuiltInCohortId.options.join(', ')}) or a saved custom cohort id such as custom-3`
})

const Empty = z.object({}).strict()

export const User = z.object({ name: z.string().trim().min(1).max(80), role: Role })

export const PracticeSettings = z.object({
  practiceName: z.string().max(120),
  addressLines: z.array(z.string().max(120)).max(6),
  phone: z.string().max(40),
  email: z.string().max(120),
  website: z.string().max(120),
  /** Plain-English sentence on how to book, printed in every letter. */
  bookingInstructions: z.string().max(600),
  signatory: z.string().max(120),
  clinicLocation: z.string().max(200)
})

export const BloodPressure = z.object({
  systolic: z.number().int(),
  diastolic: z.number().int(),
  date: StoredIsoDate,
  setting: BpSetting
})

// --- import -----------------------------------------------------------------------------------

export const ImportFileInput = z.object({
  name: z.string().min(1).max(260),
  /** The file's bytes, base64: the renderer reads what the user picked; main never takes a path from it. */
  contentBase64: z.string()
})

export const ColumnRole = z.object({
  index: z.number().int(),
  caption: z.string(),
  /** What the importer will read from this column, e.g. `nhsNumber`, `event.date`, `ignored`. */
  role: z.string(),
  note: z.string().optional()
})

export const RejectedRow = z.object({
  file: z.string(),
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
  /** The cell as exported, so the practice can find it (absent when the problem is the whole row). */
  value: z.string().optional()
})

export const ImportFilePreview = z.object({
  name: z.string(),
  format: z.string(),
  layout: z.string(),
  headerRowNumber: z.number().int(),
  reportHeader: z.array(z.string()),
  columns: z.array(ColumnRole),
  rowsRead: z.number().int(),
  emptyRowsSkipped: z.number().int(),
  /** What the file was, by its content: a CSV (any encoding) or an Excel workbook. */
  fileType: z.enum(['csv', 'xlsx']),
  /** In words: the format detected and why, the layout, the encoding or sheet, the mapping used. */
  detection: z.string(),
  mapping: z.object({
    /** auto: captions recognised; saved: the mapping saved for this layout; chosen: given with this preview. */
    source: z.enum(['auto', 'saved', 'chosen']),
    layoutHash: z.string(),
    /** The column row as exported (trailing blank captions left off): what a mapping is saved against. */
    captions: z.array(z.string()),
    savedAt: z.string().nullable(),
    savedBy: z.string().nullable()
  })
})

/** One column of a file as the column-mapping screen shows it. */
export const ImportColumnInfo = z.object({
  index: z.number().int(),
  /** The caption as shown: repeated captions are numbered, e.g. "Date (2nd)". */
  caption: z.string(),
  role: z.string(),
  note: z.string().optional(),
  /** A few values from the first data rows, so the user can see what the column holds. */
  samples: z.array(z.string())
})

export const ImportFileColumns = z.object({
  name: z.string(),
  fileType: z.enum(['csv', 'xlsx']),
  detection: z.string(),
  headerRowNumber: z.number().int(),
  captions: z.array(z.string()),
  layoutHash: z.string(),
  mappingSource: z.enum(['auto', 'saved', 'chosen']),
  savedAt: z.string().nullable(),
  columns: z.array(ImportColumnInfo),
  /** True when no column holds NHS numbers yet: the file cannot be imported until one is chosen. */
  needsMapping: z.boolean()
})

/** Roles for each column position of one header layout (see shared/import-column-roles.ts). */
export const ColumnMappingInput = z.object({
  layoutHash: z.string().min(1).max(100),
  roles: z.array(z.string().max(60)).max(2000)
})

export const SavedColumnMapping = z.object({
  layoutHash: z.string(),
  captions: z.array(z.string()),
  roles: z.array(z.string()),
  savedAt: z.string(),
  savedBy: z.string()
})

export const ImportPreviewPatient = z.object({
  nhsNumber: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  isNew: z.boolean(),
  readings: z.number().int(),
  events: z.number().int()
})

export const ImportPreview = z.object({
  previewId: z.string(),
  format: z.string(),
  files: z.array(ImportFilePreview),
  rowsRead: z.number().int(),
  patientsInFile: z.number().int(),
  patientsNew: z.number().int(),
  patientsExisting: z.number().int(),
  readingsInFile: z.number().int(),
  eventsInFile: z.number().int(),
  rejected: z.array(RejectedRow),
  warnings: z.array(z.string()),
  samplePatients: z.array(ImportPreviewPatient),
  alreadyImported: z.boolean(),
  /** Rows imported but disagreeing with another row of the same patient (two dates of birth, two sexes). */
  conflicts: z.array(RejectedRow).default([]),
  /** Patients of the previous run of this report who are not in this one: kept, marked "not in latest export". */
  patientsNotInExport: z.number().int().default(0),
  /** The export's own run date (report header), which decides whether its demographics are the newest. */
  exportedOn: z.string().nullable().default(null),
  /** Events read from their term alone (their code is in no shipped list): listed in Settings › Code library to check. */
  termOnlyMatches: z.number().int().default(0),
  /** Distinct codes in the files that matched no code list; their rows are not imported. */
  unmatchedCodes: z.number().int().default(0)
})

/** Keys are the CLI's public `import --json` interface (spec §9.1): add, never rename. */
export const ImportResult = z.object({
  importId: z.number().int().nullable(),
  format: z.string(),
  rowsRead: z.number().int(),
  patientsAdded: z.number().int(),
  patientsUpdated: z.number().int(),
  readingsAdded: z.number().int(),
  eventsAdded: z.number().int(),
  rejected: z.array(RejectedRow),
  warnings: z.array(z.string()),
  alreadyImported: z.boolean(),
  conflicts: z.array(RejectedRow).default([]),
  patientsNotInExport: z.number().int().default(0),
  /** The copy of the database taken just before this import (in backups/ beside it), if one was made. */
  backupFile: z.string().nullable().default(null),
  /** As in ImportPreview: what the files hold, so an import already made reports the same. */
  termOnlyMatches: z.number().int().default(0),
  unmatchedCodes: z.number().int().default(0)
})

export const ImportSummary = z.object({
  importId: z.number().int(),
  fileNames: z.array(z.string()),
  format: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  rowsRead: z.number().int(),
  patientsAdded: z.number().int(),
  patientsUpdated: z.number().int(),
  readingsAdded: z.number().int(),
  eventsAdded: z.number().int(),
  rejectedCount: z.number().int(),
  warnings: z.array(z.string()),
  conflictCount: z.number().int().default(0),
  patientsNotInExport: z.number().int().default(0),
  exportedOn: z.string().nullable().default(null),
  backupFile: z.string().nullable().default(null)
})

/** Where a background import is: reading the files, ready to commit, committing, or finished. */
export const ImportJobPhase = z.enum(['reading', 'checking', 'ready', 'committing', 'done', 'failed', 'cancelled'])

export const ImportProgress = z.object({
  jobId: z.string(),
  phase: ImportJobPhase,
  /** One line for the user, e.g. "Reading export.csv (2 of 3)". */
  message: z.string(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int(),
  preview: ImportPreview.nullable(),
  result: ImportResult.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable()
})

export const DatabaseBackup = z.object({
  name: z.string(),
  createdAt: z.string(),
  byteSize: z.number().int(),
  importId: z.number().int().nullable()
})

/** The kinds of backup kept in backups/ beside the database, 14 of each. */
export const BackupKind = z.enum(['before-import', 'daily', 'manual', 'before-restore'])

export const BackupEntry = z.object({
  /** The file name in backups/: what the app sends back to restore it (never a path). */
  name: z.string(),
  kind: BackupKind,
  createdAt: z.string(),
  byteSize: z.number().int()
})

/** A backup's file name as the list gives it: no folder, so it can only name a file in backups/. */
const BackupName = z.string().regex(/^(before-import|daily|manual|before-restore)-\d{8}T\d{9}Z-\d{2,}\.sqlite$/, 'not the name of a backup')

export const ImportRef = z.object({ importId: z.number().int(), importedAt: z.string(), fileNames: z.array(z.string()) })

export const DownloadedFile = z.object({ name: z.string(), mimeType: z.string(), contentBase64: z.string() })

// --- code library -----------------------------------------------------------------------------

/** One code list the app ships (resources/codelists). */
export const CodeListInfo = z.object({
  /** The QOF cluster, e.g. CHD_COD; `ETHNICITY` for the ethnicity list. */
  cluster: z.string(),
  /** What the app uses it for, in words (the register or the BP rule it feeds). */
  purpose: z.string(),
  /** nhs-refset: NHS Digital Primary Care Domain refset; starter: a short hand-made list, not the refset. */
  kind: z.enum(['nhs-refset', 'starter', 'other']),
  /** Where the list comes from, in words, e.g. "NHS Digital Primary Care Domain refset (OpenCodelists chd_cod/20260630)". */
  source: z.string(),
  /** The OpenCodelists version, or null when there is none (a starter list). */
  version: z.string().nullable(),
  codes: z.number().int(),
  file: z.string()
})

/** A code in the imported data that matched no code list, over all imports. */
export const UnmatchedCode = z.object({
  /** SNOMED CT concept id as exported; '' when the export had no code column. */
  code: z.string(),
  /** The term it was exported with most often. */
  term: z.string(),
  /** Up to five terms it was exported with, most used first (the first is `term`). */
  terms: z.array(z.string()),
  /** Counted from the latest import of each report that had the code, so a monthly report is not counted twice. */
  events: z.number().int(),
  patients: z.number().int(),
  firstImport: ImportRef,
  lastImport: ImportRef
})

/** A code (or a code-less row) that the app read from its term alone: a guess worth a clinician's check. */
export const TermOnlyMatch = UnmatchedCode.extend({
  /** What the term was read as, stored form: concept key(s), `BP:<setting>` or `ETHNICITY`. */
  matchedAs: z.string(),
  /** The same in words, e.g. "Coronary heart disease (CHD_COD)". */
  matchedAsText: z.string()
})

// --- cohorts ----------------------------------------------------------------------------------

export const ExplanationStep = z.object({
  /** Stable rule id, e.g. `register.hypertension`, `exclude.bp-declined`. */
  rule: z.string(),
  label: z.string(),
  /** The published source the rule follows, e.g. `QOF HYP008`, `NICE NG136 1.2.2`. */
  source: z.string(),
  outcome: z.enum(['pass', 'fail', 'info']),
  detail: z.string()
})

export const ConsideredReading = z.object({
  date: StoredIsoDate,
  systolic: z.number().int(),
  diastolic: z.number().int(),
  setting: BpSetting,
  /** Whether this reading supplied the systolic, the diastolic, both or neither of the current BP. */
  used: z.enum(['both', 'systolic', 'diastolic', 'none']),
  /** What the code measured: clinic reading, home average, ABPM daytime/24-hour/night-time average, summary. */
  measure: z.enum(bpMeasureIds).optional(),
  /** Set when the reading was recorded but cannot be the current BP: why ("it is an ABPM night-time average …"). */
  notUsedBecause: z.string().optional(),
  /** The reading is at severe (P1) level for its own kind (clinic ≥ 180/120, home/ABPM ≥ 170/115). */
  severe: z.boolean().optional()
})

export const Explanation = z.object({
  steps: z.array(ExplanationStep),
  readingsConsidered: z.array(ConsideredReading),
  bpRule: z.string(),
  target: z
    .object({ systolic: z.number(), diastolic: z.number(), comparator: z.enum(['<=', '<']), label: z.string() })
    .nullable()
})

export const CohortEntry = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  age: z.number().int().nullable(),
  sex: z.string().nullable(),
  ethnicity: z.string().nullable(),
  priority: Priority.nullable(),
  bp: BloodPressure.nullable(),
  /** For excluded patients: the exclusion rule id that applied. */
  rule: z.string().nullable(),
  /** Short human-readable reasons, in order: the `cohort build --json` interface. */
  reasons: z.array(z.string()),
  /** Severe (P1) reading: listed even when excluded, per the spec's safety rule. */
  severe: z.boolean(),
  /** The rule that chose the current BP, in words (shown next to every computed BP, spec §4.1). */
  bpRule: z.string(),
  /**
   * The full "why" (every rule checked, readings considered, target). Snapshots leave it out — 40k
   * explanations would be tens of megabytes — and `cohorts.explain` gives it for one patient.
   */
  explanation: Explanation.optional()
})

export const ExplainedCohortEntry = CohortEntry.extend({ explanation: Explanation })

export const CohortPatientExplanation = z.object({
  cohortId: z.number().int(),
  status: z.enum(['member', 'excluded']),
  entry: ExplainedCohortEntry,
  /** How the explanation was obtained, e.g. re-evaluated with the facts recorded up to the build. */
  basis: z.string()
})

/** cohorts.explainPreview: one patient's "why" in an unsaved preview (nothing stored). */
export const CohortPreviewExplanation = z.object({
  status: z.enum(['member', 'excluded']),
  entry: ExplainedCohortEntry,
  basis: z.string()
})

/** One patient's place in a snapshot: member, excluded (by which rule) or not listed (not eligible). */
export const CohortPlacement = z.object({
  status: z.enum(['member', 'excluded', 'not-listed']),
  priority: Priority.nullable(),
  rule: z.string().nullable(),
  bp: BloodPressure.nullable(),
  reasons: z.array(z.string())
})

export const CohortChange = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  from: CohortPlacement,
  to: CohortPlacement
})

// The adjustable parameters of one build (cohort-parameters.ts); stored with the snapshot.
const CohortParametersShape = z.object({
  lookbackMonths: z.number().int().min(1).max(120),
  exceptionLookbackMonths: z.number().int().min(1).max(120),
  invitedWithinDays: z.number().int().min(0).max(365),
  recentDiagnosisMonths: z.number().int().min(0).max(60),
  includeMixedBlackCategories: z.boolean(),
  conditionThreshold: z.number().int().min(1).max(20),
  disabledExclusions: z.array(z.string()).max(40)
})
export const CohortParametersInput = CohortParametersShape.partial().strict()

export const ExclusionCount = z.object({
  rule: z.string(),
  label: z.string(),
  source: z.string(),
  count: z.number().int(),
  /** Whether it was applied in this build: switched off by the user, or skipped as QOF-only in NICE mode (absent in older snapshots). */
  state: z.enum(['on', 'switched-off', 'qof-only']).optional(),
  /** Applies in QOF mode only (the 9-month rules). */
  qofOnly: z.boolean().optional()
})

/** cohorts.preview: a build's counts and its first patients, nothing stored. */
export const CohortPreview = z.object({
  definition: CohortDefinitionId,
  definitionVersion: z.number().int(),
  name: z.string(),
  asOf: StoredIsoDate,
  mode: TargetMode,
  memberCount: z.number().int(),
  excludedCount: z.number().int(),
  /** Excluded patients whose current BP is severe (spec §4.4 safety rule). */
  severeExcludedCount: z.number().int(),
  notEligibleCount: z.number().int(),
  priorityCounts: z.object({ P1: z.number().int(), P2: z.number().int(), P3: z.number().int(), P4: z.number().int(), none: z.number().int() }),
  exclusionCounts: z.array(ExclusionCount),
  /** The parameters used (definition defaults with the overrides). */
  parameters: CohortParametersShape.partial(),
  members: z.array(CohortEntry),
  excluded: z.array(CohortEntry)
})

export const CohortSnapshot = z.object({
  cohortId: z.number().int(),
  definition: CohortDefinitionId,
  definitionVersion: z.number().int(),
  name: z.string(),
  asOf: StoredIsoDate,
  mode: TargetMode,
  builtAt: z.string(),
  builtBy: z.string(),
  members: z.array(CohortEntry),
  excluded: z.array(CohortEntry),
  exclusionCounts: z.array(ExclusionCount),
  /** Patients considered but not eligible (e.g. not on the register): counted, not listed. */
  notEligibleCount: z.number().int(),
  /** The parameters the build used (switched-off exclusions, D/E switch, threshold …). */
  parameters: CohortParametersShape.partial().optional()
})

export const CohortSummary = z.object({
  cohortId: z.number().int(),
  definition: CohortDefinitionId,
  name: z.string(),
  asOf: StoredIsoDate,
  mode: TargetMode,
  builtAt: z.string(),
  builtBy: z.string(),
  memberCount: z.number().int(),
  excludedCount: z.number().int()
})

export const CohortComparison = z.object({
  from: CohortSummary.extend({ definitionVersion: z.number().int(), parameters: z.record(z.string(), z.unknown()) }),
  to: CohortSummary.extend({ definitionVersion: z.number().int(), parameters: z.record(z.string(), z.unknown()) }),
  /** What differs between the two builds' settings (definition, version, as-of, mode, parameters), in words. */
  settingsChanged: z.array(z.object({ setting: z.string(), from: z.string(), to: z.string() })),
  /** Members of "to" who were not members of "from". */
  joined: z.array(CohortChange),
  /** Members of "from" who are not members of "to". */
  left: z.array(CohortChange),
  /** Members of both whose priority group changed. */
  priorityChanged: z.array(CohortChange),
  /** Members of both with the same priority. */
  unchangedCount: z.number().int()
})

export const CohortDefinitionInfo = z.object({
  id: CohortDefinitionId,
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  sources: z.array(z.string()),
  kind: z.enum(['built-in', 'custom']),
  /** Every criterion, in words with its source (custom ones as chosen in the builder). */
  criteria: z.array(z.object({ rule: z.string(), label: z.string(), source: z.string() })),
  /** Every exclusion of the definition, in the order tried; each can be switched off for a build. */
  exclusions: z.array(z.object({ rule: z.string(), label: z.string(), source: z.string(), qofOnly: z.boolean() })),
  /** Which parameter switches mean something for this definition (shown on the cohort screen). */
  switches: z.object({ includeMixedBlackCategories: z.boolean(), conditionThreshold: z.boolean() }),
  /** A saved custom cohort: its criteria as data (to edit them), when and by whom this version was saved. */
  custom: z.object({ criteria: z.array(CustomCriterion), savedAt: z.string(), savedBy: z.string() }).nullable()
})

// --- invitations and documents ----------------------------------------------------------------

export const GeneratedFile = z.object({
  fileId: z.number().int(),
  name: z.string(),
  kind: z.string(),
  mimeType: z.string()
})

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
  lettersToWriteByHand: z.number().int().default(0)
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
  /** Spec §4.4 "no contact permitted"; left out keeps what is recorded. */
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

// --- clinics ----------------------------------------------------------------------------------

export const ClinicInput = z.object({
  type: z.string().trim().min(1).max(80),
  date: IsoDate,
  start: ClockTime,
  slots: z.number().int().min(1).max(100),
  slotMinutes: z.number().int().min(5).max(120),
  clinician: z.string().max(80).optional(),
  location: z.string().max(200).optional()
})

export const ClinicSummary = ClinicInput.extend({
  date: StoredIsoDate,
  clinicId: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  didNotAttend: z.number().int()
})

export const AppointmentStatus = z.enum(['booked', 'attended', 'did-not-attend', 'cancelled'])

export const VisitAction = z.enum(['medication-change', 'lifestyle-advice', 'home-bp-monitoring', 'referral'])

export const Appointment = z.object({
  appointmentId: z.number().int(),
  clinicId: z.number().int(),
  slotIndex: z.number().int(),
  start: ClockTime,
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  status: AppointmentStatus,
  bp: BloodPressure.nullable(),
  followUpDue: StoredIsoDate.nullable(),
  /** What was done at the visit (spec §6), shown back in the clinic's slot table. */
  actions: z.array(VisitAction).default([]),
  note: z.string().nullable().default(null)
})

export const ClinicDetail = z.object({
  clinic: ClinicSummary,
  slots: z.array(z.object({ slotIndex: z.number().int(), start: ClockTime, appointment: Appointment.nullable() }))
})

export const VisitReading = z.object({
  systolic: z.number().int().min(40).max(350),
  diastolic: z.number().int().min(20).max(200)
})

export const AttendResult = z.object({
  status: AppointmentStatus,
  bp: BloodPressure.nullable(),
  priority: Priority.nullable(),
  followUpDue: StoredIsoDate.nullable(),
  followUpReason: z.string().nullable()
})

export const FollowUpDue = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  dueOn: StoredIsoDate,
  reason: z.string(),
  overdue: z.boolean(),
  /** The visit that proposed this follow-up. */
  visitDate: StoredIsoDate,
  clinicType: z.string(),
  /** The date of a clinic the patient is already booked into after the visit, else null. */
  bookedFor: StoredIsoDate.nullable()
})

/** A follow-up met by a reading after the visit: a later clinic visit or an imported reading. */
export const FollowUpDone = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  visitDate: StoredIsoDate,
  dueOn: StoredIsoDate,
  reading: z.object({ date: StoredIsoDate, systolic: z.number().int(), diastolic: z.number().int() }),
  /** 'import': taken in the clinical system and brought in by a later import (issue #5 item 8). */
  readingSource: z.enum(['import', 'visit'])
})

export const ClinicTypeInterval = z.object({
  type: z.string(),
  weeks: z.number().int().min(4).max(12),
  practiceSet: z.boolean()
})

export const DidNotAttendPatient = z.object({
  appointmentId: z.number().int(),
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  clinicType: z.string(),
  clinicDate: StoredIsoDate,
  invitationsSince: z.number().int()
})

/** An appointment still booked in a clinic before the as-of date: nobody marked it attended or did not attend. */
export const LeftOpenAppointment = z.object({
  appointmentId: z.number().int(),
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  clinicId: z.number().int(),
  clinicType: z.string(),
  clinicDate: StoredIsoDate,
  start: ClockTime
})

// --- audit ------------------------------------------------------------------------------------

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
  /** Of `patients`, within their BP target (QOF HYP008/HYP009) at baseline and at follow-up (spec §7). */
  atTargetBefore: z.number().int(),
  atTargetAfter: z.number().int(),
  atTargetBeforePercent: z.number(),
  atTargetAfterPercent: z.number()
})

export const Funnel = z.object({
  eligible: z.number().int(),
  invited: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  followedUp: z.number().int()
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
  bpOutcome: BpOutcome,
  funnel: Funnel,
  patients: z.array(AuditPatientRow)
})

export const ActivityEntry = z.object({
  at: z.string(),
  user: z.string(),
  role: z.string(),
  action: z.string(),
  summary: z.string()
})

// --- the contract -----------------------------------------------------------------------------

export const contract = {
  'session.get': {
    input: Empty,
    output: z.object({
      user: User.nullable(),
      databasePath: z.string(),
      appVersion: z.string(),
      /** About the database itself, e.g. it is on a network drive: shown as a banner. */
      warnings: z.array(z.string()).default([])
    })
  },
  'session.setUser': { input: User, output: z.object({ user: User }) },
  /** Staff names already in the activity log (names only: no patient data), offered on the start screen before anyone has signed in. */
  'session.knownUsers': { input: Empty, output: z.object({ names: z.array(z.string()) }) },
  'settings.get': { input: Empty, output: PracticeSettings },
  'settings.update': { input: PracticeSettings, output: PracticeSettings },

  'imports.preview': {
    input: z.object({
      files: z.array(ImportFileInput).min(1).max(20),
      format: ImportFormatChoice.default('auto'),
      /** Column mappings for this preview only, by layout; a saved mapping is used without this. */
      mappings: z.array(ColumnMappingInput).max(20).default([])
    }),
    output: ImportPreview
  },
  /** The columns of each file with what they would be read as and sample values (the mapping screen). */
  'imports.columns': {
    input: z.object({ files: z.array(ImportFileInput).min(1).max(20), mappings: z.array(ColumnMappingInput).max(20).default([]) }),
    output: z.object({ files: z.array(ImportFileColumns) })
  },
  /** Saves the mapping for a header layout; files with the same captions then use it automatically. */
  'imports.saveMapping': {
    input: z.object({ captions: z.array(z.string().max(300)).min(1).max(2000), roles: z.array(z.string().max(60)).max(2000) }),
    output: SavedColumnMapping
  },
  'imports.mappings': { input: Empty, output: z.object({ mappings: z.array(SavedColumnMapping) }) },
  'imports.forgetMapping': { input: z.object({ layoutHash: z.string().min(1).max(100) }), output: z.object({ forgotten: z.boolean() }) },
  'imports.commit': { input: z.object({ previewId: z.string() }), output: ImportResult },
  'imports.list': { input: Empty, output: z.object({ imports: z.array(ImportSummary) }) },
  /** Reads the files off the UI thread (a worker); poll imports.progress for the preview. */
  'imports.start': {
    input: z.object({
      files: z.array(ImportFileInput).min(1).max(20),
      format: ImportFormatChoice.default('auto'),
      /** As for imports.preview: column mappings for this import only. */
      mappings: z.array(ColumnMappingInput).max(20).default([])
    }),
    output: z.object({ jobId: z.string() })
  },
  'imports.progress': { input: z.object({ jobId: z.string() }), output: ImportProgress },
  /** Stops a running import; whatever phase it is in, the database is left as it was. */
  'imports.cancel': { input: z.object({ jobId: z.string() }), output: z.object({ cancelled: z.boolean(), message: z.string() }) },
  /** Rejected and conflicting rows as a CSV (file, row, column, value, reason) of a preview or a stored import. */
  'imports.rejectsCsv': {
    input: z.union([z.object({ importId: z.number().int() }), z.object({ previewId: z.string() })]),
    output: DownloadedFile
  },
  'imports.backups': { input: Empty, output: z.object({ folder: z.string(), keep: z.number().int(), backups: z.array(DatabaseBackup) }) },
  /** Every backup of every kind, newest first, with how many of each kind are kept. */
  'backups.list': { input: Empty, output: z.object({ folder: z.string(), keepPerKind: z.number().int(), backups: z.array(BackupEntry) }) },
  /** "Back up now": a checked copy of the database in backups/ (CLI `backup --json` gives {"file"}). */
  'backups.create': { input: Empty, output: z.object({ file: z.string(), backup: BackupEntry }) },
  /** Replaces the database with a listed backup, after taking a safety copy; the app then reloads everything. */
  'backups.restore': { input: z.object({ name: BackupName }).strict(), output: z.object({ restoredFrom: z.string(), safetyBackup: z.string() }) },
  /** The import a patient last came from, and the one whose report no longer lists them ("not in latest export"). */
  'imports.patientStatus': {
    input: z.object({ patientId: z.number().int() }),
    output: z.object({ lastImport: ImportRef.nullable(), notInLatestExport: ImportRef.nullable() })
  },

  /** Every code list the app ships: cluster, what it is for, source and version, number of codes, file. */
  'codes.library': { input: Empty, output: z.object({ lists: z.array(CodeListInfo) }) },
  /** From all imports: codes that matched no list, and rows read from their term alone; most events first. */
  'codes.unmatched': { input: Empty, output: z.object({ codes: z.array(UnmatchedCode), termOnly: z.array(TermOnlyMatch) }) },
  /** The codes of `codes.unmatched` as a CSV (formulas neutralised). */
  'codes.unmatchedCsv': { input: Empty, output: DownloadedFile },

  'cohorts.definitions': { input: Empty, output: z.object({ definitions: z.array(CohortDefinitionInfo) }) },
  'cohorts.build': {
    input: z.object({
      definition: CohortDefinitionId,
      asOf: IsoDate.optional(),
      mode: TargetMode.default('qof'),
      /** Overrides of the definition's parameters for this build (stored with the snapshot). */
      params: CohortParametersInput.optional(),
      /**
       * Also return every listed patient's full explanation (`entry.explanation`): readings
       * considered, the one chosen and why, the target, the priority rule, each exclusion checked.
       * Off by default: 40k explanations are tens of megabytes (`cohort build --explain`).
       */
      explain: z.boolean().optional()
    }),
    output: CohortSnapshot
  },
  /**
   * The counts a build would give — members, per priority group, each exclusion, not eligible — and
   * the first `limit` members and excluded patients with their reasons, without storing anything:
   * for rebuilding live as a parameter changes (issue #4 item 9). `cohorts.build` stores the snapshot.
   */
  'cohorts.preview': {
    input: z.object({
      definition: CohortDefinitionId,
      asOf: IsoDate.optional(),
      mode: TargetMode.default('qof'),
      params: CohortParametersInput.optional(),
      limit: z.number().int().min(0).max(500).optional()
    }),
    output: CohortPreview
  },
  /** Save a new custom cohort, or a new version of one (`definition`); snapshots keep the version they used. */
  'cohorts.saveCustom': { input: SaveCustomCohortInput, output: CohortDefinitionInfo },
  /** Archive a custom cohort: no longer listed or buildable; its versions and snapshots are kept. */
  'cohorts.archiveCustom': { input: z.object({ definition: CustomCohortIdSchema }), output: z.object({ archived: z.literal(true) }) },
  'cohorts.list': { input: Empty, output: z.object({ cohorts: z.array(CohortSummary) }) },
  'cohorts.get': { input: z.object({ cohortId: z.number().int() }), output: CohortSnapshot },
  'cohorts.explain': { input: z.object({ cohortId: z.number().int(), patientId: z.number().int() }), output: CohortPatientExplanation },
  /**
   * One patient's "why" in an unsaved preview (the live rebuild): evaluated now with this definition,
   * as-of date, mode and parameters, nothing stored. `cohorts.explain` is the same for a snapshot.
   */
  'cohorts.explainPreview': {
    input: z.object({
      definition: CohortDefinitionId,
      asOf: IsoDate.optional(),
      mode: TargetMode.default('qof'),
      params: CohortParametersInput.optional(),
      patientId: z.number().int()
    }),
    output: CohortPreviewExplanation
  },
  'cohorts.compare': { input: z.object({ fromCohortId: z.number().int(), toCohortId: z.number().int() }), output: CohortComparison },

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
  },

  'clinics.create': { input: ClinicInput, output: z.object({ clinicId: z.number().int() }) },
  'clinics.list': { input: Empty, output: z.object({ clinics: z.array(ClinicSummary) }) },
  'clinics.get': { input: z.object({ clinicId: z.number().int() }), output: ClinicDetail },
  'appointments.book': {
    input: z.object({
      clinicId: z.number().int(),
      nhsNumber: z.string(),
      slotIndex: z.number().int().min(0).optional()
    }),
    output: z.object({ appointmentId: z.number().int(), start: ClockTime, slotIndex: z.number().int() })
  },
  'appointments.attend': {
    input: z.object({
      appointmentId: z.number().int(),
      readings: z.array(VisitReading).min(1).max(6),
      actions: z.array(VisitAction).default([]),
      note: z.string().max(2000).default('')
    }),
    output: AttendResult
  },
  'appointments.markDidNotAttend': { input: z.object({ appointmentId: z.number().int() }), output: AttendResult },
  'appointments.cancel': {
    input: z.object({ appointmentId: z.number().int(), reason: z.string().max(200).optional() }),
    output: z.object({ status: z.literal('cancelled') })
  },
  'appointments.rebook': {
    input: z.object({ appointmentId: z.number().int(), clinicId: z.number().int(), slotIndex: z.number().int().min(0).optional() }),
    output: z.object({ appointmentId: z.number().int(), start: ClockTime, slotIndex: z.number().int() })
  },
  'clinics.followUpIntervals': { input: Empty, output: z.object({ types: z.array(ClinicTypeInterval) }) },
  'clinics.setFollowUpInterval': {
    input: z.object({ type: z.string().trim().min(1).max(80), weeks: z.number().int().min(4).max(12) }),
    output: ClinicTypeInterval
  },
  'followups.due': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({ asOf: StoredIsoDate, due: z.array(FollowUpDue), done: z.array(FollowUpDone) })
  },
  'worklists.didNotAttend': { input: Empty, output: z.object({ patients: z.array(DidNotAttendPatient) }) },
  /** Appointments left open in a clinic before asOf (default today), to be marked attended or did not attend. */
  'worklists.leftOpen': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({ asOf: StoredIsoDate, appointments: z.array(LeftOpenAppointment) })
  },
  'worklists.counts': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({
      asOf: StoredIsoDate,
      clinicsToday: z.number().int(),
      followUpsDueThisWeek: z.number().int(),
      followUpsOverdue: z.number().int(),
      didNotAttend: z.number().int(),
      nonResponders: z.number().int(),
      invitedNotBooked: z.number().int(),
      /** Appointments left open in a clinic before asOf (worklists.leftOpen). */
      leftOpen: z.number().int()
    })
  },

  'audit.summary': { input: z.object({ asOf: IsoDate.optional() }), output: AuditSummary },
  'audit.exportWorkbook': {
    input: z.object({ asOf: IsoDate.optional(), pseudonymised: z.boolean().default(false) }),
    output: GeneratedFile
  },
  'activity.list': { input: Empty, output: z.object({ entries: z.array(ActivityEntry) }) }
} as const satisfies Record<OperationName, { input: z.ZodType; output: z.ZodType }>

export type Contract = typeof contract
export type OperationInput<K extends OperationName> = z.input<Contract[K]['input']>
export type ParsedInput<K extends OperationName> = z.output<Contract[K]['input']>
export type OperationOutput<K extends OperationName> = z.output<Contract[K]['output']>

// Both directions of the "same set of names" check with operation-names.ts.
type MissingFromContract = Exclude<OperationName, keyof Contract>
type MissingFromNames = Exclude<keyof Contract, OperationName>
const namesMatch: [MissingFromContract, MissingFromNames] extends [never, never] ? true : false = true
void namesMatch

export type CohortSnapshotT = z.output<typeof CohortSnapshot>
export type CohortEntryT = z.output<typeof CohortEntry>
export type ExplanationT = z.output<typeof Explanation>
export type ExplainedCohortEntryT = z.output<typeof ExplainedCohortEntry>
export type CohortComparisonT = z.output<typeof CohortComparison>
export type CohortChangeT = z.output<typeof CohortChange>
export type CohortPlacementT = z.output<typeof CohortPlacement>
export type ExplanationStepT = z.output<typeof ExplanationStep>
export type ImportPreviewT = z.output<typeof ImportPreview>
export type ImportFileColumnsT = z.output<typeof ImportFileColumns>
export type SavedColumnMappingT = z.output<typeof SavedColumnMapping>
export type ImportResultT = z.output<typeof ImportResult>
export type RejectedRowT = z.output<typeof RejectedRow>
export type ImportProgressT = z.output<typeof ImportProgress>
export type DatabaseBackupT = z.output<typeof DatabaseBackup>
export type BackupEntryT = z.output<typeof BackupEntry>
export type CodeListInfoT = z.output<typeof CodeListInfo>
export type UnmatchedCodeT = z.output<typeof UnmatchedCode>
export type TermOnlyMatchT = z.output<typeof TermOnlyMatch>
export type PracticeSettingsT = z.output<typeof PracticeSettings>
export type UserT = z.output<typeof User>
export type GeneratedFileT = z.output<typeof GeneratedFile>
export type AuditSummaryT = z.output<typeof AuditSummary>
export type BloodPressureT = z.output<typeof BloodPressure>
