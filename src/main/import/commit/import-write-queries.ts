// The writes of an import's commit: the import row and its totals, and the statements the commit
// runs for every patient, reading, event, rejected row and file, prepared once per commit (an
// import of 100,000 rows runs them hundreds of thousands of times, so none is prepared per row).
// Patient columns come from one fixed list: the only names ever put into SQL text here.
import type { Statement } from 'better-sqlite3'
import type { WritableDb } from '../../db/database-access'
import type { RejectedRowT } from '../../../shared/contract'
import type { EventRecord, FileReadResult, PatientFields, ReadingRecord } from '../import-types'

/** Patient field → column. */
export const patientColumns: ReadonlyArray<[keyof PatientFields, string]> = [
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

export type DbValue = string | number | null

/** A patient column whose stored value differs from the export's (column name from `patientColumns`). */
export type ChangedColumn = readonly [column: string, previous: DbValue, next: DbValue]

/** A patient field as its column stores it. */
export function storedValue(key: keyof PatientFields, value: unknown): DbValue {
  if (key === 'addressLines') return JSON.stringify(Array.isArray(value) ? value : [])
  if (key === 'interpreterRequired') return value === null || value === undefined ? null : value ? 1 : 0
  // A number, so the stored INTEGER compares equal and an unchanged decile is not "changed".
  if (key === 'imdDecile') return typeof value === 'number' ? value : null
  return value === undefined || value === null ? null : String(value)
}

export interface NewImport {
  contentHash: string
  format: string
  importedAt: string
  importedBy: string
  rowsRead: number
  rejectedCount: number
  warnings: readonly string[]
  reportKey: string
  exportedOn: string | null
  conflictCount: number
  backupFile: string | null
}

/** The import's row, its totals still 0 (`recordImportTotals` sets them once written); returns its id. */
export function insertImport(w: WritableDb, row: NewImport): number {
  return Number(
    w
      .prepare(
        `INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated,
           readings_added, events_added, rejected_count, warnings_json, report_key, exported_on, conflict_count, backup_file)
         VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        row.contentHash,
        row.format,
        row.importedAt,
        row.importedBy,
        row.rowsRead,
        row.rejectedCount,
        JSON.stringify(row.warnings),
        row.reportKey,
        row.exportedOn,
        row.conflictCount,
        row.backupFile
      ).lastInsertRowid
  )
}

export interface ImportTotals {
  patientsAdded: number
  patientsUpdated: number
  readingsAdded: number
  eventsAdded: number
  patientsNotInExport: number
  warnings: readonly string[]
}

export function recordImportTotals(w: WritableDb, importId: number, totals: ImportTotals): void {
  w.prepare(
    'UPDATE imports SET patients_added = ?, patients_updated = ?, readings_added = ?, events_added = ?, patients_not_in_export = ?, warnings_json = ? WHERE id = ?'
  ).run(
    totals.patientsAdded,
    totals.patientsUpdated,
    totals.readingsAdded,
    totals.eventsAdded,
    totals.patientsNotInExport,
    JSON.stringify(totals.warnings),
    importId
  )
}

/**
 * Marks the patients `previousImportId` listed whom `importId` does not list as "not in latest
 * export" (never deleting them); returns how many were marked.
 */
export function markNotInExportSince(w: WritableDb, importId: number, previousImportId: number): number {
  return w
    .prepare(
      `UPDATE patients SET not_in_export_since_import_id = ?
       WHERE id IN (SELECT patient_id FROM import_patients WHERE import_id = ?)
         AND id NOT IN (SELECT patient_id FROM import_patients WHERE import_id = ?)
         AND not_in_export_since_import_id IS NULL`
    )
    .run(importId, previousImportId, importId).changes
}

/** A rejected or conflicting row as import_rejects keeps it. */
export type StoredReject = Pick<RejectedRowT, 'file' | 'row' | 'column' | 'reason' | 'value'>

/** The statements a commit runs per fact, each prepared once (see `prepareImportWriters`). */
export interface ImportWriters {
  /** A new patient with every patient column (`values` in `patientColumns` order); returns their id. */
  insertPatient(nhsNumber: string, values: readonly DbValue[], importId: number, now: string, asOf: string): number
  /** The patient is in this import: recorded in import_patients (once). */
  addToImport(importId: number, patientId: number): void
  /** Listed by this import, details left as they are (stored ones come from a later export). */
  touchPatient(importId: number, patientId: number): void
  /** Listed by this import with no detail changed: their details are now as of this export. */
  confirmPatient(importId: number, asOf: string, patientId: number): void
  /** The old value of a changed column, kept in patient_history. */
  addHistory(patientId: number, importId: number, column: string, oldValue: string | null, newValue: string | null, changedAt: string): void
  /** Sets the changed columns to their new values; one statement per set of columns, prepared the first time. */
  updatePatient(changed: readonly ChangedColumn[], importId: number, now: string, asOf: string, patientId: number): void
  /** Adds the reading unless it is stored already; returns how many were added (0 or 1). */
  insertReading(patientId: number, r: ReadingRecord, importId: number, recordedAt: string): number
  /** Gives a stored imported reading that has no kind this one's kind; returns how many it changed. */
  classifyStoredReading(patientId: number, r: ReadingRecord): number
  /** Adds the event unless it is stored already; returns how many were added (0 or 1). */
  insertEvent(patientId: number, e: EventRecord, importId: number, recordedAt: string): number
  insertReject(importId: number, r: StoredReject, kind: 'rejected' | 'conflict'): void
  insertFile(importId: number, f: FileReadResult): void
}

export function prepareImportWriters(w: WritableDb): ImportWriters {
  const columnList = patientColumns.map(([, c]) => c).join(', ')
  const insertPatient = w.prepare(
    `INSERT INTO patients (nhs_number, ${columnList}, first_import_id, last_import_id, created_at, updated_at, demographics_as_of)
     VALUES (?, ${patientColumns.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`
  )
  const insertHistory = w.prepare('INSERT INTO patient_history (patient_id, import_id, field, old_value, new_value, changed_at) VALUES (?, ?, ?, ?, ?, ?)')
  const touchPatient = w.prepare('UPDATE patients SET last_import_id = ?, not_in_export_since_import_id = NULL WHERE id = ?')
  const confirmPatient = w.prepare('UPDATE patients SET last_import_id = ?, not_in_export_since_import_id = NULL, demographics_as_of = ? WHERE id = ?')
  const insertMember = w.prepare('INSERT OR IGNORE INTO import_patients (import_id, patient_id) VALUES (?, ?)')
  const updateStatements = new Map<string, Statement<DbValue[]>>()
  const insertReading = w.prepare(
    `INSERT OR IGNORE INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, measure, source, import_id, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)`
  )
  const classifyStored = w.prepare(
    `UPDATE bp_readings SET measure = ? WHERE patient_id = ? AND taken_on = ? AND systolic = ? AND diastolic = ? AND setting = ?
       AND source = 'import' AND measure IS NULL`
  )
  const insertEvent = w.prepare(
    `INSERT OR IGNORE INTO coded_events (patient_id, event_date, concept, code, term, value, matched_by, import_id, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertReject = w.prepare('INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason, value, kind) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const insertFile = w.prepare(
    `INSERT INTO import_files (import_id, file_name, file_hash, byte_size, layout, header_row, report_header_json, columns_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  return {
    insertPatient: (nhsNumber, values, importId, now, asOf) =>
      Number(insertPatient.run(nhsNumber, ...values, importId, importId, now, now, asOf).lastInsertRowid),
    addToImport: (importId, patientId) => void insertMember.run(importId, patientId),
    touchPatient: (importId, patientId) => void touchPatient.run(importId, patientId),
    confirmPatient: (importId, asOf, patientId) => void confirmPatient.run(importId, asOf, patientId),
    addHistory: (patientId, importId, column, oldValue, newValue, changedAt) =>
      void insertHistory.run(patientId, importId, column, oldValue, newValue, changedAt),
    updatePatient: (changed, importId, now, asOf, patientId) => {
      const setList = changed.map(([column]) => `${column} = ?`).join(', ')
      let update = updateStatements.get(setList)
      if (!update) {
        update = w.prepare<DbValue[]>(
          `UPDATE patients SET ${setList}, last_import_id = ?, updated_at = ?, demographics_as_of = ?, not_in_export_since_import_id = NULL WHERE id = ?`
        )
        updateStatements.set(setList, update)
      }
      update.run(...changed.map(([, , next]) => next), importId, now, asOf, patientId)
    },
    insertReading: (patientId, r, importId, recordedAt) =>
      insertReading.run(patientId, r.date, r.systolic, r.diastolic, r.setting, r.measure, importId, recordedAt).changes,
    classifyStoredReading: (patientId, r) => classifyStored.run(r.measure, patientId, r.date, r.systolic, r.diastolic, r.setting).changes,
    insertEvent: (patientId, e, importId, recordedAt) =>
      insertEvent.run(patientId, e.date, e.concept, e.code, e.term, e.value, e.matchedBy, importId, recordedAt).changes,
    insertReject: (importId, r, kind) => void insertReject.run(importId, r.file, r.row, r.column, r.reason, r.value ?? '', kind),
    insertFile: (importId, f) =>
      void insertFile.run(
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
}

/**
 * Runs an import's transaction with a larger page cache: the patients table carries several
 * search indexes, and with SQLite's default 2 MB cache a 100k-row transaction spills pages to the
 * write-ahead log before it commits. The connection's own setting is put back afterwards.
 */
export function withImportCache<T>(w: WritableDb, work: () => T): T {
  const before = w.pragma('cache_size', { simple: true }) as number
  w.pragma('cache_size = -65536')
  try {
    return work()
  } finally {
    w.pragma(`cache_size = ${before}`)
  }
}
