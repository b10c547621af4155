// Two views of one SQLite connection, so the type checker knows which code may write.
//
// A ReadableDb can prepare statements and read pragmas; it has no transaction, exec or close. A
// WritableDb is the whole connection. Only `openDatabase` (and tests) mint a WritableDb; code that
// only reads is handed a ReadableDb, and a write query (which takes a WritableDb) will not accept
// one. Every query in a `*-queries.ts` file names which it needs, so the signature says whether a
// function can change the practice's data.
import type Database from 'better-sqlite3'

declare const readableBrand: unique symbol
declare const writableBrand: unique symbol

export type ReadableDb = Pick<Database.Database, 'prepare' | 'pragma' | 'name' | 'inTransaction'> & { readonly [readableBrand]: true }

export type WritableDb = Database.Database & ReadableDb & { readonly [writableBrand]: true }

/** The connection `openDatabase` made, typed as writable. Only the opener calls this. */
export function asWritable(connection: Database.Database): WritableDb {
  return connection as WritableDb
}
