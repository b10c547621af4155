// The floors the bench prints beside the import figure besides sqlite3's raw `.import`: each is one
// part of an import's work done with nothing of ours around it — parsing the file, and storing what
// the import stored in the practice's own tables — so the import's figure can be read as those parts
// plus ours (reading each row, checking it, staging, pairing, the backup).
import { readFileSync } from 'node:fs'
import type Papa from 'papaparse'
import { openDatabase } from './db/connection'
import { loadOnFirstUse } from './load-on-first-use'

/** papaparse reading the whole file row by row, each row only counted. */
export function csvParseFloor(file: string): { ms: number; rows: number } {
  const text = readFileSync(file, 'utf8')
  const papa = loadOnFirstUse<typeof Papa>('papaparse')
  const started = performance.now()
  let rows = 0
  papa.parse<string[]>(text, { header: false, skipEmptyLines: false, step: () => void rows++ })
  return { ms: performance.now() - started, rows }
}

/**
 * The patients, readings and coded events an import stored, copied by INSERT … SELECT into a new,
 * empty practice database (`databasePath`, at the same schema) in one transaction, its import row
 * copied first so the foreign keys hold. The bare table of the raw `.import` has no index; these
 * tables keep six on patients (search, changed facts) and two each on readings and events (one of
 * them refusing duplicates), which a real import writes too.
 */
export function practiceTablesFloor(importedDatabase: string, databasePath: string): { ms: number; rows: number } {
  const db = openDatabase(databasePath)
  try {
    db.prepare('ATTACH DATABASE ? AS imported').run(importedDatabase)
    db.exec('INSERT INTO main.imports SELECT * FROM imported.imports')
    const started = performance.now()
    const rows = db.transaction(
      () =>
        db.prepare('INSERT INTO main.patients SELECT * FROM imported.patients ORDER BY id').run().changes +
        db.prepare('INSERT INTO main.bp_readings SELECT * FROM imported.bp_readings ORDER BY id').run().changes +
        db.prepare('INSERT INTO main.coded_events SELECT * FROM imported.coded_events ORDER BY id').run().changes
    )()
    return { ms: performance.now() - started, rows }
  } finally {
    db.close()
  }
}
