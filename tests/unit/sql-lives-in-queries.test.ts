// SQL is written in one kind of place: a capability's `*-queries.ts` files of named queries (plus
// the database layer itself). A service that prepares its own statement fails this test, so the
// next engineer finds every read and write of a table by looking in the queries files.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
const main = join(root, 'src/main')

// Where SQL is allowed besides the queries files, and why.
const allowed: Record<string, string> = {
  'src/main/db/': 'opening, migrating and checking the database is the storage layer itself',
  'src/main/backups/': 'copies and checks of whole database files (VACUUM INTO, quick_check), not queries of its data',
  'src/main/bench.ts': 'seeds synthetic PCN-scale data and times raw reads as the floor the app is measured against',
  'src/main/bench-import-floors.ts': "times the import's stored rows copied in raw SQL, the floor the app's import is measured against"
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

const isAllowed = (path: string) => /-queries\.ts$/.test(path) || Object.keys(allowed).some((prefix) => path.startsWith(prefix))

test('every prepared statement in the main process is in a *-queries.ts file', () => {
  const files = sourceFiles(main).map((path) => relative(root, path))
  expect(files.filter((path) => path.endsWith('-queries.ts')).length).toBeGreaterThan(8)
  const found = files
    .filter((path) => !isAllowed(path))
    .flatMap((path) =>
      readFileSync(join(root, path), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\.(prepare|exec)\(\s*['"`]?\s*$|\.(prepare|exec)\(\s*['"`]/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []))
    )
  expect(found).toEqual([])
})
