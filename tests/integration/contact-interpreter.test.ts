// An interpreter need recorded in Clinic Recall, end to end on a real SQLite file: `contact set
// --interpreter LANGUAGE` records it with the other contact preferences, `contacts.get` shows it beside
// what the export says, the invitation batch sheet and phone list use it, a later import that says
// "no interpreter" leaves it alone, and `--no-interpreter` removes it so the export's value applies.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppContext } from '../../src/main/app-context'
import type { ServiceContext } from '../../src/main/context'
import { type CliRun, runCliCaptured } from '../support/run-cli'
import { dispatch } from '../../src/main/dispatch'
import { createServices } from '../../src/main/services'
import { withPracticeDetails } from '../support/practice-details'
import type { OperationInput, OperationOutput } from '../../src/shared/contract'
import type { OperationName } from '../../src/shared/operation-names'

type Run = CliRun

const TOM = '9990001006' // no mobile: a letter
const CHINEDU = '9991158383' // the export says Igbo, interpreter needed: nothing recorded in the app
const JANE = '9991000003' // prefers a phone call: the phone list

/** An EMIS search export as a practice runs it: one row per patient, then its two BP values. */
function emisExport(runDate: string, tom: { language: string; interpreter: string }): string {
  const header =
    '"NHS Number","EMIS Number","Title","Family Name","Calling Name","Date of Birth","Gender","Ethnicity","House Name / Flat Number","Number and Street","Town","Postcode","Mobile Telephone","Main Language","Interpreter Required","Date","Code","Code Term","Value"'
  const patient = (
    nhs: string,
    emis: string,
    title: string,
    family: string,
    given: string,
    street: string,
    postcode: string,
    mobile: string,
    language: string,
    interpreter: string
  ) => [
    `${nhs},${emis},${title},${family},${given},12-Mar-1958,${title === 'Mr' ? 'M' : 'F'},Black African,,${street},London,${postcode},${mobile},${language},${interpreter},12-Jan-2020,59621000,Essential hypertension,`,
    `,,,,,,,,,,,,,,,01-Oct-2026,271649006,Systolic blood pressure,156`,
    `,,,,,,,,,,,,,,,01-Oct-2026,271650006,Diastolic blood pressure,96`
  ]
  return [
    'Report Name:,Hypertension BP recall list,',
    `Run Date:,${runDate},`,
    ',,',
    header,
    ...patient('999 100 0003', '1001', 'Mrs', 'SMITH', 'Jane', '1 Acre Lane', 'SW2 5SG', '07700 900001', 'English', 'No'),
    ...patient('999 000 1006', '1002', 'Mr', 'BROWN', 'Tom', '2 Brixton Road', 'SW9 6BU', '', tom.language, tom.interpreter),
    ...patient('999 115 8383', '1003', 'Mr', 'OKAFOR', 'Chinedu', '3 Coldharbour Lane', 'SE5 9NR', '', 'Igbo', 'Yes')
  ].join('\r\n')
}

