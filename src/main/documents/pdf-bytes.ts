// A pdfkit document drawn and gathered into bytes: the stream is collected as pdfkit writes it, the
// drawing runs, and the document is ended. A drawing that throws (a letter that spilled onto a second
// page, say) rejects the promise, so no half-drawn PDF is ever handed out.

/** Draws `doc` with `draw`, ends it and resolves with its bytes and whatever `draw` returned. */
export function pdfBytes<T>(doc: PDFKit.PDFDocument, draw: () => T): Promise<{ bytes: Buffer; drawn: T }> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    let drawn: T
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), drawn }))
    doc.on('error', reject)
    try {
      drawn = draw()
      doc.end()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}
