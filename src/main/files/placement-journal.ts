// Before a process renames finished files onto their final names in the documents folder, it writes
// (durably) a small journal naming those files, and removes it once the database transaction that
// records them has ended. A journal left behind by a process that is no longer running is therefore
// the exact list of files that may have been placed without being recorded: the repair pass checks
// those against the database and nothing else, so a file someone else put in the folder, or another
// database's documents, are never touched.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomically } from './write-file-atomically'

const journalName = /^\.placing-\d+-[0-9a-f]{8}\.json$/

export interface PlacementJournal {
  /** The journal file itself. */
  path: string
  databasePath: string
  host: string
  pid: number
  files: string[]
}

export function writePlacementJournal(folder: string, databasePath: string, files: readonly string[]): string {
  const path = join(folder, `.placing-${process.pid}-${randomBytes(4).toString('hex')}.json`)
  writeFileAtomically(path, JSON.stringify({ databasePath, host: hostname(), pid: process.pid, files }))
  return path
}

export function removePlacementJournal(path: string): void {
  rmSync(path, { force: true })
}

export function isPlacementJournalName(fileName: string): boolean {
  return journalName.test(fileName)
}

/** Journals in the folder; one that cannot be read (cut short by a crash before its rename) is skipped. */
export function readPlacementJournals(folder: string): PlacementJournal[] {
  const journals: PlacementJournal[] = []
  for (const name of readdirSync(folder)) {
    if (!journalName.test(name)) continue
    const path = join(folder, name)
    try {
      const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<PlacementJournal>
      if (typeof value.databasePath !== 'string' || typeof value.pid !== 'number' || !Array.isArray(value.files)) continue
      journals.push({
        path,
        databasePath: value.databasePath,
        host: typeof value.host === 'string' ? value.host : '',
        pid: value.pid,
        files: value.files.filter((f): f is string => typeof f === 'string')
      })
    } catch {
      continue
    }
  }
  return journals
}

export function isThisHost(host: string): boolean {
  return host === hostname()
}
