// Nothing is changed, shown or handed out about a patient before someone has said who they are,
// and every hand-out of identifiable data is in the activity log under their name. The
// app's front ends (desktop IPC, browser mode) reach the services through `dispatch`, so these
// tests go through it, on a real SQLite file; the CLI always has a user and records it.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { logActivity } from '../../src/main/activity-log'
import { runCliCaptured } from '../support/run-cli'
import type { ServiceContext } from '../../src/main/context'
import { dispatch } from '../../src/main/dispatch'
import { importFiles } from '../../src/main/import/import-service'
import { createServices } from '../../src/main/services'
import type { OperationInput, OperationOutput, UserT } from '../../src/shared/contract'
import { operationAccess } from '../../src/shared/operation-access'
import { operationNames, type OperationName } from '../../src/shared/operation-names'
import type { Result } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'
import { withPracticeDetails } from '../support/practice-details'

const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')

let ctx: TestContext
beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

/** The test database with nobody signed in, as the desktop app and browser mode start. */
function signedOut(context: TestContext): ServiceContext {
  let user: UserT | null = null
  return { ...context, currentUser: () => user, setCurrentUser: (next) => void (user = next) }
}

function databaseHash(context: TestContext): string {
  context.db.pragma('wal_checkpoint(TRUNCATE)')
  return createHash('sha256').update(readFileSync(context.databasePath)).digest('hex')
}

async function call<K extends OperationName>(context: ServiceContext, name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
  const result = (await dispatch(createServices(context), name, input)) as Result<OperationOutput<K>>
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  return result.value
}

function importFixture(context: TestContext) {
  return importFiles(context, [{ name: 'emis-events-hypertension.csv', bytes: readFileSync(fixture) }], 'auto')
}

const activity = (context: TestContext, action: string) =>
  context.db.prepare('SELECT user_name AS user, role, summary, details_json AS details FROM activity_log WHERE action = ? ORDER BY id').all(action) as {
    user: string
    role: string
    summary: string
    details: string
  }[]

describe('with nobody signed in', () => {
  it('refuses every operation that is not open, changing nothing in the database file', async () => {
    importFixture(ctx)
    const noOne = signedOut(ctx)
    const services = createServices(noOne)
    const before = databaseHash(ctx)
    const gated = operationNames.filter((name) => operationAccess[name] !== 'open')
    expect(gated.length).toBeGreaterThan(40)
    for (const name of gated) {
      // Any input at all, valid or not: the refusal comes first and nothing of the operation runs.
      const result = await dispatch(services, name, {})
      expect(result, name).toEqual({
        ok: false,
        error: { code: 'unauthorised', message: expect.stringContaining('Choose who you are on the start screen before'), details: { signInRequired: true } }
      })
    }
    expect(databaseHash(ctx)).toBe(before)
  })

  it('refuses a write with valid input (clinics.create, cohorts.build, settings.update) and writes nothing', async () => {
    importFixture(ctx)
    const services = createServices(signedOut(ctx))
    const before = databaseHash(ctx)
    const attempts = [
      ['clinics.create', { type: 'BP review', date: '2026-11-27', start: '09:00', slots: 4, slotMinutes: 15 }],
      ['cohorts.build', { definition: 'uncontrolled-hypertension', asOf: '2026-11-01' }],
      [
        'settings.update',
        { practiceName: 'X', addressLines: [], phone: '', email: '', website: '', bookingInstructions: '', signatory: '', clinicLocation: '' }
      ]
    ] as const
    for (const [name, input] of attempts) {
      const result = await dispatch(services, name, input)
      expect(result.ok, name).toBe(false)
      if (!result.ok) expect(result.error.message, name).toMatch(/^Choose who you are on the start screen before making changes/)
    }
    expect(databaseHash(ctx)).toBe(before)
  })

  it('refuses practice data and patient data alike (a read, an identifiable read)', async () => {
    importFixture(ctx)
    const services = createServices(signedOut(ctx))
    const list = await dispatch(services, 'clinics.list', {})
    expect(list.ok ? null : list.error.message).toMatch(/before viewing practice data/)
    const log = await dispatch(services, 'activity.list', {})
    expect(log.ok ? null : log.error.message).toMatch(/before viewing or exporting patient details/)
    const audit = await dispatch(services, 'audit.summary', { asOf: '2026-11-22' })
    expect(audit.ok).toBe(false)
  })

  it('runs the open operations the start screen needs, which hold no patient data', async () => {
    importFixture(ctx)
    const noOne = signedOut(ctx)
    expect((await call(noOne, 'session.get', {})).user).toBeNull()
    expect((await call(noOne, 'session.knownUsers', {})).names).toEqual(['Test Pharmacist'])
    expect((await call(noOne, 'codes.library', {})).lists.length).toBeGreaterThan(0)
    expect((await call(noOne, 'cohorts.definitions', {})).definitions.length).toBeGreaterThan(0)
    await call(noOne, 'settings.get', {})
  })

  it('allows the same write once someone has signed in, and logs it under their name and role', async () => {
    const noOne = signedOut(ctx)
    await call(noOne, 'session.setUser', { name: 'Grace Hopper', role: 'admin' })
    await call(noOne, 'clinics.create', { type: 'BP review', date: '2026-11-27', start: '09:00', slots: 4, slotMinutes: 15 })
    expect(activity(ctx, 'clinics.create').map(({ user, role }) => ({ user, role }))).toEqual([{ user: 'Grace Hopper', role: 'admin' }])
    expect((await call(noOne, 'session.knownUsers', {})).names).toEqual(['Grace Hopper'])
  })

  it('refuses to write an activity entry without a name, rolling back the change it belongs to', () => {
    const noOne = signedOut(ctx)
    const change = ctx.db.transaction(() => {
      ctx.db.prepare("INSERT INTO settings (key, value_json) VALUES ('probe', '1')").run()
      logActivity(noOne, ctx.db, 'probe', 'A change with nobody signed in')
    })
    expect(() => change()).toThrow(/Choose who you are on the start screen first/)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM activity_log').pluck().get()).toBe(0)
    expect(ctx.db.prepare("SELECT COUNT(*) FROM settings WHERE key = 'probe'").pluck().get()).toBe(0)
  })
})