/** The CSV line of one patient (the NHS number, spaced 3-3-4 for staff, is the first cell). */
function csvLine(path: string, nhs: string): string {
  const spaced = nhs.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')
  const line = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .find((l) =>
      l
        .replace(/^\uFEFF/, '')
        .replace(/^"/, '')
        .startsWith(spaced)
    )
  expect(line, `${nhs} in ${path}`).toBeDefined()
  return line ?? ''
}

describe('an interpreter need recorded in the app, on a real practice database', () => {
  let folder = ''
  let db = ''
  let ctx: ServiceContext
  let cohortId = 0

  const cli = (...argv: string[]): Promise<Run> => runCliCaptured(['--db', db, ...argv], { CLINIC_RECALL_USER: 'Reception desk' })
  const json = async (...argv: string[]): Promise<Record<string, unknown>> => {
    const run = await cli(...argv, '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    return JSON.parse(run.stdout) as Record<string, unknown>
  }
  /** The operation as the contact card calls it: parsed by the contract, through the one dispatcher. */
  const service = async <K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> => {
    const result = await dispatch(createServices(ctx), name, input)
    if (!result.ok) throw new Error(result.error.message)
    return result.value as OperationOutput<K>
  }
  const refused = (run: Run, pattern: RegExp) => {
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr.trim()).toMatch(pattern)
  }
  const importExport = async (name: string, text: string) => {
    const file = join(folder, name)
    writeFileSync(file, `${text}\r\n`)
    return json('import', file)
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'clinic-recall-interpreter-'))
    db = join(folder, 'practice.sqlite')
    // Tom's main language is in the export, but not that he needs an interpreter.
    await importExport('first.csv', emisExport('12-Nov-2026', { language: 'Polish', interpreter: '' }))
    ctx = createAppContext({ databasePath: db, user: { name: 'Screen test', role: 'admin' } })
    withPracticeDetails(ctx)
    const cohort = await json('cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-12')
    cohortId = Number(cohort.cohortId)
    expect((cohort.members as { nhsNumber: string }[]).map((m) => m.nhsNumber).sort()).toEqual([TOM, JANE, CHINEDU].sort())
  })
  afterAll(() => {
    ctx.db.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('records it by CLI, shows it in contacts.get beside the export, lists it on the batch sheet and phone list, survives a re-import and clears back to the export', async () => {
    const before = await service('contacts.get', { nhsNumber: TOM })
    expect(before).toMatchObject({
      mainLanguage: 'Polish',
      interpreterRequired: false,
      interpreterLanguage: null,
      languageSource: 'export',
      exportInterpreterRequired: null
    })

    // 1. Set by CLI: the documented keys carry the effective values; the export's stay alongside.
    const set = await json('contact', 'set', '--nhs', '999 000 1006', '--interpreter', '  Polish ')
    for (const key of ['nhsNumber', 'name', 'noContact', 'smsDeclined', 'largePrint', 'preferredChannel', 'mainLanguage', 'interpreterRequired'])
      expect(set).toHaveProperty(key)
    expect(set).toMatchObject({
      nhsNumber: TOM,
      mainLanguage: 'Polish',
      interpreterRequired: true,
      interpreterLanguage: 'Polish',
      languageSource: 'app',
      exportMainLanguage: 'Polish',
      exportInterpreterRequired: null,
      noContact: false,
      smsDeclined: false,
      largePrint: false
    })
    const text = await cli('contact', 'set', '--nhs', JANE, '--interpreter', 'Kurdish (Sorani)')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(
      /interpreter: needed \(Kurdish \(Sorani\)\), recorded in Clinic Recall; the export says: main language English, interpreter not needed/
    )

    // 2. contacts.get (what the contact card shows) has it; the other preferences are untouched.
    expect(await service('contacts.get', { nhsNumber: TOM })).toMatchObject({
      interpreterLanguage: 'Polish',
      interpreterRequired: true,
      mainLanguage: 'Polish',
      exportMainLanguage: 'Polish',
      preferredChannel: 'any'
    })
    // The card saves every preference at once: a phone preference keeps the interpreter recorded by CLI.
    const jane = await service('contacts.get', { nhsNumber: JANE })
    await service('contacts.setPreferences', {
      nhsNumber: JANE,
      smsDeclined: jane.smsDeclined,
      largePrint: jane.largePrint,
      preferredChannel: 'phone',
      noContact: jane.noContact
    })
    expect(await service('contacts.get', { nhsNumber: JANE })).toMatchObject({ preferredChannel: 'phone', interpreterLanguage: 'Kurdish (Sorani)' })

    // 3. The invitation batch sheet and phone list list the interpreter language.
    const batch = await json('invite', String(cohortId), '--date', '2026-11-12')
    const files = batch.files as string[]
    const sheetCsv = files.find((f) => f.endsWith('-batch-sheet.csv'))
    const phoneCsv = files.find((f) => f.endsWith('-phone-list.csv'))
    expect(sheetCsv).toBeDefined()
    expect(phoneCsv).toBeDefined()
    expect(csvLine(sheetCsv ?? '', TOM)).toMatch(/letter,,Polish,Yes,/)
    expect(csvLine(sheetCsv ?? '', CHINEDU)).toMatch(/letter,,Igbo,Yes,/)
    expect(csvLine(sheetCsv ?? '', JANE)).toMatch(/phone,07700900001,Kurdish \(Sorani\),Yes,/)
    expect(csvLine(phoneCsv ?? '', JANE)).toMatch(/07700900001,Kurdish \(Sorani\),Yes,/)

    // 4. A later export saying "no interpreter" (and English) updates the export's side only.
    const second = await importExport('second.csv', emisExport('26-Nov-2026', { language: 'English', interpreter: 'No' }))
    expect(second.alreadyImported).toBeFalsy()
    expect(await service('contacts.get', { nhsNumber: TOM })).toMatchObject({
      interpreterLanguage: 'Polish',
      interpreterRequired: true,
      mainLanguage: 'Polish',
      languageSource: 'app',
      exportMainLanguage: 'English',
      exportInterpreterRequired: false
    })
    const preview = await service('invitations.createBatch', { cohortId, attempt: 2, date: '2026-11-30', preview: true })
    expect(preview.sheet.find((r) => r.nhsNumber === TOM)).toMatchObject({ mainLanguage: 'Polish', interpreterRequired: true })

    // 5. --no-interpreter removes the app's record: the export's value shows again, everywhere.
    const cleared = await json('contact', 'set', '--nhs', TOM, '--no-interpreter')
    expect(cleared).toMatchObject({
      mainLanguage: 'English',
      interpreterRequired: false,
      interpreterLanguage: null,
      languageSource: 'export',
      exportMainLanguage: 'English'
    })
    expect(await service('contacts.get', { nhsNumber: TOM })).toMatchObject({ mainLanguage: 'English', interpreterRequired: false, interpreterLanguage: null })
    const after = await service('invitations.createBatch', { cohortId, attempt: 2, date: '2026-11-30', preview: true })
    expect(after.sheet.find((r) => r.nhsNumber === TOM)).toMatchObject({ mainLanguage: 'English', interpreterRequired: false })
    // Chinedu never had an app record: the export's interpreter need applies throughout.
    expect(after.sheet.find((r) => r.nhsNumber === CHINEDU)).toMatchObject({ mainLanguage: 'Igbo', interpreterRequired: true })

    const log = ctx.db.prepare(`SELECT summary FROM activity_log WHERE action = 'contact.setPreferences' ORDER BY id`).all() as { summary: string }[]
    expect(log.map((l) => l.summary)).toEqual(
      expect.arrayContaining([expect.stringMatching(/interpreter needed \(Polish\)/), expect.stringMatching(/interpreter record removed/)])
    )
  })

  it('refuses a language that is empty, too long or not printable on one line, naming --interpreter (exit 1), and changes nothing', async () => {
    await json('contact', 'set', '--nhs', CHINEDU, '--interpreter', 'Igbo')
    refused(await cli('contact', 'set', '--nhs', CHINEDU, '--interpreter', ''), /^--interpreter "": expected the language/)
    refused(await cli('contact', 'set', '--nhs', CHINEDU, '--interpreter', '   '), /^--interpreter " {3}": expected the language/)
    refused(await cli('contact', 'set', '--nhs', CHINEDU, '--interpreter', 'x'.repeat(61)), /^--interpreter "x{61}": must be at most 60 characters/)
    refused(await cli('contact', 'set', '--nhs', CHINEDU, '--interpreter', 'Pol\nish'), /^--interpreter "Pol\\nish": must be printable text on one line/)
    refused(await cli('contact', 'set', '--nhs', CHINEDU, '--interpreter', '--json'), /^--interpreter "--json": expected a language after --interpreter/)
    // Sixty characters, in any script, are fine.
    expect((await json('contact', 'set', '--nhs', CHINEDU, '--interpreter', 'Ελληνικά'.padEnd(60, 'α'))).interpreterLanguage).toHaveLength(60)
    await json('contact', 'set', '--nhs', CHINEDU, '--interpreter', 'Igbo')
    expect(await service('contacts.get', { nhsNumber: CHINEDU })).toMatchObject({ interpreterLanguage: 'Igbo' })
    // The screens' route refuses the same text.
    await expect(
      service('contacts.setPreferences', { nhsNumber: CHINEDU, smsDeclined: false, largePrint: false, preferredChannel: 'any', interpreterLanguage: 'a\tb' })
    ).rejects.toThrow(/interpreterLanguage/)
    expect(await service('contacts.get', { nhsNumber: CHINEDU })).toMatchObject({ interpreterLanguage: 'Igbo' })
    // --no-interpreter alone is a change; nothing at all is a usage error.
    expect((await json('contact', 'set', '--nhs', CHINEDU, '--no-interpreter')).interpreterLanguage).toBeNull()
    expect((await cli('contact', 'set', '--nhs', CHINEDU)).code).toBe(2)
  })
})
