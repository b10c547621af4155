import { api } from '../../api/client'
import { saveBase64File } from '../../files/download-document'

/** Asks main for the rejects CSV (of a preview or a stored import) and hands it to the browser's "save". */
export async function downloadRejectsCsv(which: { importId: number } | { previewId: string }): Promise<void> {
  saveBase64File(await api['imports.rejectsCsv'](which))
}
