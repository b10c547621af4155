// A crash while an invitation batch is written — at every file-system step in the documents folder,
// before, during and after the database commit — leaves, once the app has opened the database again,
// records and files that agree: every recorded document is on disk with its recorded hash, every
// letter file in the folder is recorded, no partial file or placement journal is left, and the batch
// is there whole (with its documents and invitations) or not at all. A clean invite then works.
// vitest cannot be killed half-way and node cannot run the TypeScript sources, so the child is
// bundled with vite first (as in import-kill-and-worker.test.ts).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createAppContext } from '../../src/main/app-context'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { importFiles } from '../../src/main/import/import-service'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { createTestContext } from '../support/test-context'
import { bundleForNode, type Bundles } from '../support/bundle-for-node'
import { withPracticeDetails } from '../support/practice-details'

const root = resolve(__dirname, '../..')
let bundles: Bundles
let child: string
const syntheticExport = new TextEncoder().encode(generateSyntheticEmisExport({ patients: 250, seed: 11, asOf: '2026-11-01' }).csv)

beforeAll(async () => {
  bundles = await bundleForNode('invite-crash', { child: 'tests/support/invite-crash-child.ts' })
  child = bundles.file('child')
}, 120_000)

afterAll(() => bundles.cleanup())

/** A practice with a built cohort whose members get letters; returns its database path and cohort id. */
function practiceWithCohort(): { databasePath: string; cohortId: number; cleanup(): void } {
  const ctx = createTestContext()
  importFiles(ctx, [{ name: 'export.csv', bytes: syntheticExport }], 'auto')
  // Half the patients without a mobile, so the batch has letters as well as SMS.
  ctx.db.prepare('UPDATE patients SET mobile = NULL WHERE id % 2 = 0').run()
  withPracticeDetails(ctx)
  const cohort = buildCohort(ctx, { definition: 'uncontrolled-hypertension', mode: 'qof' })
  ctx.db.close()
  return { databasePath: ctx.databasePath, cohortId: cohort.cohortId, cleanup: () => rmSync(ctx.folder, { recursive: true, force: true }) }
}

function runChild(databasePath: string, cohortId: number, killAt: number) {
  const run = spawnSync(process.execPath, [child, databasePath, String(cohortId), String(killAt)], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return { signal: run.signal, stdout: run.stdout, stderr: run.stderr }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** What the database and the documents folder say once the app has opened the database (and run its repair pass). */
function stateAfterReopening(databasePath: string) {
  const ctx = createAppContext({ databasePath, user: { name: 'Checker', role: 'admin' } })
  try {
    const db = ctx.db
    const documents = db.prepare('SELECT id, path, sha256 FROM documents').all() as { id: number; path: string; sha256: string }[]
    const batches = db.prepare('SELECT id FROM invitation_batches').pluck().all() as number[]
    const perBatch = batches.map((id) => ({
      id,
      documents: db.prepare('SELECT COUNT(*) FROM invitation_batch_documents WHERE batch_id = ?').pluck().get(id) as number,
      invitations: db.prepare('SELECT COUNT(*) FROM invitations WHERE batch_id = ?').pluck().get(id) as number
    }))
    const orphanInvitations = db.prepare('SELECT COUNT(*) FROM invitations WHERE batch_id NOT IN (SELECT id FROM invitation_batches)').pluck().get() as number
    const integrity = db.pragma('integrity_check', { simple: true })
    const folderFiles = existsSync(ctx.documentsFolder) ? readdirSync(ctx.documentsFolder) : []
    return { documents, perBatch, orphanInvitations, integrity, folderFiles, documentsFolder: ctx.documentsFolder }
  } finally {
    ctx.db.close()
  }
}

function expectRecordsAndFilesAgree(state: ReturnType<typeof stateAfterReopening>, label: string): void {
  expect(state.integrity, label).toBe('ok')
  for (const d of state.documents) {
    expect(existsSync(d.path), `${label}: recorded ${d.path} is missing`).toBe(true)
    expect(sha256(d.path), `${label}: ${d.path} differs from its record`).toBe(d.sha256)
  }
  const recorded = new Set(state.documents.map((d) => d.path))
  const unrecorded = state.folderFiles.filter((name) => !recorded.has(join(state.documentsFolder, name)))
  expect(unrecorded, `${label}: files in the documents folder that no record names (partials and journals included)`).toEqual([])
  expect(state.orphanInvitations, label).toBe(0)
  for (const b of state.perBatch) {
    expect(b.documents, `${label}: batch ${b.id} has no documents`).toBeGreaterThan(0)
    expect(b.invitations, `${label}: batch ${b.id} has no invitations`).toBeGreaterThan(0)
  }
}

describe('a process killed while it writes an invitation batch', () => {
  test('at every step, records and files agree after the app reopens the database, and a clean invite then works', async () => {
    const dry = practiceWithCohort()
    const counting = runChild(dry.databasePath, dry.cohortId, 0)
    dry.cleanup()
    const total = Number(/EXIT 0 CALLS (\d+)/.exec(counting.stdout)?.[1])
    expect(counting.stderr).toBe('')
    expect(total, `the dry run did not finish: ${counting.stdout.slice(0, 500)}`).toBeGreaterThan(10)
    const full = practiceWithCohort()
    const reference = runChild(full.databasePath, full.cohortId, 0)
    const letters = (JSON.parse(reference.stdout.slice(reference.stdout.indexOf('{'), reference.stdout.lastIndexOf('}') + 1)) as { files: string[] }).files
      .length
    full.cleanup()

    const seen = { batchWhole: 0, noBatch: 0 }
    for (let killAt = 1; killAt <= total; killAt++) {
      const practice = practiceWithCohort()
      try {
        const run = runChild(practice.databasePath, practice.cohortId, killAt)
        const step = /KILLED-AT \d+ (.*)\n/.exec(run.stdout)?.[1] ?? '?'
        const label = `killed before call ${killAt} of ${total} (${step})`
        expect(run.signal, label).toBe('SIGKILL')
        const state = stateAfterReopening(practice.databasePath)
        expectRecordsAndFilesAgree(state, label)
        if (state.perBatch.length === 1) {
          seen.batchWhole++
          expect(state.documents.length, label).toBe(letters)
        } else {
          expect(state.perBatch, label).toEqual([])
          expect(state.documents, label).toEqual([])
          seen.noBatch++
        }
        // The practice carries on: the next invite succeeds and leaves records and files agreeing.
        if (killAt === 1 || killAt === total || killAt % 7 === 0) {
          const ctx = createAppContext({ databasePath: practice.databasePath, user: { name: 'Checker', role: 'admin' } })
          try {
            const cohortId = ctx.db.prepare('SELECT MAX(id) FROM cohorts').pluck().get() as number
            const attempt = state.perBatch.length === 1 ? 2 : 1
            const batch = await createInvitationBatch(ctx, { cohortId, attempt, date: attempt === 1 ? '2026-11-23' : '2026-12-08' })
            expect(batch.batchId, label).toBeGreaterThan(0)
          } finally {
            ctx.db.close()
          }
          expectRecordsAndFilesAgree(stateAfterReopening(practice.databasePath), `${label}, then a clean invite`)
        }
      } finally {
        practice.cleanup()
      }
    }
    console.log(`invite crash: ${total} steps, ${letters} documents, batch whole after ${seen.batchWhole} kills, none after ${seen.noBatch}`)
    // Both outcomes occurred: kills before the commit (no batch) and after it (the whole batch).
    expect(seen.noBatch).toBeGreaterThan(0)
    expect(seen.batchWhole).toBeGreaterThan(0)
  }, 600_000)
})
