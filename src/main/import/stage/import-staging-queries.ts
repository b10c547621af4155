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

/**
 * A patient's fields as staged_patients.fields_json keeps them. The replacer (a call per value)
 * is only needed when a field is undefined: the fields are flat (text, numbers, a list of address
 * lines), so without one the JSON is the same, and most patients have none.
 */
export function stagedFieldsJson(fields: Partial<PatientFields>): string {
  for (const key in fields) if ((fields as Record<string, unknown>)[key] === undefined) return JSON.stringify(fields, keepUndefined)
  return JSON.stringify(fields)
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

/** Rows per multi-row INSERT while staging: 100 rows of at most 11 values stay far below SQLite's 32,766 parameters. */
const rowsPerInsert = 100

/**
 * An INSERT of `width` values a row, written `rowsPerInsert` rows to a statement: one call into
 * SQLite per hundred rows rather than per row, which was most of the time spent staging. Rows are
 * written in the order they were added (so `INSERT OR IGNORE` still keeps the first of two), and
 * `flush` writes the rest one row a statement; it must run before anything reads the table.
 */
function batchedInsert(db: StagingDb, insertInto: string, width: number) {
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`
  const many = db.prepare(`${insertInto} VALUES ${Array.from({ length: rowsPerInsert }, () => row).join(', ')}`)
  const one = db.prepare(`${insertInto} VALUES ${row}`)
  let values: unknown[] = []
  return {
    /** The row's values, as many as `width`, pushed onto the statement's (no array per row). */
    values(): unknown[] {
      return values
    },
    /** Called after each row's values are pushed. */
    added(): void {
      if (values.length < width * rowsPerInsert) return
      many.run(values)
      values = []
    },
    flush(): void {
      for (let at = 0; at < values.length; at += width) one.run(values.slice(at, at + width))
      values = []
    }
  }
}

/**
 * Writers for staging while reading; the caller wraps each batch in a transaction and calls `flush`
 * before it ends (readings, events, blood pressure halves and coded ethnicity wait to be written
 * a hundred at a time; patients are written at once).
 */
export function prepareAssemblyWriters(db: StagingDb) {
  // Patients stay one statement a row: a later row of the same patient reads its staged fields back
  // straight away, and there are several facts to each patient, so the facts are what is batched.
  const newPatient = db.prepare('INSERT INTO staged_patients (nhs_number, fields_json, seen_json) VALUES (?, ?, ?)')
  const patientOf = db.prepare('SELECT fields_json, seen_json FROM staged_patients WHERE nhs_number = ?')
  const updatePatient = db.prepare('UPDATE staged_patients SET fields_json = ?, seen_json = ? WHERE nhs_number = ?')
  const reading = batchedInsert(db, 'INSERT OR IGNORE INTO staged_readings (nhs_number, date, systolic, diastolic, setting, measure)', 6)
  const event = batchedInsert(db, 'INSERT OR IGNORE INTO staged_events (nhs_number, date, concept, code, term, value, matched_by)', 7)
  const component = batchedInsert(
    db,
    'INSERT INTO staged_components (nhs_number, date, setting, pairing_key, measure, component, value, file, row, column_name, rejected)',
    11
  )
  const ethnicity = batchedInsert(db, 'INSERT INTO staged_ethnicity (nhs_number, date, text, category)', 4)
  return {
    newPatient: (nhsNumber: string, fieldsJson: string, seenJson: string) => void newPatient.run(nhsNumber, fieldsJson, seenJson),
    patientOf: (nhsNumber: string) => patientOf.get(nhsNumber) as { fields_json: string; seen_json: string | null } | undefined,
    updatePatient: (nhsNumber: string, fieldsJson: string, seenJson: string) => void updatePatient.run(fieldsJson, seenJson, nhsNumber),
    reading: (r: ReadingRecord) => {
      reading.values().push(r.nhsNumber, r.date, r.systolic, r.diastolic, r.setting, r.measure)
      reading.added()
    },
    event: (e: EventRecord) => {
      event.values().push(e.nhsNumber, e.date, e.concept, e.code, e.term, e.value, e.matchedBy)
      event.added()
    },
    component: (c: BpComponentRecord) => {
      component
        .values()
        .push(c.nhsNumber, c.date, c.setting, c.pairingKey, c.measure, c.component, c.value, c.source.file, c.source.row, c.column, c.rejected ? 1 : 0)
      component.added()
    },
    ethnicity: (e: EthnicityRecord) => {
      ethnicity.values().push(e.nhsNumber, e.date, e.text, e.category)
      ethnicity.added()
    },
    /** Writes the rows still waiting: at the end of each batch, inside its transaction. */
    flush: () => {
      for (const insert of [reading, event, component, ethnicity]) insert.flush()
    }
  }
}

/**
 * Numbers the blood pressure halves for pairing, in SQL rather than by reading every half back
 * into JavaScript (which was most of the pairing time): each half gets its group (patient, date,
 * setting, kind) as the seq of the group's first half, and its place among the group's halves of
 * the same side in file order. Systolic n pairs with diastolic n of the same group, as pairGroup
 * (assemble-import.ts) pairs them; groups come in the order each was first seen. `problemOf` is
 * the plausibility rule itself (bp-plausibility.ts), made callable from SQL as bp_pair_problem, so
 * the rule is written once.
 */
export function numberStagedHalves(db: StagingDb, problemOf: (systolic: number, diastolic: number) => string | null): void {
  db.function('bp_pair_problem', { deterministic: true }, (systolic, diastolic) => problemOf(Number(systolic), Number(diastolic)))
  // One window, in seq order with running counts, not MIN over the group plus ROW_NUMBER over
  // (group, side): SQLite sorts once per window, and the second sort was most of the cost.
  db.exec(`CREATE TABLE staged_halves AS SELECT seq, component, value, rejected, FIRST_VALUE(seq) OVER w AS first,
      CASE component WHEN 'systolic' THEN SUM(component = 'systolic') OVER w ELSE SUM(component = 'diastolic') OVER w END AS n
    FROM staged_components
    WINDOW w AS (PARTITION BY nhs_number, date, setting, pairing_key ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
    CREATE INDEX staged_halves_pair ON staged_halves (first, n, component);`)
}

/**
 * Stages the reading of every whole pair (neither half rejected, and `problemOf` finds nothing
 * wrong with the two together), group by group in pairing order, after the readings read whole:
 * one statement, so the common case never reaches JavaScript row by row.
 */
export function stagePairedReadings(db: StagingDb): void {
  db.exec(`INSERT OR IGNORE INTO staged_readings (nhs_number, date, systolic, diastolic, setting, measure)
    SELECT c.nhs_number, c.date, s.value, d.value, c.setting, c.measure
    FROM staged_halves s JOIN staged_halves d ON d.first = s.first AND d.n = s.n AND d.component = 'diastolic'
    JOIN staged_components c ON c.seq = s.seq
    WHERE s.component = 'systolic' AND s.rejected = 0 AND d.rejected = 0 AND bp_pair_problem(s.value, d.value) IS NULL
    ORDER BY s.first, s.n`)
}

const componentColumnNames = ['nhs_number', 'date', 'setting', 'pairing_key', 'measure', 'component', 'value', 'file', 'row', 'column_name', 'rejected']
const componentColumns = (half: 'h' | 'o', alias: string) => componentColumnNames.map((column) => `${alias}.${column} AS ${half}_${column}`).join(', ')
type HalvesRow = Record<string, string | number | null>

function componentOf(row: HalvesRow, half: 'h' | 'o'): BpComponentRecord {
  const at = (column: string) => row[`${half}_${column}`]
  return {
    nhsNumber: at('nhs_number') as string,
    date: at('date') as string,
    setting: at('setting') as BpComponentRecord['setting'],
    measure: at('measure') as BpComponentRecord['measure'],
    pairingKey: at('pairing_key') as string,
    component: at('component') as BpComponentRecord['component'],
    value: at('value') as number,
    source: { file: at('file') as string, row: at('row') as number },
    column: at('column_name') as string,
    rejected: at('rejected') === 1
  }
}

/**
 * The halves that do not make a reading and are not simply dropped, in pairing order: a pair whose
 * two values `problemOf` rejects together, and a half with no partner (not itself rejected). These
 * are few in a real export, and the caller words them (pairGroup, assemble-import.ts). Nothing is
 * written while they are read, so they are streamed rather than paged.
 */
export function* stagedPairingLeftovers(db: StagingDb): Generator<{ systolic?: BpComponentRecord; diastolic?: BpComponentRecord }> {
  const rows = db
    .prepare(
      // The halves are chosen first (materialised), so only those few are joined to their details.
      `WITH chosen AS MATERIALIZED (SELECT h.first, h.n, h.seq AS h_seq, o.seq AS o_seq FROM staged_halves h
         LEFT JOIN staged_halves o ON o.first = h.first AND o.n = h.n AND o.component <> h.component
         WHERE h.rejected = 0 AND (o.seq IS NULL
           OR (h.component = 'systolic' AND o.rejected = 0 AND bp_pair_problem(h.value, o.value) IS NOT NULL)))
       SELECT ${componentColumns('h', 'hc')}, ${componentColumns('o', 'oc')}, chosen.o_seq
       FROM chosen JOIN staged_components hc ON hc.seq = chosen.h_seq LEFT JOIN staged_components oc ON oc.seq = chosen.o_seq
       ORDER BY chosen.first, chosen.n`
    )
    .iterate() as IterableIterator<HalvesRow>
  for (const row of rows) {
    const half = componentOf(row, 'h')
    const other = row.o_seq === null ? undefined : componentOf(row, 'o')
    yield half.component === 'systolic' ? { systolic: half, diastolic: other } : { systolic: other, diastolic: half }
  }
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
  db.exec('DROP TABLE IF EXISTS staged_halves; DROP TABLE staged_components; DROP TABLE staged_ethnicity')
}

export function countStaged(db: StagingDb): { patients: number; readings: number; events: number } {
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  return { patients: count('staged_patients'), readings: count('staged_readings'), events: count('staged_events') }
}

/** Per NHS number, how many readings and events; a patient with none is absent. */
export interface FactCounts {
  readings: Map<string, number>
  events: Map<string, number>
}

/**
 * How many staged readings and events each of these patients has, counted by the staging indexes
 * (which start with the NHS number) rather than by walking every staged fact.
 */
export function countStagedFor(db: StagingDb, nhsNumbers: readonly string[]): FactCounts {
  const countIn = (table: 'staged_readings' | 'staged_events') => {
    const rows = db
      .prepare(`SELECT nhs_number, COUNT(*) AS n FROM ${table} WHERE nhs_number IN (SELECT value FROM json_each(?)) GROUP BY nhs_number`)
      .all(JSON.stringify(nhsNumbers)) as { nhs_number: string; n: number }[]
    return new Map(rows.map((r) => [r.nhs_number, r.n]))
  }
  return { readings: countIn('staged_readings'), events: countIn('staged_events') }
}

/**
 * The staged patients in file order. Each one's fields are parsed from their JSON when first asked
 * for: the preview walks every patient for their NHS number but looks at the fields of a sample
 * of twenty, and parsing every patient's JSON was most of that walk.
 */
export function* stagedPatients(db: StagingDb): Generator<StagedPatient> {
  const rows = db.prepare('SELECT nhs_number, fields_json FROM staged_patients ORDER BY seq').iterate() as IterableIterator<{
    nhs_number: string
    fields_json: string
  }>
  for (const row of rows) {
    let fields: Partial<PatientFields> | undefined
    yield {
      nhsNumber: row.nhs_number,
      get fields(): Partial<PatientFields> {
        fields ??= JSON.parse(row.fields_json) as Partial<PatientFields>
        return fields
      }
    }
  }
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
