// What a migration's test reads back from SQLite's own catalogue: the columns of a table, the
// indexes on it, and whether a table exists — asserted against the real file, not the SQL text.
import type Database from 'better-sqlite3'

export interface ColumnInfo {
  name: string
  type: string
  notnull: 0 | 1
  dflt_value: string | null
  pk: number
}

export function columnsOf(db: Database.Database, table: string): ColumnInfo[] {
  return (db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as (ColumnInfo & { cid: number })[]).map(
    ({ name, type, notnull, dflt_value, pk }) => ({
      name,
      type,
      notnull,
      dflt_value,
      pk
    })
  )
}

export function columnNamesOf(db: Database.Database, table: string): string[] {
  return columnsOf(db, table).map((c) => c.name)
}

export function tableNames(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
}

/** The named indexes on a table (SQLite's automatic ones for UNIQUE / PRIMARY KEY left out). */
export function indexNamesOn(db: Database.Database, table: string): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table) as string[]
}

/** The indexed columns (or expressions, shown as null by SQLite) of one index, in order. */
export function indexColumns(db: Database.Database, index: string): (string | null)[] {
  return (db.prepare(`PRAGMA index_xinfo(${JSON.stringify(index)})`).all() as { key: number; name: string | null }[])
    .filter((c) => c.key === 1)
    .map((c) => c.name)
}
