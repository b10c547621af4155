// The typed records the import pipeline passes along: what one file yields after reading, and the
// whole import (one or several files) as previewed and then committed unchanged.
import type { BpMeasure } from '../../shared/domain/bp-measures'
import type { ClinicalConcept } from '../../shared/domain/clinical-concepts'
import type { EthnicCategory } from '../../shared/domain/ethnicity'
import type { BpSetting } from '../../shared/domain/patient-record'
import type { ImportFilePreview, RejectedRowT } from '../../shared/contract'
import type { z } from 'zod'
import type { ExportFormat } from './map/map-columns'
import type { Sex } from './map/patient-fields'

export type ImportFilePreviewT = z.output<typeof ImportFilePreview>

/** Where a fact came from: file name and spreadsheet row number (1-based, as Excel shows it). */
export interface SourceRef {
  file: string
  row: number
}

/**
 * Demographics as exported. A key is present only when the file had that column, so a later
 * export without (say) a Mobile column never erases the stored mobile; null means "blank in the
 * export".
 */
export interface PatientFields {
  emisNumber: string | null
  title: string | null
  givenName: string | null
  familyName: string | null
  dateOfBirth: string | null
  sex: Sex | null
  addressLines: string[]
  postcode: string | null
  mobile: string | null
  homePhone: string | null
  email: string | null
  usualGp: string | null
  ethnicityText: string | null
  ethnicityCategory: EthnicCategory | null
  lsoa: string | null
  /** From the LSOA code (imd-lookup.ts): 1 = most deprived tenth of England. */
  imdDecile: number | null
  imdVersion: 'IMD2019' | 'IMD2025' | null
  mainLanguage: string | null
  interpreterRequired: boolean | null
  registrationStatus: string | null
}

export interface PatientDraft {
  nhsNumber: string
  source: SourceRef
  fields: Partial<PatientFields>
  /** The cells as exported behind fields that can conflict, so a conflict shows what the file said. */
  exported?: { dateOfBirth?: string; sex?: string }
}

export interface BpComponentRecord {
  nhsNumber: string
  date: string
  setting: BpSetting
  /** What the code measured (bp-measures.ts): only some kinds can be the current BP. */
  measure: BpMeasure
  pairingKey: string
  component: 'systolic' | 'diastolic'
  value: number
  source: SourceRef
  column: string
  /** Already rejected (implausible value): pairs with its partner so the partner is not reported twice. */
  rejected: boolean
}

export interface ReadingRecord {
  nhsNumber: string
  date: string
  systolic: number
  diastolic: number
  setting: BpSetting
  measure: BpMeasure
}

export interface EventRecord {
  nhsNumber: string
  date: string | null
  concept: ClinicalConcept
  code: string
  term: string
  /** The number recorded with the code, kept where a rule reads it (a BMI value); null otherwise. */
  value: number | null
  /** Its code is in a list; only its term matched (shown as "check"); or a register flag column said so. */
  matchedBy: 'code' | 'term' | 'flag'
}

export interface EthnicityRecord {
  nhsNumber: string
  date: string | null
  text: string
  category: EthnicCategory | null
}

/**
 * Event rows no code list decided, per distinct code and term as exported: the code matched no
 * list (`matchedAs` null: the rows were dropped), or only the term said what the rows are
 * (`matchedAs` e.g. `CHD`, `BP:home`). Stored with the import for Settings › Code library.
 */
export interface CodeFinding {
  code: string
  term: string
  matchedAs: string | null
  events: number
  patients: number
}

/** A CodeFinding while files are read: patients as NHS numbers, so several files count each once. */
export interface CodeTally {
  code: string
  term: string
  matchedAs: string | null
  events: number
  nhsNumbers: Set<string>
}

export interface FileReadResult {
  preview: ImportFilePreviewT
  format: ExportFormat
  fileHash: string
  /** The code lists the file was read with: the same file read with newer lists is a new import. */
  codeLibraryVersion: string
  byteSize: number
  patients: PatientDraft[]
  readings: (ReadingRecord & { source: SourceRef; column: string })[]
  components: BpComponentRecord[]
  events: EventRecord[]
  ethnicity: EthnicityRecord[]
  rejects: RejectedRowT[]
  warnings: string[]
  codeTallies: CodeTally[]
  /**
   * Why this file may not be the whole report (its population count disagrees, its last row is cut
   * off), in words that follow the file's name; null when nothing suggests so. An incomplete file
   * never marks patients "not in latest export" (report-identity.ts).
   */
  incomplete: string | null
}

export interface ParsedImport {
  contentHash: string
  format: ExportFormat
  files: FileReadResult[]
  rowsRead: number
  /** In first-seen order. */
  patients: { nhsNumber: string; fields: Partial<PatientFields> }[]
  readings: ReadingRecord[]
  events: EventRecord[]
  rejects: RejectedRowT[]
  /** Rows imported but contradicting another row of the same patient (two dates of birth, two sexes). */
  conflicts: RejectedRowT[]
  warnings: string[]
  /** Recognises the next run of the same report (report-identity.ts); its own key when the import may be incomplete. */
  reportKey: string
  /**
   * Set when a file may be incomplete: the sentence saying that patients missing from this import
   * are not marked "not in latest export", and why. Also one of `warnings`.
   */
  absencesNotMarked: string | null
  /** The export's run date from its report header, or null. */
  exportedOn: string | null
  codeFindings: CodeFinding[]
  /** Events read from their term alone, across the files. */
  termOnlyMatches: number
  /** Distinct codes (or, without a code, terms) that matched no code list. */
  unmatchedCodes: number
}
