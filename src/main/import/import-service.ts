// The import capability: preview what a set of export files would do, then commit
// exactly that preview; or both at once for the CLI. Between preview and commit the parsed facts
// wait in a staging file beside the database (stage/import-staging.ts; in memory for a database in
// memory), so what is written is exactly what the user saw and memory does not grow with the file. The desktop and browser front ends
// run the same steps in a worker thread (import-jobs.ts) so a large file never blocks them.
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { ImportFileColumnsT, ImportPreviewT, ImportResultT, ImportSummary } from '../../shared/contract'
import { displayName } from '../../shared/domain/patient-record'
import { AppError } from '../../shared/result'
import { loadCodeLibrary } from '../codelists/load-code-library'
import { todayIso, type ReadingContext, type ServiceContext } from '../context'
import { assembleImport } from './map/assemble-import'
import { alreadyImportedResult, commitParsedImport, countNotInExport, type CommitOptions } from './commit/commit-import'
import { backupFolderFor, backupsKept, listBackups } from './commit/database-backup'
import { mappingLookup } from './map/column-mapping-store'
import type { ExportTable } from './read/export-table'
import {
  allImports,
  findImportByHash,
  importExists,
  importFileNames,
  importIdOfBackup,
  importRejects,
  latestImportId,
  patientIsStored
} from './import-read-queries'
import type { FileReadResult, ParsedImport } from './import-types'
import { inspectExportFile } from './map/inspect-columns'
import { readExportFile, type FactsRead } from './read/read-export-file'
import { rejectsCsvDownload } from './commit/rejects-csv'
import { factsInMemory, stagingPathFor, type ImportFacts, type StagedImport } from './stage/import-staging'
import { StagedAssembly } from './stage/staged-assembly'

export type ImportSummaryT = z.output<typeof ImportSummary>
export type ImportFormatChoiceT = 'auto' | 'emis' | 'systmone'
export interface ImportFileBytes {
  name: string
  bytes: Uint8Array
  /** An .xlsx file's rows, read beforehand by `readWorkbooks` (xlsx-rows.ts): reading a workbook is async. */
  table?: ExportTable
}
/** A column mapping given with one request (the mapping screen's "try this"), by header layout. */
export interface GivenColumnMapping {
  layoutHash: string
  roles: readonly string[]
}

/** Previews kept for commit; the oldest is dropped beyond this (a preview is cheap to redo). */
const maxPreviewsKept = 10
const previews = new Map<string, { staged: StagedImport; databasePath: string; baseImportId: number }>()

/** The files read, their facts staged beside the database as they are read (in memory for a database in memory). */
function parseAndKeep(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  mappings: readonly GivenColumnMapping[] = []
): StagedImport {
  if (ctx.databasePath === ':memory:') {
    const parsed = parseImportFiles(ctx, files, format, {}, mappings)
    return { parsed, facts: factsInMemory(parsed), drop: () => undefined }
  }
  return parseAndStageImportFiles(ctx, files, format, stagingPathFor(ctx.databasePath), {}, mappings)
}

function forget(previewId: string): void {
  previews.get(previewId)?.staged.drop()
  previews.delete(previewId)
}

/** How many patients the preview lists as a sample. */
const samplePatientCount = 20

export interface ParseHooks {
  beforeFile?(file: ImportFileBytes, index: number): void
  /** Rows of this file read so far, of its rows below the column row (read-export-file.ts). */
  rows?(file: ImportFileBytes, rowsDone: number, rowsTotal: number): void
  afterFile?(file: ImportFileBytes, rowsRead: number): void
}

export function parseImportFiles(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  hooks: ParseHooks = {},
  mappings: readonly GivenColumnMapping[] = []
): ParsedImport {
  return assembleImport(readFiles(ctx, files, format, hooks, mappings))
}

/**
 * The same import as `parseImportFiles`, its facts staged at `stagingPath` as the rows are read
 * (stage/staged-assembly.ts) rather than held: what a preview against a database file keeps.
 */
export function parseAndStageImportFiles(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  stagingPath: string,
  hooks: ParseHooks = {},
  mappings: readonly GivenColumnMapping[] = []
): StagedImport {
  if (files.length === 0) throw new AppError('invalid_input', 'Choose at least one export file to import')
  const assembly = new StagedAssembly(stagingPath)
  try {
    return assembly.finish(readFiles(ctx, files, format, hooks, mappings, (result) => assembly.take(result)))
  } catch (error) {
    assembly.drop()
    throw error
  }
}

