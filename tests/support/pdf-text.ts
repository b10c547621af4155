// Reads a PDF back with pdf.js: the text of each page, its pieces joined by spaces.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
  }
  return pages
}

/** Each piece of text on each page with the size it is set in (points, from its text matrix). */
export async function pdfTextPieces(bytes: Uint8Array): Promise<{ page: number; text: string; size: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
  const pieces: { page: number; text: string; size: number }[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue
      const [a = 0, b = 0] = item.transform as number[]
      pieces.push({ page: i, text: item.str, size: Math.round(Math.hypot(a, b) * 10) / 10 })
    }
  }
  return pieces
}
