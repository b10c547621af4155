// Restoring a backup: checked first, a safety copy taken, then written into the live database
// through SQLite (its locks and WAL), migrated forward and checked again. Every refusal leaves the
// database byte-identical.
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { backupFolderFor, listBackupFiles } from '../../src/main/backups/backup-files'
import { createManualBackup, restoreListedBackup } from '../../src/main/backups/backup-service'
import { restoreDatabase } from '../../src/main/backups/restore-database'
import { runCliCaptured } from '../support/run-cli'
import { openDatabase } from '../../src/main/db/connection'
import { latestSchemaVersion, migrate } from '../../src/main/db/migrations'
import { dispatch } from '../../src/main/dispatch'
import { importFiles } from '../../src/main/import/import-service'
import { createServices } from '../../src/main/services'
import type { OperationOutput } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { databaseFileHash } from '../support/database-file-hash'
import { createTestContext, type TestContext } from '../support/test-context'

const root = resolve(__dirname, '../..')
let ctx: TestContext | null = null
afterEach(() => {
  ctx?.cleanup()
  ctx = null
})

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/imports', name))) })

/** What a practice would call "the data": every patient, reading and import (the activity log gains the restore's own entry). */
function practiceData(db: Database.Database) {
  return {
    patients: db.prepare('SELECT nhs_number, family_name, given_name, postcode FROM patients ORDER BY nhs_number').all(),
    readings: db.prepare('SELECT COUNT(*) FROM bp_readings').pluck().get(),
    imports: db.prepare('SELECT id, content_hash FROM imports ORDER BY id').all()
  }
}

function reopened(path: string): Database.Database {
  return new Database(path, { readonly: true })
}

