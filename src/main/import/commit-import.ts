// Writes a previewed import into the database in ONE transaction (it lands whole or not
// at all). Merge keyed by NHS number: new patients inserted; existing patients' demographics
// updated to this export with the old values kept in patient_history — unless the stored ones came
// from an export run later than this one (see "newest" below); readings and coded events added
// once (unique indexes + INSERT OR IGNORE); every fact carries the import's id; every patient the
// import lists is recorded in import_patients; patients of the previous run of the same report who
// are missing from this one are kept and marked "not in latest export".
//
// "Newest export" is the export's own run date when its report header states one (EMIS "Run
// Date"), else the day it is imported. A practice catching up on two months imports the older file
// second more often than one might think; by run date, that file cannot overwrite a newer address.
// SystmOne breakdowns and EMIS reports with "exclude report header" carry no run date, so for them
// the import order decides, which is what the practice sees happen.
import type { ImportResultT } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ServiceContext } from '../context'
import type { WritableDb } from '../db/database-access'
import type { Statement } from 'better-sqlite3'
import { storeCodeFindings } from '../codelists/unmatched-code-queries'
import { backupThenWrite } from '../backups/backup-then-write'
import { backupDatabase, discardBackup } from './database-backup'
import type { ParsedImport, PatientFields } from './import-types'
import { isCompleteRunKey } from './report-identity'

/** Patient field → column. A fixed list: the only names ever put into SQL text here. */
const patientColumns: ReadonlyArray<[keyof PatientFields, string]> = [
  ['emisNumber', 'emis_number'],
  ['title', 'title'],
  ['givenName', 'given_name'],
  ['familyName', 'family_name'],
  ['dateOfBirth', 'date_of_birth'],
  ['sex', 'sex'],
  ['addressLines', 'address_lines_json'],
  ['postcode', 'postcode'],
  ['mobile', 'mobile'],
  ['homePhone', 'home_phone'],
  ['email', 'email'],
  ['usualGp', 'usual_gp'],
  ['ethnicityText', 'ethnicity_text'],
  ['ethnicityCategory', 'ethnicity_category'],
  ['lsoa', 'lsoa'],
  ['imdDecile', 'imd_decile'],
  ['imdVersion', 'imd_version'],
  ['mainLanguage', 'main_language'],
  ['interpreterRequired', 'interpreter_required'],
  ['registrationStatus', 'registration_status']
]

type DbValue = string | number | null

function toDbValue(key: keyof PatientFields, value: unknown): DbValue {
  if (key === 'addressLines') return JSON.stringify(Array.isArray(value) ? value : [])
  if (key === 'interpreterRequired') return value === null || value === undefined ? null : value ? 1 : 0
  // A number, so the stored INTEGER compares equal and an unchanged decile is not "changed".
  if (key === 'imdDecile') return typeof value === 'number' ? value : null
  return value === undefined || value === null ? null : String(value)
}

export function findImportByHash(db: WritableDb, contentHash: string): { id: number; imported_at: string } | undefined {
  return db.prepare('SELECT id, imported_at FROM imports WHERE content_hash = ?').get(contentHash) as { id: number; imported_at: string } | undefined
}

/** The newest import's id (0 for none): a preview remembers it, so a commit can tell the database moved on. */
export function latestImportId(db: WritableDb): number {
  return (db.prepare('SELECT IFNULL(MAX(id), 0) FROM imports').pluck().get() as number) ?? 0
}

export function alreadyImportedResult(parsed: ParsedImport, earlier: { id: number; imported_at: string }): ImportResultT {
  return {
    importId: earlier.id,
    format: parsed.format,
    rowsRead: parsed.rowsRead,
    patientsAdded: 0,
    patientsUpdated: 0,
    readingsAdded: 0,
    eventsAdded: 0,
    rejected: [],
    warnings: [`These file(s) were already imported on ${earlier.imported_at.slice(0, 10)} (import ${earlier.id}); nothing was changed.`],
    alreadyImported: true,
    conflicts: [],
    patientsNotInExport: 0,
    backupFile: null,
    termOnlyMatches: parsed.termOnlyMatches,
    unmatchedCodes: parsed.unmatchedCodes
  }
}