describe('handing identifiable data out is logged under the signed-in user', () => {
  it('opening a batch document records which document of which batch', async () => {
    importFixture(ctx)
    withPracticeDetails(ctx)
    const cohort = await call(ctx, 'cohorts.build', { definition: 'uncontrolled-hypertension', asOf: '2026-11-01' })
    expect(cohort.members.length).toBeGreaterThan(0)
    const batch = await call(ctx, 'invitations.createBatch', { cohortId: cohort.cohortId, attempt: 1, date: '2026-11-02' })
    const sheet = batch.files.find((f) => f.kind === 'batch-sheet-csv')
    expect(sheet).toBeDefined()
    await call(ctx, 'documents.read', { fileId: sheet?.fileId ?? -1 })
    const [entry, ...more] = activity(ctx, 'documents.read')
    expect(more).toEqual([])
    expect(entry?.user).toBe('Test Pharmacist')
    expect(entry?.summary).toBe(`Opened the batch sheet of invitation batch ${batch.batchId}: ${sheet?.name} (document ${sheet?.fileId})`)
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ fileId: sheet?.fileId, kind: 'batch-sheet-csv', batchId: batch.batchId })
  })

  it('opening the audit workbook is logged as well as exporting it', async () => {
    importFixture(ctx)
    const workbook = await call(ctx, 'audit.exportWorkbook', { asOf: '2026-11-22', pseudonymised: false })
    expect(activity(ctx, 'audit.exportWorkbook')).toHaveLength(1)
    await call(ctx, 'documents.read', { fileId: workbook.fileId })
    expect(activity(ctx, 'documents.read').map((e) => e.summary)).toEqual([
      `Opened the audit workbook (identifiable): ${workbook.name} (document ${workbook.fileId})`
    ])
  })

  it('a failed read (no such document) logs nothing', async () => {
    const result = await dispatch(createServices(ctx), 'documents.read', { fileId: 999 })
    expect(result.ok).toBe(false)
    expect(activity(ctx, 'documents.read')).toEqual([])
  })

  it('downloading the rejected rows of an import, and the unmatched codes, is logged', async () => {
    const imported = importFixture(ctx)
    const importId = imported.importId ?? -1
    const rejects = await call(ctx, 'imports.rejectsCsv', { importId })
    expect(activity(ctx, 'imports.rejectsCsv').map(({ user, summary }) => ({ user, summary }))).toEqual([
      { user: 'Test Pharmacist', summary: `Downloaded the rejected rows of import ${importId} as ${rejects.name}` }
    ])
    const codes = await call(ctx, 'codes.unmatchedCsv', {})
    expect(activity(ctx, 'codes.unmatchedCsv').map((e) => e.summary)).toEqual([`Downloaded the codes that matched no code list as ${codes.name}`])
  })
})

describe('the CLI always says who is acting', () => {
  const cli = (env: NodeJS.ProcessEnv, ...argv: string[]) => runCliCaptured(['--db', ctx.databasePath, ...argv], env)
  const clinicArgs = ['clinic', 'create', '--type', 'BP review', '--date', '2026-11-27', '--start', '09:00', '--slots', '2', '--slot-minutes', '15']

  it('records CLINIC_RECALL_USER and CLINIC_RECALL_ROLE, and --user/--role over them', async () => {
    expect((await cli({ CLINIC_RECALL_USER: 'Reception PC', CLINIC_RECALL_ROLE: 'manager' }, ...clinicArgs)).code).toBe(0)
    expect((await cli({ CLINIC_RECALL_USER: 'Reception PC' }, '--user', 'Mary Seacole', '--role', 'clinician', ...clinicArgs)).code).toBe(0)
    expect(activity(ctx, 'clinics.create').map(({ user, role }) => ({ user, role }))).toEqual([
      { user: 'Reception PC', role: 'manager' },
      { user: 'Mary Seacole', role: 'clinician' }
    ])
  })

  it('falls back to the login name, marked as the CLI', async () => {
    expect((await cli({}, ...clinicArgs)).code).toBe(0)
    const [entry] = activity(ctx, 'clinics.create')
    expect(entry?.user).toMatch(/^\S.* \(CLI\)$/)
    expect(entry?.user).not.toMatch(/^unknown/)
  })

  it('refuses a blank --user (exit 1) and an unknown role (exit 2), changing nothing', async () => {
    const before = databaseHash(ctx)
    expect((await cli({}, '--user', '  ', ...clinicArgs)).code).toBe(1)
    expect((await cli({ CLINIC_RECALL_ROLE: 'root' }, ...clinicArgs)).code).toBe(2)
    expect(databaseHash(ctx)).toBe(before)
  })
})
