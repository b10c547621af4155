// `audit.exportWorkbook`: writes the audit workbook into the documents folder, records it (with its
// hash) and logs who exported what. The workbook is streamed to a partial file and placed under its
// real name in the same transaction that records it (document-store.ts), so a failed or killed
// export leaves no half-file under a real name and no record of a file that is not there.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { GeneratedFileT } from '../../shared/contract'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { actorName } from '../context'
import { writeAuditWorkbook } from '../documents/audit-workbook'
import { placeAndRecordDocuments, stagedFromFile, stagingPath, XLSX_MIME, type StagedDocument } from '../documents/document-store'
import { fileWriteError } from '../files/write-file-atomically'
import { getPracticeSettings } from '../settings/practice-settings-store'
import { auditDataset } from './audit-service'
import { formatCount, formatDateText } from '../../shared/format/staff-text'

/** A programme's name as it can stand in a file name: lower case, letters and digits joined by hyphens. */
export function programmeSlug(programme: { programmeId: number; name: string }): string {
  const slug = programme.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return slug === '' ? `programme-${programme.programmeId}` : slug
}

export async function exportAuditWorkbook(
  ctx: ServiceContext,
  input: { asOf?: string; pseudonymised: boolean; programmeId?: number }
): Promise<GeneratedFileT> {
  const dataset = auditDataset(ctx, input.asOf, input.programmeId)
  const programme = dataset.programme ?? null
  const kind = input.pseudonymised ? 'audit-xlsx-pseudonymised' : 'audit-xlsx'
  const fileName = `audit-${input.pseudonymised ? 'pseudonymised-' : ''}${programme ? `${programmeSlug(programme)}-` : ''}${dataset.asOf}.xlsx`
  const partialPath = stagingPath(ctx, fileName)
  let staged: StagedDocument
  try {
    await writeAuditWorkbook(partialPath, dataset, {
      pseudonymised: input.pseudonymised,
      practiceName: getPracticeSettings(ctx).practiceName,
      generatedAt: ctx.now(),
      generatedBy: actorName(ctx)
    })
    staged = stagedFromFile({ kind, mimeType: XLSX_MIME, fileName }, partialPath)
  } catch (error) {
    rmSync(partialPath, { force: true })
    // A file-system failure in plain words; anything else is a fault of ours and stays as it is.
    throw (error as NodeJS.ErrnoException).code ? fileWriteError(join(ctx.documentsFolder, fileName), error) : error
  }
  return placeAndRecordDocuments(ctx, [staged], (db, [saved]) => {
    const file = saved as GeneratedFileT
    logActivity(
      ctx,
      db,
      'audit.exportWorkbook',
      `Audit workbook ${programme ? `of the programme "${programme.name}"` : 'of the whole practice'} as of ${formatDateText(dataset.asOf)} exported${input.pseudonymised ? ' (pseudonymised)' : ' (identifiable)'}: ${formatCount(dataset.patients.length)} patients`,
      {
        fileId: file.fileId,
        asOf: dataset.asOf,
        pseudonymised: input.pseudonymised,
        patients: dataset.patients.length,
        programmeId: programme?.programmeId ?? null
      }
    )
    return file
  })
}
