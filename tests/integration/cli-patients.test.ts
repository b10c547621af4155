// `clinic-recall patients find` and `clinic-recall patient show` on a real database: the public
// JSON keys, NHS numbers 3-3-4 in text, and the exit codes (0 found or not, 1 a query that is no
// kind of search or an unknown NHS number, naming it; 2 a usage error).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliCaptured, runCliJson } from '../support/run-cli'
import { SMITH_COUNT, searchPatients, searchPracticeExport } from '../support/patient-search-practice'

let folder = ''
let db = ''
const cli = (...argv: string[]) => runCliCaptured(['--db', db, ...argv])
const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-patients-'))
  db = join(folder, 'practice.sqlite')
  const file = join(folder, 'search-practice.csv')
  writeFileSync(file, searchPracticeExport('2026-10-01'))
  await json('import', file)
  await json('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01')
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

type FoundJson = { patients: Record<string, unknown>[]; total: number; more: boolean; kind: string; searchedFor: string }

describe('clinic-recall patients find', () => {
  it('--json gives patients with nhsNumber, name, dateOfBirth and postcode; several words are one name search', async () => {
    const found = (await json('patients', 'find', 'zoe', 'garcia')) as FoundJson
    expect(found.kind).toBe('name')
    expect(found.patients).toHaveLength(1)
    expect(found.patients[0]).toMatchObject({ nhsNumber: '9434765919', name: 'Zoë GARCÍA', dateOfBirth: '1960-12-02', postcode: 'SW1A 1AA' })
    for (const key of ['registrationStatus', 'noLongerRegistered', 'age', 'givenName', 'familyName']) expect(found.patients[0]).toHaveProperty(key)
  })

  it('finds by date of birth, NHS number with spaces, last digits and postcode', async () => {
    const nhsOf = async (...query: string[]) => ((await json('patients', 'find', ...query)) as FoundJson).patients.map((p) => p.nhsNumber)
    expect(await nhsOf('02/12/1960')).toEqual([searchPatients.zoe.nhsNumber, searchPatients.mary.nhsNumber])
    expect(await nhsOf('943 476 5870')).toEqual([searchPatients.sean.nhsNumber])
    expect(await nhsOf('5870')).toEqual([searchPatients.sean.nhsNumber])
    expect(await nhsOf('se10', '9nr')).toEqual([searchPatients.sean.nhsNumber])
  })

  it('prints NHS numbers 3-3-4 in text, says how many it left out, and exits 0 when nobody matches', async () => {
    const text = await cli('patients', 'find', 'zoe')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^1 patient with a name with “zoe…”:\n {2}943 476 5919 {2}Zoë GARCÍA {2}born 1960-12-02 \(\d+\) {2}SW1A 1AA {2}Regular\n$/)
    const many = await cli('patients', 'find', 'smith')
    expect(many.stdout.split('\n')[0]).toBe(`50 of ${SMITH_COUNT + 1} patients with a name with “smith…” (type more to narrow the search):`)
    const limited = (await json('patients', 'find', 'smith', '--limit', '5')) as FoundJson
    expect(limited).toMatchObject({ total: SMITH_COUNT + 1, more: true })
    expect(limited.patients).toHaveLength(5)
    const nobody = await cli('patients', 'find', 'nobody')
    expect(nobody).toMatchObject({ code: 0, stderr: '', stdout: 'No patient with a name with “nobody…”.\n' })
  })

  it('exits 1 with the reason for a query that is no kind of search or a limit out of range, 2 without a query', async () => {
    const mixed = await cli('patients', 'find', 'smith', '1960')
    expect(mixed.code).toBe(1)
    expect(mixed.stderr).toMatch(/^query: “smith 1960” mixes words and numbers/)
    const invalid = await cli('patients', 'find', '943 476 5918')
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toMatch(/fails the Modulus 11 check/)
    const limit = await cli('patients', 'find', 'smith', '--limit', '51')
    expect(limit.code).toBe(1)
    expect(limit.stderr).toBe('--limit 51: must be at most 50\n')
    expect((await cli('patients', 'find')).code).toBe(2)
  })
})

describe('clinic-recall patient show', () => {
  it('--json has the patient at the top level and every section of the page', async () => {
    const page = await json('patient', 'show', '943 476 5919')
    expect(page).toMatchObject({ nhsNumber: '9434765919', name: 'Zoë GARCÍA', dateOfBirth: '1960-12-02', postcode: 'SW1A 1AA' })
    for (const key of ['contact', 'registers', 'readings', 'snapshots', 'invitations', 'appointments', 'visits', 'followUps', 'referrals', 'reInvite']) {
      expect(page, key).toHaveProperty(key)
    }
    expect((page.registers as { name: string }[]).map((r) => r.name)).toEqual(['Hypertension'])
    const [snapshot] = page.snapshots as { status: string; reasons: string[] }[]
    expect(snapshot?.status).toBe('member')
    expect(snapshot?.reasons.length).toBeGreaterThan(0)
    expect((page.reInvite as { attempt: number | null }).attempt).toBe(1)
  })

  it('prints the page as text with the NHS number 3-3-4', async () => {
    const text = await cli('patient', 'show', '9434765919')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^943 476 5919 {2}Zoë GARCÍA\n/)
    expect(text.stdout).toContain('Registers:\n  Hypertension since 2020-01-12')
    expect(text.stdout).toContain('BP readings:\n  2025-10-06  148/88  clinic\n  2026-04-04  162/99  clinic\n  2026-10-01  156/96  clinic')
    expect(text.stdout).toMatch(/Cohort snapshots:\n {2}#1 .* as of 2026-11-01: member P\d/)
    expect(text.stdout).toMatch(/Re-invite: The next invitation is invitation 1 from/)
  })

  it('exits 1 naming an unknown NHS number, or why a number is not one', async () => {
    const unknown = await cli('patient', 'show', '9434765846')
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toBe("No patient with NHS number 943 476 5846 in this practice's database\n")
    const invalid = await cli('patient', 'show', '12345')
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toMatch(/^nhsNumber: NHS number "12345" has 5 digits, not 10/)
    expect((await cli('patient', 'show')).code).toBe(2)
  })
})
