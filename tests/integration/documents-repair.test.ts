// The documents check that runs whenever a front end opens the database: it tidies what a crashed
// writer left (unrecorded files its placement journal names, unfinished partial files), puts back a
// recorded file an older version left under its partial name, and reports — once, in the activity
// log, and as a warning every front end shows — any recorded document that is missing or changed.
// It never touches a file it did not write, nor one a running process is still writing.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { createAppContext } from '../../src/main/app-context'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import type { ServiceContext } from '../../src/main/context'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { dispatch } from '../../src/main/dispatch'
import { runCliCaptured } from '../support/run-cli'
import { importFiles } from '../../src/main/import/import-service'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { createServices } from '../../src/main/services'
import type { OperationOutput } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'
import { withPracticeDetails } from '../support/practice-details'

let setup: TestContext | null = null
let opened: ServiceContext[] = []
afterEach(() => {
  for (const ctx of opened) ctx.db.close()
  opened = []
  setup?.cleanup()
  setup = null
})

/** A practice with one invitation batch on disk; the database is closed, ready to be opened as the app does. */
async function practiceWithBatch(): Promise<{ databasePath: string; documents: string; files: string[] }> {
  setup = createTestContext()
  importFiles(
    setup,
    [{ name: 'export.csv', bytes: new TextEncoder().encode(generateSyntheticEmisExport({ patients: 150, seed: 4, asOf: '2026-11-01' }).csv) }],
    'auto'
  )
  setup.db.prepare('UPDATE patients SET mobile = NULL WHERE id % 2 = 0').run()
  withPracticeDetails(setup)
  const cohort = buildCohort(setup, { definition: 'uncontrolled-hypertension', mode: 'qof' })
  await createInvitationBatch(setup, { cohortId: cohort.cohortId, attempt: 1, date: '2026-11-22' })
  const files = setup.db.prepare('SELECT path FROM documents ORDER BY id').pluck().all() as string[]
  setup.db.close()
  return { databasePath: setup.databasePath, documents: setup.documentsFolder, files }
}

function openAsTheAppDoes(databasePath: string): ServiceContext {
  const ctx = createAppContext({ databasePath, user: { name: 'Reception', role: 'admin' } })
  opened.push(ctx)
  return ctx
}

function close(ctx: ServiceContext): void {
  ctx.db.close()
  opened = opened.filter((c) => c !== ctx)
}

