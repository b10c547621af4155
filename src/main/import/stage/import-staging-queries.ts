// The statements of an import's staging database (import-staging.ts): one table per kind of fact
// a commit writes, in the order the files listed them. The file is disposable, so it is written
// without a journal or fsync; the practice database never holds a staged row.
import type Database from 'better-sqlite3'
import type { EventRecord, PatientFields, ReadingRecord } from '../import-types'

/** A staging connection: a plain better-sqlite3 handle on a throwaway file, never the practice database. */
export type StagingDb = Database.Database

export interface StagedPatient {
  nhsNumber: string
  fields: Partial<PatientFields>
}

export function createStagingTables(db: StagingDb): void {
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec(`
    CREATE TABLE staged_patients (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, fields_json TEXT NOT NULL);
    CREATE TABLE staged_readings (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, date TEXT NOT NULL, systolic REAL NOT NULL,
      diastolic REAL NOT NULL, setting TEXT NOT NULL, measure TEXT NOT NULL);
    CREATE TABLE staged_events (seq INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, date TEXT, concept TEXT NOT NULL, code TEXT NOT NULL,
      term TEXT NOT NULL, value REAL, matched_by TEXT NOT NULL);
  `)
}

// undefined is kept as null, not dropped: a present key means "this export had the column".
const keepUndefined = (_key: string, value: unknown) => (value === undefined ? null : value)

/** Writers for one staging pass; the caller wraps them in one transaction. */
export function prepareStagingWriters(db: StagingDb) {
  const patient = db.prepare('INSERT INTO staged_patients (nhs_number, fields_json) VALUES (?, ?)')
  const reading = db.prepare('INSERT INTO staged_readings (nhs_number, date, systolic, diastolic, setting, measure) VALUES (?, ?, ?, ?, ?, ?)')
  const event = db.prepare('INSERT INTO staged_events (nhs_number, date, concept, code, term, value, matched_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
  return {
    patient: (p: StagedPatient) => patient.run(p.nhsNumber, JSON.stringify(p.fields, keepUndefined)),
    reading: (r: ReadingRecord) => reading.run(r.nhsNumber, r.date, r.systolic, r.diastolic, r.setting, r.measure),
    event: (e: EventRecord) => event.run(e.nhsNumber, e.date, e.concept, e.code, e.term, e.value, e.matchedBy)
  }
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
