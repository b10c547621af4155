// Invitation batches already recorded: listed as they were made (counts per channel, who was left
// out and why, the batch sheet, the SMS text, the warnings, the documents still on disk), and their
// documents regenerated from what was recorded to check them byte for byte against those sent.
import type { OperationOutput } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import type { BatchSheetRow } from '../documents/batch-sheet-csv'
import { documentsOfBatch } from '../documents/document-queries'
import { listDocumentsOf, placeAndRecordDocuments, type StagedDocument } from '../documents/document-store'
import { batchFileStem, type PlannedFile, renderBatchFiles, stageAll } from './batch-documents'
import { type BatchOptions, type InvitationBatch, type NotInvited, type SentContent, smsMessageOf } from './batch-record'
import { allBatchRows, type BatchRow, findBatchRow, invitationContentsOfBatch } from './invitation-batch-queries'
import { wordTemplateContent } from './template-store'

function batchFromRow(ctx: Pick<ServiceContext, 'db'>, r: BatchRow): InvitationBatch {
  const options = JSON.parse(r.options_json) as Partial<BatchOptions>
  // Sheets recorded before letters were checked for what they cannot print have no writeByHand.
  const sheet = (JSON.parse(r.sheet_json) as (Omit<BatchSheetRow, 'writeByHand'> & { writeByHand?: boolean })[]).map((row) => ({
    ...row,
    writeByHand: row.writeByHand ?? false
  }))
  return {
    batchId: r.id,
    cohortId: r.cohort_id,
    attempt: r.attempt,
    createdOn: r.created_on,
    createdBy: r.created_by,
    letters: r.letters,
    sms: r.sms,
    phone: r.phone,
    largePrint: r.large_print,
    templateKey: r.template_id,
    templateVersion: r.template_version,
    notInvited: JSON.parse(r.not_invited_json) as NotInvited[],
    sheet,
    smsMessage: options.smsText ? smsMessageOf(options.smsText) : null,
    warnings: options.warnings ?? [],
    lettersToWriteByHand: sheet.filter((row) => row.writeByHand).length,
    programmeId: r.programme_id,
    recentlyInvitedElsewhere: options.recentlyInvitedElsewhere ?? [],
    // A recorded batch went ahead, so nothing blocked it.
    practiceDetailsToFill: [],
    blockedBecause: null,
    noUsableAddress: options.noUsableAddress ?? [],
    files: listDocumentsOf(ctx, r.id)
  }
}

export function listBatches(ctx: Pick<ServiceContext, 'db'>): InvitationBatch[] {
  return allBatchRows(ctx.db).map((r) => batchFromRow(ctx, r))
}

/**
 * Rebuilds a batch's documents from what was recorded (the merged letters, SMS rows, sheet and the
 * Word template used), writes them as new documents and says whether each is byte-for-byte the
 * document sent. Later changes to addresses, settings or templates do not change the result.
 */
export async function regenerateBatch(ctx: ServiceContext, batchId: number): Promise<OperationOutput<'invitations.regenerate'>> {
  const db = ctx.db
  const row = findBatchRow(db, batchId)
  if (!row) throw new AppError('not_found', `No invitation batch with id ${batchId}`)
  const options = JSON.parse(row.options_json) as Partial<BatchOptions>
  const contents = invitationContentsOfBatch(db, batchId)
  if (contents.some((c) => c === null)) {
    throw new AppError('conflict', `Batch ${batchId} was created before contents were recorded; it cannot be regenerated exactly`)
  }
  const sent = contents.map((c) => JSON.parse(c as string) as SentContent)
  const word = options.wordTemplateId ? wordTemplateContent(db, options.wordTemplateId) : null
  const stem = batchFileStem(row.cohort_id, row.attempt, row.created_on)
  const planned = await renderBatchFiles(stem, sent, JSON.parse(row.sheet_json) as BatchSheetRow[], word, options.docx ?? false)
  const originals = documentsOfBatch(db, batchId)
  // The same order as a new batch: files complete on disk, then placed and recorded together.
  const staged = stageAll(
    ctx,
    planned.map((f) => ({ ...f, kind: `${f.kind}-regenerated`, fileName: f.fileName.replace(/(\.[a-z]+)$/, `-regenerated$1`) }))
  )
  return placeAndRecordDocuments(ctx, staged, (db, saved) => {
    const files = saved.map((file, i) => {
      const original = planned[i] as PlannedFile
      const matchesOriginal = originals.some((o) => o.kind === original.kind && o.sha256 === (staged[i] as StagedDocument).sha256)
      return { ...file, matchesOriginal }
    })
    logActivity(
      ctx,
      db,
      'invitations.regenerate',
      `Batch ${batchId} documents regenerated: ${files.filter((f) => f.matchesOriginal).length} of ${files.length} identical to the originals`,
      {
        batchId
      }
    )
    return { files }
  })
}
