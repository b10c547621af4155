import { api } from '../api/client'

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** A file main sent as base64 (a document, a rejects CSV, a Word template), handed to the browser's own "save". */
export function saveBase64File(file: { name: string; mimeType: string; contentBase64: string }): void {
  const blob = new Blob([base64ToBytes(file.contentBase64)], { type: file.mimeType })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the URL is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Fetches a generated document from main and saves it. */
export async function downloadDocument(fileId: number): Promise<void> {
  saveBase64File(await api['documents.read']({ fileId }))
}
