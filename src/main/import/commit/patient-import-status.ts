// Which import a patient last came from, and whether the latest run of that report left them out
// ("not in latest export": kept, never deleted — they may have left, died or stopped matching).
import { AppError } from '../../../shared/result'
import type { ReadingContext } from '../../context'
import { importedAt, importFileNames, patientImportIds } from '../import-read-queries'

interface ImportRef {
  importId: number
  importedAt: string
  fileNames: string[]
}

export function patientImportStatus(ctx: ReadingContext, patientId: number): { lastImport: ImportRef | null; notInLatestExport: ImportRef | null } {
  const row = patientImportIds(ctx.db, patientId)
  if (!row) throw new AppError('not_found', `There is no patient #${patientId}`)
  const describe = (importId: number | null): ImportRef | null => {
    if (importId === null) return null
    const imported = importedAt(ctx.db, importId)
    if (imported === undefined) return null
    const fileNames = importFileNames(ctx.db, importId)
    return { importId, importedAt: imported, fileNames }
  }
  return { lastImport: describe(row.last_import_id), notInLatestExport: describe(row.not_in_export_since_import_id) }
}
