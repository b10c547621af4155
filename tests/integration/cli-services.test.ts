// `clinic-recall services list|add` and `referrals due` on a real database: the public JSON keys
// and the exit codes (2 for an unknown category, with the list; 1 for a bad value, naming the option).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import type { ServiceContext } from '../../src/main/context'
import { createReferral } from '../../src/main/local-services/referrals'
import { runCliCaptured, runCliJson } from '../support/run-cli'

const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')
let folder = ''
let db = ''
const cli = (...argv: string[]) => runCliCaptured(['--db', db, ...argv])
const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

type ServiceJson = { serviceId: number; name: string; category: string; selfReferral: boolean; contactProblem: string | null; isExample: boolean }

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-services-'))
  db = join(folder, 'practice.sqlite')
  await json('import', fixture)
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** Referrals recorded as the visit forms will record them (there is no CLI command for that). */
function recordReferrals(referrals: { nhsNumber: string; serviceId: number; referredOn: string }[]) {
  const database = openDatabase(db)
  const ctx: ServiceContext = {
    db: database,
    databasePath: db,
    documentsFolder: join(folder, 'documents'),
    currentUser: () => ({ name: 'Test Pharmacist', role: 'clinician' }),
    setCurrentUser: () => undefined,
    now: () => new Date('2026-11-22T10:00:00Z')
  }
  try {
    for (const r of referrals) createReferral(ctx, { ...r, kind: 'sent' })
  } finally {
    database.close()
  }
}

describe('clinic-recall services and referrals', () => {
  it('services list --json gives serviceId, name, category and selfReferral for each service, the shipped examples marked', async () => {
    const { services } = (await json('services', 'list')) as { services: ServiceJson[] }
    expect(services.length).toBeGreaterThanOrEqual(4)
    for (const s of services) {
      expect(typeof s.serviceId).toBe('number')
      expect(typeof s.name).toBe('string')
      expect(typeof s.category).toBe('string')
      expect(typeof s.selfReferral).toBe('boolean')
      expect(s).toHaveProperty('contactProblem')
    }
    expect(services.find((s) => s.name === 'NHS Talking Therapies')).toMatchObject({ category: 'talking-therapies', selfReferral: true, isExample: true })
    const text = await cli('services', 'list')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('[example: check details before use]')
    expect(text.stdout).toContain('has no contact details: patients cannot be told how to reach it')
  })

  it('services add --json adds a service and lists it; with no contact details it warns', async () => {
    const added = await json(
      'services',
      'add',
      '--name',
      'Hackney Carers Centre',
      '--category',
      'carers',
      '--phone',
      '020 7946 0123',
      '--web',
      'https://carers.example.org',
      '--self-referral'
    )
    expect(added).toMatchObject({
      name: 'Hackney Carers Centre',
      category: 'carers',
      selfReferral: true,
      practiceReferral: true,
      contactProblem: null,
      isExample: false
    })
    expect(typeof added.serviceId).toBe('number')
    const { services } = (await json('services', 'list')) as { services: ServiceJson[] }
    expect(services.map((s) => s.serviceId)).toContain(added.serviceId)

    const bare = await cli('services', 'add', '--name', 'Walking group', '--category', 'weight')
    expect(bare.code).toBe(0)
    expect(bare.stdout).toContain('Warning: Walking group has no contact details')
  })

  it('refuses an unknown category with exit 2 and the list; a bad value with exit 1 naming the option', async () => {
    const category = await cli('services', 'add', '--name', 'Allotments', '--category', 'gardening')
    expect(category.code).toBe(2)
    expect(category.stderr).toContain('Unknown category "gardening". Use one of: social-prescribing, talking-therapies, community-navigation')
    expect(category.stderr).toContain('carers, other')

    const web = await cli('services', 'add', '--name', 'Allotments', '--category', 'other', '--web', 'allotments.org')
    expect(web.code).toBe(1)
    expect(web.stderr.trim()).toMatch(/^--web allotments\.org: "allotments\.org" is not a web address/)
    expect(web.stderr.trim().split('\n')).toHaveLength(1)
    const phone = await cli('services', 'add', '--name', 'Allotments', '--category', 'other', '--phone', 'ring us')
    expect(phone.code).toBe(1)
    expect(phone.stderr).toMatch(/^--phone ring us: /)
    const name = await cli('services', 'add', '--name', 'x'.repeat(121), '--category', 'other')
    expect(name.code).toBe(1)
    expect(name.stderr).toMatch(/^--name /)
    const duplicate = await cli('services', 'add', '--name', 'hackney carers centre', '--category', 'carers')
    expect(duplicate.code).toBe(1)
    expect(duplicate.stderr).toContain('an active service is already called')
    const nobody = await cli('services', 'add', '--name', 'Nobody', '--category', 'other', '--no-practice-referral')
    expect(nobody.code).toBe(2)
    // Nothing was added by any refusal.
    const { services } = (await json('services', 'list')) as { services: ServiceJson[] }
    expect(services.filter((s) => ['Allotments', 'Nobody'].includes(s.name))).toEqual([])
  })

  it('referrals due --json gives nhsNumber, service and referredOn of each referral with no outcome after 6 weeks', async () => {
    const { services } = (await json('services', 'list')) as { services: ServiceJson[] }
    const talking = services.find((s) => s.name === 'NHS Talking Therapies')
    if (!talking) throw new Error('example missing')
    recordReferrals([
      { nhsNumber: '9991000003', serviceId: talking.serviceId, referredOn: '2026-10-11' },
      { nhsNumber: '9991237577', serviceId: talking.serviceId, referredOn: '2026-10-12' }
    ])
    const out = await json('referrals', 'due', '--as-of', '2026-11-22')
    expect(out).toMatchObject({ asOf: '2026-11-22', weeks: 6 })
    expect(out.due).toEqual([
      expect.objectContaining({ nhsNumber: '9991000003', service: 'NHS Talking Therapies', referredOn: '2026-10-11', weeksWaiting: 6, kind: 'sent' })
    ])
    const four = (await json('referrals', 'due', '--as-of', '2026-11-22', '--weeks', '4')) as { due: { nhsNumber: string }[] }
    expect(four.due.map((d) => d.nhsNumber)).toEqual(['9991000003', '9991237577'])

    const text = await cli('referrals', 'due', '--as-of', '2026-11-22')
    expect(text.stdout).toContain('Referrals with no outcome after 6 weeks, as of 2026-11-22: 1')

    expect((await cli('referrals', 'due', '--as-of', '22/11/2026')).code).toBe(2)
    const weeks = await cli('referrals', 'due', '--weeks', '27')
    expect(weeks.code).toBe(1)
    expect(weeks.stderr).toMatch(/^--weeks 27: must be at most 26/)
    expect((await cli('referrals', 'due', '--weeks', 'six')).code).toBe(1)
  })
})
