// An import staged as its rows are read (stage/staged-assembly.ts) is the same import as one read
// whole into memory (assemble-import.ts): the same patients with the same merged details in the
// same order, the same readings and events each once, the same rejects, conflicts and warnings,
// and the same preview. Checked on every CSV fixture and on several files read together (one file
// twice, two runs of a report, two files that disagree about a patient), and on a synthetic
// export bigger than the reader's hand-over interval.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { describeParsedImport, importFiles, parseAndStageImportFiles, parseImportFiles, type ImportFileBytes } from '../../src/main/import/import-service'
import { rowProgressEvery } from '../../src/main/import/read/read-export-file'
import { stagingPathFor } from '../../src/main/import/stage/import-staging'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
const folder = join(root, 'tests/fixtures/imports')
const fileAt = (path: string): ImportFileBytes => ({ name: path.split('/').pop() ?? path, bytes: new Uint8Array(readFileSync(join(folder, path))) })
const text = (name: string, csv: string): ImportFileBytes => ({ name, bytes: new TextEncoder().encode(csv) })
// The staging file keeps an absent value as null, as a staged preview always has.
const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v))) as T

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

function bothWays(files: ImportFileBytes[]) {
  ctx = createTestContext()
  const inMemory = parseImportFiles(ctx, files, 'auto')
  const memoryPreview = describeParsedImport(ctx, 'p', inMemory).preview
  const staged = parseAndStageImportFiles(ctx, files, 'auto', stagingPathFor(ctx.databasePath))
  try {
    const facts = {
      patients: [...staged.facts.patients()],
      readings: [...staged.facts.readings()],
      events: [...staged.facts.events()]
    }
    const stagedPreview = describeParsedImport(ctx, 'p', staged.parsed, staged.facts).preview
    return { inMemory, memoryPreview, staged: staged.parsed, facts, stagedPreview }
  } finally {
    staged.drop()
  }
}

function expectSame(files: ImportFileBytes[]): void {
  const { inMemory, memoryPreview, staged, facts, stagedPreview } = bothWays(files)
  expect(facts.patients).toEqual(asStored(inMemory.patients))
  expect(facts.readings).toEqual(inMemory.readings)
  expect(facts.events).toEqual(inMemory.events)
  const { patients: _p, readings: _r, events: _e, ...rest } = inMemory
  const { patients: sp, readings: sr, events: se, ...stagedRest } = staged
  expect([sp, sr, se]).toEqual([[], [], []])
  expect(stagedRest).toEqual(rest)
  expect(stagedPreview).toEqual(memoryPreview)
}

// The custom-layout and code-list files need a column mapping first; the rest read as they are.
const csvFixtures = ['', 'quirks'].flatMap((sub) =>
  readdirSync(join(folder, sub))
    .filter((n) => /\.(csv|txt)$/.test(n) && n !== 'emis-report-saved-as-html.csv')
    .map((n) => (sub ? `${sub}/${n}` : n))
)

describe('staged as read, the same import as read whole', () => {
  test.each(csvFixtures)('%s', (name) => {
    expectSame([fileAt(name)])
  })

  test('one file chosen twice, and two runs of one report', () => {
    expectSame([fileAt('emis-events-hypertension.csv'), fileAt('emis-events-hypertension.csv')])
    ctx?.cleanup()
    expectSame([fileAt('emis-events-hypertension.csv'), fileAt('emis-events-hypertension-next-month.csv')])
  })

  test('two files that disagree about a patient: the same conflicts, the later details used', () => {
    const first = readFileSync(join(folder, 'emis-events-hypertension.csv'), 'utf8')
    const second = first.replace('05-Mar-1958,F', '06-Mar-1958,M').replace('sw1a 1aa', '')
    expect(second).not.toBe(first)
    const { staged } = bothWays([text('a.csv', first), text('b.csv', second)])
    expect(staged.conflicts.map((c) => c.column)).toEqual(['Date of Birth', 'Gender'])
    ctx?.cleanup()
    expectSame([text('a.csv', first), text('b.csv', second)])
  })

  test('a synthetic export read over several hand-overs', () => {
    const { csv } = generateSyntheticEmisExport({ patients: 4000, seed: 11, asOf: '2026-11-01' })
    expect(csv.split('\n').length).toBeGreaterThan(2 * rowProgressEvery)
    expectSame([text('big.csv', csv)])
  })

  test('the one-step import of a database file stages as it reads and leaves no staging file', () => {
    ctx = createTestContext()
    const result = importFiles(ctx, [fileAt('emis-events-hypertension.csv')], 'auto')
    expect(result.patientsAdded).toBeGreaterThan(0)
    expect(readdirSync(ctx.folder).filter((n) => n.includes('.import-staging-'))).toEqual([])
  })
})
