// The one way any front end (Electron IPC, browser-mode HTTP, CLI) reaches the services: each
// operation's name with the zod schema of its input and of its output. Main parses every input
// with these schemas before a service sees it; the renderer's API client is typed from them.
// The schemas live by capability (contract/<capability>.ts, each with its operations); this file
// assembles them into the one map every front end and the dispatcher use.
import type { z } from 'zod'
import type { OperationName } from '../operation-names'
import { sessionOperations } from './session'
import { settingsOperations } from './settings'
import { importsOperations } from './imports'
import { cohortsOperations } from './cohorts'
import { programmesOperations } from './programmes'
import { invitationsOperations } from './invitations'
import { clinicsOperations } from './clinics'
import { followUpOperations } from './followups'
import { servicesOperations } from './services'
import { auditOperations } from './audit'
import { patientsOperations } from './patients'
import type { BloodPressure, GeneratedFile, User } from './common'
import type { BackupEntry, CodeListInfo, PracticeSettings, TermOnlyMatch, UnmatchedCode } from './settings'
import type { DatabaseBackup, ImportFileColumns, ImportPreview, ImportProgress, ImportResult, RejectedRow, SavedColumnMapping } from './imports'
import type {
  CohortChange,
  CohortComparison,
  CohortEntry,
  CohortPlacement,
  CohortSnapshot,
  ExplainedCohortEntry,
  Explanation,
  ExplanationStep
} from './cohorts'
import type { AuditSummary } from './audit'

export * from './common'
export * from './session'
export * from './settings'
export * from './imports'
export * from './cohorts'
export * from './programmes'
export * from './invitations'
export * from './clinics'
export * from './visits'
export * from './followups'
export * from './services'
export * from './audit'
export * from './patients'

export const contract = {
  ...sessionOperations,
  ...settingsOperations,
  ...importsOperations,
  ...patientsOperations,
  ...programmesOperations,
  ...cohortsOperations,
  ...invitationsOperations,
  ...clinicsOperations,
  ...followUpOperations,
  ...servicesOperations,
  ...auditOperations
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
