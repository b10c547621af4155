// The settings table: one JSON value per key.
import type { ReadableDb, WritableDb } from '../db/database-access'

export function readSettingJson(db: ReadableDb, key: string): string | undefined {
  return db.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(key) as string | undefined
}

export function writeSettingJson(w: WritableDb, key: string, valueJson: string): void {
  w.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json').run(key, valueJson)
}
