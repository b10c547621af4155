// Writes a previewed import into the database in ONE transaction (spec §3: it lands whole or not
// at all). Merge keyed by NHS number: new patients inserted; existing patients' demographics
// updated to this export with the old values kept in patient_history; readings and coded events
// added once (unique indexes + INSERT OR IGNORE); every fact carries the import's id.
import type { ImportResultT } from '../../shared/contract'
import { logActivity } from '../activity-log'
import { actorName, type ServiceContext } from '../context'
import type { Db } from '../db/connection'
import type { Statement } from 'better-sqlite3'
import type { ParsedImport, PatientFields } from './import-types'

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
  ['mainLanguage', 'main_language'],
  ['interpreterRequired', 'interpreter_required'],
  ['registrationStatus', 'registration_status']
]

type DbValue = string | number | null

function toDbValue(key: keyof PatientFields, value: unknown): DbValue {
  if (key === 'addressLines') return JSON.stringify(Array.isArray(value) ? value : [])
  if (key === 'interpreterRequired') return value === null || value === undefined ? null : value ? 1 : 0
  return value === undefined || value === null ? null : String(value)
}

export function findImportByHash(db: Db, contentHash: string): { id: number; imported_at: string } | undefined {
  return db.prepare('SELECT id, imported_at FROM imports WHERE content_hash = ?').get(contentHash) as
    | { id: number; imported_at: string }
    | undefined
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
    alreadyImported: true
  }
}

export function commitParsedImport(ctx: ServiceContext, parsed: ParsedImport): ImportResultT {
  const db = ctx.db
  const now = ctx.now().toISOString()
  const run = db.transaction((): ImportResultT => {
    const earlier = findImportByHash(db, parsed.contentHash)
    if (earlier) return alreadyImportedResult(parsed, earlier)

    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated,
             readings_added, events_added, rejected_count, warnings_json)
           VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)`
        )
        .run(parsed.contentHash, parsed.format, now, actorName(ctx), parsed.rowsRead, parsed.rejects.length, JSON.stringify(parsed.warnings))
        .lastInsertRowid
    )

    const selectPatient = db.prepare('SELECT * FROM patients WHERE nhs_number = ?')
    const columnList = patientColumns.map(([, c]) => c).join(', ')
    const insertPatient = db.prepare(
      `INSERT INTO patients (nhs_number, ${columnList}, first_import_id, last_import_id, created_at, updated_at)
       VALUES (?, ${patientColumns.map(() => '?').join(', ')}, ?, ?, ?, ?)`
    )
    const insertHistory = db.prepare(
      'INSERT INTO patient_history (patient_id, import_id, field, old_value, new_value, changed_at) VALUES (?, ?, ?, ?, ?, ?)'
    )
    const touchPatient = db.prepare('UPDATE patients SET last_import_id = ? WHERE id = ?')
    const updateStatements = new Map<string, Statement<DbValue[]>>()

    const patientIds = new Map<string, number>()
    let patientsAdded = 0
    let patientsUpdated = 0
    for (const { nhsNumber, fields } of parsed.patients) {
      const stored = selectPatient.get(nhsNumber) as (Record<string, DbValue> & { id: number }) | undefined
      if (!stored) {
        const values = patientColumns.map(([key]) => toDbValue(key, fields[key]))
        const id = Number(insertPatient.run(nhsNumber, ...values, importId, importId, now, now).lastInsertRowid)
        patientIds.set(nhsNumber, id)
        patientsAdded++
        continue
      }
      patientIds.set(nhsNumber, stored.id)
      // Only columns present in this export are compared: an absent column changes nothing.
      const changed: [string, DbValue, DbValue][] = []
      for (const [key, column] of patientColumns) {
        if (!(key in fields)) continue
        const next = toDbValue(key, fields[key])
        const previous = stored[column] ?? null
        if (previous !== next) changed.push([column, previous, next])
      }
      if (changed.length === 0) {
        touchPatient.run(importId, stored.id)
        continue
      }
      for (const [column, previous, next] of changed) {
        insertHistory.run(stored.id, importId, column, previous === null ? null : String(previous), next === null ? null : String(next), now)
      }
      const setList = changed.map(([column]) => `${column} = ?`).join(', ')
      let update = updateStatements.get(setList)
      if (!update) {
        update = db.prepare<DbValue[]>(`UPDATE patients SET ${setList}, last_import_id = ?, updated_at = ? WHERE id = ?`)
        updateStatements.set(setList, update)
      }
      update.run(...changed.map(([, , next]) => next), importId, now, stored.id)
      patientsUpdated++
    }

    const insertReading = db.prepare(
      `INSERT OR IGNORE INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, import_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, 'import', ?, ?)`
    )
    let readingsAdded = 0
    for (const r of parsed.readings) {
      const patientId = patientIds.get(r.nhsNumber)
      if (patientId === undefined) continue
      readingsAdded += insertReading.run(patientId, r.date, r.systolic, r.diastolic, r.setting, importId, now).changes
    }

    const insertEvent = db.prepare(
      `INSERT OR IGNORE INTO coded_events (patient_id, event_date, concept, code, term, import_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    )
    let eventsAdded = 0
    for (const e of parsed.events) {
      const patientId = patientIds.get(e.nhsNumber)
      if (patientId === undefined) continue
      eventsAdded += insertEvent.run(patientId, e.date, e.concept, e.code, e.term, importId, now).changes
    }

    const insertReject = db.prepare(
      'INSERT INTO import_rejects (import_id, file_name, row_number, column_name, reason) VALUES (?, ?, ?, ?, ?)'
    )
    for (const r of parsed.rejects) insertReject.run(importId, r.file, r.row, r.column, r.reason)

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

    db.prepare(
      'UPDATE imports SET patients_added = ?, patients_updated = ?, readings_added = ?, events_added = ? WHERE id = ?'
    ).run(patientsAdded, patientsUpdated, readingsAdded, eventsAdded, importId)

    const fileNames = parsed.files.map((f) => f.preview.name).join(', ')
    logActivity(
      ctx,
      db,
      'imports.commit',
      `Imported ${fileNames}: ${patientsAdded} new, ${patientsUpdated} updated patients, ${readingsAdded} readings, ${eventsAdded} events, ${parsed.rejects.length} rejected`,
      { importId, format: parsed.format, files: parsed.files.map((f) => f.preview.name), contentHash: parsed.contentHash }
    )

    return {
      importId,
      format: parsed.format,
      rowsRead: parsed.rowsRead,
      patientsAdded,
      patientsUpdated,
      readingsAdded,
      eventsAdded,
      rejected: parsed.rejects,
      warnings: parsed.warnings,
      alreadyImported: false
    }
  })
  return run.immediate()
}
