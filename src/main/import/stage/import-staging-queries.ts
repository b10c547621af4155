// The statements of an import's staging database (import-staging.ts): one table per kind of fact
// a commit writes, in the order the files listed them. The file is disposable, so it is written
// without a journal or fsync; the practice database never holds a staged row.
import type Database from 'better-sqlite3'
import type { BpComponentRecord, EthnicityRecord, EventRecord, PatientFields, ReadingRecord } from '../import-types'

/** A staging connection: a plain better-sqlite3 handle on a throwaway file, never the practice database. */
export type StagingDb = Database.Database

export interface StagedPatient {
  nhsNumber: string
  fields: Partial<PatientFields>
}

/**
 * The tables a commit reads (commit-import.ts), in the schema `schema`: `main` in a staging file,
 * `staging` when the commit stages facts held in memory into a database attached for the commit.
 */
export function stagingTablesSql(schema: 'main' | 'staging'): string {
  return `
    CREATE TABLE ${schema}.staged_patients (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, fields_json TEXT NOT NULL, seen_json TEXT);
    CREATE TABLE ${schema}.staged_readings (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, date TEXT NOT NULL, systolic REAL NOT NULL,
      diastolic REAL NOT NULL, setting TEXT NOT NULL, measure TEXT NOT NULL);
    CREATE TABLE ${schema}.staged_events (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, date TEXT, concept TEXT NOT NULL, code TEXT NOT NULL,
      term TEXT NOT NULL, value REAL, matched_by TEXT NOT NULL);
  `
}

export function createStagingTables(db: StagingDb): void {
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec(stagingTablesSql('main'))
}

// undefined is kept as null, not dropped: a field the export has (even empty) stays in the JSON,
// because the commit compares only the fields an export has with the stored ones.
const keepUndefined = (_key: string, value: unknown) => (value === undefined ? null : value)

/** A patient's fields as staged_patients.fields_json keeps them. */
export function stagedFieldsJson(fields: Partial<PatientFields>): string {
  return JSON.stringify(fields, keepUndefined)
}

/**
 * The extra tables of an import staged while its rows are read (staged-assembly.ts): patients are
 * merged by NHS number in place, a reading or event already staged is not staged twice (the first
 * one stays, as the in-memory assembly keeps it), and blood pressure halves and coded ethnicity
 * wait for the end of the last file.
 */
export function createAssemblyTables(db: StagingDb): void {
  db.exec(`
    CREATE UNIQUE INDEX staged_patients_nhs ON staged_patients (nhs_number);
    CREATE UNIQUE INDEX staged_readings_once ON staged_readings (nhs_number, date, systolic, diastolic, setting, measure);
    CREATE UNIQUE INDEX staged_events_once ON staged_events (nhs_number, ifnull(date, ''), concept, code, term);
    CREATE TABLE staged_components (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, date TEXT NOT NULL, setting TEXT NOT NULL,
      pairing_key TEXT NOT NULL, measure TEXT NOT NULL, component TEXT NOT NULL, value REAL NOT NULL, file TEXT NOT NULL, row INTEGER NOT NULL,
      column_name TEXT NOT NULL, rejected INTEGER NOT NULL);
    CREATE TABLE staged_ethnicity (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, date TEXT, text TEXT NOT NULL, category TEXT);
  `)
}