describe('restore into a live database in WAL mode', () => {
  test('with changes still only in the -wal file and another connection open, the result is exactly the backup, sound, after a reopen', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const backup = createManualBackup(ctx)
    const expected = practiceData(ctx.db)

    // Later work that lives only in the WAL: checkpoints off, so the main file does not have it.
    ctx.db.pragma('wal_autocheckpoint = 0')
    importFiles(ctx, [fixture('emis-events-hypertension-next-month.csv')], 'auto')
    ctx.db.prepare("UPDATE patients SET postcode = 'ZZ9 9ZZ'").run()
    const beforeRestore = practiceData(ctx.db)
    expect(statSync(`${ctx.databasePath}-wal`).size).toBeGreaterThan(0)
    expect(beforeRestore).not.toEqual(expected)
    // Another connection (the CLI, a second window) has the database open throughout.
    const otherWindow = new Database(ctx.databasePath)
    expect(practiceData(otherWindow)).toEqual(beforeRestore)

    const outcome = await restoreListedBackup(ctx, backup.name)
    expect(outcome.restoredFrom).toBe(backup.name)
    expect(outcome.safetyBackup).toMatch(/^before-restore-\d{8}T\d{9}Z-\d{2}\.sqlite$/)

    // Every connection sees the backup at once: the live one, the other window's.
    expect(practiceData(ctx.db)).toEqual(expected)
    expect(practiceData(otherWindow)).toEqual(expected)
    otherWindow.close()
    ctx.db.close()
    const fresh = reopened(ctx.databasePath)
    expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(fresh.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(practiceData(fresh)).toEqual(expected)
    const logged = fresh.prepare("SELECT user_name, summary FROM activity_log WHERE action = 'backups.restore'").all() as {
      user_name: string
      summary: string
    }[]
    expect(logged).toHaveLength(1)
    expect(logged[0]?.user_name).toBe('Test Pharmacist')
    expect(logged[0]?.summary).toContain(backup.name)
    fresh.close()

    // The safety copy holds the database as it was just before, WAL changes included: the restore can be undone.
    const safety = reopened(join(backupFolderFor(ctx.databasePath), outcome.safetyBackup))
    expect(practiceData(safety)).toEqual(beforeRestore)
    safety.close()
    ctx.db = openDatabase(ctx.databasePath)
  })

  test('an older backup is migrated forward to this version after the restore', async () => {
    ctx = createTestContext()
    const old = join(ctx.folder, 'old-version.sqlite')
    const raw = new Database(old)
    migrate(raw, 5)
    raw
      .prepare("INSERT INTO patients (nhs_number, family_name, address_lines_json, created_at, updated_at) VALUES ('9434765919', 'OLDER', '[]', 'x', 'x')")
      .run()
    raw.close()
    await restoreDatabase(ctx, old)
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
    expect(ctx.db.prepare('SELECT family_name FROM patients').pluck().all()).toEqual(['OLDER'])
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  test('a backup with a different page size is converted and restored', async () => {
    ctx = createTestContext()
    const other = join(ctx.folder, 'page-8192.sqlite')
    const raw = new Database(other)
    raw.pragma('page_size = 8192')
    migrate(raw)
    raw
      .prepare("INSERT INTO patients (nhs_number, family_name, address_lines_json, created_at, updated_at) VALUES ('9434765919', 'BIGPAGE', '[]', 'x', 'x')")
      .run()
    raw.close()
    await restoreDatabase(ctx, other)
    expect(ctx.db.prepare('SELECT family_name FROM patients').pluck().all()).toEqual(['BIGPAGE'])
    expect(ctx.db.pragma('page_size', { simple: true })).toBe(4096)
    expect(listBackupFiles(ctx.databasePath).map((b) => b.kind)).toEqual(['before-restore'])
  })
})

describe('a restore refuses, leaving the database byte-identical, when the file is', () => {
  function refused(make: (c: TestContext) => string, message: RegExp) {
    return async () => {
      ctx = createTestContext()
      importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
      const source = make(ctx)
      const before = databaseFileHash(ctx)
      const backupsBefore = listBackupFiles(ctx.databasePath).map((b) => b.name)
      await expect(restoreDatabase(ctx, source)).rejects.toThrow(message)
      expect(databaseFileHash(ctx)).toBe(before)
      // No safety copy either: nothing was about to change.
      expect(listBackupFiles(ctx.databasePath).map((b) => b.name)).toEqual(backupsBefore)
    }
  }

  test(
    'from a newer version of Clinic Recall',
    refused((c) => {
      const path = createManualBackup(c).path
      const raw = new Database(path)
      raw.pragma(`user_version = ${latestSchemaVersion + 1}`)
      raw.close()
      return path
    }, /made by a newer version of Clinic Recall .*Nothing was changed/)
  )

  test(
    'damaged',
    refused((c) => {
      const path = createManualBackup(c).path
      const bytes = readFileSync(path)
      // Scribble over the middle pages, keeping the header: it still looks like SQLite.
      bytes.fill(0x5a, 4096 * 2, bytes.length - 4096)
      writeFileSync(path, bytes)
      return path
    }, /is damaged .*choose another backup/)
  )

  test(
    'not a database at all',
    refused((c) => {
      const path = join(c.folder, 'notes.sqlite')
      writeFileSync(path, 'NHS Number,Surname\n')
      return path
    }, /is not a Clinic Recall database/)
  )

  test(
    'a database of some other program',
    refused((c) => {
      const path = join(c.folder, 'other.sqlite')
      const raw = new Database(path)
      raw.exec('CREATE TABLE things (x)')
      raw.close()
      return path
    }, /not a Clinic Recall one/)
  )

  test(
    'the live database itself',
    refused((c) => c.databasePath, /is the practice database itself/)
  )

  test(
    "the live database's -wal file",
    refused((c) => `${c.databasePath}-wal`, /is the practice database itself/)
  )
})

describe('from the app and the command line', () => {
  test('the app restores only a listed backup, by name: a path is refused before anything happens', async () => {
    ctx = createTestContext()
    const services = createServices(ctx)
    for (const name of [ctx.databasePath, '../practice.sqlite', 'manual-20261122T100000000Z-01.sqlite/../../practice.sqlite']) {
      const result = await dispatch(services, 'backups.restore', { name })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('invalid_input')
    }
    const missing = await dispatch(services, 'backups.restore', { name: 'manual-20261122T100000000Z-01.sqlite' })
    expect(missing.ok ? null : missing.error.code).toBe('not_found')
  })

  test('"Back up now" and Restore through the contract, with the list showing kind, date and size', async () => {
    ctx = createTestContext()
    const services = createServices(ctx)
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const created = (await dispatch(services, 'backups.create', {})) as Result<OperationOutput<'backups.create'>>
    if (!created.ok) throw new Error(created.error.message)
    const listed = (await dispatch(services, 'backups.list', {})) as Result<OperationOutput<'backups.list'>>
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.value.keepPerKind).toBe(14)
    expect(listed.value.backups.map((b) => b.kind)).toEqual(['manual', 'before-import'])
    expect(listed.value.backups[0]?.byteSize).toBeGreaterThan(0)
    ctx.db.prepare('DELETE FROM bp_readings').run()
    const restored = await dispatch(services, 'backups.restore', { name: created.value.file })
    if (!restored.ok) throw new Error(restored.error.message)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM bp_readings').pluck().get()).toBeGreaterThan(0)
    const actions = ctx.db.prepare("SELECT action FROM activity_log WHERE action LIKE 'backups.%' ORDER BY id").pluck().all()
    // The manual backup's entry is in the live database written after the copy, so the restore replaced it; the restore's own is there.
    expect(actions).toEqual(['backups.restore'])
  })

  test('`clinic-recall backup --json` gives {"file"} and `restore FILE --json` gives {"restoredFrom","safetyBackup"}', async () => {
    ctx = createTestContext()
    importFiles(ctx, [fixture('emis-events-hypertension.csv')], 'auto')
    const path = ctx.databasePath
    ctx.db.close()
    const cli = (...argv: string[]) => runCliCaptured(['--db', path, ...argv])
    const backup = await cli('backup', '--json')
    expect(backup).toMatchObject({ code: 0, stderr: '' })
    const { file } = JSON.parse(backup.stdout) as { file: string }
    expect(existsSync(file)).toBe(true)
    expect(file.startsWith(backupFolderFor(path))).toBe(true)

    const copied = join(ctx.folder, 'elsewhere.sqlite')
    copyFileSync(file, copied)
    const restore = await cli('restore', copied, '--json')
    expect(restore).toMatchObject({ code: 0, stderr: '' })
    const restored = JSON.parse(restore.stdout) as { restoredFrom: string; safetyBackup: string }
    expect(Object.keys(restored)).toEqual(['restoredFrom', 'safetyBackup'])
    expect(restored.restoredFrom).toBe(copied)
    expect(existsSync(restored.safetyBackup)).toBe(true)

    const itself = await cli('restore', path)
    expect(itself.code).toBe(1)
    expect(itself.stderr).toMatch(/^.*is the practice database itself.*\n$/)
    ctx.db = openDatabase(path)
  })
})
