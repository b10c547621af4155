// `audit.exportWorkbook`: writes the audit workbook into the documents folder, records it (with its
// hash) and logs who exported what. The workbook is written under a temporary name first and takes
// its real name only after the record is committed, so a failed export leaves no half-file behind.
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { GeneratedFileT } from '../../shared/contract'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName } from '../context'
import { writeAuditWorkbook } from '../documents/audit-workbook'
import { freeDocumentPath, saveDocument, sha256Hex, XLSX_MIME } from '../documents/document-store'
import { getPracticeSettings } from '../settings/practice-settings-store'
import { auditDataset } from './audit-service'

export async function exportAuditWorkbook(
  ctx: ServiceContext,
  input: { asOf?: string; pseudonymised: boolean },
  outPath?: string
): Promise<GeneratedFileT> {
  const dataset = auditDataset(ctx, input.asOf)
  const kind = input.pseudonymised ? 'audit-xlsx-pseudonymised' : 'audit-xlsx'
  const finalPath = freeDocumentPath(ctx, `audit-${input.pseudonymised ? 'pseudonymised-' : ''}${dataset.asOf}.xlsx`)
  const tempPath = `${finalPath}.partial`
  let file: GeneratedFileT
  try {
    await writeAuditWorkbook(tempPath, dataset, {
      pseudonymised: input.pseudonymised,
      practiceName: getPracticeSettings(ctx).practiceName,
      generatedAt: ctx.now(),
      generatedBy: actorName(ctx)
    })
    const sha256 = sha256Hex(readFileSync(tempPath))
    const db = ctx.db
    file = db.transaction(() => {
      const saved = saveDocument(ctx, db, { kind, mimeType: XLSX_MIME, path: finalPath, sha256 })
      logActivity(
        ctx,
        db,
        'audit.exportWorkbook',
        `Audit workbook as of ${dataset.asOf} exported${input.pseudonymised ? ' (pseudonymised)' : ' (identifiable)'}: ${dataset.patients.length} patients`,
        { fileId: saved.fileId, asOf: dataset.asOf, pseudonymised: input.pseudonymised, patients: dataset.patients.length }
      )
      return saved
    })()
  } catch (error) {
    rmSync(tempPath, { force: true })
    throw error
  }
  renameSync(tempPath, finalPath)
  if (outPath) {
    mkdirSync(dirname(outPath), { recursive: true })
    copyFileSync(finalPath, outPath)
  }
  return file
}
