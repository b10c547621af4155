// `clinic-recall programme create|list|close|reopen`, `cohort build --programme` and
// `clinic create --programme` on a real database: the public JSON keys, and the exit codes
// (1 with a one-line reason for a programme that cannot take the step, 2 for a usage error).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliCaptured, runCliJson } from '../support/run-cli'

const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')
let folder = ''
let db = ''
const cli = (...argv: string[]) => runCliCaptured(['--db', db, ...argv])
const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-programmes-'))
  db = join(folder, 'practice.sqlite')
  await json('import', fixture)
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('clinic-recall programme', () => {
  it('programme create --json gives programmeId, name, cohort and outcome; programme list lists it with its status', async () => {
    const created = await json('programme', 'create', '--name', 'Pharmacist BP review', '--cohort', 'hypertension-black-african-caribbean')
    expect(created).toMatchObject({ name: 'Pharmacist BP review', cohort: 'hypertension-black-african-caribbean', outcome: 'bp', status: 'active' })
    expect(typeof created.programmeId).toBe('number')
    const talk = await json(
      'programme',
      'create',
      '--name',
      'Time to Talk',
      '--cohort',
      'time-to-talk',
      '--clinic-type',
      'Time to Talk',
      '--follow-up-weeks',
      '8'
    )
    expect(talk).toMatchObject({ outcome: 'wellbeing', clinicTypes: ['Time to Talk'], followUpWeeks: 8 })
    const list = await json('programme', 'list')
    expect(list.programmes).toEqual([
      expect.objectContaining({
        programmeId: created.programmeId,
        name: 'Pharmacist BP review',
        cohort: 'hypertension-black-african-caribbean',
        outcome: 'bp',
        status: 'active'
      }),
      expect.objectContaining({ programmeId: talk.programmeId, name: 'Time to Talk', cohort: 'time-to-talk', outcome: 'wellbeing', status: 'active' })
    ])
  })

  it('cohort build --programme ID builds for that programme and says so in its JSON; clinic create --programme ties the clinic to it', async () => {
    const { programmes } = (await json('programme', 'list')) as { programmes: { programmeId: number; name: string }[] }
    const bp = programmes.find((p) => p.name === 'Pharmacist BP review')
    const built = await json('cohort', 'build', 'hypertension-black-african-caribbean', '--programme', String(bp?.programmeId), '--as-of', '2026-11-01')
    expect(built.programmeId).toBe(bp?.programmeId)
    const clinic = await json(
      'clinic',
      'create',
      '--type',
      'Pharmacist BP clinic',
      '--date',
      '2026-12-01',
      '--start',
      '09:00',
      '--slots',
      '4',
      '--slot-minutes',
      '15',
      '--programme',
      String(bp?.programmeId)
    )
    expect(typeof clinic.clinicId).toBe('number')
    const after = (await json('programme', 'list')) as { programmes: { programmeId: number; progress: { snapshots: number; clinics: number } }[] }
    expect(after.programmes.find((p) => p.programmeId === bp?.programmeId)?.progress).toMatchObject({ snapshots: 1, clinics: 1 })
  })

  it('refuses a build for another cohort, a closed programme and an unknown one with exit 1; a bad option value with exit 2', async () => {
    const { programmes } = (await json('programme', 'list')) as { programmes: { programmeId: number; name: string }[] }
    const talk = programmes.find((p) => p.name === 'Time to Talk')
    const wrong = await cli('cohort', 'build', 'uncontrolled-hypertension', '--programme', String(talk?.programmeId))
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('builds the cohort "Time to Talk: multiple long-term conditions", not "Uncontrolled hypertension"')
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1)

    expect((await json('programme', 'close', String(talk?.programmeId))).status).toBe('closed')
    const closed = await cli('cohort', 'build', 'time-to-talk', '--programme', String(talk?.programmeId))
    expect(closed.code).toBe(1)
    expect(closed.stderr).toContain('is closed')
    expect((await json('programme', 'reopen', String(talk?.programmeId))).status).toBe('active')

    const unknown = await cli('cohort', 'build', 'time-to-talk', '--programme', '999')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('there is no programme 999')

    expect((await cli('programme', 'create', '--name', 'X', '--cohort', 'nonsense')).code).toBe(2)
    expect((await cli('cohort', 'build', 'time-to-talk', '--programme', 'abc')).code).toBe(2)
    const weeks = await cli('programme', 'create', '--name', 'Y', '--cohort', 'no-recent-bp', '--follow-up-weeks', '13')
    expect(weeks.code).toBe(1)
    expect(weeks.stderr).toContain('--follow-up-weeks')
  })
})
