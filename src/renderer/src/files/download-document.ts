import { api } from '../api/client'

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Fetches a generated document from main and hands it to the browser's own "save" (a Blob download). */
export async function downloadDocument(fileId: number): Promise<void> {
  const file = await api['documents.read']({ fileId })
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