function readFiles(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  hooks: ParseHooks,
  mappings: readonly GivenColumnMapping[],
  onFacts?: FactsRead
): FileReadResult[] {
  if (files.length === 0) throw new AppError('invalid_input', 'Choose at least one export file to import')
  // Saved column mappings (column-mapping-store.ts) apply to any file whose captions match one.
  const options = { library: loadCodeLibrary(), today: todayIso(ctx), format, mappingFor: mappingLookup(ctx.db, mappings) }
  return files.map((f, index) => {
    hooks.beforeFile?.(f, index)
    const read = readExportFile(f, options, hooks.rows && ((done, total) => hooks.rows?.(f, done, total)), onFacts)
    hooks.afterFile?.(f, read.preview.rowsRead)
    return read
  })
}

export function previewImport(
  ctx: ServiceContext,
  files: readonly ImportFileBytes[],
  format: ImportFormatChoiceT,
  mappings: readonly GivenColumnMapping[] = []
): ImportPreviewT {
  const staged = parseAndKeep(ctx, files, format, mappings)
  const previewId = randomUUID()
  let described: ReturnType<typeof describeParsedImport>
  try {
    described = describeParsedImport(ctx, previewId, staged.parsed, staged.facts)
  } catch (error) {
    staged.drop()
    throw error
  }
  const { preview, baseImportId } = described
  previews.set(previewId, { staged, databasePath: ctx.databasePath, baseImportId })
  while (previews.size > maxPreviewsKept) {
    const oldest = previews.keys().next().value
    if (oldest === undefined) break
    forget(oldest)
  }
  return preview
}

/** Each file's columns, what they would be read as and sample values: the column-mapping screen. */
export function inspectImportFiles(ctx: ReadingContext, files: readonly ImportFileBytes[], mappings: readonly GivenColumnMapping[] = []): ImportFileColumnsT[] {
  const options = { library: loadCodeLibrary(), today: todayIso(ctx), format: 'auto' as const, mappingFor: mappingLookup(ctx.db, mappings) }
  return files.map((f) => inspectExportFile(f, options))
}

/** The preview of a parsed import against the database as it is now, and which import that "now" is. */
/** `facts`: the import's facts, staged (import-staging.ts) or by default the parsed import's own. */
export function describeParsedImport(
  ctx: ServiceContext,
  previewId: string,
  parsed: ParsedImport,
  facts: ImportFacts = factsInMemory(parsed)
): { preview: ImportPreviewT; baseImportId: number } {
  // Read in one transaction so the counts and the base import id describe the same moment.
  return ctx.db.transaction(() => ({ preview: describePreview(ctx, previewId, parsed, facts), baseImportId: latestImportId(ctx.db) }))()
}

function describePreview(ctx: ServiceContext, previewId: string, parsed: ParsedImport, facts: ImportFacts): ImportPreviewT {
  const isStored = patientIsStored(ctx.db)
  let patientsExisting = 0
  const nhsNumbers = new Set<string>()
  const sample: { nhsNumber: string; fields: ParsedImport['patients'][number]['fields']; isNew: boolean }[] = []
  for (const p of facts.patients()) {
    nhsNumbers.add(p.nhsNumber)
    const stored = isStored(p.nhsNumber)
    if (stored) patientsExisting++
    if (sample.length < samplePatientCount) sample.push({ nhsNumber: p.nhsNumber, fields: p.fields, isNew: !stored })
  }
  const { readings: readingsBy, events: eventsBy } = facts.countsFor(sample.map((p) => p.nhsNumber))
  return {
    previewId,
    format: parsed.format,
    files: parsed.files.map((f) => f.preview),
    rowsRead: parsed.rowsRead,
    patientsInFile: facts.counts.patients,
    patientsNew: facts.counts.patients - patientsExisting,
    patientsExisting,
    readingsInFile: facts.counts.readings,
    eventsInFile: facts.counts.events,
    rejected: parsed.rejects,
    warnings: parsed.warnings,
    samplePatients: sample.map((p) => ({
      nhsNumber: p.nhsNumber,
      name: displayName({ givenName: p.fields.givenName ?? null, familyName: p.fields.familyName ?? null, title: p.fields.title ?? null }),
      dateOfBirth: p.fields.dateOfBirth ?? null,
      isNew: p.isNew,
      readings: readingsBy.get(p.nhsNumber) ?? 0,
      events: eventsBy.get(p.nhsNumber) ?? 0
    })),
    alreadyImported: findImportByHash(ctx.db, parsed.contentHash) !== undefined,
    conflicts: parsed.conflicts,
    patientsNotInExport: countNotInExport(ctx.db, parsed.reportKey, nhsNumbers),
    exportedOn: parsed.exportedOn,
    termOnlyMatches: parsed.termOnlyMatches,
    unmatchedCodes: parsed.unmatchedCodes
  }
}

