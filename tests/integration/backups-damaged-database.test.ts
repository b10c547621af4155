// A damaged database is refused at open, before anything writes to it, with what to do: the
// newest backups and the exact restore command. That command then works on the damaged file.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { asWritable } from '../../src/main/db/database-access'
import { afterEach, describe, expect, test } from 'vitest'
import { backupFolderFor } from '../../src/main/backups/backup-files'
import { cannotOpenPageHtml, startCannotOpenPage } from '../../src/main/backups/cannot-open-page'
import { DamagedDatabaseError } from '../../src/main/backups/damaged-database'
import { takeBackup } from '../../src/main/backups/take-backup'
import { createAppContext } from '../../src/main/app-context'
import { runCliCaptured } from '../support/run-cli'
import { openDatabase } from '../../src/main/db/connection'
import { importFiles } from '../../src/main/import/import-service'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const filesBeside = (path: string) =>
  readdirSync(resolve(path, '..'))
    .filter((n) => n.startsWith('practice.sqlite'))
    .sort()

/** A practice database with data and three backups, then closed and damaged in its middle pages (the header still says SQLite). */
function damagedPractice(): { path: string; backups: string[] } {
  ctx = createTestContext()
  importFiles(ctx, [{ name: 'seed.csv', bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/imports/emis-events-hypertension.csv'))) }], 'auto', {
    backup: false
  })
  const backups = ['2026-11-19T08:00:00Z', '2026-11-20T08:00:00Z', '2026-11-21T08:00:00Z', '2026-11-22T08:00:00Z'].map(
    (iso) => takeBackup(ctx!.db, ctx!.databasePath, 'daily', new Date(iso))?.name ?? ''
  )
  ctx.db.pragma('wal_checkpoint(TRUNCATE)')
  ctx.db.close()
  const bytes = readFileSync(ctx.databasePath)
  bytes.fill(0x5a, 4096 * 2, bytes.length - 4096)
  writeFileSync(ctx.databasePath, bytes)
  return { path: ctx.databasePath, backups }
}

describe('the database is checked when it is opened', () => {
  test('a damaged file is refused with a plain message naming the newest backups and the restore command, and not one byte of it changes', () => {
    const { path, backups } = damagedPractice()
    const before = sha256(path)
    const filesBefore = filesBeside(path)
    let error: unknown
    try {
      openDatabase(path)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DamagedDatabaseError)
    const message = (error as Error).message
    expect(message).toMatch(/is damaged .*has not opened it\. Nothing has been changed\./)
    expect(message).toContain(`clinic-recall --db "${path}" restore "${join(backupFolderFor(path), backups[3] ?? '')}"`)
    // Up to three, newest first, with their dates.
    expect(message).toContain(`${backups[3]} (22 Nov 2026`)
    expect(message).toContain(backups[2])
    expect(message).toContain(backups[1])
    expect(message).not.toContain(backups[0])
    expect(message).not.toMatch(/SQLITE_|malformed|stack/i)
    expect(sha256(path)).toBe(before)
    // No WAL switched on, no -wal written beside it.
    expect(filesBeside(path)).toEqual(filesBefore)
    ctx!.db = asWritable(new Database(':memory:'))
  })

  test('a file that is not a SQLite database at all is refused the same way, unchanged', () => {
    ctx = createTestContext()
    const path = ctx.databasePath
    ctx.db.close()
    for (const suffix of ['-wal', '-shm']) expect(existsSync(`${path}${suffix}`)).toBe(false)
    writeFileSync(path, 'NHS Number,Surname\n9434765919,SMITH\n')
    const before = sha256(path)
    expect(() => createAppContext({ databasePath: path, dailyBackup: true })).toThrow(/is not a Clinic Recall database any more.*\n.*no backups/s)
    expect(sha256(path)).toBe(before)
    // The daily backup was not taken of it either.
    expect(existsSync(backupFolderFor(path))).toBe(false)
    ctx.db = asWritable(new Database(':memory:'))
  })

  test('a sound database opens as before, and a missing one is created', () => {
    ctx = createTestContext()
    ctx.db.close()
    ctx.db = openDatabase(ctx.databasePath)
    expect(ctx.db.pragma('quick_check', { simple: true })).toBe('ok')
    const fresh = openDatabase(join(ctx.folder, 'new', 'practice.sqlite'))
    expect(fresh.pragma('journal_mode', { simple: true })).toBe('wal')
    fresh.close()
  })
})

describe('from the command line', () => {
  test('any command prints the whole message and exits 1; the restore command it gives then brings the practice back', async () => {
    const { path, backups } = damagedPractice()
    const cli = (...argv: string[]) => runCliCaptured(argv)
    const before = sha256(path)
    const refused = await cli('--db', path, 'cohort', 'build', 'uncontrolled-hypertension', '--json')
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr.split('\n').length).toBeGreaterThan(3)
    // Nothing stored: no snapshot on a damaged file, no byte changed.
    expect(sha256(path)).toBe(before)

    const command = /clinic-recall (--db ".*" restore ".*")/.exec(refused.stderr)?.[1] ?? ''
    const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '')
    const restored = await cli(...args, '--json')
    expect(restored.stderr).toBe('')
    expect(restored.code).toBe(0)
    const outcome = JSON.parse(restored.stdout) as { restoredFrom: string; safetyBackup: string }
    expect(outcome.restoredFrom).toBe(join(backupFolderFor(path), backups[3] ?? ''))
    // The damaged file is kept aside for IT support, byte for byte, and never listed as a backup.
    expect(sha256(outcome.safetyBackup)).toBe(before)
    expect(outcome.safetyBackup).toMatch(/damaged-\d{8}T\d{9}Z\.sqlite$/)

    const reopened = openDatabase(path)
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(reopened.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBeGreaterThan(0)
    expect(reopened.prepare("SELECT user_name FROM activity_log WHERE action = 'backups.restore'").pluck().all()).toEqual(['CLI test'])
    ctx!.db = reopened
  })
})

describe('in browser mode', () => {
  test('the host serves one plain page with the message instead of the app', async () => {
    const page = await startCannotOpenPage('The practice database file /x/<practice>.sqlite is damaged.\n  clinic-recall restore "/x/backups/a.sqlite"', 0)
    try {
      const response = await fetch(page.url)
      expect(response.status).toBe(503)
      const html = await response.text()
      expect(html).toContain('Clinic Recall cannot open the practice database')
      expect(html).toContain('/x/&lt;practice&gt;.sqlite is damaged.')
      expect(html).toContain('clinic-recall restore &quot;/x/backups/a.sqlite&quot;')
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    } finally {
      page.server.close()
    }
    expect(cannotOpenPageHtml('<script>')).not.toContain('<script>')
  })
})
