// The CLI is a public interface: command names, options, `--json` keys and exit codes
// (0 success, 1 bad input with a one-line reason naming the file/row/field, 2 usage). These tests run
// the real program on a real SQLite file and check exactly those promises.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, runCliCaptured, runCliJson } from '../support/run-cli'
import { practiceDetailsCliArgs } from '../support/practice-details'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'

const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')

type Run = CliRun

let folder = ''
let db = ''

const cli = (...argv: string[]): Promise<Run> => runCliCaptured(['--db', db, ...argv])
const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-'))
  db = join(folder, 'practice.sqlite')
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('clinic-recall CLI contract', () => {
  it('import --json has every documented key, and a re-import says alreadyImported', async () => {
    const first = await json('import', fixture)
    for (const key of ['importId', 'format', 'rowsRead', 'patientsAdded', 'patientsUpdated', 'readingsAdded', 'rejected', 'alreadyImported']) {
      expect(first).toHaveProperty(key)
    }
    expect(first.alreadyImported).toBe(false)
    expect(first.patientsAdded).toBeGreaterThan(0)
    for (const reject of first.rejected as Record<string, unknown>[]) {
      expect(reject).toHaveProperty('row')
      expect(reject).toHaveProperty('column')
      expect(reject).toHaveProperty('reason')
    }
    const again = await json('import', fixture)
    expect(again.alreadyImported).toBe(true)
    expect(again.patientsAdded).toBe(0)
    expect(again.readingsAdded).toBe(0)
  })

  it.each(['uncontrolled-hypertension', 'hypertension-black-african-caribbean', 'time-to-talk', 'no-recent-bp'])(
    'cohort build %s --json gives members with priority and reasons',
    async (definition) => {
      const out = await json('cohort', 'build', definition, '--as-of', '2026-11-01', '--mode', 'qof')
      expect(out).toMatchObject({ definition, asOf: '2026-11-01', mode: 'qof' })
      expect(typeof out.cohortId).toBe('number')
      for (const member of out.members as Record<string, unknown>[]) {
        expect(member.nhsNumber).toMatch(/^\d{10}$/)
        expect(member).toHaveProperty('priority')
        expect(Array.isArray(member.reasons) && (member.reasons as unknown[]).length).toBeGreaterThan(0)
      }
      for (const excluded of out.excluded as Record<string, unknown>[]) {
        expect(excluded.nhsNumber).toMatch(/^\d{10}$/)
        expect(typeof excluded.rule).toBe('string')
      }
    }
  )

  it('runs invite → clinic create → book → attend → followups due → audit with the documented keys', async () => {
    const cohort = await json('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01')
    const members = cohort.members as { nhsNumber: string }[]
    expect(members.length).toBeGreaterThan(0)

    await json(...practiceDetailsCliArgs)
    const invite = await json('invite', String(cohort.cohortId), '--attempt', '1', '--date', '2026-11-02', '--out', join(folder, 'letters'))
    expect(invite).toHaveProperty('batchId')
    expect(invite).toHaveProperty('sms')
    // Patients with a valid mobile are texted, so the batch is letters and SMS together.
    expect(Number(invite.letters) + Number(invite.sms)).toBeGreaterThan(0)
    expect(Array.isArray(invite.files)).toBe(true)

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
      '4',
      '--slot-minutes',
      '15',
      '--clinician',
      'A Pharmacist'
    )
    expect(typeof clinic.clinicId).toBe('number')

    const booked = await json('book', '--clinic', String(clinic.clinicId), '--nhs', members[0]?.nhsNumber ?? '')
    expect(typeof booked.appointmentId).toBe('number')
    expect(booked.start).toMatch(/09:00/)

    const attended = await json('attend', '--appointment', String(booked.appointmentId), '--bp', '152/94', '--bp', '148/96')
    expect(attended).toMatchObject({ status: 'attended' })
    expect(attended.bp).toBe('148/94') // lowest systolic and lowest diastolic of the day (NICE NG136 1.2.2)
    expect(attended.followUpDue).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const due = await json('followups', 'due', '--as-of', '2027-03-01')
    const dueList = due.due as Record<string, unknown>[]
    expect(dueList.some((d) => d.nhsNumber === members[0]?.nhsNumber && typeof d.dueOn === 'string' && typeof d.reason === 'string')).toBe(true)

    const workbook = join(folder, 'audit.xlsx')
    const audit = await json('audit', '--as-of', '2026-11-22', '--out', workbook)
    expect(audit.bpOutcome).toEqual(
      expect.objectContaining({ patients: expect.any(Number), reduced: expect.any(Number), unchanged: expect.any(Number), increased: expect.any(Number) })
    )
    expect(audit.funnel).toEqual(
      expect.objectContaining({ eligible: expect.any(Number), invited: expect.any(Number), booked: 1, attended: 1, followedUp: expect.any(Number) })
    )
    expect(existsSync(workbook)).toBe(true)
  })

  it('exits 1 with a one-line reason naming the file for bad input, and leaves the database alone', async () => {
    const bad = join(folder, 'not-an-export.csv')
    writeFileSync(bad, '<html><body>Search results</body></html>')
    const run = await cli('import', bad, '--json')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('not-an-export.csv')
  })

  it('exits 2 on usage errors', async () => {
    expect((await cli('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '31/03/2026')).code).toBe(2)
    expect((await cli('no-such-command')).code).toBe(2)
    expect((await cli('attend', '--appointment', '1')).code).toBe(2) // needs --bp or --dna
  })
})

describe('clinic-recall CLI: invitation rounds, did-not-attend and bad input', () => {
  let roundDb = ''
  beforeAll(() => {
    roundDb = join(folder, 'rounds.sqlite')
  })
  const run = (...argv: string[]): Promise<Run> => runCliCaptured(['--db', roundDb, ...argv])
  async function runJson(...argv: string[]): Promise<Record<string, unknown>> {
    const result = await run(...argv, '--json')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    return JSON.parse(result.stdout) as Record<string, unknown>
  }
  const oneLineError = (result: Run, code: number, pattern: RegExp) => {
    expect(result.code).toBe(code)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(pattern)
  }

  it('sends the 2nd invitation only after the wait, to those not booked, and records a did-not-attend', async () => {
    // A synthetic practice (the demo's generator) gives a cohort of realistic size.
    const practice = generateSyntheticEmisExport({ patients: 150, seed: 5, asOf: '2026-10-31' })
    const exportFile = join(folder, practice.fileName)
    writeFileSync(exportFile, practice.csv)
    await runJson('import', exportFile)
    await runJson(...practiceDetailsCliArgs)
    const cohort = await runJson('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01')
    const members = (cohort.members as { nhsNumber: string; priority: string | null }[]).filter((m) => m.priority !== 'P1')
    expect(members.length).toBeGreaterThan(1)
    const first = await runJson('invite', String(cohort.cohortId), '--attempt', '1', '--date', '2026-11-02')
    const invited = Number(first.letters) + Number(first.sms)
    expect(invited).toBeGreaterThan(1)

    // Too soon: nobody gets the 2nd, each says when it can go.
    const early = await runJson('invite', String(cohort.cohortId), '--attempt', '2', '--date', '2026-11-09')
    expect(Number(early.letters) + Number(early.sms)).toBe(0)
    expect((early.notInvited as { reason: string }[]).some((n) => /invitation 2 can go from 16 November 2026/.test(n.reason))).toBe(true)

    // One member books (and does not attend); the 2nd round goes to the others only.
    const clinic = await runJson(
      'clinic',
      'create',
      '--type',
      'Pharmacist BP clinic',
      '--date',
      '2026-11-10',
      '--start',
      '10:00',
      '--slots',
      '3',
      '--slot-minutes',
      '20'
    )
    const booked = await runJson('book', '--clinic', String(clinic.clinicId), '--nhs', members[0]?.nhsNumber ?? '')
    const dna = await runJson('attend', '--appointment', String(booked.appointmentId), '--dna')
    expect(dna).toMatchObject({ status: 'did-not-attend', bp: null, followUpDue: null })
    const again = await run('attend', '--appointment', String(booked.appointmentId), '--bp', '150/90')
    oneLineError(again, 1, /already recorded as did-not-attend/)

    const second = await runJson('invite', String(cohort.cohortId), '--attempt', '2', '--date', '2026-11-16')
    expect(Number(second.letters) + Number(second.sms)).toBeGreaterThan(0)
    // A did-not-attend is not an answer: that patient is invited again too.
    expect((second.notInvited as { nhsNumber: string }[]).map((n) => n.nhsNumber)).not.toContain(members[0]?.nhsNumber)
    // A longer wait is an option of the same command.
    const third = await runJson('invite', String(cohort.cohortId), '--attempt', '3', '--date', '2026-11-20', '--wait-days', '28')
    expect(Number(third.letters) + Number(third.sms)).toBe(0)
    expect((third.notInvited as { reason: string }[]).some((n) => /at least 28 days later/.test(n.reason))).toBe(true)
  })

  it('refuses a visit for a clinic that has not happened yet (exit 1, one line), and followups due keeps its keys', async () => {
    const cohort = await runJson('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01')
    const member = (cohort.members as { nhsNumber: string }[]).at(-1)
    const future = await runJson(
      'clinic',
      'create',
      '--type',
      'Hypertension review',
      '--date',
      '2099-01-05',
      '--start',
      '09:00',
      '--slots',
      '2',
      '--slot-minutes',
      '15'
    )
    const booked = await runJson('book', '--clinic', String(future.clinicId), '--nhs', member?.nhsNumber ?? '')
    expect(booked).toEqual(expect.objectContaining({ appointmentId: expect.any(Number), start: '09:00' }))
    oneLineError(await run('attend', '--appointment', String(booked.appointmentId), '--bp', '150/90', '--json'), 1, /has not happened yet/)
    oneLineError(await run('attend', '--appointment', String(booked.appointmentId), '--dna'), 1, /has not happened yet/)
    const due = await runJson('followups', 'due', '--as-of', '2026-12-01')
    expect(Array.isArray(due.due)).toBe(true)
    for (const d of due.due as Record<string, unknown>[]) {
      expect(d).toEqual(
        expect.objectContaining({
          nhsNumber: expect.stringMatching(/^\d{10}$/),
          dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          reason: expect.any(String)
        })
      )
    }
  })

  it('exits 1 naming the field for bad input and 2 for usage errors on invite, clinic create, book and attend', async () => {
    oneLineError(await run('invite', '9999', '--json'), 1, /cohort/i)
    oneLineError(await run('book', '--clinic', '1', '--nhs', '123 456 7890'), 1, /nhsNumber/)
    oneLineError(await run('attend', '--appointment', '99999', '--bp', '150/90'), 1, /appointment/i)
    oneLineError(await run('attend', '--appointment', '1', '--bp', '90/150'), 1, /systolic|bp/i)
    expect((await run('invite', '1', '--attempt', '4')).code).toBe(2)
    expect((await run('invite', 'first')).code).toBe(2)
    expect((await run('clinic', 'create', '--date', '2026-12-01', '--start', '09:00', '--slots', '4', '--slot-minutes', '15')).code).toBe(2) // no --type
    expect((await run('clinic', 'create', '--type', 'BP', '--date', '01/12/2026', '--start', '09:00', '--slots', '4', '--slot-minutes', '15')).code).toBe(2)
    expect((await run('book', '--clinic', '1')).code).toBe(2) // no --nhs
    expect((await run('attend', '--appointment', '1', '--bp', '150/90', '--dna')).code).toBe(2)
    expect((await run('followups', 'due', '--as-of', 'tomorrow')).code).toBe(2)
  })
})

describe('clinic-recall demo', () => {
  it('leaves an export, a letters PDF with one page per letter and an audit workbook in --out', async () => {
    const out = join(folder, 'demo')
    const { code, stdout } = await runCliCaptured(['demo', '--out', out, '--patients', '120', '--json'], {})
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { exportFile: string; lettersPdf: string; letters: number; auditWorkbook: string; databasePath: string }
    expect(report.databasePath.startsWith(out)).toBe(true) // never the practice's real database
    for (const file of [report.exportFile, report.lettersPdf, report.auditWorkbook]) expect(existsSync(file)).toBe(true)
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(report.lettersPdf)), verbosity: 0 }).promise
    expect(report.letters).toBeGreaterThan(0)
    expect(pdf.numPages).toBe(report.letters)
  })
})
