// "Find a patient" on a real SQLite file, with patients written by the real import: every kind of
// search (name in any order, prefix, case and accents; date of birth typed three ways; NHS number
// with any spacing, whole or its last digits; postcode whole or its outward code), the limit and the
// "more" flag, and refusals that say what to type. Calls go through dispatch, so every answer is
// also checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { importFiles } from '../../src/main/import/import-service'
import { createServices } from '../../src/main/services'
import type { OperationInput, OperationOutput } from '../../src/shared/contract'
import type { OperationName } from '../../src/shared/operation-names'
import type { Result } from '../../src/shared/result'
import { fileOf } from '../support/export-text'
import { SMITH_COUNT, searchPatients, searchPracticeExport } from '../support/patient-search-practice'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext

beforeAll(() => {
  ctx = createTestContext()
  const imported = importFiles(ctx, [fileOf('search-practice.csv', searchPracticeExport('2026-10-01'))], 'auto')
  expect(imported.patientsAdded).toBe(4 + SMITH_COUNT)
})
afterAll(() => ctx.cleanup())

async function result<K extends OperationName>(name: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> {
  return (await dispatch(createServices(ctx), name, input)) as Result<OperationOutput<K>>
}

async function find(query: string, limit?: number): Promise<OperationOutput<'patients.find'>> {
  const found = await result('patients.find', limit === undefined ? { query } : { query, limit })
  if (!found.ok) throw new Error(`patients.find "${query}" failed: ${found.error.message}`)
  return found.value
}

const nhsNumbersOf = async (query: string) => (await find(query)).patients.map((p) => p.nhsNumber)

describe('finding a patient by name', () => {
  it.each(['zoe garcia', 'garcia zoe', 'GARC', 'zo ga', 'Zoë García', 'ZOË', 'garcía'])(
    '"%s" finds Zoë García (any order, prefix, case, accents)',
    async (query) => {
      expect(await nhsNumbersOf(query)).toEqual([searchPatients.zoe.nhsNumber])
    }
  )

  it.each(["o'brien", 'obrien', 'O BRIEN', 'sean obr', 'Seán'])('"%s" finds Seán O\'Brien, with or without the apostrophe', async (query) => {
    expect(await nhsNumbersOf(query)).toEqual([searchPatients.sean.nhsNumber])
  })

  it('finds Łukasiewicz typed without the Polish letter, and Smith-Jones by either half, both halves or joined', async () => {
    expect(await nhsNumbersOf('lukasiewicz')).toEqual([searchPatients.anna.nhsNumber])
    expect(await nhsNumbersOf('anna łuk')).toEqual([searchPatients.anna.nhsNumber])
    for (const query of ['jones', 'smith-jones', 'smithjones', 'mary anne jones', 'maryanne']) {
      expect(await nhsNumbersOf(query), query).toEqual([searchPatients.mary.nhsNumber])
    }
  })

  it('every word must match: a name that matches one word and not another is not listed', async () => {
    expect(await nhsNumbersOf('zoe smith')).toEqual([])
    expect((await find('zoe smith')).total).toBe(0)
  })

  it('shows what it found: name, date of birth, postcode and registration status, and flags a patient who has died', async () => {
    const [anna] = (await find('lukasiewicz')).patients
    expect(anna).toEqual({
      nhsNumber: '9434765862',
      name: 'Anna ŁUKASIEWICZ',
      title: 'Mrs',
      givenName: 'Anna',
      familyName: 'ŁUKASIEWICZ',
      dateOfBirth: '1955-07-01',
      age: 71,
      postcode: 'SE1 7PB',
      registrationStatus: 'Deceased',
      noLongerRegistered: true,
      notInLatestExport: false
    })
  })
})

describe('finding a patient by date of birth, NHS number and postcode', () => {
  it.each(['02/12/1960', '2/12/60', '2 Dec 1960', '1960-12-02'])('date of birth "%s" finds both patients born on 2 December 1960, by name', async (query) => {
    const found = await find(query)
    expect(found.kind).toBe('date-of-birth')
    expect(found.searchedFor).toBe('date of birth 2 December 1960')
    // GARCÍA before SMITH-JONES.
    expect(found.patients.map((p) => p.nhsNumber)).toEqual([searchPatients.zoe.nhsNumber, searchPatients.mary.nhsNumber])
  })

  it.each(['9434765919', '943 476 5919', '943-476-5919', ' 9434 76 5919 '])('NHS number "%s" (any spacing) finds the patient', async (query) => {
    expect(await nhsNumbersOf(query)).toEqual([searchPatients.zoe.nhsNumber])
  })

  it('the last digits of an NHS number find every patient whose number ends so', async () => {
    expect(await nhsNumbersOf('5919')).toEqual([searchPatients.zoe.nhsNumber])
    expect(await nhsNumbersOf('765 870')).toEqual([searchPatients.sean.nhsNumber])
    const ending = await find('65919')
    expect(ending.kind).toBe('nhs-number-ending')
    expect(ending.searchedFor).toBe('an NHS number ending 65919')
  })

  it('a valid NHS number of nobody here finds nobody (no error: the list is empty)', async () => {
    const found = await find('943 476 5846')
    expect(found).toMatchObject({ kind: 'nhs-number', patients: [], total: 0, more: false })
  })

  it.each([
    ['SW1A 1AA', 'zoe'],
    ['sw1a1aa', 'zoe'],
    ['SE10 9NR', 'sean'],
    ['se109nr', 'sean'],
    ['SE10', 'sean'],
    ['SE1', 'anna'],
    ['e8', 'mary']
  ] as const)('postcode "%s" finds %s, whole or by outward code (SE1 is not SE10)', async (query, who) => {
    expect(await nhsNumbersOf(query)).toEqual([searchPatients[who].nhsNumber])
  })
})

describe('limits and refusals', () => {
  it('lists at most 50, says there are more and how many match in all', async () => {
    const found = await find('smith')
    expect(found.patients).toHaveLength(50)
    expect(found.more).toBe(true)
    expect(found.total).toBe(SMITH_COUNT + 1)
    // In name order: the SMITHs (by given name), and SMITH-JONES only past the first page.
    expect(found.patients[0]?.givenName).toBe('Pataa')
    expect(found.patients.map((p) => p.familyName)).not.toContain('SMITH-JONES')
  })

  it('a smaller limit is kept to, and "more" is false when everything is listed', async () => {
    expect((await find('smith', 10)).patients).toHaveLength(10)
    expect(await find('N1 9GU', 50)).toMatchObject({ total: SMITH_COUNT, more: true })
    expect(await find('garcia', 1)).toMatchObject({ total: 1, more: false })
  })

  it.each([
    ['', /^query: Type a name, a date of birth/],
    ['12', /^query: Type at least 3 digits/],
    ['943 476 5918', /^query: 943 476 5918 is not an NHS number \(it fails the Modulus 11 check\)/],
    ['31/02/1960', /^query: “31\/02\/1960” is not a date/],
    ['smith 1960', /^query: “smith 1960” mixes words and numbers/]
  ])('"%s" is refused as invalid input, saying what to type', async (query, says) => {
    const found = await result('patients.find', { query })
    expect(found.ok).toBe(false)
    if (found.ok) return
    expect(found.error.code).toBe('invalid_input')
    expect(found.error.message).toMatch(says)
  })

  it('an unknown NHS number on the patient page is not_found, naming the number', async () => {
    const shown = await result('patients.show', { nhsNumber: '9434765846' })
    expect(shown.ok).toBe(false)
    if (shown.ok) return
    expect(shown.error.code).toBe('not_found')
    expect(shown.error.message).toBe("No patient with NHS number 943 476 5846 in this practice's database")
    const invalid = await result('patients.show', { nhsNumber: '943 476 5918' })
    expect(invalid.ok ? null : invalid.error.code).toBe('invalid_input')
  })

  it('nobody signed in: refused before anything is read', async () => {
    const anonymous = { ...ctx, currentUser: () => null }
    const refused = (await dispatch(createServices(anonymous), 'patients.find', { query: 'smith' })) as Result<unknown>
    expect(refused.ok ? null : refused.error.code).toBe('unauthorised')
  })
})

describe('a name that matches thousands', () => {
  it('lists the first 50 in name order whichever way the matches are read (sorted, or walked in name order past 2,000)', async () => {
    const big = createTestContext()
    try {
      const add = big.db.prepare(
        `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, '1970-01-01', 'now', 'now')`
      )
      const letters = 'abcdefghijklmnopqrstuvwxyz'
      // 2,600 families starting "Ab" (past the point where the search walks the name index), 100 starting "Ac".
      big.db.transaction(() => {
        for (let i = 0; i < 2700; i++) {
          const family = `${i < 2600 ? 'Ab' : 'Ac'}${letters[(i * 7) % 26]}${letters[(i * 11) % 26]}${letters[i % 26]}`
          add.run(String(8000000000 + i), `Given${letters[(i * 3) % 26]}`, family)
        }
      })()
      const sortedFirst50 = (prefix: string) =>
        (
          big.db
            .prepare(
              'SELECT nhs_number, family_name, given_name FROM patients WHERE family_name LIKE ? ORDER BY lower(family_name), lower(given_name), nhs_number'
            )
            .all(`${prefix}%`) as {
            nhs_number: string
          }[]
        )
          .slice(0, 50)
          .map((r) => r.nhs_number)
      const found = async (query: string) => {
        const result = (await dispatch(createServices(big), 'patients.find', { query })) as Result<OperationOutput<'patients.find'>>
        if (!result.ok) throw new Error(result.error.message)
        return result.value
      }
      const many = await found('ab')
      expect(many).toMatchObject({ total: 2600, more: true })
      expect(many.patients.map((p) => p.nhsNumber)).toEqual(sortedFirst50('Ab'))
      const few = await found('ac')
      expect(few).toMatchObject({ total: 100, more: true })
      expect(few.patients.map((p) => p.nhsNumber)).toEqual(sortedFirst50('Ac'))
    } finally {
      big.cleanup()
    }
  })
})