/** Thrown from inside the transaction when the user cancels: SQLite rolls everything back. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was changed.')
    this.name = 'ImportCancelled'
  }
}

export interface CommitOptions {
  /** The latest import id when the preview was made; a different one now means another import landed since. */
  previewedAfterImportId?: number
  /** Take a copy of the database first (default true; the bench and some tests turn it off). */
  backup?: boolean
  /** Called now and then with facts written so far / to write (drives the progress bar). */
  onProgress?: (done: number, total: number) => void
  /** Polled now and then; returning true abandons the transaction. */
  shouldCancel?: () => boolean
}

/** How many facts are written between progress reports and cancel checks. */
const progressEvery = 2000

export function commitParsedImport(ctx: ServiceContext, parsed: ParsedImport, options: CommitOptions = {}): ImportResultT {
  const db = ctx.db
  const earlierCheck = findImportByHash(db, parsed.contentHash)
  if (earlierCheck) return alreadyImportedResult(parsed, earlierCheck)
  assertNotStale(db, options.previewedAfterImportId)
  // The "before" copy is taken so that it equals the database this import's transaction starts
  // from, even when another connection commits meanwhile (backup-then-write.ts).
  return backupThenWrite(db, {
    take: () => (options.backup === false ? null : backupDatabase(db, ctx.databasePath, ctx.now())),
    // Nothing was written, so the copy is the same as the live file: do not keep a misleading backup.
    discard: (backupFile) => discardBackup(ctx.databasePath, backupFile),
    write: (backupFile) => writeImport(ctx, parsed, options, backupFile)
  })
}

function assertNotStale(db: WritableDb, previewedAfterImportId: number | undefined): void {
  if (previewedAfterImportId === undefined) return
  const latest = latestImportId(db)
  if (latest === previewedAfterImportId) return
  const landed = db.prepare('SELECT id, imported_by, imported_at FROM imports WHERE id > ? ORDER BY id LIMIT 1').get(previewedAfterImportId) as
    { id: number; imported_by: string; imported_at: string } | undefined
  throw new AppError(
    'conflict',
    `Another import (#${landed?.id ?? latest}${landed ? ` by ${landed.imported_by}` : ''}) was saved after this preview was made, so the preview ` +
      'no longer shows exactly what would change. Nothing was imported: preview the file(s) again and check the new preview.'
  )
}