/** The pid of a process that has already ended. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', '0'])
  return run.pid as number
}

const checkEntries = (ctx: ServiceContext) => ctx.db.prepare("SELECT summary FROM activity_log WHERE action = 'documents.check'").pluck().all() as string[]

test('a recorded document deleted outside the app: a warning naming it in session.get and on every open, logged once', async () => {
  const practice = await practiceWithBatch()
  expect(practice.files.length).toBeGreaterThan(1)
  const gone = practice.files[0] as string
  rmSync(gone)

  const first = openAsTheAppDoes(practice.databasePath)
  const session = (await dispatch(createServices(first), 'session.get', {})) as Result<OperationOutput<'session.get'>>
  if (!session.ok) throw new Error(session.error.message)
  const warning = session.value.warnings.find((w) => w.includes(basename(gone)))
  expect(warning).toMatch(
    /^1 recorded document is missing from the documents folder \(.+\): moved or deleted outside Clinic Recall\. Create them again \(for letters: Regenerate on the batch\)\.$/
  )
  expect(checkEntries(first)).toHaveLength(1)
  close(first)

  const second = openAsTheAppDoes(practice.databasePath)
  expect((await dispatch(createServices(second), 'session.get', {})) as Result<OperationOutput<'session.get'>>).toMatchObject({
    ok: true,
    value: { warnings: [warning] }
  })
  expect(checkEntries(second), 'nothing changed between the opens, so no second entry').toHaveLength(1)
})

test('the CLI prints the same warning on stderr for any command that opens the database, and the command still runs', async () => {
  const practice = await practiceWithBatch()
  const gone = practice.files[1] as string
  rmSync(gone)
  const { code, stdout, stderr } = await runCliCaptured(['--db', practice.databasePath, 'codes', 'list', '--json'], { CLINIC_RECALL_USER: 'Reception' })
  expect(code).toBe(0)
  expect(JSON.parse(stdout)).toBeTruthy()
  const warnings = stderr.split('\n').filter((line) => line.startsWith('Warning: '))
  expect(warnings.filter((line) => line.includes(basename(gone)))).toHaveLength(1)
  expect(warnings.find((line) => line.includes(basename(gone)))).toMatch(/^Warning: 1 recorded document is missing from the documents folder/)
})

test('a recorded document changed after it was made is reported as changed, not opened as if it were the one sent', async () => {
  const practice = await practiceWithBatch()
  const edited = practice.files[0] as string
  writeFileSync(edited, 'not the letter that was recorded')
  const ctx = openAsTheAppDoes(practice.databasePath)
  const warnings = (createServices(ctx)['session.get']({}) as { warnings: string[] }).warnings
  expect(warnings.some((w) => w.startsWith('1 recorded document has been changed since it was created') && w.includes(basename(edited)))).toBe(true)
})

test("files a dead writer placed but never recorded are removed; a running writer's journal and files, and files the practice put there, are left", async () => {
  const practice = await practiceWithBatch()
  const dead = deadPid()
  const unrecorded = join(practice.documents, 'invitations-cohort-1-attempt-2-2026-12-06-letters.pdf')
  writeFileSync(unrecorded, '%PDF-1.7 placed, never recorded')
  const deadJournal = join(practice.documents, `.placing-${dead}-0badf00d.json`)
  writeFileSync(deadJournal, JSON.stringify({ databasePath: practice.databasePath, host: hostname(), pid: dead, files: [unrecorded, practice.files[0]] }))

  const stillBeingPlaced = join(practice.documents, 'invitations-cohort-1-attempt-3-2026-12-20-letters.pdf')
  writeFileSync(stillBeingPlaced, '%PDF-1.7 another window is placing this')
  const liveJournal = join(practice.documents, `.placing-${process.pid}-0000beef.json`)
  writeFileSync(liveJournal, JSON.stringify({ databasePath: practice.databasePath, host: hostname(), pid: process.pid, files: [stillBeingPlaced] }))
  const practiceOwn = join(practice.documents, 'minutes of the practice meeting.docx')
  writeFileSync(practiceOwn, 'the practice keeps this here')

  const ctx = openAsTheAppDoes(practice.databasePath)
  expect(existsSync(unrecorded)).toBe(false)
  expect(existsSync(deadJournal)).toBe(false)
  for (const kept of [...practice.files, stillBeingPlaced, liveJournal, practiceOwn]) expect(existsSync(kept), kept).toBe(true)
  const repair = ctx.db.prepare("SELECT summary FROM activity_log WHERE action = 'documents.repair'").pluck().all()
  expect(repair).toEqual([
    'Documents folder tidied after an interruption: removed 1 unrecorded document file(s) left by an interrupted batch or export (never sent)'
  ])
  expect(checkEntries(ctx)).toEqual([])
})

test("unfinished partial files of a dead writer are removed; a running writer's are left", async () => {
  const practice = await practiceWithBatch()
  const deadPartial = join(practice.documents, `invitations-cohort-1-attempt-2-2026-12-06-letters.pdf.${deadPid()}-1234abcd.partial`)
  const livePartial = join(practice.documents, `invitations-cohort-1-attempt-2-2026-12-06-sheet.csv.${process.pid}-1234abcd.partial`)
  writeFileSync(deadPartial, '%PDF-1.7 half')
  writeFileSync(livePartial, 'being written')
  openAsTheAppDoes(practice.databasePath)
  expect(existsSync(deadPartial)).toBe(false)
  expect(existsSync(livePartial)).toBe(true)
})

test('a recorded file an older version left under its partial name is put back when its hash matches; one that does not match is not', async () => {
  const practice = await practiceWithBatch()
  const [good, bad] = practice.files as [string, string]
  renameSync(good, `${good}.partial`)
  renameSync(bad, `${bad}.partial`)
  writeFileSync(`${bad}.partial`, 'something else entirely')
  const ctx = openAsTheAppDoes(practice.databasePath)
  expect(existsSync(good)).toBe(true)
  expect(existsSync(`${good}.partial`)).toBe(false)
  expect(existsSync(bad)).toBe(false)
  const warnings = (createServices(ctx)['session.get']({}) as { warnings: string[] }).warnings
  expect(warnings.some((w) => w.startsWith('1 recorded document is missing') && w.includes(basename(bad)))).toBe(true)
  // The folder holds no partial files afterwards (the unmatched older-format one is not a writer's: it is removed as unfinished).
  expect(readdirSync(practice.documents).filter((n) => n.endsWith('.partial'))).toEqual([])
})
