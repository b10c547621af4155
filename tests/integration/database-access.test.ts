// The readable/writable split holds at run time too: a connection opened for reading refuses a
// write at SQLite level, whatever statement it is handed. (At compile time, a write query will not
// accept a ReadableDb: the type checker rejects the call marked below.)
import { afterEach, expect, test } from 'vitest'
import { openReadOnlyDatabase } from '../../src/main/db/connection'
import type { ReadableDb } from '../../src/main/db/database-access'
import { insertActivity, latestActivity } from '../../src/main/activity-log-queries'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext | undefined
afterEach(() => ctx?.cleanup())

const entry = { at: '2026-11-22T10:00:00.000Z', userName: 'Test Pharmacist', role: 'clinician', action: 'test.write', summary: 'A write', detailsJson: '{}' }

// Never called: it exists for the type checker, which must refuse to hand a ReadableDb to a write.
export function writingThroughAReader(reader: ReadableDb): void {
  // @ts-expect-error a write query needs a WritableDb
  insertActivity(reader, entry)
}

test('a read-only connection reads what the writer wrote and refuses any write', () => {
  ctx = createTestContext()
  insertActivity(ctx.db, entry)
  const { reader, close } = openReadOnlyDatabase(ctx.databasePath)
  try {
    expect(latestActivity(reader, 5).map((e) => e.summary)).toEqual(['A write'])
    expect(() => insertActivity(reader as never, entry)).toThrow(/readonly/i)
    expect(latestActivity(ctx.db, 5)).toHaveLength(1)
  } finally {
    close()
  }
})
