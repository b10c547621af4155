// `clinic-recall audit [--programme ID]` as a practice scripts it: the --json keys (kept, and the
// programme ones added), the text naming the programme, the workbook named after it, and an unknown
// programme refused with exit 1 and one line — on a real database through the real CLI.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliCaptured, runCliJson } from '../support/run-cli'

const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')

let folder = ''
let db = ''
let bp = 0
let ttt = 0

const cli = (...argv: string[]) => runCliCaptured(['--db', db, ...argv])
const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-audit-'))
  db = join(folder, 'practice.sqlite')
  await json('import', fixture)
  // Each build with no programme named starts one for its cohort: two programmes on one practice.
  bp = Number((await json('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01')).programmeId)
  ttt = Number((await json('cohort', 'build', 'time-to-talk', '--as-of', '2026-11-01')).programmeId)
  expect(bp).not.toBe(ttt)
}, 60_000)
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const funnelKeys = ['eligible', 'invited', 'invited1', 'invited2', 'invited3', 'booked', 'attended', 'followedUp']

describe('audit --programme', () => {
  it('--json keeps asOf, bpOutcome, funnel and workbook, and adds the programme and each programme’s figures', async () => {
    const workbook = join(folder, 'bp-audit.xlsx')
    const out = await json('audit', '--programme', String(bp), '--as-of', '2026-11-22', '--out', workbook)
    for (const key of ['asOf', 'bpOutcome', 'funnel', 'workbook', 'programmeId', 'programmeName', 'programmes']) expect(out).toHaveProperty(key)
    expect(out).toMatchObject({ asOf: '2026-11-22', programmeId: bp, workbook })
    expect(Object.keys(out.funnel as object).sort()).toEqual([...funnelKeys].sort())
    expect(out.bpOutcome).toEqual(expect.objectContaining({ patients: expect.any(Number), reduced: expect.any(Number), increased: expect.any(Number) }))
    const programmes = out.programmes as Record<string, unknown>[]
    expect(programmes).toHaveLength(1)
    expect(Object.keys(programmes[0] ?? {}).sort()).toEqual(['bpOutcome', 'funnel', 'name', 'outcome', 'programmeId', 'status'])
    expect(programmes[0]).toMatchObject({ programmeId: bp, name: out.programmeName, funnel: out.funnel, bpOutcome: out.bpOutcome })
    expect(existsSync(workbook)).toBe(true)
  })

  it('without --programme audits the whole practice and lists both programmes', async () => {
    const out = await json('audit', '--as-of', '2026-11-22')
    expect(out).toMatchObject({ programmeId: null, programmeName: null, workbook: null })
    const programmes = out.programmes as { programmeId: number; funnel: { eligible: number } }[]
    expect(programmes.map((p) => p.programmeId)).toEqual([bp, ttt])
    // A patient in both cohorts is counted once for the practice.
    expect((out.funnel as { eligible: number }).eligible).toBeLessThanOrEqual(programmes.reduce((n, p) => n + p.funnel.eligible, 0))
  })

  it('names the programme in the text output', async () => {
    const run = await cli('audit', '--programme', String(ttt), '--as-of', '2026-11-22')
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^Audit of the programme ".+" \\(${ttt}\\) as of 2026-11-22$`))
    expect(run.stdout).toMatch(/Funnel: eligible \d+ → invited \d+ \(2nd invitation \d+, 3rd \d+\) → booked/)
    const whole = await cli('audit', '--as-of', '2026-11-22')
    expect(whole.stdout).toMatch(/^Audit of the whole practice/)
    expect(whole.stdout).toContain(`  ${bp} "`)
  })

  it('refuses an unknown programme with exit 1 and one line, before writing any workbook', async () => {
    const workbook = join(folder, 'never.xlsx')
    const run = await cli('audit', '--programme', '999', '--out', workbook, '--json')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('no programme 999')
    expect(existsSync(workbook)).toBe(false)
    expect((await cli('audit', '--programme', 'bp')).code).toBe(2)
  })
})
