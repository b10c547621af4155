// Files the CLI is asked to write (`audit --out FILE`, `codes unmatched --out FILE`, `invite --out DIR`) must never land on the
// practice database, its -wal/-shm/-journal, a backup, or a recorded document, however the path is
// spelt (symbolic link, hard link, `..`). Each refusal is one plain line naming the path, exit 1, and
// the database file byte-for-byte as it was. A normal --out still works, and the documents folder
// itself may not be the database or the backups folder.
import { createHash } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppContext } from '../../src/main/app-context'
import { runCliCaptured } from '../support/run-cli'
import { practiceDetailsCliArgs } from '../support/practice-details'
import { documentPath } from '../../src/main/documents/document-store'
import { writeFileAtomically } from '../../src/main/files/write-file-atomically'

const fixture = resolve(__dirname, '../fixtures/imports/emis-events-hypertension.csv')

let folder = ''
let db = ''
let cohortId = 0

const cli = (database: string, ...argv: string[]) => runCliCaptured(['--db', database, ...argv], { CLINIC_RECALL_USER: 'Output path test' })

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Runs a command that must be refused: exit 1, one line matching `message`, database unchanged. */
async function expectRefused(database: string, argv: string[], message: RegExp) {
  const before = sha256(database)
  const run = await cli(database, ...argv)
  expect(run.code).toBe(1)
  expect(run.stderr).toMatch(message)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(sha256(database)).toBe(before)
  for (const companion of ['-wal', '-shm', '-journal']) expect(existsSync(`${database}${companion}`)).toBe(false)
  return run
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-out-'))
  db = join(folder, 'clinic-recall.sqlite')
  expect((await cli(db, 'import', fixture)).code).toBe(0)
  expect((await cli(db, ...practiceDetailsCliArgs)).code).toBe(0)
  const cohort = await cli(db, 'cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01', '--json')
  expect(cohort.code).toBe(0)
  cohortId = Number((JSON.parse(cohort.stdout) as { cohortId: number }).cohortId)
}, 60_000)
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('audit --out', () => {
  it('refuses the database itself, also through "..", a symbolic link and a hard link', async () => {
    await expectRefused(db, ['audit', '--out', db], /^--out ".*clinic-recall\.sqlite" is the practice database itself; choose another file name/)
    await expectRefused(db, ['audit', '--out', join(folder, 'letters', '..', 'clinic-recall.sqlite')], /is the practice database itself/)
    const link = join(folder, 'shortcut.xlsx')
    symlinkSync(db, link)
    await expectRefused(db, ['audit', '--out', link], /is the practice database itself/)
    rmSync(link)
    const hard = join(folder, 'hard-link.xlsx')
    linkSync(db, hard)
    await expectRefused(db, ['audit', '--out', hard], /is the practice database itself/)
    rmSync(hard)
  })

  it('refuses the write-ahead log, shared-memory file and rollback journal', async () => {
    await expectRefused(db, ['audit', '--out', `${db}-wal`], /is the practice database's write-ahead log/)
    await expectRefused(db, ['audit', '--out', `${db}-shm`], /is the practice database's shared-memory file/)
    await expectRefused(db, ['audit', '--out', `${db}-journal`], /is the practice database's rollback journal/)
  })

  it('refuses a backup, and any new file in the backups folder', async () => {
    const backups = join(folder, 'backups')
    const backup = readdirSync(backups).find((name) => name.endsWith('.sqlite'))
    expect(backup, 'the import should have made a backup').toBeDefined()
    const backupPath = join(backups, backup as string)
    const backupHash = sha256(backupPath)
    await expectRefused(db, ['audit', '--out', backupPath], /is inside the backups folder/)
    await expectRefused(db, ['audit', '--out', join(backups, 'audit.xlsx')], /is inside the backups folder/)
    expect(sha256(backupPath)).toBe(backupHash)
  })

  it('refuses a recorded document in the documents folder', async () => {
    expect((await cli(db, 'audit', '--out', join(folder, 'first', 'audit.xlsx'))).code).toBe(0)
    const ctx = createAppContext({ databasePath: db, user: { name: 'Test', role: 'admin' } })
    const recorded = documentPath(ctx, ctx.db.prepare('SELECT MAX(id) FROM documents').pluck().get() as number)
    ctx.db.close()
    const before = sha256(recorded)
    await expectRefused(db, ['audit', '--out', recorded], /is inside the app's documents folder/)
    expect(sha256(recorded)).toBe(before)
  })

  it('refuses a folder where a file is expected', async () => {
    const dir = join(folder, 'a-folder')
    mkdirSync(dir)
    await expectRefused(db, ['audit', '--out', dir], /^--out ".*a-folder" is a folder; give a file name inside it instead/)
  })

  it('still writes the workbook where asked: the recorded workbook, complete, with no partial file beside it', async () => {
    const target = join(folder, 'reports', 'audit.xlsx')
    const run = await cli(db, 'audit', '--as-of', '2026-11-22', '--out', target, '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { workbook: string }).workbook).toBe(target)
    expect(readdirSync(join(folder, 'reports'))).toEqual(['audit.xlsx'])
    const ctx = createAppContext({ databasePath: db, user: { name: 'Test', role: 'admin' } })
    const last = ctx.db.prepare("SELECT id, sha256 FROM documents WHERE kind = 'audit-xlsx' ORDER BY id DESC LIMIT 1").get() as { id: number; sha256: string }
    ctx.db.close()
    expect(sha256(target)).toBe(last.sha256)
  })
})

describe('codes unmatched --out', () => {
  it('refuses the database, its write-ahead log and a backup; writes the CSV where asked, with no partial file beside it', async () => {
    await expectRefused(db, ['codes', 'unmatched', '--out', db], /^--out ".*clinic-recall\.sqlite" is the practice database itself; choose another file name/)
    await expectRefused(db, ['codes', 'unmatched', '--out', `${db}-wal`], /is the practice database's write-ahead log/)
    const backups = join(folder, 'backups')
    const backup = readdirSync(backups).find((name) => name.endsWith('.sqlite'))
    expect(backup).toBeDefined()
    await expectRefused(db, ['codes', 'unmatched', '--out', join(backups, backup as string)], /backup/)
    const target = join(folder, 'code-reports', 'unmatched.csv')
    const run = await cli(db, 'codes', 'unmatched', '--out', target, '--json')
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { out: string }).out).toBe(target)
    expect(readFileSync(target, 'utf8')).toMatch(/^\uFEFF?Code,/)
    expect(readdirSync(join(folder, 'code-reports'))).toEqual(['unmatched.csv'])
  })
})

describe('invite --out', () => {
  it('refuses a folder where one of the batch files would replace the database, before any batch is made', async () => {
    // A database whose name is exactly the letters PDF the batch would copy into its folder.
    const other = mkdtempSync(join(tmpdir(), 'clinic-recall-out-collide-'))
    try {
      const first = join(other, 'first.sqlite')
      expect((await cli(first, 'import', fixture)).code).toBe(0)
      const built = await cli(first, 'cohort', 'build', 'uncontrolled-hypertension', '--as-of', '2026-11-01', '--json')
      const id = (JSON.parse(built.stdout) as { cohortId: number }).cohortId
      const colliding = join(other, `invitations-cohort-${id}-attempt-1-2026-11-02.pdf`)
      renameSync(first, colliding)
      await expectRefused(
        colliding,
        ['invite', String(id), '--date', '2026-11-02', '--out', other],
        /could replace ".*invitations-cohort-\d+-attempt-1-2026-11-02\.pdf", which is the practice database itself; choose another folder/
      )
      const ctx = createAppContext({ databasePath: colliding, user: { name: 'Test', role: 'admin' } })
      expect(ctx.db.prepare('SELECT COUNT(*) FROM invitation_batches').pluck().get()).toBe(0)
      ctx.db.close()
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  }, 30_000)

  it('refuses the backups folder and a file given as the folder', async () => {
    await expectRefused(
      db,
      ['invite', String(cohortId), '--date', '2026-11-02', '--out', join(folder, 'backups')],
      /is inside the backups folder .*; choose another folder/
    )
    const file = join(folder, 'not-a-folder.txt')
    writeFileSync(file, 'x')
    await expectRefused(db, ['invite', String(cohortId), '--date', '2026-11-02', '--out', file], /is a file, not a folder/)
  })

  it('copies every batch file into the database folder itself when nothing collides', async () => {
    const run = await cli(db, 'invite', String(cohortId), '--date', '2026-11-02', '--out', folder, '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const files = (JSON.parse(run.stdout) as { files: string[] }).files
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      expect(resolve(file, '..')).toBe(folder)
      expect(existsSync(file)).toBe(true)
    }
    expect(readdirSync(folder).filter((name) => name.includes('.partial'))).toEqual([])
  }, 30_000)
})

describe('the documents folder', () => {
  it('may not be the backups folder, the database file or the database folder', () => {
    for (const [documentsFolder, words] of [
      [join(folder, 'backups'), /is the backups folder/],
      [join(folder, 'backups', 'documents'), /is the backups folder .* or inside it/],
      [db, /is the practice database itself/],
      [folder, /is the folder the practice database is in/]
    ] as const) {
      expect(() => createAppContext({ databasePath: db, documentsFolder })).toThrow(words)
    }
  })
})

describe('writing a file atomically', () => {
  it('replaces the old content in one step and leaves no partial file', () => {
    const target = join(folder, 'atomic.txt')
    writeFileSync(target, 'old')
    writeFileAtomically(target, 'new content')
    expect(readFileSync(target, 'utf8')).toBe('new content')
    expect(readdirSync(folder).filter((name) => name.startsWith('atomic.txt'))).toEqual(['atomic.txt'])
  })

  it('refuses in plain words a folder that does not exist, writing nothing', () => {
    const target = join(folder, 'no-such-folder', 'x.csv')
    expect(() => writeFileAtomically(target, 'x')).toThrow(/^Could not save ".*x\.csv": the folder .*no-such-folder does not exist\.$/)
    expect(existsSync(join(folder, 'no-such-folder'))).toBe(false)
  })
})