/** Writers for staging while reading; the caller wraps each batch in a transaction. */
export function prepareAssemblyWriters(db: StagingDb) {
  const newPatient = db.prepare('INSERT INTO staged_patients (nhs_number, fields_json, seen_json) VALUES (?, ?, ?)')
  const patientOf = db.prepare('SELECT fields_json, seen_json FROM staged_patients WHERE nhs_number = ?')
  const updatePatient = db.prepare('UPDATE staged_patients SET fields_json = ?, seen_json = ? WHERE nhs_number = ?')
  const reading = db.prepare('INSERT OR IGNORE INTO staged_readings (nhs_number, date, systolic, diastolic, setting, measure) VALUES (?, ?, ?, ?, ?, ?)')
  const event = db.prepare('INSERT OR IGNORE INTO staged_events (nhs_number, date, concept, code, term, value, matched_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const component = db.prepare(
    `INSERT INTO staged_components (nhs_number, date, setting, pairing_key, measure, component, value, file, row, column_name, rejected)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const ethnicity = db.prepare('INSERT INTO staged_ethnicity (nhs_number, date, text, category) VALUES (?, ?, ?, ?)')
  return {
    newPatient: (nhsNumber: string, fieldsJson: string, seenJson: string) => void newPatient.run(nhsNumber, fieldsJson, seenJson),
    patientOf: (nhsNumber: string) => patientOf.get(nhsNumber) as { fields_json: string; seen_json: string | null } | undefined,
    updatePatient: (nhsNumber: string, fieldsJson: string, seenJson: string) => void updatePatient.run(fieldsJson, seenJson, nhsNumber),
    reading: (r: ReadingRecord) => void reading.run(r.nhsNumber, r.date, r.systolic, r.diastolic, r.setting, r.measure),
    event: (e: EventRecord) => void event.run(e.nhsNumber, e.date, e.concept, e.code, e.term, e.value, e.matchedBy),
    component: (c: BpComponentRecord) =>
      void component.run(
        c.nhsNumber,
        c.date,
        c.setting,
        c.pairingKey,
        c.measure,
        c.component,
        c.value,
        c.source.file,
        c.source.row,
        c.column,
        c.rejected ? 1 : 0
      ),
    ethnicity: (e: EthnicityRecord) => void ethnicity.run(e.nhsNumber, e.date, e.text, e.category)
  }
}

/** Puts the blood pressure halves in pairing order: group by group (patient, date, setting, kind) as each group was first seen, file order within. */
export function orderStagedComponents(db: StagingDb): void {
  // Only the order is materialised; each half is read back from its own row.
  db.exec(`CREATE TABLE staged_pairing AS SELECT seq, first FROM (SELECT seq,
    MIN(seq) OVER (PARTITION BY nhs_number, date, setting, pairing_key) AS first FROM staged_components) ORDER BY first, seq`)
}

interface ComponentRow {
  at: number
  first: number
  nhs_number: string
  date: string
  setting: BpComponentRecord['setting']
  pairing_key: string
  measure: BpComponentRecord['measure']
  component: BpComponentRecord['component']
  value: number
  file: string
  row: number
  column_name: string
  rejected: number
}

/** Up to `limit` halves in pairing order after position `after` (0 for the first page), with the group each is in. */
export function stagedComponentPage(db: StagingDb, after: number, limit: number): { at: number; group: number; record: BpComponentRecord }[] {
  const rows = db
    .prepare(
      `SELECT p.rowid AS at, p.first, c.nhs_number, c.date, c.setting, c.pairing_key, c.measure, c.component, c.value, c.file, c.row, c.column_name, c.rejected
       FROM staged_pairing p JOIN staged_components c ON c.seq = p.seq WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?`
    )
    .all(after, limit) as ComponentRow[]
  return rows.map((r) => ({
    at: r.at,
    group: r.first,
    record: {
      nhsNumber: r.nhs_number,
      date: r.date,
      setting: r.setting,
      measure: r.measure,
      pairingKey: r.pairing_key,
      component: r.component,
      value: r.value,
      source: { file: r.file, row: r.row },
      column: r.column_name,
      rejected: r.rejected === 1
    }
  }))
}

/**
 * Fills in each patient's ethnicity from their latest coded ethnicity (a later row wins a tie on
 * date), where no Ethnicity column gave one.
 */
export function applyStagedEthnicity(db: StagingDb): void {
  db.exec(`UPDATE staged_patients SET fields_json = json_set(fields_json, '$.ethnicityText', e.text, '$.ethnicityCategory', e.category)
    FROM (SELECT nhs_number, text, category FROM (SELECT nhs_number, text, category,
      ROW_NUMBER() OVER (PARTITION BY nhs_number ORDER BY ifnull(date, '') DESC, seq DESC) AS n FROM staged_ethnicity) WHERE n = 1) AS e
    WHERE staged_patients.nhs_number = e.nhs_number AND ifnull(json_extract(staged_patients.fields_json, '$.ethnicityText'), '') = ''`)
}

export function dropAssemblyTables(db: StagingDb): void {
  db.exec('DROP TABLE IF EXISTS staged_pairing; DROP TABLE staged_components; DROP TABLE staged_ethnicity')
}

export function countStaged(db: StagingDb): { patients: number; readings: number; events: number } {
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  return { patients: count('staged_patients'), readings: count('staged_readings'), events: count('staged_events') }
}

export function* stagedPatients(db: StagingDb): Generator<StagedPatient> {
  const rows = db.prepare('SELECT nhs_number, fields_json FROM staged_patients ORDER BY seq').iterate() as IterableIterator<{
    nhs_number: string
    fields_json: string
  }>
  for (const row of rows) yield { nhsNumber: row.nhs_number, fields: JSON.parse(row.fields_json) as Partial<PatientFields> }
}

interface ReadingRow {
  nhs_number: string
  date: string
  systolic: number
  diastolic: number
  setting: ReadingRecord['setting']
  measure: ReadingRecord['measure']
}

export function* stagedReadings(db: StagingDb): Generator<ReadingRecord> {
  const rows = db
    .prepare('SELECT nhs_number, date, systolic, diastolic, setting, measure FROM staged_readings ORDER BY seq')
    .iterate() as IterableIterator<ReadingRow>
  for (const r of rows) yield { nhsNumber: r.nhs_number, date: r.date, systolic: r.systolic, diastolic: r.diastolic, setting: r.setting, measure: r.measure }
}

interface EventRow {
  nhs_number: string
  date: string | null
  concept: EventRecord['concept']
  code: string
  term: string
  value: number | null
  matched_by: EventRecord['matchedBy']
}

export function* stagedEvents(db: StagingDb): Generator<EventRecord> {
  const rows = db
    .prepare('SELECT nhs_number, date, concept, code, term, value, matched_by FROM staged_events ORDER BY seq')
    .iterate() as IterableIterator<EventRow>
  for (const e of rows) yield { nhsNumber: e.nhs_number, date: e.date, concept: e.concept, code: e.code, term: e.term, value: e.value, matchedBy: e.matched_by }
}
