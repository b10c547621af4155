// The "What we agreed" summary as a PDF, to the same standard as the invitation letters: A4, Noto
// Sans embedded (what it cannot print becomes a line to write on), the practice's details at the
// top, the patient's name and address placed for a DL window envelope, the NHS number near the top.
// Standard print is 11 pt; a patient flagged for large print (Accessible Information Standard) gets
// 16 pt. The text flows onto as many pages as it needs; every page is footed with whose summary it
// is and which page (and, in standard print, which visit), so a loose sheet finds its way back. The same summary always gives the same
// bytes: the PDF's dates come from the visit day, never the clock.
import type PDFDocument from 'pdfkit'
import { loadOnFirstUse } from '../load-on-first-use'
import type { VisitSummary } from '../../shared/domain/visit-summary-content'
import { ADDRESS_SIZE, drawAddressBlock } from './address-block'
import { FONT, printable, useLetterFonts } from './letter-fonts'
import { pdfBytes } from './pdf-bytes'
import { BODY_TOP, BODY_WIDTH, GREY, LEFT, MM, NHS_BLUE, PAGE, RIGHT, TEXT } from './letter-page'

type Doc = PDFKit.PDFDocument

/** Point sizes: standard print as the invitation letter's largest body size, large print as the large-print letters (RNIB clear print: 16 pt and up). */
const SIZES = {
  standard: { body: 11, heading: 12.5, title: 18, headerName: 12, headerLine: 8.5, footer: 7.5, address: ADDRESS_SIZE.standard },
  large: { body: 16, heading: 18, title: 22, headerName: 14, headerLine: 11, footer: 11, address: ADDRESS_SIZE.largePrint }
} as const

const MARGINS = { top: 18 * MM, bottom: 20 * MM, left: LEFT, right: PAGE.width - RIGHT }

function drawSummary(doc: Doc, summary: VisitSummary): void {
  const size = summary.largePrint ? SIZES.large : SIZES.standard
  doc.addPage({ size: 'A4', margins: MARGINS })
  const headerX = 100 * MM
  doc.font(FONT.bold).fontSize(size.headerName).fillColor(NHS_BLUE)
  doc.text(printable(summary.practiceHeader.name), headerX, 12 * MM, { width: RIGHT - headerX, align: 'right' })
  doc.font(FONT.regular).fontSize(size.headerLine).fillColor(GREY)
  for (const line of summary.practiceHeader.lines) doc.text(printable(line), headerX, doc.y, { width: RIGHT - headerX, align: 'right' })

  drawAddressBlock(doc, summary, size.address)

  doc
    .font(FONT.regular)
    .fontSize(size.body)
    .fillColor(TEXT)
    .text(summary.dateText, LEFT, BODY_TOP - 2 * MM, { width: BODY_WIDTH })
  doc.font(FONT.bold).fontSize(size.body).text(summary.nhsNumberLine, { width: BODY_WIDTH })
  doc.moveDown(0.5)
  doc.font(FONT.bold).fontSize(size.title).fillColor(NHS_BLUE).text(printable(summary.title), { width: BODY_WIDTH })
  doc.font(FONT.regular).fontSize(size.body).fillColor(GREY).text(printable(summary.subtitle), { width: BODY_WIDTH })
  doc.moveDown(0.5)
  doc.font(FONT.regular).fontSize(size.body).fillColor(TEXT).text(printable(summary.greeting), { width: BODY_WIDTH })
  doc.moveDown(0.5)

  for (const section of summary.sections) {
    if (section.heading) {
      // Keep a heading with at least two lines of its text: never a heading alone at the foot of a page.
      if (doc.y + size.heading * 1.4 + size.body * 3 > PAGE.height - MARGINS.bottom) doc.addPage({ size: 'A4', margins: MARGINS })
      doc
        .font(FONT.bold)
        .fontSize(size.heading)
        .fillColor(section.emphasis ? NHS_BLUE : TEXT)
        .text(printable(section.heading), LEFT, doc.y, { width: BODY_WIDTH })
      doc.moveDown(0.15)
    }
    for (const p of section.paragraphs) {
      const text = printable(p)
      const options = { width: BODY_WIDTH, lineGap: size.body * 0.18 }
      doc.font(FONT.regular).fontSize(size.body).fillColor(TEXT)
      // A paragraph that fits on a page is never split across two: a phone number or web address
      // broken over a page turn is one the patient cannot use.
      const height = doc.heightOfString(text, options)
      if (doc.y + height > PAGE.height - MARGINS.bottom && height < PAGE.height - MARGINS.top - MARGINS.bottom) doc.addPage({ size: 'A4', margins: MARGINS })
      doc.text(text, LEFT, doc.y, options)
      doc.moveDown(0.35)
    }
    doc.moveDown(0.3)
  }
  doc.font(FONT.regular).fontSize(size.body).fillColor(TEXT).text(printable(summary.signOff.closing), LEFT, doc.y, { width: BODY_WIDTH })
  doc.moveDown(0.8)
  doc.font(FONT.bold).text(printable(summary.signOff.signatory), { width: BODY_WIDTH })
  doc.font(FONT.regular).text(printable(summary.signOff.practiceName), { width: BODY_WIDTH })
}

/** One patient's summary; `pages` is how many sheets it took. */
export function renderVisitSummaryPdf(summary: VisitSummary): Promise<{ bytes: Buffer; pages: number }> {
  const fixedDate = new Date(`${summary.date}T00:00:00Z`)
  const doc = new (loadOnFirstUse<typeof PDFDocument>('pdfkit'))({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: summary.largePrint ? 'What we agreed (large print)' : 'What we agreed',
      Author: summary.signOff.practiceName,
      Subject: summary.reference,
      CreationDate: fixedDate,
      ModDate: fixedDate
    }
  })
  useLetterFonts(doc)
  const size = summary.largePrint ? SIZES.large : SIZES.standard
  return pdfBytes(doc, () => {
    drawSummary(doc, summary)
    const pages = doc.bufferedPageRange().count
    for (let p = 0; p < pages; p++) {
      doc.switchToPage(p)
      doc.page.margins.bottom = 0
      doc
        .font(FONT.regular)
        .fontSize(size.footer)
        .fillColor(GREY)
        .text(
          printable(
            `${summary.recipientAddress[0] ?? ''}, ${summary.nhsNumberLine}${summary.largePrint ? '' : ` — ${summary.reference}`} — page ${p + 1} of ${pages}`
          ),
          LEFT,
          PAGE.height - 12 * MM,
          { width: BODY_WIDTH, lineBreak: false }
        )
    }
    return pages
  }).then(({ bytes, drawn }) => ({ bytes, pages: drawn }))
}
