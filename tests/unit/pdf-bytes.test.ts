// pdfBytes: the drawn document's bytes and what the drawing returned; a drawing that throws rejects.
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { pdfBytes } from '../../src/main/documents/pdf-bytes'

describe('pdfBytes', () => {
  it("resolves with the whole PDF and the drawing's value", async () => {
    const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true })
    const { bytes, drawn } = await pdfBytes(doc, () => {
      doc.addPage().text('One')
      doc.addPage().text('Two')
      return doc.bufferedPageRange().count
    })
    expect(drawn).toBe(2)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF')
  })

  it('rejects with the drawing’s error and hands out no bytes', async () => {
    const doc = new PDFDocument({ autoFirstPage: false })
    await expect(
      pdfBytes(doc, () => {
        throw new Error('letter spilled onto a second page')
      })
    ).rejects.toThrow('letter spilled onto a second page')
  })
})
