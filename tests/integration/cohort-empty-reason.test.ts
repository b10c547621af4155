// An empty cohort says why, with counts (nothing imported, nobody on the register, no readings in the
// window, everyone excluded), and is not saved from the screen unless the user confirms: on a real
// database, through the same dispatch as the app, and on the command line, which saves it as it
// always has and prints the reason.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { previewCohort } from '../../src/main/cohorts/cohort-service'
import { dispatch } from '../../src/main/dispatch'
import { createServices } from '../../src/main/services'
import type { Result } from '../../src/shared/result'
import { cohortSeeder } from '../support/cohort-seeder'
import { runCliCaptured, runCliJson } from '../support/run-cli'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
const seed = cohortSeeder(() => ctx.db)
beforeEach(() => {
  ctx = createTestContext() // today is 2026-11-22
})
afterEach(() => ctx.cleanup())

const snapshots = () => ctx.db.prepare('SELECT COUNT(*) FROM cohorts').pluck().get()
const programmes = () => ctx.db.prepare('SELECT COUNT(*) FROM programmes').pluck().get()
const build = (input: Record<string, unknown>) =>
  dispatch(createServices(ctx), 'cohorts.build', { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', ...input }) as Promise<
    Result<{ cohortId: number; emptyReason?: string | null }>
  >

describe('an empty cohort build', () => {
  it('with no patients imported: the preview says so, and the build is refused with the reason, saving nothing', async () => {
    const preview = previewCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', mode: 'qof' })
    expect(preview.memberCount).toBe(0)
    expect(preview.emptyReason).toBe('No patients have been imported yet: import the practice’s search export first (Import).')
    const refused = await build({})
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.code).toBe('conflict')
    expect(refused.error.message).toBe(`This cohort is empty, so it was not saved. ${preview.emptyReason}`)
    expect(refused.error.details).toEqual({ emptyReason: preview.emptyReason })
    // Nothing saved, and no programme was started for it either.
    expect(snapshots()).toBe(0)
    expect(programmes()).toBe(0)
  })

  it('names no one on the register, and no readings in the window, with counts', async () => {
    for (const [i, nhs] of ['9434765919', '9434765870', '9434765862'].entries()) seed.addPatient(nhs, { given: `P${i}`, family: 'TEST', dob: '1950-01-01' })
    expect(previewCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', mode: 'qof' }).emptyReason).toBe(
      'No one is on the register this cohort needs as of 22 November 2026: of the 3 patients imported, 3 not “On the hypertension register”.'
    )
    // On the register, but their only readings are older than the 12-month look-back window.
    const ids = ctx.db.prepare('SELECT id FROM patients ORDER BY id').pluck().all() as number[]
    for (const id of ids.slice(0, 2)) {
      seed.addEvent(id, '2015-01-01', 'HYP')
      seed.addReading(id, '2024-03-01', 162, 98)
    }
    expect(previewCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: '2026-11-22', mode: 'qof' }).emptyReason).toBe(
      'No one on the register has a BP reading in the look-back window before 22 November 2026: of the 3 patients imported, 1 not “On the hypertension register”; 2 not “Current BP above target” (2 with no BP reading in the look-back window).'
    )
  })

  it('says everyone who qualified is excluded, and is saved once the user confirms', async () => {
    const id = seed.addPatient('9434765919', { given: 'Grace', family: 'ADEYEMI', dob: '1958-02-10' })
    seed.addEvent(id, '2015-01-01', 'HYP')
    seed.addReading(id, '2026-10-01', 162, 98)
    seed.bookIntoClinic(id, '2026-12-01')
    const refused = await build({})
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.message).toMatch(
      /^This cohort is empty, so it was not saved\. Everyone who meets the criteria as of 22 November 2026 is excluded: 1 patient \(1 by “.+”\)\.$/
    )
    expect(snapshots()).toBe(0)

    const confirmed = await build({ saveIfEmpty: true })
    expect(confirmed.ok).toBe(true)
    if (!confirmed.ok) return
    expect(confirmed.value.emptyReason).toMatch(/^Everyone who meets the criteria/)
    expect(snapshots()).toBe(1)
  })

  it('a cohort with members is saved without asking and has no reason', async () => {
    const id = seed.addPatient('9434765919', { given: 'Grace', family: 'ADEYEMI', dob: '1958-02-10' })
    seed.addEvent(id, '2015-01-01', 'HYP')
    seed.addReading(id, '2026-10-01', 162, 98)
    const built = await build({})
    expect(built.ok).toBe(true)
    if (built.ok) expect(built.value.emptyReason).toBeUndefined()
  })
})

describe('cohort build on the command line', () => {
  let folder = ''
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'clinic-recall-empty-'))
  })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it('saves an empty cohort as before, and prints why it is empty (text and --json)', async () => {
    const db = join(folder, 'practice.sqlite')
    const json = await runCliJson(['--db', db, 'cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01'])
    expect(Number(json.cohortId)).toBeGreaterThan(0)
    expect(json.members).toEqual([])
    expect(json.emptyReason).toBe('No patients have been imported yet: import the practice’s search export first (Import).')
    const text = await runCliCaptured(['--db', db, 'cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Empty: No patients have been imported yet')
  })
})
