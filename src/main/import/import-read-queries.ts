// The reads of the import capability: the imports made (by content, by report, by backup), their
// files and rejected rows, the patients an import listed, and which import a patient came from.
// Shared by the preview, the commit (which checks again inside its write lock), Import history and
// the patient panel.
import type { ReadableDb } from '../db/database-access'

/** An import found by the hash of its files' content: the same files imported before. */
export interface EarlierImport {
  id: number
  imported_at: string
}

export function findImportByHash(db: ReadableDb, contentHash: string): EarlierImport | undefined {
  return db.prepare('SELECT id, imported_at FROM imports WHERE content_hash = ?').get(contentHash) as EarlierImport | undefined
}

/** The newest import's id (0 for none): a preview remembers it, so a commit can tell the database moved on. */
export function latestImportId(db: ReadableDb): number {
  return (db.prepare('SELECT IFNULL(MAX(id), 0) FROM imports').pluck().get() as number) ?? 0
}

export interface LandedImport {
  id: number
  imported_by: string
  imported_at: string
}

/** The first import saved after `importId`, to say who saved it. */
export function firstImportAfter(db: ReadableDb, importId: number): LandedImport | undefined {
  return db.prepare('SELECT id, imported_by, imported_at FROM imports WHERE id > ? ORDER BY id LIMIT 1').get(importId) as LandedImport | undefined
}

/** The latest import of this report (by report key), or null when it was never imported. */
export function latestRunOfReport(db: ReadableDb, reportKey: string): number | null {
  return db.prepare('SELECT MAX(id) FROM imports WHERE report_key = ?').pluck().get(reportKey) as number | null
}

/** The latest import of this report before `importId`, or null. */
export function runOfReportBefore(db: ReadableDb, reportKey: string, importId: number): number | null {
  return db.prepare('SELECT MAX(id) FROM imports WHERE report_key = ? AND id < ?').pluck().get(reportKey, importId) as number | null
}

/** The NHS numbers of every patient an import listed (import_patients). */
export function nhsNumbersListedBy(db: ReadableDb, importId: number): string[] {
  return db
    .prepare('SELECT p.nhs_number FROM import_patients ip JOIN patients p ON p.id = ip.patient_id WHERE ip.import_id = ?')
    .pluck()
    .all(importId) as string[]
}

/** Whether a patient with this NHS number is stored, prepared once for asking of every patient in a preview. */
export function patientIsStored(db: ReadableDb): (nhsNumber: string) => boolean {
  const exists = db.prepare('SELECT 1 FROM patients WHERE nhs_number = ?').pluck()
  return (nhsNumber) => exists.get(nhsNumber) !== undefined
}

/** A stored patient row, every column, as the commit compares it with the export. */
export type StoredPatient = Record<string, string | number | null> & { id: number; demographics_as_of: string | null }

/** The stored patient with this NHS number, prepared once per commit and asked of every patient. */
export function storedPatientByNhsNumber(db: ReadableDb): (nhsNumber: string) => StoredPatient | undefined {
  const select = db.prepare('SELECT * FROM patients WHERE nhs_number = ?')
  return (nhsNumber) => select.get(nhsNumber) as StoredPatient | undefined
}

/**
 * Whether any reading imported before kinds of reading were recorded is still without one: only
 * then does a commit look for a stored copy of each reading to give its kind.
 */
export function hasUnclassifiedImportedReadings(db: ReadableDb): boolean {
  return db.prepare("SELECT 1 FROM bp_readings WHERE measure IS NULL AND source = 'import' LIMIT 1").get() !== undefined
}

export interface ImportRow {
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
  conflict_count: number
  patients_not_in_export: number
  exported_on: string | null
  backup_file: string | null
}

/** Every import, newest first (Import history). */
export function allImports(db: ReadableDb): ImportRow[] {
  return db
    .prepare(
      `SELECT i.id, i.format, i.imported_at, i.imported_by, i.rows_read, i.patients_added, i.patients_updated,
              i.readings_added, i.events_added, i.rejected_count, i.warnings_json, i.conflict_count,
              i.patients_not_in_export, i.exported_on, i.backup_file
       FROM imports i ORDER BY i.id DESC`
    )
    .all() as ImportRow[]
}

/** The names of an import's files, in the order they were given. */
export function importFileNames(db: ReadableDb, importId: number): string[] {
  return db.prepare('SELECT file_name FROM import_files WHERE import_id = ? ORDER BY id').pluck().all(importId) as string[]
}

/** When an import was made, or undefined when there is no such import. */
export function importedAt(db: ReadableDb, importId: number): string | undefined {
  return db.prepare('SELECT imported_at FROM imports WHERE id = ?').pluck().get(importId) as string | undefined
}

export function importExists(db: ReadableDb, importId: number): boolean {
  return db.prepare('SELECT 1 FROM imports WHERE id = ?').get(importId) !== undefined
}

export interface ImportRejectRow {
  file: string
  row: number
  column: string
  value: string
  reason: string
  kind: 'rejected' | 'conflict'
}

/** An import's rejected and conflicting rows, in the order they were stored. */
export function importRejects(db: ReadableDb, importId: number): ImportRejectRow[] {
  return db
    .prepare(
      `SELECT file_name AS file, row_number AS row, column_name AS "column", value, reason, kind
       FROM import_rejects WHERE import_id = ? ORDER BY id`
    )
    .all(importId) as ImportRejectRow[]
}

/** The import a before-import backup was taken for, or null (none names it). */
export function importIdOfBackup(db: ReadableDb, backupFile: string): number | null {
  return (db.prepare('SELECT id FROM imports WHERE backup_file = ?').pluck().get(backupFile) as number | undefined) ?? null
}

export interface PatientImportIds {
  last_import_id: number | null
  not_in_export_since_import_id: number | null
}

/** Which import a patient last came from, and since which one they are missing from their report; undefined for no such patient. */
export function patientImportIds(db: ReadableDb, patientId: number): PatientImportIds | undefined {
  return db.prepare('SELECT last_import_id, not_in_export_since_import_id FROM patients WHERE id = ?').get(patientId) as PatientImportIds | undefined
}
