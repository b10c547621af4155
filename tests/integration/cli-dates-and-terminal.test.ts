// Two edges of the CLI and the contract behind it. Dates: only real calendar days in the range the
// app accepts get through, whether typed on the command line or sent to `dispatch`, and a refusal
// names the option or field and changes nothing. Terminal: whatever a patient's name holds (an
// imported file is not trusted), text output cannot steer the terminal, and --json keeps the value.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCliCaptured } from '../support/run-cli'
import { forTerminal, jsonForTerminal, terminalPlaceholder } from '../../src/main/cli/terminal-text'
import { dispatch } from '../../src/main/dispatch'
import { createServices } from '../../src/main/services'
import { createTestContext, type TestContext } from '../support/test-context'
import { csvLines, validNhsNumber } from '../support/export-text'

let folder = ''
let db = ''
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-edges-'))
  db = join(folder, 'practice.sqlite')
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

const cli = (...argv: string[]) => runCliCaptured(['--db', db, ...argv])

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

const header = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Systolic BP', 'Diastolic BP', 'BP Date']
const hostileName = '\u001b[2JSMITH\u0007\u202eLIVE'
const nhs = validNhsNumber(1)

async function importHostilePatient(): Promise<void> {
  const file = join(folder, 'hostile.csv')
  writeFileSync(file, csvLines([header, [nhs, hostileName, 'Jane', '05/03/1958', 'F', '150', '90', '01/10/2026']]))
  expect((await cli('import', file, '--json')).code).toBe(0)
}

// Steering characters: C0 (not \n, \t), DEL, C1, bidi marks/overrides/isolates, line separators.
// eslint-disable-next-line no-control-regex
const steering = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/

describe('dates through dispatch', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext()
  })
  afterEach(() => ctx.cleanup())

  it('refuses an impossible or out-of-range date naming the field, and stores nothing', async () => {
    const services = createServices(ctx)
    ctx.db.pragma('wal_checkpoint(TRUNCATE)')
    const before = fileHash(ctx.databasePath)
    const cases = [
      ['cohorts.build', { definition: 'uncontrolled-hypertension', asOf: '2026-02-31' }, 'asOf: 2026-02-31 is not a real date: February 2026 has 28 days'],
      ['followups.due', { asOf: '0000-00-00' }, 'asOf: 0000-00-00 is not a real date'],
      ['invitations.createBatch', { cohortId: 1, date: '2026-13-01' }, 'date: 2026-13-01 is not a real date: there is no month 13'],
      ['audit.exportWorkbook', { asOf: '1899-12-31' }, 'asOf: 1899-12-31 is outside the dates Clinic Recall accepts (1900-01-01 to 2100-12-31)'],
      ['clinics.create', { type: 'BP', date: '2026-02-29', start: '09:00', slots: 2, slotMinutes: 15 }, 'date: 2026-02-29 is not a real date'],
      ['clinics.create', { type: 'BP', date: '2026-03-02', start: '24:61', slots: 2, slotMinutes: 15 }, 'start: expected a time as HH:MM']
    ] as const
    for (const [name, input, message] of cases) {
      const result = await dispatch(services, name, input)
      expect(result.ok, name).toBe(false)
      if (!result.ok) {
        expect(result.error.code, name).toBe('invalid_input')
        expect(result.error.message, name).toContain(message)
      }
    }
    ctx.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(fileHash(ctx.databasePath)).toBe(before)
  })

  it('accepts 29 February in a leap year', async () => {
    const result = await dispatch(createServices(ctx), 'clinics.create', { type: 'BP', date: '2024-02-29', start: '23:30', slots: 1, slotMinutes: 15 })
    expect(result.ok).toBe(true)
  })
})

