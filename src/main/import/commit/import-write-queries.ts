// The writes of an import's commit: the import row and its totals, the set-based copies of the
// staged facts (below `attachStaging`), and the statements the commit runs per row where a row
// needs a decision in JavaScript (a stored patient's merge, rejected rows, files), prepared once
// per commit so none is prepared per row.
// Patient columns come from one fixed list: the only names ever put into SQL text here.
import type { Statement } from 'better-sqlite3'
import type { WritableDb } from '../../db/database-access'
import type { RejectedRowT } from '../../../shared/contract'
import type { EventRecord, FileReadResult, PatientFields, ReadingRecord } from '../import-types'
import { stagedFieldsJson, stagingTablesSql, type StagedPatient } from '../stage/import-staging-queries'

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

/** The statements a commit runs per row where a row needs a decision in JavaScript, each prepared once (see `prepareImportWriters`). */
export interface ImportWriters {
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
  insertReject(importId: number, r: StoredReject, kind: 'rejected' | 'conflict'): void
  insertFile(importId: number, f: FileReadResult): void
}

export function prepareImportWriters(w: WritableDb): ImportWriters {
  const insertHistory = w.prepare('INSERT INTO patient_history (patient_id, import_id, field, old_value, new_value, changed_at) VALUES (?, ?, ?, ?, ?, ?)')
  const touchPatient = w.prepare('UPDATE patients SET last_import_id = ?, not_in_export_since_import_id = NULL WHERE id = ?')
  const confirmPatient = w.prepare('UPDATE patients SET last_import_id = ?, not_in_export_since_import_id = NULL, demographics_as_of = ? WHERE id = ?')
  const updateStatements = new Map<string, Statement<DbValue[]>>()
  const insertReading = w.prepare(
    `INSERT OR IGNORE INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, measure, source, import_id, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)`
  )
  const classifyStored = w.prepare(
    `UPDATE bp_readings SET measure = ? WHERE patient_id = ? AND taken_on = ? AND systolic = ? AND diastolic = ? AND setting = ?
       AND source = 'import' AND measure IS NULL`
  )
  const insertReject = w.prepare('INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason, value, kind) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const insertFile = w.prepare(
    `INSERT INTO import_files (import_id, file_name, file_hash, byte_size, layout, header_row, report_header_json, columns_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  return {
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

// The commit copies the staged facts (import-staging.ts) with set-based SQL: the staging database
// is attached to the practice connection as `staging` and each kind of fact goes across with one
// INSERT … SELECT per range of staged rows, rather than being read into JavaScript and written
// back one statement per row (which cost more than the writing itself on a 100k-row import).
// Rows go across in staging order (`seq`), so ids, and which copy of a duplicate stays, are
// those the row-by-row commit gave.

/** The attached staging file's page cache, in KiB (negative: SQLite's unit for a size in KiB). */
const stagingCacheKib = -2048

/**
 * Attaches the staging file of an import as `staging`, or — for facts held in memory — an empty
 * in-memory database with the same tables (filled by `stageFactsInMemory`). Outside any
 * transaction: SQLite cannot attach inside one.
 */
export function attachStaging(w: WritableDb, stagingFile: string | null): void {
  w.prepare('ATTACH DATABASE ? AS staging').run(stagingFile ?? ':memory:')
  try {
    if (stagingFile !== null) {
      // The file is read through once, in order: a page cache of its own as large as SQLite's
      // default here (16 MB) would only add to the import's peak memory, and buys no speed.
      w.pragma(`staging.cache_size = ${stagingCacheKib}`)
      return
    }
    w.exec(stagingTablesSql('staging'))
    // A staging file has this as a unique index (staged-assembly.ts); the copies join on it.
    w.exec('CREATE INDEX staging.staged_patients_nhs ON staged_patients (nhs_number)')
  } catch (error) {
    detachStaging(w)
    throw error
  }
}

/** Detaches what `attachStaging` attached; nothing of it is left on the practice connection. */
export function detachStaging(w: WritableDb): void {
  w.exec('DETACH DATABASE staging')
}

/** Facts held in memory put into the attached in-memory staging tables, in their order. */
export function stageFactsInMemory(
  w: WritableDb,
  facts: { patients: Iterable<StagedPatient>; readings: Iterable<ReadingRecord>; events: Iterable<EventRecord> }
): void {
  const patient = w.prepare('INSERT INTO staging.staged_patients (nhs_number, fields_json) VALUES (?, ?)')
  const reading = w.prepare('INSERT INTO staging.staged_readings (nhs_number, date, systolic, diastolic, setting, measure) VALUES (?, ?, ?, ?, ?, ?)')
  const event = w.prepare('INSERT INTO staging.staged_events (nhs_number, date, concept, code, term, value, matched_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
  w.transaction(() => {
    for (const p of facts.patients) patient.run(p.nhsNumber, stagedFieldsJson(p.fields))
    for (const r of facts.readings) reading.run(r.nhsNumber, r.date, r.systolic, r.diastolic, r.setting, r.measure)
    for (const e of facts.events) event.run(e.nhsNumber, e.date, e.concept, e.code, e.term, e.value, e.matchedBy)
  })()
}

/** The highest `seq` of each staged table (0 when empty): the copies go in ranges up to it. */
export function stagedExtent(w: WritableDb): { patients: number; readings: number; events: number } {
  const last = (table: string) => w.prepare(`SELECT ifnull(MAX(seq), 0) FROM staging.${table}`).pluck().get() as number
  return { patients: last('staged_patients'), readings: last('staged_readings'), events: last('staged_events') }
}

/**
 * `storedValue` in SQL, over a staged patient's fields_json: what the column stores for a patient
 * the export lists for the first time. A field absent from the JSON stores what `storedValue`
 * gives `undefined`. The text fields are strings or null by type (PatientFields), so `->>` (the
 * string, or NULL for null and absent) is `storedValue` for them without asking each value's JSON
 * type: a third of the cost of copying a new patient is these lookups.
 */
function stagedColumnValue(key: keyof PatientFields): string {
  const path = `'$.${key}'`
  if (key === 'addressLines') return `CASE json_type(s.fields_json, ${path}) WHEN 'array' THEN json_extract(s.fields_json, ${path}) ELSE '[]' END`
  if (key === 'interpreterRequired') {
    // JavaScript truthiness of the value (`value ? 1 : 0`), null when null or absent.
    return `CASE json_type(s.fields_json, ${path}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 WHEN 'integer' THEN json_extract(s.fields_json, ${path}) <> 0
      WHEN 'real' THEN json_extract(s.fields_json, ${path}) <> 0 WHEN 'text' THEN json_extract(s.fields_json, ${path}) <> '' WHEN 'array' THEN 1
      WHEN 'object' THEN 1 END`
  }
  if (key === 'imdDecile') return `CASE WHEN json_type(s.fields_json, ${path}) IN ('integer', 'real') THEN json_extract(s.fields_json, ${path}) END`
  return `s.fields_json ->> ${path}`
}

/** A staged patient already stored: their fields are compared with the stored ones in JavaScript. */
export interface StagedStoredPatient extends StagedPatient {
  seq: number
}

/** The copies of a commit, each over a range of staged rows (`after` < seq <= `upTo`). */
export interface StagedCopies {
  /** Up to `limit` staged patients after `after` who are stored already, in staging order. */
  storedPatientsAfter(after: number, limit: number): StagedStoredPatient[]
  /** Inserts the staged patients not stored yet; returns how many. */
  insertNewPatients(importId: number, now: string, asOf: string, after: number, upTo: number): number
  /** Records every staged patient (stored by now) as listed by this import. */
  listStagedPatients(importId: number): void
  /** The stored id of a staged patient (undefined for an NHS number the import does not list). */
  stagedPatientId(nhsNumber: string): number | undefined
  /** Adds the staged readings not stored already; returns how many were added. */
  insertReadings(importId: number, recordedAt: string, after: number, upTo: number): number
  /** Adds the staged events not stored already; returns how many were added. */
  insertEvents(importId: number, recordedAt: string, after: number, upTo: number): number
}

export function prepareStagedCopies(w: WritableDb): StagedCopies {
  const columnList = patientColumns.map(([, c]) => c).join(', ')
  const storedAfter = w.prepare(
    `SELECT s.seq, s.nhs_number, s.fields_json FROM staging.staged_patients s
     WHERE s.seq > ? AND EXISTS (SELECT 1 FROM main.patients p WHERE p.nhs_number = s.nhs_number) ORDER BY s.seq LIMIT ?`
  )
  const insertNew = w.prepare(
    `INSERT INTO main.patients (nhs_number, ${columnList}, first_import_id, last_import_id, created_at, updated_at, demographics_as_of)
     SELECT s.nhs_number, ${patientColumns.map(([key]) => stagedColumnValue(key)).join(', ')}, @importId, @importId, @now, @now, @asOf
     FROM staging.staged_patients s
     WHERE s.seq > @after AND s.seq <= @upTo AND NOT EXISTS (SELECT 1 FROM main.patients p WHERE p.nhs_number = s.nhs_number)
     ORDER BY s.seq`
  )
  const listStaged = w.prepare(
    `INSERT OR IGNORE INTO main.import_patients (import_id, patient_id)
     SELECT ?, p.id FROM staging.staged_patients s JOIN main.patients p ON p.nhs_number = s.nhs_number`
  )
  const stagedId = w.prepare('SELECT p.id FROM staging.staged_patients s JOIN main.patients p ON p.nhs_number = s.nhs_number WHERE s.nhs_number = ?')
  const insertReadings = w.prepare(
    `INSERT OR IGNORE INTO main.bp_readings (patient_id, taken_on, systolic, diastolic, setting, measure, source, import_id, recorded_at)
     SELECT p.id, r.date, r.systolic, r.diastolic, r.setting, r.measure, 'import', @importId, @recordedAt
     FROM staging.staged_readings r
       JOIN staging.staged_patients s ON s.nhs_number = r.nhs_number
       JOIN main.patients p ON p.nhs_number = r.nhs_number
     WHERE r.seq > @after AND r.seq <= @upTo
     ORDER BY r.seq`
  )
  const insertEvents = w.prepare(
    `INSERT OR IGNORE INTO main.coded_events (patient_id, event_date, concept, code, term, value, matched_by, import_id, recorded_at)
     SELECT p.id, e.date, e.concept, e.code, e.term, e.value, e.matched_by, @importId, @recordedAt
     FROM staging.staged_events e
       JOIN staging.staged_patients s ON s.nhs_number = e.nhs_number
       JOIN main.patients p ON p.nhs_number = e.nhs_number
     WHERE e.seq > @after AND e.seq <= @upTo
     ORDER BY e.seq`
  )
  return {
    storedPatientsAfter: (after, limit) =>
      (storedAfter.all(after, limit) as { seq: number; nhs_number: string; fields_json: string }[]).map((row) => ({
        seq: row.seq,
        nhsNumber: row.nhs_number,
        fields: JSON.parse(row.fields_json) as Partial<PatientFields>
      })),
    insertNewPatients: (importId, now, asOf, after, upTo) => insertNew.run({ importId, now, asOf, after, upTo }).changes,
    listStagedPatients: (importId) => void listStaged.run(importId),
    stagedPatientId: (nhsNumber) => (stagedId.pluck().get(nhsNumber) as number | undefined) ?? undefined,
    insertReadings: (importId, recordedAt, after, upTo) => insertReadings.run({ importId, recordedAt, after, upTo }).changes,
    insertEvents: (importId, recordedAt, after, upTo) => insertEvents.run({ importId, recordedAt, after, upTo }).changes
  }
}
