// Who imported, built, invited, exported, opened or downloaded what and when. A change is
// logged inside the same transaction as the change it describes; a read that hands identifiable
// data out (a document, a rejects CSV, a patient's page) is logged as it is handed out.
import { formatNhsNumber } from '../shared/domain/nhs-number'
import { AppError } from '../shared/result'
import type { ReadableDb, WritableDb } from './db/database-access'
import { activeUserNames, insertActivity, latestActivity, type ActivityRow } from './activity-log-queries'
import { batchOfDocument } from './documents/document-queries'
import type { ServiceContext } from './context'

/**
 * Records one entry against the signed-in user. With nobody signed in it refuses (and, being
 * inside the change's transaction, rolls the change back): the dispatcher already refuses such
 * calls, and this keeps an entry without a name from ever being written by a path that skips it.
 */
export function logActivity(
  ctx: Pick<ServiceContext, 'currentUser' | 'now'>,
  db: WritableDb,
  action: string,
  summary: string,
  details: Record<string, unknown> = {}
): void {
  const user = ctx.currentUser()
  if (!user) {
    throw new AppError('conflict', `Choose who you are on the start screen first: "${summary}" must be recorded against your name.`)
  }
  insertActivity(db, { at: ctx.now().toISOString(), userName: user.name, role: user.role, action, summary, detailsJson: JSON.stringify(details) })
}

export function listActivity(db: ReadableDb, limit = 500): ActivityRow[] {
  return latestActivity(db, limit)
}

/**
 * Staff names in the log, most recently active first: the start screen offers them so people pick
 * the same spelling each time. Names only — the log's summaries name patients, so the log itself
 * is not shown before someone has signed in.
 */
export function knownUserNames(db: ReadableDb, limit = 50): string[] {
  return activeUserNames(db, limit)
}

type LogContext = Pick<ServiceContext, 'db' | 'currentUser' | 'now'>

const documentKinds: Readonly<Record<string, string>> = {
  'letters-pdf': 'invitation letters (PDF)',
  'letters-large-print-pdf': 'large-print invitation letters (PDF)',
  'letters-docx': 'invitation letters (Word)',
  'letters-large-print-docx': 'large-print invitation letters (Word)',
  'sms-csv': 'SMS upload file',
  'phone-list-csv': 'phone call list',
  'batch-sheet-csv': 'batch sheet',
  'audit-xlsx': 'audit workbook (identifiable)',
  'audit-xlsx-pseudonymised': 'audit workbook (pseudonymised)'
}

/** A generated document was handed out (opened, saved or printed from the app). */
export function logDocumentOpened(ctx: LogContext, document: { fileId: number; kind: string; fileName: string }): void {
  const batchId = batchOfDocument(ctx.db, document.fileId)
  const what = documentKinds[document.kind] ?? document.kind
  const of = batchId === undefined ? '' : ` of invitation batch ${batchId}`
  logActivity(ctx, ctx.db, 'documents.read', `Opened the ${what}${of}: ${document.fileName} (document ${document.fileId})`, {
    fileId: document.fileId,
    kind: document.kind,
    ...(batchId === undefined ? {} : { batchId })
  })
}

/** The rejected and conflicting rows of an import or a preview, with their cell values, were downloaded. */
export function logRejectsDownloaded(ctx: LogContext, which: { importId: number } | { previewId: string }, fileName: string): void {
  const of = 'importId' in which ? `import ${which.importId}` : 'an import preview (not imported yet)'
  logActivity(ctx, ctx.db, 'imports.rejectsCsv', `Downloaded the rejected rows of ${of} as ${fileName}`, { ...which, fileName })
}

/** The codes in the imported data that matched no code list were downloaded as a CSV. */
export function logUnmatchedCodesDownloaded(ctx: LogContext, fileName: string): void {
  logActivity(ctx, ctx.db, 'codes.unmatchedCsv', `Downloaded the codes that matched no code list as ${fileName}`, { fileName })
}

/**
 * A patient's page was opened (in the app or by `clinic-recall patient show`): it gathers all the
 * practice holds about one person, so who looked, and when, is kept as it is for a document.
 */
export function logPatientPageOpened(ctx: LogContext, patient: { nhsNumber: string; name: string }): void {
  logActivity(ctx, ctx.db, 'patients.show', `Opened the patient page of ${patient.name} (NHS ${formatNhsNumber(patient.nhsNumber)})`, {
    nhsNumber: patient.nhsNumber
  })
}
