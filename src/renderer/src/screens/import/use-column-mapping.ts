// Opens the column-mapping screen for the chosen files: asks main for each file's columns (what
// they would be read as, sample values), and picks the file to map — the one named, else the first
// whose NHS number column is unknown. Closed again once the mapping is saved or cancelled.
import { useCallback, useState } from 'react'
import type { ImportFileColumnsT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { useAsyncAction } from '../../components/use-async-action'
import { readFileAsBase64 } from '../../files/read-file-base64'

export function useColumnMapping() {
  const [file, setFile] = useState<ImportFileColumnsT | null>(null)
  const action = useAsyncAction()

  /** `fileName`: map that file (the "Change column mapping" button); else only a file that needs it. */
  const open = useCallback(
    (files: readonly File[], fileName?: string) =>
      action.run(async () => {
        const chosen = fileName === undefined ? files : files.filter((f) => f.name === fileName)
        if (chosen.length === 0) return null
        const payload = await Promise.all(chosen.map(async (f) => ({ name: f.name, contentBase64: await readFileAsBase64(f) })))
        const { files: columns } = await api['imports.columns']({ files: payload })
        const target = fileName === undefined ? columns.find((c) => c.needsMapping) : columns[0]
        setFile(target ?? null)
        return target ?? null
      }),
    [action]
  )

  const close = useCallback(() => setFile(null), [])

  return { file, open, close, busy: action.busy, error: action.error }
}
