// What every capability service gets: the database, who is acting, the clock, and where main may
// write files. Front ends build one and pass it in; tests build one with a fixed clock.
import type { ReadableDb, WritableDb } from './db/database-access'
import type { UserT } from '../shared/contract'

export interface ServiceContext {
  db: WritableDb
  /** Path of the database file (":memory:" in some tests). */
  databasePath: string
  /** Folder main writes generated documents into (never chosen by the renderer). */
  documentsFolder: string
  /** Who is acting: the staff member picked at start (UI) or the OS user (CLI). */
  currentUser(): UserT | null
  setCurrentUser(user: UserT): void
  /** The clock; tests fix it so as-of dates and timestamps are deterministic. */
  now(): Date
}

/**
 * The context of code that only reads: the same, but its database cannot be written through.
 * A ServiceContext can be passed wherever this is asked for; the reverse does not type-check.
 */
export type ReadingContext = Omit<ServiceContext, 'db'> & { db: ReadableDb }

export function actorName(ctx: ServiceContext): string {
  return ctx.currentUser()?.name ?? 'unknown user'
}

/** Today as YYYY-MM-DD in local time (the practice's calendar day). */
export function todayIso(ctx: Pick<ServiceContext, 'now'>): string {
  const d = ctx.now()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
