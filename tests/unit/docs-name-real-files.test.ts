// The repository's docs name the files where each rule and control lives. A file moved or split
// without its docs updated leaves the next engineer (and the hazard log's reader) at a dead end, so
// every `src/…` or `tests/…` path a doc names must exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
const docs = [
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
  'README.md'
]

test('every src/ or tests/ path named in the docs and README exists', () => {
  const named = docs.flatMap((doc) =>
    [...readFileSync(join(root, doc), 'utf8').matchAll(/`((?:src|tests)\/[A-Za-z0-9_./-]+)`/g)]
      .map((m) => m[1] as string)
      // A pattern for a new file ("NNNN_name.sql") is a template, not a file.
      .filter((path) => !path.includes('NNNN'))
      .map((path) => ({ doc, path }))
  )
  expect(named.length).toBeGreaterThan(100)
  expect(named.filter(({ path }) => !existsSync(join(root, path)))).toEqual([])
})
