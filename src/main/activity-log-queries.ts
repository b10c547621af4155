// The activity log's reads and writes. The log is append-only: there is no update or delete here.
import type { ReadableDb, WritableDb } from './db/database-access'

export interface NewActivityEntry {
  at: string
  userName: string
  role: string
  action: string
  summary: string
  detailsJson: string
}

export function insertActivity(w: WritableDb, entry: NewActivityEntry): void {
  w.prepare('INSERT INTO activity_log (at, user_name, role, action, summary, details_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.at,
    entry.userName,
    entry.role,
    entry.action,
    entry.summary,
    entry.detailsJson
  )
}

export interface ActivityRow {
  at: string
  user: string
  role: string
  action: string
  summary: string
}

/** The newest entries first. */
export function latestActivity(db: ReadableDb, limit: number): ActivityRow[] {
  return db.prepare('SELECT at, user_name AS user, role, action, summary FROM activity_log ORDER BY id DESC LIMIT ?').all(limit) as ActivityRow[]
}

/** Staff names in the log (never the placeholder "unknown user"), most recently active first. */
export function activeUserNames(db: ReadableDb, limit: number): string[] {
  return db
    .prepare(
      `SELECT user_name FROM activity_log WHERE user_name <> 'unknown user'
       GROUP BY user_name ORDER BY MAX(id) DESC LIMIT ?`
    )
    .pluck()
    .all(limit) as string[]
}

/** The summary of the newest entry for an action, if any. */
export function latestSummaryOf(db: ReadableDb, action: string): string | undefined {
  return db.prepare('SELECT summary FROM activity_log WHERE action = ? ORDER BY id DESC LIMIT 1').pluck().get(action) as string | undefined
}
