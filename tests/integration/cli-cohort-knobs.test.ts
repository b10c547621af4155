// Every cohort knob is scriptable, on the public CLI: `cohort build --include-mixed / --threshold /
// --invited-within / --without`, `cohort rules`, `contact set` and `clinic interval` run the real
// program on a real SQLite file. A script must get exactly the cohort the pharmacist sees: the same
// members and the same stored parameters as the cohorts screen's `cohorts.build` call, the same
// limits (the contract's schemas), and a one-line reason naming the option for a bad value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type CliRun, runCliCaptured, runCliJson } from '../support/run-cli'
import type { ServiceContext } from '../../src/main/context'
import { createAppContext } from '../../src/main/app-context'
import { dispatch } from '../../src/main/dispatch'
import { createServices } from '../../src/main/services'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import type { OperationInput, OperationOutput } from '../../src/shared/contract'
import type { OperationName } from '../../src/shared/operation-names'
import { cohortRules } from '../../src/shared/domain/cohort-rules'
import { cohortSeeder } from '../support/cohort-seeder'
import { createTestContext, type TestContext } from '../support/test-context'

type Run = CliRun

const runOn = (db: string, argv: string[], env?: NodeJS.ProcessEnv): Promise<Run> => runCliCaptured(['--db', db, ...argv], env)
const jsonOn = (db: string, ...argv: string[]) => runCliJson(['--db', db, ...argv])

