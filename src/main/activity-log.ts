// Who imported, built, invited, exported what and when (spec §8). Written inside the same
// transaction as the change it describes.
import type { Db } from './db/connection'
import type { ServiceContext } from './context'

export function logActivity(
  ctx: Pick<ServiceContext, 'currentUser' | 'now'>,
  db: Db,
  action: string,
  summary: string,
  details: Record<string, unknown> = {}
): void {
  const user = ctx.currentUser()
  db.prepare(
    'INSERT INTO activity_log (at, user_name, role, action, summary, details_json) VALUES (?, ?, ?, ?, ?, ?)'
  ).run(ctx.now().toISOString(), user?.name ?? 'unknown user', user?.role ?? 'unknown', action, summary, JSON.stringify(details))
}

export function listActivity(db: Db, limit = 500) {
  return db
    .prepare('SELECT at, user_name AS user, role, action, summary FROM activity_log ORDER BY id DESC LIMIT ?')
    .all(limit) as { at: string; user: string; role: string; action: string; summary: string }[]
}