function writeImport(ctx: ServiceContext, parsed: ParsedImport, options: CommitOptions, backupFile: string | null): ImportResultT {
  const db = ctx.db
  const now = ctx.now().toISOString()
  const asOf = parsed.exportedOn ?? todayIso(ctx)
  const total = parsed.patients.length + parsed.readings.length + parsed.events.length
  let done = 0
  const step = () => {
    done++
    if (done % progressEvery !== 0) return
    if (options.shouldCancel?.()) throw new ImportCancelled()
    options.onProgress?.(done, total)
  }

  const run = db.transaction((): ImportResultT => {
    // Checked again inside the write lock: another window or the CLI may have got there first.
    const earlier = findImportByHash(db, parsed.contentHash)
    if (earlier) return alreadyImportedResult(parsed, earlier)
    assertNotStale(db, options.previewedAfterImportId)

    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated,
             readings_added, events_added, rejected_count, warnings_json, report_key, exported_on, conflict_count, backup_file)
           VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          parsed.contentHash,
          parsed.format,
          now,
          actorName(ctx),
          parsed.rowsRead,
          parsed.rejects.length,
          JSON.stringify(parsed.warnings),
          parsed.reportKey,
          parsed.exportedOn,
          parsed.conflicts.length,
          backupFile
        ).lastInsertRowid
    )

    const selectPatient = db.prepare('SELECT * FROM patients WHERE nhs_number = ?')
    const columnList = patientColumns.map(([, c]) => c).join(', ')
    const insertPatient = db.prepare(
      `INSERT INTO patients (nhs_number, ${columnList}, first_import_id, last_import_id, created_at, updated_at, demographics_as_of)
       VALUES (?, ${patientColumns.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`
    )
    const insertHistory = db.prepare('INSERT INTO patient_history (patient_id, import_id, field, old_value, new_value, changed_at) VALUES (?, ?, ?, ?, ?, ?)')
    const touchPatient = db.prepare('UPDATE patients SET last_import_id = ?, not_in_export_since_import_id = NULL WHERE id = ?')
    const insertMember = db.prepare('INSERT OR IGNORE INTO import_patients (import_id, patient_id) VALUES (?, ?)')
    const updateStatements = new Map<string, Statement<DbValue[]>>()

    const patientIds = new Map<string, number>()
    let patientsAdded = 0
    let patientsUpdated = 0
    let keptNewer = 0
    for (const { nhsNumber, fields } of parsed.patients) {
      step()
      const stored = selectPatient.get(nhsNumber) as (Record<string, DbValue> & { id: number; demographics_as_of: string | null }) | undefined
      if (!stored) {
        const values = patientColumns.map(([key]) => toDbValue(key, fields[key]))
        const id = Number(insertPatient.run(nhsNumber, ...values, importId, importId, now, now, asOf).lastInsertRowid)
        patientIds.set(nhsNumber, id)
        insertMember.run(importId, id)
        patientsAdded++
        continue
      }
      patientIds.set(nhsNumber, stored.id)
      insertMember.run(importId, stored.id)
      // Stored details from an export run after this one stay; this file's readings still count.
      if (stored.demographics_as_of !== null && stored.demographics_as_of > asOf) {
        keptNewer++
        touchPatient.run(importId, stored.id)
        continue
      }
      // Only columns present in this export are compared: an absent column changes nothing.
      const changed: [string, DbValue, DbValue][] = []
      for (const [key, column] of patientColumns) {
        if (!(key in fields)) continue
        const next = toDbValue(key, fields[key])
        const previous = stored[column] ?? null
        if (previous !== next) changed.push([column, previous, next])
      }
      if (changed.length === 0) {
        db.prepare('UPDATE patients SET last_import_id = ?, not_in_export_since_import_id = NULL, demographics_as_of = ? WHERE id = ?').run(
          importId,
          asOf,
          stored.id
        )
        continue
      }
      for (const [column, previous, next] of changed) {
        insertHistory.run(stored.id, importId, column, previous === null ? null : String(previous), next === null ? null : String(next), now)
      }
      const setList = changed.map(([column]) => `${column} = ?`).join(', ')
      let update = updateStatements.get(setList)
      if (!update) {
        update = db.prepare<DbValue[]>(
          `UPDATE patients SET ${setList}, last_import_id = ?, updated_at = ?, demographics_as_of = ?, not_in_export_since_import_id = NULL WHERE id = ?`
        )
        updateStatements.set(setList, update)
      }
      update.run(...changed.map(([, , next]) => next), importId, now, asOf, stored.id)
      patientsUpdated++
    }

    const insertReading = db.prepare(
      `INSERT OR IGNORE INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, measure, source, import_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)`
    )
    // Readings stored before kinds were recorded have none: the same reading imported again gives
    // them their kind (a classification, not history), rather than a second copy.
    const hasUnclassified = db.prepare("SELECT 1 FROM bp_readings WHERE measure IS NULL AND source = 'import' LIMIT 1").get() !== undefined
    const classifyStored = db.prepare(
      `UPDATE bp_readings SET measure = ? WHERE patient_id = ? AND taken_on = ? AND systolic = ? AND diastolic = ? AND setting = ?
         AND source = 'import' AND measure IS NULL`
    )
    let readingsAdded = 0
    for (const r of parsed.readings) {
      step()
      const patientId = patientIds.get(r.nhsNumber)
      if (patientId === undefined) continue
      if (hasUnclassified && classifyStored.run(r.measure, patientId, r.date, r.systolic, r.diastolic, r.setting).changes > 0) continue
      readingsAdded += insertReading.run(patientId, r.date, r.systolic, r.diastolic, r.setting, r.measure, importId, now).changes
    }

    const insertEvent = db.prepare(
      `INSERT OR IGNORE INTO coded_events (patient_id, event_date, concept, code, term, value, matched_by, import_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    let eventsAdded = 0
    for (const e of parsed.events) {
      step()
      const patientId = patientIds.get(e.nhsNumber)
      if (patientId === undefined) continue
      eventsAdded += insertEvent.run(patientId, e.date, e.concept, e.code, e.term, e.value, e.matchedBy, importId, now).changes
    }

    const insertReject = db.prepare(
      'INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason, value, kind) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    for (const r of parsed.rejects) insertReject.run(importId, r.file, r.row, r.column, r.reason, r.value ?? '', 'rejected')
    for (const r of parsed.conflicts) insertReject.run(importId, r.file, r.row, r.column, r.reason, r.value ?? '', 'conflict')
    // Inside this transaction, so a cancelled or failed import leaves no trace in the Code library.
    storeCodeFindings(db, importId, parsed.codeFindings, parsed.termOnlyMatches)

    const insertFile = db.prepare(
      `INSERT INTO import_files (import_id, file_name, file_hash, byte_size, layout, header_row, report_header_json, columns_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    )
    for (const f of parsed.files) {
      insertFile.run(
        importId,
        f.preview.name,
        f.fileHash,
        f.byteSize,
        f.preview.layout,
        f.preview.headerRowNumber,
        JSON.stringify(f.preview.reportHeader),
        JSON.stringify(f.preview.columns)
      )
    }

    const patientsNotInExport = parsed.absencesNotMarked === null ? markNotInExport(db, importId, parsed.reportKey) : 0

    const warnings = [...parsed.warnings]
    if (keptNewer > 0) {
      warnings.push(
        `${keptNewer} patient(s) already have details from an export run after this one (${parsed.exportedOn ?? 'today'}); their name, address and other details were left as they are. Their readings and codes from this file were added.`
      )
    }
    if (patientsNotInExport > 0) {
      warnings.push(
        `${patientsNotInExport} patient(s) from the previous run of this report are not in this export. They are kept, marked "not in latest export" (they may have left the practice, died or no longer match the search).`
      )
    }

    db.prepare(
      'UPDATE imports SET patients_added = ?, patients_updated = ?, readings_added = ?, events_added = ?, patients_not_in_export = ?, warnings_json = ? WHERE id = ?'
    ).run(patientsAdded, patientsUpdated, readingsAdded, eventsAdded, patientsNotInExport, JSON.stringify(warnings), importId)

    const fileNames = parsed.files.map((f) => f.preview.name).join(', ')
    logActivity(
      ctx,
      db,
      'imports.commit',
      `Imported ${fileNames}: ${patientsAdded} new, ${patientsUpdated} updated patients, ${readingsAdded} readings, ${eventsAdded} events, ${parsed.rejects.length} rejected`,
      { importId, format: parsed.format, files: parsed.files.map((f) => f.preview.name), contentHash: parsed.contentHash, backupFile }
    )
    options.onProgress?.(total, total)

    return {
      importId,
      format: parsed.format,
      rowsRead: parsed.rowsRead,
      patientsAdded,
      patientsUpdated,
      readingsAdded,
      eventsAdded,
      rejected: parsed.rejects,
      warnings,
      alreadyImported: false,
      conflicts: parsed.conflicts,
      patientsNotInExport,
      backupFile,
      termOnlyMatches: parsed.termOnlyMatches,
      unmatchedCodes: parsed.unmatchedCodes
    }
  })
  return run.immediate()
}

