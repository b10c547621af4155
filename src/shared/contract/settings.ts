// Practice details, backups and restore, and the code library: what Settings shows and changes.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { DownloadedFile, Empty } from './common'
import { ImportRef } from './imports'
import type { PracticeSettings as PracticeSettingsDomain } from '../domain/practice-settings'

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
}) satisfies z.ZodType<PracticeSettingsDomain>

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

/** The settings operations: each name with the schema of its input and of its output. */
export const settingsOperations = {
  'settings.get': { input: Empty, output: PracticeSettings },
  'settings.update': { input: PracticeSettings, output: PracticeSettings },
  /** Every backup of every kind, newest first, with how many of each kind are kept. */
  'backups.list': { input: Empty, output: z.object({ folder: z.string(), keepPerKind: z.number().int(), backups: z.array(BackupEntry) }) },
  /** "Back up now": a checked copy of the database in backups/ (CLI `backup --json` gives {"file"}). */
  'backups.create': { input: Empty, output: z.object({ file: z.string(), backup: BackupEntry }) },
  /** Replaces the database with a listed backup, after taking a safety copy; the app then reloads everything. */
  'backups.restore': { input: z.object({ name: BackupName }).strict(), output: z.object({ restoredFrom: z.string(), safetyBackup: z.string() }) },

  /** Every code list the app ships: cluster, what it is for, source and version, number of codes, file. */
  'codes.library': { input: Empty, output: z.object({ lists: z.array(CodeListInfo) }) },
  /** From all imports: codes that matched no list, and rows read from their term alone; most events first. */
  'codes.unmatched': { input: Empty, output: z.object({ codes: z.array(UnmatchedCode), termOnly: z.array(TermOnlyMatch) }) },
  /** The codes of `codes.unmatched` as a CSV (formulas neutralised). */
  'codes.unmatchedCsv': { input: Empty, output: DownloadedFile }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
