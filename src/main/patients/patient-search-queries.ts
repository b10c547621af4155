// The reads behind "Find a patient": one statement per kind of search, each answered from its own
// index (migration 0016), so none reads every patient row. Each returns at most `limit` rows in the
// order the list shows them, and a count of every match so the screen can say how many it left out.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface PatientSearchRow {
  id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  postcode: string | null
  registration_status: string | null
  /** 1 when the latest run of the export that listed the patient no longer did. */
  not_in_export: number
}

export interface PatientSearchRows {
  rows: PatientSearchRow[]
  total: number
}

const columns = `p.id, p.nhs_number, p.title, p.given_name, p.family_name, p.date_of_birth, p.postcode, p.registration_status,
                 (p.not_in_export_since_import_id IS NOT NULL) AS not_in_export`

const byName = 'lower(p.family_name), lower(p.given_name), p.date_of_birth, p.nhs_number'

// The indexed expressions, written exactly as migration 0016 indexes them (SQLite uses an
// expression index only for the same expression).
const compactPostcode = "replace(upper(p.postcode), ' ', '')"
const reversedNhsNumber = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `substr(p.nhs_number, ${i}, 1)`).join(' || ')

function found(db: ReadableDb, where: string, order: string, params: readonly unknown[], limit: number, from = 'patients p'): PatientSearchRows {
  const rows = db.prepare(`SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...params, limit) as PatientSearchRow[]
  // Fewer than asked for: that is all of them, no need to count.
  const total =
    rows.length < limit
      ? rows.length
      : (db
          .prepare(`SELECT COUNT(*) FROM ${from} WHERE ${where}`)
          .pluck()
          .get(...params) as number)
  return { rows, total }
}

/** The patient with this (checked, normalised) NHS number, if any. */
export function searchByNhsNumber(db: ReadableDb, nhsNumber: string, limit: number): PatientSearchRows {
  return found(db, 'p.nhs_number = ?', byName, [nhsNumber], limit)
}

/** Patients whose NHS number ends with these digits: a range of the reversed-number index. */
export function searchByNhsNumberEnding(db: ReadableDb, digits: string, limit: number): PatientSearchRows {
  const reversed = [...digits].reverse().join('')
  // ':' sorts straight after '9': every number that starts (backwards) with these digits is in range.
  return found(db, `${reversedNhsNumber} >= ? AND ${reversedNhsNumber} < ?`, byName, [reversed, `${reversed}:`], limit)
}

export function searchByDateOfBirth(db: ReadableDb, dateOfBirth: string, limit: number): PatientSearchRows {
  return found(db, 'p.date_of_birth = ?', byName, [dateOfBirth], limit)
}

/** A whole postcode (upper case, no spaces: "SW1A1AA"). */
export function searchByPostcode(db: ReadableDb, compact: string, limit: number): PatientSearchRows {
  return found(db, `${compactPostcode} = ?`, byName, [compact], limit)
}

/**
 * Every postcode of an outward code ("SW1A"): postcodes that start with it and have exactly three
 * characters more (the inward code), so SE1 does not also find SE10–SE19. Listed by postcode, then
 * name, which the index holds in that order: the first page needs no sort of the whole district.
 */
export function searchByOutwardCode(db: ReadableDb, outward: string, limit: number): PatientSearchRows {
  return found(
    db,
    `${compactPostcode} >= ? AND ${compactPostcode} < ? AND length(${compactPostcode}) = ?`,
    `${compactPostcode}, ${byName}`,
    [outward, `${outward}~`, outward.length + 3],
    limit
  )
}

/** Whether some patient's name is new or changed since the name index was last brought up to date. */
export function hasNamesToIndex(db: ReadableDb): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM patient_names_to_index)').pluck().get() === 1
}

/**
 * Brings the name index up to date with every patient noted (migration 0016's triggers): their old
 * words out, their current names in, in one statement each — the index writes its words out once,
 * not once a patient. A patient removed by hand has no row in the view, so only their words go.
 */
export function indexNotedNames(w: WritableDb): number {
  w.prepare('DELETE FROM patient_name_search WHERE rowid IN (SELECT patient_id FROM patient_names_to_index)').run()
  const indexed = w
    .prepare(
      'INSERT INTO patient_name_search (rowid, names) SELECT id, names FROM patient_search_names WHERE id IN (SELECT patient_id FROM patient_names_to_index)'
    )
    .run().changes
  w.prepare('DELETE FROM patient_names_to_index').run()
  return indexed
}

/** Above this many matches a name search walks the name index instead of sorting the matches (both measured in `npm run bench -- patients`). */
const SORT_AT_MOST = 2000

/**
 * Patients with a name word starting with each of `words` (folded, searchFold), in any order: a
 * full-text match, each word a prefix query quoted so nothing typed is read as a query operator.
 * Counting the matches costs well under a millisecond; a few are fetched and sorted, many (a letter
 * or two typed) are found by walking every patient in name order until the page is full.
 */
export function searchByName(db: ReadableDb, words: readonly string[], limit: number): PatientSearchRows {
  const match = words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' ')
  const total = db.prepare('SELECT COUNT(*) FROM patient_name_search WHERE patient_name_search MATCH ?').pluck().get(match) as number
  const rows =
    total <= SORT_AT_MOST
      ? db
          .prepare(
            `SELECT ${columns} FROM patient_name_search s JOIN patients p ON p.id = s.rowid WHERE patient_name_search MATCH ? ORDER BY ${byName} LIMIT ?`
          )
          .all(match, limit)
      : db
          .prepare(
            `SELECT ${columns} FROM patients p INDEXED BY patients_by_name
              WHERE p.id IN (SELECT rowid FROM patient_name_search WHERE patient_name_search MATCH ?) ORDER BY ${byName} LIMIT ?`
          )
          .all(match, limit)
  return { rows: rows as PatientSearchRow[], total }
}
