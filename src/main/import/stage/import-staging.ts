// An import's parsed facts (patients, readings, coded events) are staged on disk between preview
// and commit, in a staging database beside the practice database: the preview is worked out as the
// facts are staged, the commit attaches the file to the practice connection and copies them across
// in file order with INSERT … SELECT in its one transaction, and Cancel, a stale preview or the end
// of the commit deletes the file. Only the small rest of the import (counts, rejects, warnings, file
// details) stays in memory, so a preview waiting for Import holds no memory in proportion to the file.
//
// The staging file is never part of the practice database: a crash or kill while staging or while
// a preview waits leaves the practice tables as they were, and the leftover file is deleted by the
// next import beside the same database (its name carries the process id that made it, so a file
// still in use by a live process, a CLI import say, is never swept).
import { randomUUID } from 'node:crypto'
import { readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { EventRecord, ParsedImport, ReadingRecord } from '../import-types'
import { isProcessRunning } from '../../files/process-running'
import type { FactCounts, StagedPatient } from './import-staging-queries'

/** The facts a commit writes, read in the order the files listed them, with their counts for the progress bar. */
export interface ImportFacts {
  counts: { patients: number; readings: number; events: number }
  /**
   * The staging file holding them, which the commit attaches and copies from with set-based SQL;
   * null for facts held in memory (the commit stages those in an attached in-memory database first).
   */
  stagingFile: string | null
  patients(): Iterable<StagedPatient>
  readings(): Iterable<ReadingRecord>
  events(): Iterable<EventRecord>
  /** How many readings and coded events each of these patients has (the preview's sample of twenty). */
  countsFor(nhsNumbers: readonly string[]): FactCounts
}

/** What a preview keeps for its commit: the import without its facts, the facts, and how to let them go. */
export interface StagedImport {
  parsed: ParsedImport
  facts: ImportFacts
  /** Deletes the staging file (idempotent). */
  drop(): void
}

/** What names a staging file after its database's name (`stagingPathFor`). */
export const stagingMarker = '.import-staging-'

/** `<database>.import-staging-<pid>-<uuid>.sqlite`, beside the database (same disk, same permissions). */
export function stagingPathFor(databasePath: string, pid = process.pid): string {
  return `${databasePath}${stagingMarker}${pid}-${randomUUID()}.sqlite`
}

/** Deletes staging files beside this database whose process has ended (a crash or kill mid-import). */
export function sweepAbandonedStaging(databasePath: string): number {
  const prefix = basename(databasePath) + stagingMarker
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
    if (isProcessRunning(pid)) continue
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
    stagingFile: null,
    patients: () => parsed.patients,
    readings: () => parsed.readings,
    events: () => parsed.events,
    countsFor: (nhsNumbers) => {
      const wanted = new Set(nhsNumbers)
      return { readings: countBy(parsed.readings, wanted), events: countBy(parsed.events, wanted) }
    }
  }
}

function countBy(facts: readonly { nhsNumber: string }[], patients: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { nhsNumber } of facts) if (patients.has(nhsNumber)) counts.set(nhsNumber, (counts.get(nhsNumber) ?? 0) + 1)
  return counts
}
