// The column_mappings table (migration 0002): one saved mapping per header layout, by the hash of
// the layout's normalised captions, with the captions and roles as JSON.
import type { ReadableDb, WritableDb } from '../../db/database-access'

export interface MappingRow {
  layout_hash: string
  captions_json: string
  roles_json: string
  saved_at: string
  saved_by: string
}

export function mappingRowFor(db: ReadableDb, layoutHash: string): MappingRow | undefined {
  return db.prepare('SELECT * FROM column_mappings WHERE layout_hash = ?').get(layoutHash) as MappingRow | undefined
}

/** Every saved mapping, the most recently saved first. */
export function allMappingRows(db: ReadableDb): MappingRow[] {
  return db.prepare('SELECT * FROM column_mappings ORDER BY saved_at DESC').all() as MappingRow[]
}

/** Saves the layout's mapping, replacing any saved before for the same layout. */
export function upsertMapping(w: WritableDb, row: MappingRow): void {
  w.prepare(
    `INSERT INTO column_mappings (layout_hash, captions_json, roles_json, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (layout_hash) DO UPDATE SET captions_json = excluded.captions_json, roles_json = excluded.roles_json,
       saved_at = excluded.saved_at, saved_by = excluded.saved_by`
  ).run(row.layout_hash, row.captions_json, row.roles_json, row.saved_at, row.saved_by)
}

/** Removes the layout's saved mapping; false when there was none. */
export function deleteMapping(w: WritableDb, layoutHash: string): boolean {
  return w.prepare('DELETE FROM column_mappings WHERE layout_hash = ?').run(layoutHash).changes > 0
}
