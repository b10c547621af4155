// The sha256 of a test database's file, with the WAL folded in first: equal before and after means
// a refused import left the database byte-identical.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { TestContext } from './test-context'

export function databaseFileHash(ctx: TestContext): string {
  ctx.db.pragma('wal_checkpoint(TRUNCATE)')
  return createHash('sha256').update(readFileSync(ctx.databasePath)).digest('hex')
}