/**
 * Patients listed by the previous run of this report but not by this one are marked (never
 * deleted). Only the same report counts: a BP-only search must not mark the whole list absent.
 * And only a complete run counts: an import that may be cut short marks nobody, and is never the
 * "previous run" either (its report key is its own: report-identity.ts).
 */
function markNotInExport(db: WritableDb, importId: number, reportKey: string): number {
  if (!isCompleteRunKey(reportKey)) return 0
  const previous = db.prepare('SELECT MAX(id) FROM imports WHERE report_key = ? AND id < ?').pluck().get(reportKey, importId) as number | null
  if (previous === null) return 0
  return db
    .prepare(
      `UPDATE patients SET not_in_export_since_import_id = ?
       WHERE id IN (SELECT patient_id FROM import_patients WHERE import_id = ?)
         AND id NOT IN (SELECT patient_id FROM import_patients WHERE import_id = ?)
         AND not_in_export_since_import_id IS NULL`
    )
    .run(importId, previous, importId).changes
}

/** Patients of the previous run of this report whom these NHS numbers leave out (for the preview). */
export function countNotInExport(db: WritableDb, reportKey: string, nhsNumbers: ReadonlySet<string>): number {
  if (!isCompleteRunKey(reportKey)) return 0
  const previous = db.prepare('SELECT MAX(id) FROM imports WHERE report_key = ?').pluck().get(reportKey) as number | null
  if (previous === null) return 0
  const listed = db
    .prepare('SELECT p.nhs_number FROM import_patients ip JOIN patients p ON p.id = ip.patient_id WHERE ip.import_id = ?')
    .pluck()
    .all(previous) as string[]
  let missing = 0
  for (const nhs of listed) if (!nhsNumbers.has(nhs)) missing++
  return missing
}
