// The import capability (spec §3): preview what a set of export files would do, then commit
// exactly that preview; or both at once for the CLI. The parsed result lives in memory between
// preview and commit, so what is written is what the user saw.
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { ImportPreviewT, ImportResultT, ImportSummary } from '../../shared/contract'
import { displayName } from '../../shared/domain/patient-record'
import { AppError } from '../../shared/result'
import { loadCodeLibrary } from '../codelists/load-code-library'
import { todayIso, type ServiceContext } from '../context'
import { assembleImport } from './assemble-import'
import { alreadyImportedResult, commitParsedImport, findImportByHash } from './commit-import'
import type { ParsedImport } from './import-types'
import { readExportFile } from './read-export-file'

export type ImportSummaryT = z.output<typeof ImportSummary>
export type ImportFormatChoiceT = 'auto' | 'emis' | 'systmone'
export interface ImportFileBytes {
  name: string
  bytes: Uint8Array
}

/** Previews kept for commit; the oldest is dropped beyond this (a preview is cheap to redo). */
const maxPreviewsKept = 10
const previews = new Map<string, { parsed: ParsedImport; databasePath: string }>()

/** How many patients the preview lists as a sample. */
const samplePatientCount = 20

export function parseImportFiles(ctx: ServiceContext, files: readonly ImportFileBytes[], format: ImportFormatChoiceT): ParsedImport {
  if (files.length === 0) throw new AppError('invalid_input', 'Choose at least one export file to import')
  const options = { library: loadCodeLibrary(), today: todayIso(ctx), format }
  return assembleImport(files.map((f) => readExportFile(f, options)))
}

export function previewImport(ctx: ServiceContext, files: readonly ImportFileBytes[], format: ImportFormatChoiceT): ImportPreviewT {
  const parsed = parseImportFiles(ctx, files, format)
  const previewId = randomUUID()
  previews.set(previewId, { parsed, databasePath: ctx.databasePath })
  while (previews.size > maxPreviewsKept) {
    const oldest = previews.keys().next().value
    if (oldest === undefined) break
    previews.delete(oldest)
  }
  return describePreview(ctx, previewId, parsed)
}

function describePreview(ctx: ServiceContext, previewId: string, parsed: ParsedImport): ImportPreviewT {
  const exists = ctx.db.prepare('SELECT 1 FROM patients WHERE nhs_number = ?').pluck()
  let patientsExisting = 0
  const known = new Set<string>()
  for (const p of parsed.patients) {
    if (exists.get(p.nhsNumber) !== undefined) {
      patientsExisting++
      known.add(p.nhsNumber)
    }
  }
  const readingsBy = countBy(parsed.readings.map((r) => r.nhsNumber))
  const eventsBy = countBy(parsed.events.map((e) => e.nhsNumber))
  return {
    previewId,
    format: parsed.format,
    files: parsed.files.map((f) => f.preview),
    rowsRead: parsed.rowsRead,
    patientsInFile: parsed.patients.length,
    patientsNew: parsed.patients.length - patientsExisting,
    patientsExisting,
    readingsInFile: parsed.readings.length,
    eventsInFile: parsed.events.length,
    rejected: parsed.rejects,
    warnings: parsed.warnings,
    samplePatients: parsed.patients.slice(0, samplePatientCount).map((p) => ({
      nhsNumber: p.nhsNumber,
      name: displayName({ givenName: p.fields.givenName ?? null, familyName: p.fields.familyName ?? null, title: p.fields.title ?? null }),
      dateOfBirth: p.fields.dateOfBirth ?? null,
      isNew: !known.has(p.nhsNumber),
      readings: readingsBy.get(p.nhsNumber) ?? 0,
      events: eventsBy.get(p.nhsNumber) ?? 0
    })),
    alreadyImported: findImportByHash(ctx.db, parsed.contentHash) !== undefined
  }
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return counts
}

export function commitImport(ctx: ServiceContext, previewId: string): ImportResultT {
  const kept = previews.get(previewId)
  // A preview belongs to the database it was made against (browser mode and tests open several).
  if (!kept || kept.databasePath !== ctx.databasePath) {
    throw new AppError('not_found', 'This import preview has expired or was already committed; choose the file(s) again to preview them')
  }
  const result = commitParsedImport(ctx, kept.parsed)
  previews.delete(previewId)
  return result
}

/** Preview and commit in one step (CLI). A file already imported changes nothing. */
export function importFiles(ctx: ServiceContext, files: readonly ImportFileBytes[], format: ImportFormatChoiceT): ImportResultT {
  const parsed = parseImportFiles(ctx, files, format)
  const earlier = findImportByHash(ctx.db, parsed.contentHash)
  if (earlier) return alreadyImportedResult(parsed, earlier)
  return commitParsedImport(ctx, parsed)
}

export function listImports(ctx: ServiceContext): ImportSummaryT[] {
  const rows = ctx.db
    .prepare(
      `SELECT i.id, i.format, i.imported_at, i.imported_by, i.rows_read, i.patients_added, i.patients_updated,
              i.readings_added, i.events_added, i.rejected_count, i.warnings_json
       FROM imports i ORDER BY i.id DESC`
    )
    .all() as {
    id: number
    format: string
    imported_at: string
    imported_by: string
    rows_read: number
    patients_added: number
    patients_updated: number
    readings_added: number
    events_added: number
    rejected_count: number
    warnings_json: string
  }[]
  const fileNames = ctx.db.prepare('SELECT file_name FROM import_files WHERE import_id = ? ORDER BY id').pluck()
  return rows.map((r) => ({
    importId: r.id,
    fileNames: fileNames.all(r.id) as string[],
    format: r.format,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    rowsRead: r.rows_read,
    patientsAdded: r.patients_added,
    patientsUpdated: r.patients_updated,
    readingsAdded: r.readings_added,
    eventsAdded: r.events_added,
    rejectedCount: r.rejected_count,
    warnings: JSON.parse(r.warnings_json) as string[]
  }))
}
