// The backup taken before an import must equal the database that import's transaction starts from.
// Here a second connection (another process: a second window's import, or the command line)
// commits an import after this import has read where the database was but before it holds the
// write lock. Its "before" copy must contain that other import.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { backupFolderFor } from '../../src/main/backups/backup-files'
import { databaseBackups, importFiles } from '../../src/main/import/import-service'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

const fixture = () => ({ name: 'seed.csv', bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/imports/emis-events-hypertension.csv'))) })

/** Another connection takes the write lock, writes an import, says LOCKED, and commits `holdMs` later. */
function otherConnectionCommitsLater(databasePath: string, holdMs: number) {
  const script = `
    const Database = require('better-sqlite3')
    const db = new Database(process.argv[1])
    db.pragma('busy_timeout = 5000')
    db.prepare('BEGIN IMMEDIATE').run()
    db.prepare("INSERT INTO imports (content_hash, format, imported_at, imported_by, rows_read, patients_added, patients_updated, readings_added, events_added, rejected_count) VALUES ('first-import', 'emis', '2026-11-22T09:59:00Z', 'Other window', 0, 0, 0, 0, 0, 0)").run()
    process.stdout.write('LOCKED\\n')
    setTimeout(() => { db.prepare('COMMIT').run(); db.close(); process.stdout.write('COMMITTED\\n') }, Number(process.argv[2]))
  `
  const child = spawn(process.execPath, ['-e', script, databasePath, String(holdMs)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const locked = new Promise<void>((done, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('LOCKED')) done()
    })
    child.on('exit', () => fail(new Error(`the other connection ended early: ${err}`)))
  })
  const exited = new Promise<void>((done) => child.on('exit', () => done()))
  return { locked, exited, output: () => out }
}

test('when another connection commits an import between the backup and the write lock, the before-copy is retaken and contains that import', async () => {
  ctx = createTestContext()
  const other = otherConnectionCommitsLater(ctx.databasePath, 400)
  await other.locked
  // Synchronous: reads data_version, copies (without the other's uncommitted row), then waits for
  // the write lock, which it gets once the other commits; data_version has moved, so it starts again.
  const result = importFiles(ctx, [fixture()], 'auto')
  await other.exited
  expect(other.output()).toMatch(/COMMITTED/)

  expect(result.importId).toBe(2)
  const backupFile = result.backupFile ?? ''
  const copy = new Database(join(backupFolderFor(ctx.databasePath), backupFile), { readonly: true })
  expect(copy.prepare('SELECT id, content_hash FROM imports').all()).toEqual([{ id: 1, content_hash: 'first-import' }])
  expect(copy.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(0)
  copy.close()
  // The copy taken too early was thrown away: one backup, the one recorded with the import.
  expect(databaseBackups(ctx).backups.map((b) => b.name)).toEqual([backupFile])
})

test('with nobody else writing, one backup is taken and it is the database as it was', () => {
  ctx = createTestContext()
  const result = importFiles(ctx, [fixture()], 'auto')
  const copy = new Database(join(backupFolderFor(ctx.databasePath), result.backupFile ?? ''), { readonly: true })
  expect(copy.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(0)
  copy.close()
  expect(databaseBackups(ctx).backups).toHaveLength(1)
})
