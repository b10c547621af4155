// An import assembled on disk as its rows are read: every few thousand rows the reader hands over
// the facts read since the last time (read-export-file.ts `FactsRead`), and they go straight into
// the staging file (import-staging.ts), merged there as assemble-import.ts merges them in memory:
// patients by NHS number (later rows fill in blanks, two dates of birth or sexes are conflicts),
// each reading and event once (the first stays), blood pressure halves paired and coded ethnicity
// applied once the last file is read. Memory holds only the NHS numbers seen, the rejects,
// conflicts and warnings: never the rows, so a million-row export reads in the memory of a small one.
import Database from 'better-sqlite3'
import type { RejectedRowT } from '../../../shared/contract'
import { bloodPressureProblem } from '../../../shared/domain/bp-plausibility'
import type { FileReadResult, PatientFields } from '../import-types'
import { assembleMerged, conflictCaptions, mergePatientDraft, pairGroup, type MergingPatient, type PairedComponents } from '../map/assemble-import'
import {
  applyStagedEthnicity,
  countStaged,
  countStagedFor,
  createAssemblyTables,
  createStagingTables,
  dropAssemblyTables,
  numberStagedHalves,
  prepareAssemblyWriters,
  stagePairedReadings,
  stagedPairingLeftovers,
  stagedEvents,
  stagedFieldsJson,
  stagedPatients,
  stagedReadings,
  type StagingDb
} from './import-staging-queries'
import { dropStagingFile, stagingMarker, sweepAbandonedStaging, type StagedImport } from './import-staging'

export class StagedAssembly {
  private db: StagingDb | null
  private readonly write: ReturnType<typeof prepareAssemblyWriters>
  private readonly seen = new Set<string>()
  private readonly conflicts: RejectedRowT[] = []

  constructor(private readonly path: string) {
    const databaseBeside = path.slice(0, path.indexOf(stagingMarker))
    if (databaseBeside) sweepAbandonedStaging(databaseBeside)
    const db = new Database(path)
    try {
      createStagingTables(db)
      createAssemblyTables(db)
      this.write = prepareAssemblyWriters(db)
    } catch (error) {
      db.close()
      dropStagingFile(path)
      throw error
    }
    this.db = db
  }

  private open(): StagingDb {
    if (!this.db) throw new Error('the staging file of this import was already let go')
    return this.db
  }

  /** Takes the facts read so far out of `file` and stages them (read-export-file.ts `FactsRead`). */
  take(file: FileReadResult): void {
    const db = this.open()
    const captions = conflictCaptions(file)
    const patients = file.patients.splice(0)
    const readings = file.readings.splice(0)
    const components = file.components.splice(0)
    const events = file.events.splice(0)
    const ethnicity = file.ethnicity.splice(0)
    db.transaction(() => {
      for (const draft of patients) {
        if (!this.seen.has(draft.nhsNumber)) {
          this.seen.add(draft.nhsNumber)
          const first = mergePatientDraft(undefined, draft, captions, this.conflicts)
          this.write.newPatient(draft.nhsNumber, stagedFieldsJson(first.fields), JSON.stringify(first.seenAt))
          continue
        }
        const row = this.write.patientOf(draft.nhsNumber)
        if (!row) throw new Error('a staged patient is missing from the staging file')
        const existing: MergingPatient = {
          fields: JSON.parse(row.fields_json) as Partial<PatientFields>,
          seenAt: JSON.parse(row.seen_json ?? '{}') as MergingPatient['seenAt']
        }
        mergePatientDraft(existing, draft, captions, this.conflicts)
        this.write.updatePatient(draft.nhsNumber, stagedFieldsJson(existing.fields), JSON.stringify(existing.seenAt))
      }
      for (const r of readings) this.write.reading(r)
      for (const c of components) this.write.component(c)
      for (const e of events) this.write.event(e)
      for (const e of ethnicity) this.write.ethnicity(e)
      this.write.flush()
    })()
  }

  /**
   * Once every file is read: coded ethnicity applied, blood pressure halves paired (their readings
   * staged after the readings read whole, as assemble-import.ts lists them), and the import
   * assembled without its facts, which the staging file holds until the commit or `drop`.
   */
  finish(files: FileReadResult[]): StagedImport {
    const db = this.open()
    const paired: PairedComponents = { readings: [], rejects: [], unpaired: [] }
    db.transaction(() => {
      applyStagedEthnicity(db)
      // Whole pairs become readings inside SQLite in one statement; only the halves that are
      // worded (a pair implausible together, a half without its partner) come back, each through
      // pairGroup as a group of its own, which words them exactly as the in-memory assembly does.
      numberStagedHalves(db, bloodPressureProblem)
      stagePairedReadings(db)
      for (const { systolic, diastolic } of stagedPairingLeftovers(db)) pairGroup(systolic ? [systolic] : [], diastolic ? [diastolic] : [], paired)
      dropAssemblyTables(db)
    })()
    if (paired.readings.length > 0) throw new Error('a blood pressure pair left for wording was plausible after all')
    const parsed = assembleMerged(files, {
      patients: [],
      readings: [],
      events: [],
      conflicts: this.conflicts,
      pairedRejects: paired.rejects,
      unpaired: paired.unpaired
    })
    const counts = countStaged(db)
    return {
      parsed,
      facts: {
        counts,
        stagingFile: this.path,
        patients: () => stagedPatients(db),
        readings: () => stagedReadings(db),
        events: () => stagedEvents(db),
        countsFor: (nhsNumbers) => countStagedFor(db, nhsNumbers)
      },
      drop: () => this.drop()
    }
  }

  /** Closes and deletes the staging file (idempotent). */
  drop(): void {
    const db = this.db
    if (db === null) return
    this.db = null
    this.seen.clear()
    db.close()
    dropStagingFile(this.path)
  }
}