/** The operation as a front end calls it: parsed by the contract, through the one dispatcher. */
async function service<K extends OperationName>(ctx: ServiceContext, name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
  const result = await dispatch(createServices(ctx), name, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as OperationOutput<K>
}

function oneLineError(run: Run, code: number, pattern: RegExp | string): void {
  expect(run.code, run.stderr).toBe(code)
  expect(run.stdout).toBe('')
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  if (typeof pattern === 'string') expect(run.stderr.trim()).toBe(pattern)
  else expect(run.stderr.trim()).toMatch(pattern)
}

type Listed = { nhsNumber: string; priority?: string | null; rule?: string | null; reasons: string[]; severe?: boolean }

const storedParameters = (ctx: ServiceContext, cohortId: unknown) =>
  (ctx.db.prepare('SELECT parameters_json FROM cohorts WHERE id = ?').get(cohortId) as { parameters_json: string }).parameters_json

describe('cohort build switches on a synthetic practice: the cohort the screen builds', () => {
  let folder = ''
  let db = ''
  let ctx: ServiceContext

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-knobs-'))
    db = join(folder, 'practice.sqlite')
    const file = join(folder, 'practice.csv')
    writeFileSync(file, generateSyntheticEmisExport({ patients: 600, seed: 7, asOf: '2026-11-01' }).csv)
    await jsonOn(db, 'import', file)
    ctx = createAppContext({ databasePath: db, user: { name: 'Screen test', role: 'clinician' } })
  })
  afterAll(() => {
    ctx.db.close()
    rmSync(folder, { recursive: true, force: true })
  })

  // The screen always sends these three (cohorts-screen.tsx); the CLI sends only the switches given.
  const screenParams = { includeMixedBlackCategories: false, conditionThreshold: 2, disabledExclusions: [] as string[] }

  it.each([
    { definition: 'time-to-talk', argv: ['--threshold', '3'], params: { ...screenParams, conditionThreshold: 3 } },
    { definition: 'hypertension-black-african-caribbean', argv: ['--include-mixed'], params: { ...screenParams, includeMixedBlackCategories: true } },
    {
      definition: 'uncontrolled-hypertension',
      argv: ['--without', 'exclude.maximal-therapy', '--without', 'exclude.recently-invited'],
      params: { ...screenParams, disabledExclusions: ['exclude.maximal-therapy', 'exclude.recently-invited'] }
    },
    { definition: 'uncontrolled-hypertension', argv: [], params: screenParams }
  ])('$definition $argv: the same members, exclusions and stored parameters as the screen', async ({ definition, argv, params }) => {
    const cli = await jsonOn(db, 'cohort', 'build', definition, '--as-of', '2026-11-01', ...argv)
    const screen = await service(ctx, 'cohorts.build', { definition: definition as 'time-to-talk', asOf: '2026-11-01', mode: 'qof', params })

    const members = (list: Listed[]) => list.map((m) => [m.nhsNumber, m.priority ?? null, m.reasons])
    const excluded = (list: Listed[]) => list.map((e) => [e.nhsNumber, e.rule, e.severe])
    expect(members(cli.members as Listed[])).toEqual(members(screen.members))
    expect(excluded(cli.excluded as Listed[])).toEqual(excluded(screen.excluded))
    expect(cli.exclusionCounts).toEqual(screen.exclusionCounts)
    // Stored exactly alike: the snapshot's parameters, as read back and as the row holds them.
    const cliSnapshot = await service(ctx, 'cohorts.get', { cohortId: Number(cli.cohortId) })
    expect(cliSnapshot.parameters).toEqual(screen.parameters)
    expect(cli.parameters).toEqual(screen.parameters)
    expect(storedParameters(ctx, cli.cohortId)).toBe(storedParameters(ctx, screen.cohortId))
    expect(cliSnapshot.parameters).toMatchObject(params)
  })

  it('each switch changes the cohort the way the screen says', async () => {
    const build = async (definition: string, ...argv: string[]) => jsonOn(db, 'cohort', 'build', definition, '--as-of', '2026-11-01', ...argv)
    const ids = (out: Record<string, unknown>) => (out.members as Listed[]).map((m) => m.nhsNumber)

    const two = await build('time-to-talk')
    const three = await build('time-to-talk', '--threshold', '3')
    expect(ids(three).length).toBeLessThan(ids(two).length)
    expect(ids(two)).toEqual(expect.arrayContaining(ids(three)))

    const black = await build('hypertension-black-african-caribbean')
    const mixed = await build('hypertension-black-african-caribbean', '--include-mixed')
    expect(ids(mixed)).toEqual(expect.arrayContaining(ids(black)))
    expect(ids(mixed).length).toBeGreaterThan(ids(black).length)

    const on = await build('uncontrolled-hypertension')
    const maximal = (on.excluded as Listed[]).filter((e) => e.rule === 'exclude.maximal-therapy').map((e) => e.nhsNumber)
    expect(maximal.length).toBeGreaterThan(0)
    const off = await build('uncontrolled-hypertension', '--without', 'exclude.maximal-therapy')
    expect((off.excluded as Listed[]).some((e) => e.rule === 'exclude.maximal-therapy')).toBe(false)
    expect(ids(off)).toEqual(expect.arrayContaining([...ids(on), ...maximal]))
    expect((off.exclusionCounts as { rule: string; state?: string }[]).find((c) => c.rule === 'exclude.maximal-therapy')?.state).toBe('switched-off')
  })

  it('keeps every documented key and adds severeExcluded: the excluded patients whose BP is severe', async () => {
    const out = await jsonOn(db, 'cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01')
    for (const key of ['cohortId', 'definition', 'asOf', 'mode', 'members', 'excluded', 'severeExcluded']) expect(out).toHaveProperty(key)
    const severe = (out.excluded as Listed[]).filter((e) => e.severe).map((e) => ({ nhsNumber: e.nhsNumber, rule: e.rule }))
    expect(out.severeExcluded).toEqual(severe)
  })
})

