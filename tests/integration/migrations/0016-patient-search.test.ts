// Migration 0016: the indexes "Find a patient" reads. A database at version 15 with patients keeps
// every row as it was; afterwards each kind of search finds those patients through its own index
// (never a read of every patient), the name index follows later inserts and renames by itself, and
// it folds exactly the letters the typed search folds.
import { afterEach, describe, expect, it } from 'vitest'
import { schemaVersion } from '../../../src/main/db/migrations'
import { asWritable } from '../../../src/main/db/database-access'
import type { ServiceContext } from '../../../src/main/context'
import { bringNameIndexUpToDate, findPatients } from '../../../src/main/patients/patient-search'
import { separateLetterFoldings } from '../../../src/shared/domain/patient-search-query'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { indexNamesOn, tableNames } from '../../support/schema-inspection'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

function seedVersion15(db: DatabaseAtVersion['db']) {
  const add = db.prepare(
    `INSERT INTO patients (nhs_number, title, given_name, family_name, date_of_birth, postcode, registration_status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')`
  )
  add.run('9434765919', 'Ms', 'Zoë', 'García', '1960-12-02', 'SW1A 1AA', 'Regular')
  add.run('9434765870', 'Mr', 'Seán', "O'Brien", '1948-03-15', 'se10 9nr', 'Regular')
  add.run('9434765862', 'Mrs', 'Anna', 'Łukasiewicz', '1955-07-01', 'SE1 7PB', 'Deceased')
  add.run('9434765854', null, 'Mary-Anne', 'Smith-Jones', null, null, null)
  for (let i = 0; i < 200; i++) add.run(String(9000000000 + i), 'Mr', `Given${i}`, `Family${i}`, '1970-01-01', `E${(i % 9) + 1} ${i % 10}AB`, 'Regular')
}

function serviceContext(db: DatabaseAtVersion['db']): ServiceContext {
  return {
    db: asWritable(db),
    databasePath: ':memory:',
    documentsFolder: '',
    currentUser: () => ({ name: 'Test', role: 'admin' }),
    setCurrentUser: () => undefined,
    now: () => new Date('2026-11-22T10:00:00Z')
  }
}

const nhsNumbersFound = (ctx: ServiceContext, query: string) => findPatients(ctx, { query, limit: 50 }).patients.map((p) => p.nhsNumber)

