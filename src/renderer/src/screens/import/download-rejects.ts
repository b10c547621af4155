import { api } from '../../api/client'

/** Asks main for the rejects CSV (of a preview or a stored import) and hands it to the browser's "save". */
export async function downloadRejectsCsv(which: { importId: number } | { previewId: string }): Promise<void> {
  const file = await api['imports.rejectsCsv'](which)
  const binary = atob(file.contentBase64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  document.body.appendChild(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