describe('dates on the command line', () => {
  it('refuses a well-formed but impossible date with exit 1 and one line naming the option, changing nothing', async () => {
    await importHostilePatient()
    const before = fileHash(db)
    const cases: [string[], string][] = [
      [['cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-02-31'], '--as-of: 2026-02-31 is not a real date: February 2026 has 28 days\n'],
      [['followups', 'due', '--as-of', '0000-00-00'], '--as-of: 0000-00-00 is not a real date: there is no month 0\n'],
      [['audit', '--as-of', '1899-12-31'], '--as-of: 1899-12-31 is outside the dates Clinic Recall accepts (1900-01-01 to 2100-12-31)\n'],
      [['invite', '1', '--date', '2026-13-01'], '--date: 2026-13-01 is not a real date: there is no month 13\n'],
      [
        ['clinic', 'create', '--type', 'BP', '--date', '2026-02-29', '--start', '09:00', '--slots', '2', '--slot-minutes', '15'],
        '--date: 2026-02-29 is not a real date: February 2026 has 28 days\n'
      ],
      [
        ['clinic', 'create', '--type', 'BP', '--date', '2026-03-02', '--start', '24:61', '--slots', '2', '--slot-minutes', '15'],
        '--start 24:61: expected a time as HH:MM\n'
      ]
    ]
    for (const [argv, line] of cases) {
      const run = await cli(...argv)
      expect(run.code, argv.join(' ')).toBe(1)
      expect(run.stderr, argv.join(' ')).toBe(line)
      expect(run.stdout, argv.join(' ')).toBe('')
    }
    expect(fileHash(db)).toBe(before)
  })

  it('keeps a date not written YYYY-MM-DD a usage error (exit 2), and takes a leap day', async () => {
    expect((await cli('followups', 'due', '--as-of', '31/03/2026')).code).toBe(2)
    const leap = await cli('followups', 'due', '--as-of', '2024-02-29', '--json')
    expect(leap.code).toBe(0)
    expect(JSON.parse(leap.stdout).asOf).toBe('2024-02-29')
  })
})

describe('text for the terminal', () => {
  it('replaces control, escape and bidi characters with a visible placeholder, keeping newlines and tabs', () => {
    expect(forTerminal('\u001b[2JSMITH\u0007')).toBe(`${terminalPlaceholder}[2JSMITH${terminalPlaceholder}`)
    expect(forTerminal('a\tb\nc')).toBe('a\tb\nc')
    expect(forTerminal('BAD\b\b\bOK\rX')).toBe(`BAD${terminalPlaceholder.repeat(3)}OK${terminalPlaceholder}X`)
    expect(forTerminal('\u202eHTIMS \u2066x\u2069 \u009b2J \u200f')).not.toMatch(steering)
    expect(forTerminal('Zoë Ångström 😀 O\u2019Brien')).toBe('Zoë Ångström 😀 O\u2019Brien')
  })

  it('escapes the same characters in JSON without changing its value', () => {
    const value = { name: '\u202eHTIMS\u009b\u2028', plain: 'Zoë' }
    const text = jsonForTerminal(JSON.stringify(value, null, 2))
    expect(text).not.toMatch(steering)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('a patient imported as "\\u001b[2JSMITH\\u0007…" is shown by a CLI text command without steering the terminal', async () => {
    await importHostilePatient()
    const shown = await cli('contact', 'set', '--nhs', nhs, '--large-print')
    expect(shown.code).toBe(0)
    // The import took the escape sequence, the BEL and the bidi override out.
    expect(shown.stdout).toContain('Jane SMITHLIVE')
    expect(shown.stdout).not.toMatch(steering)
  })

  it('a name stored raw (by an older version) is shown with placeholders in text and kept exactly in --json', async () => {
    await importHostilePatient()
    const raw = new (await import('better-sqlite3')).default(db)
    raw.prepare('UPDATE patients SET family_name = ? WHERE nhs_number = ?').run(hostileName, nhs)
    raw.close()
    const text = await cli('contact', 'set', '--nhs', nhs, '--large-print')
    expect(text.code).toBe(0)
    expect(text.stdout).not.toMatch(steering)
    expect(text.stdout).toContain(`Jane ${terminalPlaceholder}[2JSMITH${terminalPlaceholder}${terminalPlaceholder}LIVE`)
    const json = await cli('contact', 'set', '--nhs', nhs, '--no-large-print', '--json')
    expect(json.stdout).not.toMatch(steering)
    expect(JSON.parse(json.stdout).name).toBe(`Jane ${hostileName}`)
  })

  it('error messages on stderr are cleaned too (a hostile file name)', async () => {
    const run = await cli('import', join(folder, '\u001b[2Jmissing\u0007.csv'))
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('missing')
    expect(run.stderr).not.toMatch(steering)
    const unknown = await cli('\u001b]0;owned\u0007')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).not.toMatch(steering)
  })
})