/** The query plan of every statement a search runs, with the values it ran with: what SQLite reads to answer it. */
function plansOf(ctx: ServiceContext, query: string): string {
  bringNameIndexUpToDate(ctx)
  const runs: { sql: string; values: unknown[] }[] = []
  const watched = (sql: string, statement: { all: (...v: unknown[]) => unknown; get: (...v: unknown[]) => unknown }) => ({
    all: (...values: unknown[]) => (runs.push({ sql, values }), statement.all(...values)),
    get: (...values: unknown[]) => (runs.push({ sql, values }), statement.get(...values))
  })
  const watching = {
    prepare: (sql: string) => {
      const statement = ctx.db.prepare(sql)
      return { ...watched(sql, statement), pluck: () => watched(sql, statement.pluck()) }
    }
  } as unknown as ServiceContext['db']
  findPatients({ ...ctx, db: watching }, { query, limit: 1 })
  return runs
    .map(({ sql, values }) => (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((p) => p.detail).join('; '))
    .join(' | ')
}

describe('migration 0016 (patient search)', () => {
  it('keeps every patient row, and each kind of search then finds the patients already there through its own index', () => {
    old = databaseAtVersion(15)
    const { db } = old
    seedVersion15(db)
    const before = db.prepare('SELECT * FROM patients ORDER BY id').all()

    applyMigration(db, 16)

    expect(schemaVersion(db)).toBe(16)
    expect(db.prepare('SELECT * FROM patients ORDER BY id').all()).toEqual(before)
    expect(tableNames(db)).toContain('patient_name_search')
    expect(indexNamesOn(db, 'patients')).toEqual(
      expect.arrayContaining(['patients_by_compact_postcode', 'patients_by_date_of_birth', 'patients_by_reversed_nhs_number'])
    )
    const ctx = serviceContext(db)
    expect(nhsNumbersFound(ctx, 'zoe garcia')).toEqual(['9434765919'])
    expect(nhsNumbersFound(ctx, 'obrien')).toEqual(['9434765870'])
    expect(nhsNumbersFound(ctx, 'lukasiewicz anna')).toEqual(['9434765862'])
    expect(nhsNumbersFound(ctx, 'jones mary')).toEqual(['9434765854'])
    expect(nhsNumbersFound(ctx, '02/12/1960')).toEqual(['9434765919'])
    expect(nhsNumbersFound(ctx, 'SE10 9NR')).toEqual(['9434765870'])
    expect(nhsNumbersFound(ctx, '5919')).toEqual(['9434765919'])

    // None reads every patient: each plan searches an index (a SCAN of patients would read them all).
    for (const query of ['zoe', '02/12/1960', '943 476 5919', '5919', 'SW1A 1AA', 'SE1']) {
      const plan = plansOf(ctx, query)
      expect(plan, query).not.toMatch(/SCAN p\b(?! VIRTUAL)/)
      expect(plan, query).toMatch(/USING (COVERING )?INDEX|INTEGER PRIMARY KEY|VIRTUAL TABLE INDEX/)
    }
    expect(plansOf(ctx, '5919')).toMatch(/patients_by_reversed_nhs_number/)
    expect(plansOf(ctx, 'SE1')).toMatch(/patients_by_compact_postcode/)
    expect(plansOf(ctx, '02/12/1960')).toMatch(/patients_by_date_of_birth/)
  })

  it('keeps the name index in step with patients written afterwards: a new patient, a rename, and other changes that leave it alone', () => {
    old = databaseAtVersion(15)
    const { db } = old
    seedVersion15(db)
    applyMigration(db, 16)
    const ctx = serviceContext(db)
    const words = (word: string) => db.prepare('SELECT COUNT(*) FROM patient_name_search WHERE patient_name_search MATCH ?').pluck().get(`"${word}"`)
    const noted = () => db.prepare('SELECT patient_id FROM patient_names_to_index ORDER BY patient_id').pluck().all()
    const idOf = (nhs: string) => db.prepare('SELECT id FROM patients WHERE nhs_number = ?').pluck().get(nhs)
    // The migration indexed every patient already there: nothing is waiting.
    expect(noted()).toEqual([])

    db.prepare(
      "INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES ('9434765846', 'Kwame', 'Mensah', 'now', 'now')"
    ).run()
    expect(noted()).toEqual([idOf('9434765846')])
    expect(nhsNumbersFound(ctx, 'kwame')).toEqual(['9434765846'])
    expect(noted()).toEqual([])

    db.prepare("UPDATE patients SET family_name = 'Ferreira' WHERE nhs_number = '9434765919'").run()
    expect(noted()).toEqual([idOf('9434765919')])
    expect(nhsNumbersFound(ctx, 'garcia')).toEqual([])
    expect(nhsNumbersFound(ctx, 'zoe ferr')).toEqual(['9434765919'])
    expect(words('garcia')).toBe(0)
    expect(words('ferreira')).toBe(1)

    // Only a change of name is noted: a new postcode, or a name set to what it was, is not.
    db.prepare("UPDATE patients SET postcode = 'N1 9GU', given_name = 'Zoë' WHERE nhs_number = '9434765919'").run()
    expect(noted()).toEqual([])
    expect(nhsNumbersFound(ctx, 'ferreira')).toEqual(['9434765919'])
    expect(nhsNumbersFound(ctx, 'n19gu')).toEqual(['9434765919'])

    // A row removed by hand is not found by name afterwards.
    db.prepare("DELETE FROM patients WHERE nhs_number = '9434765846'").run()
    expect(nhsNumbersFound(ctx, 'kwame')).toEqual([])
    expect(words('kwame')).toBe(0)
    // The full-text index's own check of its structure.
    expect(() => db.prepare("INSERT INTO patient_name_search (patient_name_search) VALUES ('integrity-check')").run()).not.toThrow()
  })

  it('folds each letter the accent folding leaves alone, in either case, as the typed search does', () => {
    old = databaseAtVersion(15)
    const { db } = old
    applyMigration(db, 16)
    const ctx = serviceContext(db)
    const add = db.prepare("INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')")
    separateLetterFoldings.forEach(([letter, typed], i) => {
      for (const [j, written] of [letter, letter.toUpperCase()].entries()) {
        const nhs = String(9100000000 + i * 2 + j)
        add.run(nhs, `Ab${written}cd`, `Family${i}x${j}`)
        expect(nhsNumbersFound(ctx, `ab${typed}cd`), `${written} typed as ${typed}`).toContain(nhs)
        // And typing the letter itself finds it too: the search folds what is typed the same way.
        expect(nhsNumbersFound(ctx, `ab${letter}cd`), `${written} typed as ${letter}`).toContain(nhs)
      }
    })
  })
})
