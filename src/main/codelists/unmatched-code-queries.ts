// Named queries over the codes imports could not match (import_unmatched_codes, migration 0011).
import type { WritableDb } from '../db/database-access'
import type { CodeFinding } from '../import/import-types'

/** Written by the import's own transaction (commit-import.ts), so it lands or rolls back with it. */
export function storeCodeFindings(db: WritableDb, importId: number, findings: readonly CodeFinding[], termOnlyMatches: number): void {
  const insert = db.prepare('INSERT INTO import_unmatched_codes (import_id, code, term, matched_as, events, patients) VALUES (?, ?, ?, ?, ?, ?)')
  for (const f of findings) insert.run(importId, f.code, f.term, f.matchedAs, f.events, f.patients)
  db.prepare('UPDATE imports SET term_only_matches = ? WHERE id = ?').run(termOnlyMatches, importId)
}

export interface StoredCodeFinding {
  importId: number
  importedAt: string
  /** NULL for imports older than the report key; each such import then counts as its own report. */
  reportKey: string | null
  code: string
  term: string
  matchedAs: string | null
  events: number
  patients: number
}

/** Every stored finding of every import, oldest import first. */
export function storedCodeFindings(db: WritableDb): StoredCodeFinding[] {
  return db
    .prepare(
      `SELECT u.import_id AS importId, i.imported_at AS importedAt, i.report_key AS reportKey,
              u.code, u.term, u.matched_as AS matchedAs, u.events, u.patients
       FROM import_unmatched_codes u JOIN imports i ON i.id = u.import_id
       ORDER BY u.import_id, u.id`
    )
    .all() as StoredCodeFinding[]
}

/** The files of each import, for naming an import the way Import history does. */
export function importFileNames(db: WritableDb): Map<number, string[]> {
  const rows = db.prepare('SELECT import_id AS importId, file_name AS fileName FROM import_files ORDER BY id').all() as { importId: number; fileName: string }[]
  const names = new Map<number, string[]>()
  for (const r of rows) {
    const list = names.get(r.importId) ?? []
    list.push(r.fileName)
    names.set(r.importId, list)
  }
  return names
}
