// An import's parsed facts (patients, readings, coded events) are staged on disk between preview
// and commit, in a staging database beside the practice database: the preview is worked out as the
// facts are staged, the commit reads them back in file order and writes them in its one
// transaction, and Cancel, a stale preview or the end of the commit deletes the file. Only the small
// rest of the import (counts, rejects, warnings, file details) stays in memory, so a preview
// waiting for Import holds no memory in proportion to the file.
//
// The staging file is never part of the practice database: a crash or kill while staging or while
// a preview waits leaves the practice tables as they were, and the leftover file is deleted by the
// next import beside the same database (its name carries the process id that made it, so a file
// still in use by a live process, a CLI import say, is never swept).
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { EventRecord, ParsedImport, ReadingRecord } from '../import-types'
import {
  countStaged,
  createStagingTables,
  prepareStagingWriters,
  stagedEvents,
  stagedPatients,
  stagedReadings,
  type StagedPatient,
  type StagingDb
} from './import-staging-queries'

/** The facts a commit writes, read in the order the files listed them, with their counts for the progress bar. */
export interface ImportFacts {
  counts: { patients: number; readings: number; events: number }
  patients(): Iterable<StagedPatient>
  readings(): Iterable<ReadingRecord>
  events(): Iterable<EventRecord>
}

/** What a preview keeps for its commit: the import without its facts, the facts, and how to let them go. */
export interface StagedImport {
  parsed: ParsedImport
  facts: ImportFacts
  /** Deletes the staging file (idempotent). */
  drop(): void
}

const marker = '.import-staging-'
/** What names a staging file after its database's name (`stagingPathFor`). */
export const stagingMarker = marker

/** `<database>.import-staging-<pid>-<uuid>.sqlite`, beside the database (same disk, same permissions). */
export function stagingPathFor(databasePath: string, pid = process.pid): string {
  return `${databasePath}${marker}${pid}-${randomUUID()}.sqlite`
}

function ownerIsAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Deletes staging files beside this database whose process has ended (a crash or kill mid-import). */
export function sweepAbandonedStaging(databasePath: string): number {
  const prefix = basename(databasePath) + marker
  let names: string[]
  try {
    names = readdirSync(dirname(databasePath))
  } catch {
    return 0
  }
  let swept = 0
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (Number.isInteger(pid) && pid > 0 && ownerIsAlive(pid)) continue
    rmSync(join(dirname(databasePath), name), { force: true })
    swept++
  }
  return swept
}

export function dropStagingFile(path: string): void {
  rmSync(path, { force: true })
}

/** The facts as parsed, in memory: for a database in memory (tests) and the CLI's one-step import. */
export function factsInMemory(parsed: ParsedImport): ImportFacts {
  return {
    counts: { patients: parsed.patients.length, readings: parsed.readings.length, events: parsed.events.length },
    patients: () => parsed.patients,
    readings: () => parsed.readings,
    events: () => parsed.events
  }
}

/** The import less its facts, the files' own lists included: what stays in memory until the commit. */
function withoutFacts(parsed: ParsedImport): ParsedImport {
  return {
    ...parsed,
    patients: [],
    readings: [],
    events: [],
    files: parsed.files.map((f) => ({ ...f, patients: [], readings: [], components: [], events: [], ethnicity: [] }))
  }
}

/**
 * Writes the parsed facts to a new staging file at `path` (one transaction) and returns the import
 * without them: the arrays are let go, so only the staging file holds them until the commit.
 */
export function stageImport(parsed: ParsedImport, path: string): StagedImport {
  const databaseBeside = path.slice(0, path.indexOf(marker))
  if (databaseBeside) sweepAbandonedStaging(databaseBeside)
  let db: StagingDb | null = new Database(path)
  try {
    createStagingTables(db)
    const write = prepareStagingWriters(db)
    db.transaction(() => {
      for (const p of parsed.patients) write.patient(p)
      for (const r of parsed.readings) write.reading(r)
      for (const e of parsed.events) write.event(e)
    })()
  } catch (error) {
    db.close()
    dropStagingFile(path)
    throw error
  }
  const open = db
  const counts = countStaged(open)
  const drop = () => {
    if (db === null) return
    db = null
    open.close()
    dropStagingFile(path)
  }
  return {
    parsed: withoutFacts(parsed),
    facts: { counts, patients: () => stagedPatients(open), readings: () => stagedReadings(open), events: () => stagedEvents(open) },
    drop
  }
}