/** Lets an in-thread preview go (Cancel, a failed job): its staging file is deleted. */
export function discardPreview(previewId: string): void {
  forget(previewId)
}

/** Whether this id is an in-thread preview made against this database (import-jobs.ts handles the rest). */
export function hasPreview(ctx: ServiceContext, previewId: string): boolean {
  return previews.get(previewId)?.databasePath === ctx.databasePath
}

export function commitImport(ctx: ServiceContext, previewId: string, options: Omit<CommitOptions, 'previewedAfterImportId'> = {}): ImportResultT {
  const kept = previews.get(previewId)
  // A preview belongs to the database it was made against (browser mode and tests open several).
  if (!kept || kept.databasePath !== ctx.databasePath) {
    throw new AppError('not_found', 'This import preview has expired or was already committed; choose the file(s) again to preview them')
  }
  let result: ImportResultT
  try {
    result = commitParsedImport(ctx, kept.staged.parsed, { ...options, previewedAfterImportId: kept.baseImportId }, kept.staged.facts)
  } catch (error) {
    // A stale preview can never be committed (conflict): its staging goes. Any other failure keeps
    // it, so the user may fix the cause and press Import again.
    if (error instanceof AppError && error.code === 'conflict') forget(previewId)
    throw error
  }
  forget(previewId)
  return result
}

/** Preview and commit in one step (CLI). A file already imported changes nothing. */
export function importFiles(ctx: ServiceContext, files: readonly ImportFileBytes[], format: ImportFormatChoiceT, options: CommitOptions = {}): ImportResultT {
  // Staged as the rows are read, as a preview is, when the database is a file.
  const staged = parseAndKeep(ctx, files, format)
  try {
    const earlier = findImportByHash(ctx.db, staged.parsed.contentHash)
    if (earlier) return alreadyImportedResult(staged.parsed, earlier)
    return commitParsedImport(ctx, staged.parsed, options, staged.facts)
  } finally {
    staged.drop()
  }
}

export function listImports(ctx: ReadingContext): ImportSummaryT[] {
  return allImports(ctx.db).map((r) => ({
    importId: r.id,
    fileNames: importFileNames(ctx.db, r.id),
    format: r.format,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    rowsRead: r.rows_read,
    patientsAdded: r.patients_added,
    patientsUpdated: r.patients_updated,
    readingsAdded: r.readings_added,
    eventsAdded: r.events_added,
    rejectedCount: r.rejected_count,
    warnings: JSON.parse(r.warnings_json) as string[],
    conflictCount: r.conflict_count,
    patientsNotInExport: r.patients_not_in_export,
    exportedOn: r.exported_on,
    backupFile: r.backup_file
  }))
}

/** The rejects CSV of a stored import (from import_rejects) or of an in-thread preview. */
export function rejectsCsvOf(ctx: ReadingContext, which: { importId: number } | { previewId: string }) {
  if ('previewId' in which) {
    const kept = previews.get(which.previewId)
    if (!kept || kept.databasePath !== ctx.databasePath) {
      throw new AppError('not_found', 'This import preview has expired; choose the file(s) again to preview them')
    }
    return rejectsCsvDownload('preview', kept.staged.parsed.rejects, kept.staged.parsed.conflicts)
  }
  if (!importExists(ctx.db, which.importId)) throw new AppError('not_found', `There is no import #${which.importId}`)
  const rows = importRejects(ctx.db, which.importId)
  const strip = ({ file, row, column, value, reason }: (typeof rows)[number]) => ({ file, row, column, value, reason })
  return rejectsCsvDownload(String(which.importId), rows.filter((r) => r.kind === 'rejected').map(strip), rows.filter((r) => r.kind === 'conflict').map(strip))
}

export function databaseBackups(ctx: ReadingContext) {
  return {
    folder: ctx.databasePath === ':memory:' ? '' : backupFolderFor(ctx.databasePath),
    keep: backupsKept,
    backups: listBackups(ctx.databasePath).map((b) => ({
      name: b.name,
      createdAt: b.createdAt,
      byteSize: b.byteSize,
      importId: importIdOfBackup(ctx.db, b.name)
    }))
  }
}
