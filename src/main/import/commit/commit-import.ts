// Writes a previewed import into the database in ONE transaction (it lands whole or not
// at all). Merge keyed by NHS number: new patients inserted; existing patients' demographics
// updated to this export with the old values kept in patient_history — unless the stored ones came
// from an export run later than this one (see "newest" below); readings and coded events added
// once (unique indexes + INSERT OR IGNORE); every fact carries the import's id; every patient the
// import lists is recorded in import_patients; patients of the previous run of the same report who
// are missing from this one are kept and marked "not in latest export".
//
// "Newest export" is the export's own run date when its report header states one (EMIS "Run
// Date"), else the day it is imported. A practice catching up on two months imports the older file
// second more often than one might think; by run date, that file cannot overwrite a newer address.
// SystmOne breakdowns and EMIS reports with "exclude report header" carry no run date, so for them
// the import order decides, which is what the practice sees happen.
//
// The facts are copied, not replayed: the staging database is attached to the practice connection
// and new patients, readings and events go across with INSERT … SELECT in staging order, so a
// 100k-row import is a few dozen statements rather than a hundred thousand round trips through
// JavaScript (which took most of the commit's time). Only what needs a decision per row stays in
// JavaScript: the merge of a patient already stored, and classifying readings stored before kinds.
import type { ImportResultT } from '../../../shared/contract'
import { AppError } from '../../../shared/result'
import { logActivity } from '../../activity-log'
import { actorName, todayIso, type ServiceContext } from '../../context'
import type { ReadableDb, WritableDb } from '../../db/database-access'
import { storeCodeFindings } from '../../codelists/unmatched-code-queries'
import { backupThenWrite } from '../../backups/backup-then-write'
import { backupDatabase, discardBackup } from './database-backup'
import {
  findImportByHash,
  firstImportAfter,
  hasUnclassifiedImportedReadings,
  latestImportId,
  latestRunOfReport,
  nhsNumbersListedBy,
  runOfReportBefore,
  storedPatientByNhsNumber,
  type EarlierImport
} from '../import-read-queries'
import type { ParsedImport } from '../import-types'
import { factsInMemory, type ImportFacts } from '../stage/import-staging'
import { isCompleteRunKey } from '../map/report-identity'
import {
  attachStaging,
  detachStaging,
  insertImport,
  markNotInExportSince,
  patientColumns,
  prepareImportWriters,
  prepareStagedCopies,
  recordImportTotals,
  stageFactsInMemory,
  stagedExtent,
  storedValue,
  withImportCache,
  type ChangedColumn
} from './import-write-queries'
import { formatCount, formatDateText } from '../../../shared/format/staff-text'

export function alreadyImportedResult(parsed: ParsedImport, earlier: EarlierImport): ImportResultT {
  return {
    importId: earlier.id,
    format: parsed.format,
    rowsRead: parsed.rowsRead,
    patientsAdded: 0,
    patientsUpdated: 0,
    readingsAdded: 0,
    eventsAdded: 0,
    rejected: [],
    warnings: [`These file(s) were already imported on ${earlier.imported_at.slice(0, 10)} (import ${earlier.id}); nothing was changed.`],
    alreadyImported: true,
    conflicts: [],
    patientsNotInExport: 0,
    backupFile: null,
    termOnlyMatches: parsed.termOnlyMatches,
    unmatchedCodes: parsed.unmatchedCodes
  }
}

/** Thrown from inside the transaction when the user cancels: SQLite rolls everything back. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was changed.')
    this.name = 'ImportCancelled'
  }
}

export interface CommitOptions {
  /** The latest import id when the preview was made; a different one now means another import landed since. */
  previewedAfterImportId?: number
  /** Take a copy of the database first (default true; the bench and some tests turn it off). */
  backup?: boolean
  /** Called now and then with facts written so far / to write (drives the progress bar). */
  onProgress?: (done: number, total: number) => void
  /** Polled now and then; returning true abandons the transaction. */
  shouldCancel?: () => boolean
}

/** How many facts are written between progress reports and cancel checks. */
const progressEvery = 2000

/** `facts` are the staged ones of a preview (import-staging.ts); by default the parsed import's own. */
export function commitParsedImport(
  ctx: ServiceContext,
  parsed: ParsedImport,
  options: CommitOptions = {},
  facts: ImportFacts = factsInMemory(parsed)
): ImportResultT {
  const db = ctx.db
  const earlierCheck = findImportByHash(db, parsed.contentHash)
  if (earlierCheck) return alreadyImportedResult(parsed, earlierCheck)
  assertNotStale(db, options.previewedAfterImportId)
  // The facts are copied from the staging database attached to this connection (set-based, see
  // import-write-queries.ts). SQLite cannot attach inside a transaction, so it is attached before
  // the backup and the transaction begin, and detached however the commit ends.
  attachStaging(db, facts.stagingFile)
  try {
    if (facts.stagingFile === null) stageFactsInMemory(db, { patients: facts.patients(), readings: facts.readings(), events: facts.events() })
    // The "before" copy is taken so that it equals the database this import's transaction starts
    // from, even when another connection commits meanwhile (backup-then-write.ts). VACUUM INTO
    // copies the main database only, never the attached staging one.
    return backupThenWrite(db, {
      take: () => (options.backup === false ? null : backupDatabase(db, ctx.databasePath, ctx.now())),
      // Nothing was written, so the copy is the same as the live file: do not keep a misleading backup.
      discard: (backupFile) => discardBackup(ctx.databasePath, backupFile),
      write: (backupFile) => writeImport(ctx, parsed, facts, options, backupFile)
    })
  } finally {
    detachStaging(db)
  }
}

