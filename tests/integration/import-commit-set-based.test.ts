// The commit copies staged facts into the practice database with set-based SQL over the attached
// staging database (commit/import-write-queries.ts). A new patient's columns are worked out there
// from the staged fields' JSON, so they must be exactly what `storedValue` gives in JavaScript for
// any value a field can hold, from a staging file and from facts held in memory alike; and the
// staging database is detached however the commit ends.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { ImportCancelled, commitParsedImport } from '../../src/main/import/commit/commit-import'
import { patientColumns, storedValue } from '../../src/main/import/commit/import-write-queries'
import { parseImportFiles } from '../../src/main/import/import-service'
import type { ParsedImport, PatientFields } from '../../src/main/import/import-types'
import type { ImportFacts } from '../../src/main/import/stage/import-staging'
import {
  createAssemblyTables,
  createStagingTables,
  prepareAssemblyWriters,
  stagedFieldsJson,
  type StagedPatient
} from '../../src/main/import/stage/import-staging-queries'
import { createTestContext, type TestContext } from '../support/test-context'

const fixture = () => ({
  name: 'emis-events-hypertension.csv',
  bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports', 'emis-events-hypertension.csv')))
})

// Valid-looking NHS numbers are not needed here: the commit stores whatever was staged.
const nhs = (i: number) => String(9000000000 + i)

/** Field values that are awkward in JSON or in SQL, each on a patient of its own. */
const awkward: Partial<PatientFields>[] = [
  {},
  { givenName: undefined, familyName: null, addressLines: undefined, interpreterRequired: undefined, imdDecile: undefined },
  { givenName: '', familyName: "O'Brien", title: 'Dr', addressLines: [], interpreterRequired: false, imdDecile: 1 },
  {
    givenName: 'Zoë',
    familyName: 'Łukasiewicz-Smith',
    addressLines: ['Flat "3"', 'back\\slash', 'tab\there', 'new\nline'],
    interpreterRequired: true,
    imdDecile: 10
  },
  { givenName: '\u0001ctl', familyName: '😀 emoji', addressLines: ['\u001f', '</script>', 'a/b', '\ud800 lone', 'é'], email: 'a@b.example', imdDecile: null },
  { addressLines: null as unknown as string[], interpreterRequired: null, mobile: '07700 900123', postcode: 'sw1a 1aa', lsoa: 'E01000001' },
  { ethnicityText: 'White British', ethnicityCategory: 'A', imdVersion: 'IMD2019', mainLanguage: 'Polish', registrationStatus: 'Regular', usualGp: 'Dr X' }
]

/** Patients only (nobody has readings or events to count), held in memory. */
function inMemoryFacts(patients: StagedPatient[]): ImportFacts {
  return {
    counts: { patients: patients.length, readings: 0, events: 0 },
    stagingFile: null,
    patients: () => patients,
    readings: () => [],
    events: () => [],
    countsFor: () => ({ readings: new Map(), events: new Map() })
  }
}

/** The same patients written to a staging file, which the commit attaches and copies from. */
function stagingFileFacts(path: string, patients: StagedPatient[]): ImportFacts {
  const staging = new Database(path)
  createStagingTables(staging)
  createAssemblyTables(staging)
  const write = prepareAssemblyWriters(staging)
  for (const p of patients) write.newPatient(p.nhsNumber, stagedFieldsJson(p.fields), '{}')
  staging.close()
  return { ...inMemoryFacts(patients), stagingFile: path }
}

/** The parsed import of a small fixture with its facts taken away: the commit writes the facts given. */
function parsedWithoutFacts(c: TestContext): ParsedImport {
  return { ...parseImportFiles(c, [fixture()], 'auto'), patients: [], readings: [], events: [] }
}

const attached = (c: TestContext) => (c.db.pragma('database_list') as { name: string }[]).map((d) => d.name).filter((n) => n !== 'temp')

let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

describe('a new patient copied from the staging database', () => {
  const patients: StagedPatient[] = awkward.map((fields, i) => ({ nhsNumber: nhs(i), fields }))

  for (const [how, factsFor] of [
    ['held in memory', () => inMemoryFacts(patients)],
    ['in a staging file', (c: TestContext) => stagingFileFacts(join(c.folder, 'staging.sqlite'), patients)]
  ] as const) {
    test(`stores every column as storedValue gives it, whatever the field holds (facts ${how})`, () => {
      const c = (ctx = createTestContext())
      const result = commitParsedImport(c, parsedWithoutFacts(c), { backup: false }, factsFor(c))
      expect(result.patientsAdded).toBe(patients.length)
      const read = c.db.prepare(`SELECT nhs_number, ${patientColumns.map(([, column]) => column).join(', ')} FROM patients ORDER BY id`)
      const rows = read.all() as Record<string, unknown>[]
      expect(rows.map((r) => r.nhs_number)).toEqual(patients.map((p) => p.nhsNumber))
      rows.forEach((row, i) => {
        const fields = JSON.parse(stagedFieldsJson(patients[i]!.fields)) as Partial<PatientFields>
        for (const [key, column] of patientColumns) expect([i, column, row[column]]).toEqual([i, column, storedValue(key, fields[key])])
      })
      expect(attached(c)).toEqual(['main'])
    })
  }
})

describe('the staging database attached for a commit', () => {
  const patients: StagedPatient[] = Array.from({ length: 2_500 }, (_, i) => ({ nhsNumber: nhs(i), fields: { givenName: `P${i}` } }))

  test('is detached after a commit, a cancelled commit and a failed one', () => {
    const c = (ctx = createTestContext())
    expect(() => commitParsedImport(c, parsedWithoutFacts(c), { backup: false, shouldCancel: () => true }, inMemoryFacts(patients))).toThrow(ImportCancelled)
    expect(attached(c)).toEqual(['main'])
    const fail = () => {
      throw new Error('disk full')
    }
    expect(() => commitParsedImport(c, parsedWithoutFacts(c), { backup: false, onProgress: fail }, inMemoryFacts(patients))).toThrow(/disk full/)
    expect(attached(c)).toEqual(['main'])
    expect(c.db.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(0)
    commitParsedImport(c, parsedWithoutFacts(c), { backup: false }, stagingFileFacts(join(c.folder, 'staging.sqlite'), patients))
    expect(attached(c)).toEqual(['main'])
    expect(c.db.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(patients.length)
  })
})
