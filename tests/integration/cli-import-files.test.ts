// `clinic-recall import FILE…` with a file that cannot be an export: missing, a folder, or far larger
// than any practice report. Each is one plain line on stderr naming the file, exit 1, the database
// unchanged — and the oversized file is refused by its size, before it is read into memory.
import { createHash } from 'node:crypto'
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { runCliCaptured } from '../support/run-cli'
import { openDatabase } from '../../src/main/db/connection'
import { createTestContext, type TestContext } from '../support/test-context'

/** The closed database file's hash (every change was checkpointed into it when it closed). */
const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

async function importWithCli(path: string, file: string) {
  return runCliCaptured(['--db', path, 'import', file])
}

test.each([
  [
    'a file that does not exist',
    (folder: string) => join(folder, 'no-such-export.csv'),
    /"[^"]*no-such-export\.csv" does not exist: check the folder and the file name\. Nothing was imported\./
  ],
  [
    'a folder',
    (folder: string) => {
      mkdirSync(join(folder, 'exports'))
      return join(folder, 'exports')
    },
    /"[^"]*exports" is a folder, not a file: name the export file inside it\. Nothing was imported\./
  ],
  [
    'a 3 GB file (sparse: nothing is written to the disk)',
    (folder: string) => {
      const path = join(folder, 'disk-image.csv')
      const fd = openSync(path, 'w')
      ftruncateSync(fd, 3 * 1024 ** 3)
      closeSync(fd)
      return path
    },
    /"[^"]*disk-image\.csv" is 3,072 MB, larger than the 500 MB an export can be: no practice report is this big, so it is probably not the right file\./
  ]
])('%s: one plain line naming it, exit 1, the database unchanged', async (_name, make, message) => {
  ctx = createTestContext()
  const path = ctx.databasePath
  ctx.db.close()
  const before = fileHash(path)
  const heapBefore = process.memoryUsage().rss
  const result = await importWithCli(path, make(ctx.folder))
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(message)
  expect(
    result.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('Warning:'))
  ).toHaveLength(1)
  expect(result.stdout).toBe('')
  // The 3 GB file was never loaded: the process grew by far less than its size.
  expect(process.memoryUsage().rss - heapBefore).toBeLessThan(1024 ** 3)
  expect(fileHash(path)).toBe(before)
  ctx.db = openDatabase(path)
})
