// Every migration file has its own test file here, named by its number: a new migration cannot land
// without a test that builds the version before it, applies it, and checks what it promises. Stale
// test files (a number no migration has) are refused too, so the pairing stays one to one.
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { migrations } from '../../../src/main/db/migrations'

const root = resolve(__dirname, '../../..')
const migrationFolder = join(root, 'src/main/db/migrations')
const testFolder = join(root, 'tests/integration/migrations')

const migrationNumbers = readdirSync(migrationFolder)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => /^(\d{4})_/.exec(f)?.[1] ?? `(unnumbered: ${f})`)
  .sort()
const testedNumbers = new Set(
  readdirSync(testFolder)
    .map((f) => /^(\d{4})-.+\.test\.ts$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
)

test('the migration folder holds the migrations the runner applies', () => {
  // Guards the guard: an empty or misread folder would make the next test pass with nothing checked.
  expect(migrationNumbers).toEqual(migrations.map((m) => String(m.version).padStart(4, '0')))
})

test('every migration NNNN has a tests/integration/migrations/NNNN-*.test.ts', () => {
  const missing = migrationNumbers.filter((n) => !testedNumbers.has(n))
  expect(missing, `migrations without a test file tests/integration/migrations/NNNN-<name>.test.ts: ${missing.join(', ')}`).toEqual([])
})

test('every numbered test file here belongs to a migration', () => {
  const stale = [...testedNumbers].filter((n) => !migrationNumbers.includes(n)).sort()
  expect(stale, `test files for migrations that do not exist: ${stale.join(', ')}`).toEqual([])
})
