import { afterEach, expect, test, vi } from 'vitest'
import { savingFailure } from '../../src/main/import/commit/saving-failure'
import { AppError } from '../../src/shared/result'

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code })

afterEach(() => vi.restoreAllMocks())

test.each([
  ['SQLITE_FULL', 'database or disk is full', /the disk is full\. Free some disk space, then try again\.$/],
  ['SQLITE_BUSY', 'database is locked', /another window or the command line was saving .* Try again in a moment\.$/],
  ['SQLITE_READONLY', 'attempt to write a readonly database', /cannot be written to/],
  ['SQLITE_CORRUPT', 'database disk image is malformed', /damaged\. Close Clinic Recall and restore the newest backup/],
  ['SQLITE_IOERR', 'disk I/O error', /Something unexpected went wrong/]
])('%s ("%s") is told in plain words, never the engine\'s', (code, engineWords, plain) => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const shape = savingFailure(sqliteError(code, engineWords))
  expect(shape.message).toMatch(/^The import was not saved: nothing was imported and the database is as it was\. /)
  expect(shape.message).toMatch(plain)
  expect(shape.message).not.toContain(engineWords)
  expect(shape.message).not.toMatch(/SQLITE|Error:/)
})

test("the importer's own refusal keeps its words and code", () => {
  const shape = savingFailure(new AppError('conflict', 'The database changed since the preview; preview the file again.'))
  expect(shape).toEqual({ code: 'conflict', message: 'The database changed since the preview; preview the file again.', details: undefined })
})
