// Which import a patient last came from, and whether the latest run of that report left them out
// ("not in latest export": kept, never deleted — they may have left, died or stopped matching).
import { AppError } from '../../shared/result'
import type { ServiceContext } from '../context'

interface ImportRef {
  importId: number
  importedAt: string
  fileNames: string[]
}

export function patientImportStatus(ctx: ServiceContext, patientId: number): { lastImport: ImportRef | null; notInLatestExport: ImportRef | null } {
  const row = ctx.db.prepare('SELECT last_import_id, not_in_export_since_import_id FROM patients WHERE id = ?').get(patientId) as
    { last_import_id: number | null; not_in_export_since_import_id: number | null } | undefined
  if (!row) throw new AppError('not_found', `There is no patient #${patientId}`)
  const describe = (importId: number | null): ImportRef | null => {
    if (importId === null) return null
    const imported = ctx.db.prepare('SELECT imported_at FROM imports WHERE id = ?').pluck().get(importId) as string | undefined
    if (imported === undefined) return null
    const fileNames = ctx.db.prepare('SELECT file_name FROM import_files WHERE import_id = ? ORDER BY id').pluck().all(importId) as string[]
    return { importId, importedAt: imported, fileNames }
  }
  return { lastImport: describe(row.last_import_id), notInLatestExport: describe(row.not_in_export_since_import_id) }
}
