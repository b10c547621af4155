// How many rows each table an import writes holds: taken before and after an import that must leave
// the database as it was (cancelled, killed, refused), and compared.
import type Database from 'better-sqlite3'

const importTables = [
  'patients',
  'patient_history',
  'bp_readings',
  'coded_events',
  'imports',
  'import_files',
  'import_rejects',
  'import_patients',
  'activity_log'
]

export function importTableCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(importTables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]))
}