describe('cohort knobs on seeded patients', () => {
  let ctx: TestContext
  const { addPatient, addReading, addEvent } = cohortSeeder(() => ctx.db)
  const cli = (...argv: string[]) => runOn(ctx.databasePath, argv)
  const json = (...argv: string[]) => jsonOn(ctx.databasePath, ...argv)
  const asOf = '2026-11-01'

  function hypertensive(nhsNumber: string, given: string, bp: [number, number], ethnicity?: string): number {
    const id = addPatient(nhsNumber, { given, family: 'TEST', dob: '1960-03-03', ethnicity })
    addEvent(id, '2015-01-01', 'HYP', '38341003', 'Hypertensive disorder')
    addReading(id, '2026-10-01', bp[0], bp[1])
    return id
  }

  // Invited 12 and 42 days before the as-of date (recorded in the practice system).
  const ANNE = '9434765919'
  const BILL = '9434765870'
  const CORA = '9434765862' // severe, invited 12 days before
  const DAVE = '9434765854'
  const EDNA = '9990000018' // mixed White and Black Caribbean (D)
  beforeEach(() => {
    ctx = createTestContext()
    addEvent(hypertensive(ANNE, 'Anne', [160, 96]), '2026-10-20', 'HYPINVITE', '184535005', 'Invitation for hypertension review')
    addEvent(hypertensive(BILL, 'Bill', [158, 94]), '2026-09-20', 'HYPINVITE', '184535005', 'Invitation for hypertension review')
    addEvent(hypertensive(CORA, 'Cora', [192, 124]), '2026-10-20', 'HYPINVITE', '184535005', 'Invitation for hypertension review')
    hypertensive(DAVE, 'Dave', [156, 92])
    hypertensive(EDNA, 'Edna', [162, 98], 'D')
  })
  afterEach(() => ctx.cleanup())

  const build = (definition: string, ...argv: string[]) => json('cohort', 'build', definition, '--as-of', asOf, ...argv)
  const membersOf = (out: Record<string, unknown>) => (out.members as Listed[]).map((m) => m.nhsNumber).sort()
  const excludedOf = (out: Record<string, unknown>) => (out.excluded as Listed[]).map((e) => [e.nhsNumber, e.rule]).sort()

  it('--invited-within changes who is excluded as recently invited, and is stored', async () => {
    const standard = await build('uncontrolled-hypertension')
    expect(membersOf(standard)).toEqual([BILL, DAVE, EDNA].sort())
    expect(excludedOf(standard)).toEqual(
      [
        [ANNE, 'exclude.recently-invited'],
        [CORA, 'exclude.recently-invited']
      ].sort()
    )

    const week = await build('uncontrolled-hypertension', '--invited-within', '7')
    expect(membersOf(week)).toEqual([ANNE, BILL, CORA, DAVE, EDNA].sort())
    expect(week.excluded).toEqual([])

    const twoMonths = await build('uncontrolled-hypertension', '--invited-within', '60')
    expect(membersOf(twoMonths)).toEqual([DAVE, EDNA].sort())
    expect(excludedOf(twoMonths).map(([nhs]) => nhs)).toEqual([ANNE, BILL, CORA].sort())
    expect(twoMonths.parameters).toMatchObject({ invitedWithinDays: 60 })
    expect(JSON.parse(storedParameters(ctx, twoMonths.cohortId))).toMatchObject({ invitedWithinDays: 60 })
  })

  it('lists an excluded patient with a severe BP under severeExcluded, with the exclusion that applied', async () => {
    const out = await build('uncontrolled-hypertension')
    expect(out.severeExcluded).toEqual([{ nhsNumber: CORA, rule: 'exclude.recently-invited' }])
    expect(membersOf(out)).not.toContain(CORA)
    const human = await cli('cohort', 'build', 'uncontrolled-hypertension', '--as-of', asOf)
    expect(human.stdout).toMatch(/SEVERE reading, excluded by exclude.recently-invited — please check: 943 476 5862/)
  })

  it('--include-mixed takes in Mixed White and Black Caribbean (D), off by default', async () => {
    expect(membersOf(await build('hypertension-black-african-caribbean'))).toEqual([])
    const mixed = await build('hypertension-black-african-caribbean', '--include-mixed')
    expect(membersOf(mixed)).toEqual([EDNA])
    expect(mixed.parameters).toMatchObject({ includeMixedBlackCategories: true })
  })

  it('refuses a bad value with exit 1 and one line naming the option, and builds nothing', async () => {
    const before = (await service(ctx, 'cohorts.list', {})).cohorts.length
    const bad = (definition: string, ...argv: string[]) => cli('cohort', 'build', definition, '--as-of', asOf, ...argv)
    oneLineError(
      await bad('uncontrolled-hypertension', '--without', 'exclude.foo'),
      1,
      '--without exclude.foo: not an exclusion of uncontrolled-hypertension; see "clinic-recall cohort rules uncontrolled-hypertension"'
    )
    // A real rule, but not one of this definition's exclusions.
    oneLineError(await bad('time-to-talk', '--without', 'exclude.bp-declined'), 1, /^--without exclude\.bp-declined: not an exclusion of time-to-talk/)
    // QOF-only exclusions are not applied in NICE mode: the screen greys the switch out.
    oneLineError(
      await bad('uncontrolled-hypertension', '--mode', 'nice', '--without', 'exclude.recent-diagnosis'),
      1,
      /^--without exclude\.recent-diagnosis: applies in QOF mode only/
    )
    // The contract's limits (the same schema the screen's call is parsed with).
    oneLineError(await bad('time-to-talk', '--threshold', '0'), 1, /^--threshold 0: must be at least 1$/)
    oneLineError(await bad('time-to-talk', '--threshold', '21'), 1, /^--threshold 21: must be at most 20$/)
    oneLineError(await bad('time-to-talk', '--threshold', '2.5'), 1, /^--threshold 2\.5: must be a whole number$/)
    oneLineError(await bad('time-to-talk', '--threshold', 'three'), 1, /^--threshold "three": expected a whole number$/)
    oneLineError(await bad('uncontrolled-hypertension', '--invited-within', '366'), 1, /^--invited-within 366: must be at most 365$/)
    oneLineError(await bad('uncontrolled-hypertension', '--invited-within', '-1'), 1, /^--invited-within -1: must be at least 0$/)
    // A switch the definition does not have.
    oneLineError(await bad('uncontrolled-hypertension', '--threshold', '3'), 1, /^--threshold: uncontrolled-hypertension does not count long-term conditions/)
    oneLineError(await bad('time-to-talk', '--include-mixed'), 1, /^--include-mixed: time-to-talk does not select by ethnicity/)
    oneLineError(
      await bad('uncontrolled-hypertension', '--without', 'exclude.recently-invited', '--invited-within', '14'),
      1,
      /^--invited-within: .*switched off by --without/
    )
    expect((await service(ctx, 'cohorts.list', {})).cohorts).toHaveLength(before)
    // Usage errors stay exit 2.
    expect((await bad('no-such-cohort', '--threshold', '3')).code).toBe(2)
    expect((await bad('time-to-talk', '--threshold')).code).toBe(2)
  })

  it("cohort rules lists the ids a build accepts: a definition's own, or every exclusion rule", async () => {
    const { definitions } = await service(ctx, 'cohorts.definitions', {})
    for (const definition of definitions) {
      const out = await json('cohort', 'rules', definition.id)
      const rules = out.rules as Record<string, unknown>[]
      expect(rules.map((r) => Object.keys(r).sort())).toEqual(rules.map(() => ['id', 'label', 'qofOnly', 'source']))
      expect(rules).toEqual(definition.exclusions.map((e) => ({ id: e.rule, label: e.label, source: e.source, qofOnly: e.qofOnly })))
      for (const rule of rules) {
        const built = await cli('cohort', 'build', definition.id, '--as-of', asOf, '--without', String(rule.id), '--json')
        expect(built.code, `${definition.id} --without ${String(rule.id)}: ${built.stderr}`).toBe(0)
      }
    }
    const all = (await json('cohort', 'rules')).rules as { id: string; qofOnly: boolean }[]
    const exclusionIds = Object.values(cohortRules)
      .filter((r) => r.kind === 'exclusion')
      .map((r) => r.id)
    expect(all.map((r) => r.id)).toEqual(exclusionIds)
    expect(all.find((r) => r.id === 'exclude.recent-diagnosis')?.qofOnly).toBe(true)
    expect(all.find((r) => r.id === 'exclude.no-contact-permitted')?.qofOnly).toBe(false)

    const table = await cli('cohort', 'rules', 'time-to-talk')
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/exclude\.no-contact-permitted\s+No contact permitted/)
    expect((await cli('cohort', 'rules', 'no-such-cohort')).code).toBe(2)
  })

  it('contact set --no-contact keeps the other preferences, and the next build excludes the patient as no contact permitted', async () => {
    const largePrint = await json('contact', 'set', '--nhs', '943 476 5854', '--large-print', '--no-sms')
    expect(largePrint).toMatchObject({ nhsNumber: DAVE, largePrint: true, smsDeclined: true, noContact: false })
    const blocked = await json('contact', 'set', '--nhs', '9434765854', '--no-contact')
    expect(blocked).toMatchObject({ nhsNumber: DAVE, noContact: true, largePrint: true, smsDeclined: true, preferredChannel: 'any' })
    expect(await service(ctx, 'contacts.get', { nhsNumber: DAVE })).toMatchObject({ noContact: true, largePrint: true, smsDeclined: true })

    const out = await build('uncontrolled-hypertension')
    expect(membersOf(out)).not.toContain(DAVE)
    expect(excludedOf(out)).toContainEqual([DAVE, 'exclude.no-contact-permitted'])

    await json('contact', 'set', '--nhs', '943-476-5854', '--contact', '--sms')
    expect(await service(ctx, 'contacts.get', { nhsNumber: DAVE })).toMatchObject({ noContact: false, largePrint: true, smsDeclined: false })
    expect(membersOf(await build('uncontrolled-hypertension'))).toContain(DAVE)
  })

  it('contact set refuses an unknown patient or a bad NHS number (exit 1, naming it) and a set with nothing to change (exit 2)', async () => {
    oneLineError(await cli('contact', 'set', '--nhs', '401 023 2137', '--no-contact'), 1, /^--nhs 401 023 2137: no patient with this NHS number$/)
    oneLineError(await cli('contact', 'set', '--nhs', '123 456 7890', '--no-contact'), 1, /^--nhs: .*Modulus 11/)
    oneLineError(await cli('contact', 'set', '--nhs', DAVE, '--interpreter', ''), 1, /^--interpreter "": /)
    expect((await cli('contact', 'set', '--nhs', DAVE)).code).toBe(2)
    expect((await cli('contact', 'set', '--no-contact')).code).toBe(2)
    expect(await service(ctx, 'contacts.get', { nhsNumber: DAVE })).toMatchObject({ noContact: false, largePrint: false, smsDeclined: false })
  })

  it('records who made the change: global --user and --role', async () => {
    await json('--user', 'Pat Pharmacist', '--role', 'clinician', 'contact', 'set', '--nhs', DAVE, '--no-sms')
    const { entries } = await service(ctx, 'activity.list', {})
    expect(entries.find((e) => e.action === 'contact.setPreferences')).toMatchObject({ user: 'Pat Pharmacist', role: 'clinician' })
    expect((await cli('--role', 'receptionist', 'contact', 'set', '--nhs', DAVE, '--sms')).code).toBe(2)
  })

  it('clinic interval changes the follow-up proposed after a visit, within 4–12 weeks', async () => {
    const set = await json('clinic', 'interval', '--type', 'Hypertension review', '--weeks', '10')
    expect(set).toEqual({ type: 'Hypertension review', weeks: 10, practiceSet: true })
    const { types } = await service(ctx, 'clinics.followUpIntervals', {})
    expect(types.find((t) => t.type === 'Hypertension review')).toMatchObject({ weeks: 10, practiceSet: true })

    const clinic = await json(
      'clinic',
      'create',
      '--type',
      'Hypertension review',
      '--date',
      '2026-11-20',
      '--start',
      '09:00',
      '--slots',
      '2',
      '--slot-minutes',
      '15'
    )
    const booked = await json('book', '--clinic', String(clinic.clinicId), '--nhs', DAVE)
    const attended = await json('attend', '--appointment', String(booked.appointmentId), '--bp', '150/92')
    expect(attended.followUpDue).toBe('2027-01-29') // 10 weeks after 20 November 2026
    expect(String(attended.followUpReason)).toMatch(/10 weeks/)

    oneLineError(await cli('clinic', 'interval', '--type', 'Hypertension review', '--weeks', '3'), 1, /^--weeks 3: must be at least 4$/)
    oneLineError(await cli('clinic', 'interval', '--type', 'Hypertension review', '--weeks', '13'), 1, /^--weeks 13: must be at most 12$/)
    oneLineError(await cli('clinic', 'interval', '--type', 'Hypertension review', '--weeks', 'six'), 1, /^--weeks "six": expected a whole number$/)
    oneLineError(await cli('clinic', 'interval', '--type', '  ', '--weeks', '6'), 1, /^--type/)
    expect((await cli('clinic', 'interval', '--type', 'Hypertension review')).code).toBe(2)
    expect((await service(ctx, 'clinics.followUpIntervals', {})).types.find((t) => t.type === 'Hypertension review')?.weeks).toBe(10)
  })
})