function assertNotStale(db: ReadableDb, previewedAfterImportId: number | undefined): void {
  if (previewedAfterImportId === undefined) return
  const latest = latestImportId(db)
  if (latest === previewedAfterImportId) return
  const landed = firstImportAfter(db, previewedAfterImportId)
  throw new AppError(
    'conflict',
    `Another import (#${landed?.id ?? latest}${landed ? ` by ${landed.imported_by}` : ''}) was saved after this preview was made, so the preview ` +
      'no longer shows exactly what would change. Nothing was imported: preview the file(s) again and check the new preview.'
  )
}

function writeImport(ctx: ServiceContext, parsed: ParsedImport, facts: ImportFacts, options: CommitOptions, backupFile: string | null): ImportResultT {
  const db = ctx.db
  const now = ctx.now().toISOString()
  const asOf = parsed.exportedOn ?? todayIso(ctx)
  const total = facts.counts.patients + facts.counts.readings + facts.counts.events
  // Progress and the cancel check come after each range of rows copied (about `progressEvery`
  // rows), and every `progressEvery` rows of the per-row work, as they did row by row.
  let done = 0
  const advance = (rows: number) => {
    done = Math.min(total, done + rows)
    if (options.shouldCancel?.()) throw new ImportCancelled()
    options.onProgress?.(done, total)
  }
  let sinceReport = 0
  const step = () => {
    if (++sinceReport < progressEvery) return
    sinceReport = 0
    advance(progressEvery)
  }

  const run = db.transaction((): ImportResultT => {
    // Checked again inside the write lock: another window or the CLI may have got there first.
    const earlier = findImportByHash(db, parsed.contentHash)
    if (earlier) return alreadyImportedResult(parsed, earlier)
    assertNotStale(db, options.previewedAfterImportId)

    const importId = insertImport(db, {
      contentHash: parsed.contentHash,
      format: parsed.format,
      importedAt: now,
      importedBy: actorName(ctx),
      rowsRead: parsed.rowsRead,
      rejectedCount: parsed.rejects.length,
      warnings: parsed.warnings,
      reportKey: parsed.reportKey,
      exportedOn: parsed.exportedOn,
      conflictCount: parsed.conflicts.length,
      backupFile
    })

    const storedPatient = storedPatientByNhsNumber(db)
    const write = prepareImportWriters(db)
    const copy = prepareStagedCopies(db)
    const extent = stagedExtent(db)

    // Patients already stored first, one by one: their merge (which columns changed, history,
    // "newest export" wins) is decided in JavaScript. New patients are then copied set-based; the
    // two sets are disjoint, so the order between them changes nothing that is stored (new
    // patients' ids follow staging order either way, history is only written for stored ones).
    let patientsUpdated = 0
    let keptNewer = 0
    for (let after = 0; ;) {
      const page = copy.storedPatientsAfter(after, progressEvery)
      if (page.length === 0) break
      for (const { seq, nhsNumber, fields } of page) {
        after = seq
        step()
        const stored = storedPatient(nhsNumber)
        if (!stored) throw new Error('a staged patient stored a moment ago is missing')
        // Stored details from an export run after this one stay; this file's readings still count.
        if (stored.demographics_as_of !== null && stored.demographics_as_of > asOf) {
          keptNewer++
          write.touchPatient(importId, stored.id)
          continue
        }
        // Only columns present in this export are compared: an absent column changes nothing.
        const changed: ChangedColumn[] = []
        for (const [key, column] of patientColumns) {
          if (!(key in fields)) continue
          const next = storedValue(key, fields[key])
          const previous = stored[column] ?? null
          if (previous !== next) changed.push([column, previous, next])
        }
        if (changed.length === 0) {
          write.confirmPatient(importId, asOf, stored.id)
          continue
        }
        for (const [column, previous, next] of changed) {
          write.addHistory(stored.id, importId, column, previous === null ? null : String(previous), next === null ? null : String(next), now)
        }
        write.updatePatient(changed, importId, now, asOf, stored.id)
        patientsUpdated++
      }
    }
    let patientsAdded = 0
    for (let after = 0; after < extent.patients; after += progressEvery) {
      const added = copy.insertNewPatients(importId, now, asOf, after, after + progressEvery)
      patientsAdded += added
      advance(added)
    }
    copy.listStagedPatients(importId)

    // Readings stored before kinds were recorded have none: the same reading imported again gives
    // them their kind (a classification, not history), rather than a second copy. Which reading
    // classifies which stored one depends on the order they come in, so while any stored reading
    // is unclassified (a database from before kinds, once) the readings go in one by one as before.
    let readingsAdded = 0
    if (hasUnclassifiedImportedReadings(db)) {
      for (const r of facts.readings()) {
        step()
        const patientId = copy.stagedPatientId(r.nhsNumber)
        if (patientId === undefined) continue
        if (write.classifyStoredReading(patientId, r) > 0) continue
        readingsAdded += write.insertReading(patientId, r, importId, now)
      }
    } else {
      for (let after = 0; after < extent.readings; after += progressEvery) {
        readingsAdded += copy.insertReadings(importId, now, after, after + progressEvery)
        advance(Math.min(progressEvery, extent.readings - after))
      }
    }

    let eventsAdded = 0
    for (let after = 0; after < extent.events; after += progressEvery) {
      eventsAdded += copy.insertEvents(importId, now, after, after + progressEvery)
      advance(Math.min(progressEvery, extent.events - after))
    }

    for (const r of parsed.rejects) write.insertReject(importId, r, 'rejected')
    for (const r of parsed.conflicts) write.insertReject(importId, r, 'conflict')
    // Inside this transaction, so a cancelled or failed import leaves no trace in the Code library.
    storeCodeFindings(db, importId, parsed.codeFindings, parsed.termOnlyMatches)

    for (const f of parsed.files) write.insertFile(importId, f)

    const patientsNotInExport = parsed.absencesNotMarked === null ? markNotInExport(db, importId, parsed.reportKey) : 0

    const warnings = [...parsed.warnings]
    if (keptNewer > 0) {
      warnings.push(
        `${formatCount(keptNewer)} patient(s) already have details from an export run after this one (${parsed.exportedOn ? formatDateText(parsed.exportedOn) : 'today'}); their name, address and other details were left as they are. Their readings and codes from this file were added.`
      )
    }
    if (patientsNotInExport > 0) {
      warnings.push(
        `${formatCount(patientsNotInExport)} patient(s) from the previous run of this report are not in this export. They are kept, marked "not in latest export" (they may have left the practice, died or no longer match the search).`
      )
    }

    recordImportTotals(db, importId, { patientsAdded, patientsUpdated, readingsAdded, eventsAdded, patientsNotInExport, warnings })

    const fileNames = parsed.files.map((f) => f.preview.name).join(', ')
    logActivity(
      ctx,
      db,
      'imports.commit',
      `Imported ${fileNames}: ${formatCount(patientsAdded)} new, ${formatCount(patientsUpdated)} updated patients, ${formatCount(readingsAdded)} readings, ${formatCount(eventsAdded)} events, ${formatCount(parsed.rejects.length)} rejected`,
      { importId, format: parsed.format, files: parsed.files.map((f) => f.preview.name), contentHash: parsed.contentHash, backupFile }
    )
    options.onProgress?.(total, total)

    return {
      importId,
      format: parsed.format,
      rowsRead: parsed.rowsRead,
      patientsAdded,
      patientsUpdated,
      readingsAdded,
      eventsAdded,
      rejected: parsed.rejects,
      warnings,
      alreadyImported: false,
      conflicts: parsed.conflicts,
      patientsNotInExport,
      backupFile,
      termOnlyMatches: parsed.termOnlyMatches,
      unmatchedCodes: parsed.unmatchedCodes
    }
  })
  return withImportCache(db, () => run.immediate())
}

/**
 * Patients listed by the previous run of this report but not by this one are marked (never
 * deleted). Only the same report counts: a BP-only search must not mark the whole list absent.
 * And only a complete run counts: an import that may be cut short marks nobody, and is never the
 * "previous run" either (its report key is its own: report-identity.ts).
 */
function markNotInExport(db: WritableDb, importId: number, reportKey: string): number {
  if (!isCompleteRunKey(reportKey)) return 0
  const previous = runOfReportBefore(db, reportKey, importId)
  if (previous === null) return 0
  return markNotInExportSince(db, importId, previous)
}

/** Patients of the previous run of this report whom these NHS numbers leave out (for the preview). */
export function countNotInExport(db: ReadableDb, reportKey: string, nhsNumbers: ReadonlySet<string>): number {
  if (!isCompleteRunKey(reportKey)) return 0
  const previous = latestRunOfReport(db, reportKey)
  if (previous === null) return 0
  const listed = nhsNumbersListedBy(db, previous)
  let missing = 0
  for (const nhs of listed) if (!nhsNumbers.has(nhs)) missing++
  return missing
}
