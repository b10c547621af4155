// The large-print letters of a batch: the same letter at 16 pt body text on as many pages as it
// needs, each page footed with whose letter it is, so a dropped page finds its way back.
import type PDFDocument from 'pdfkit'
import { loadOnFirstUse } from '../load-on-first-use'
import { assert } from '../../shared/assert'
import type { InvitationLetter } from '../../shared/domain/letter-content'
import { ADDRESS_SIZE, drawAddressBlock } from './address-block'
import { FONT, printable, useLetterFonts } from './letter-fonts'
import { pdfBytes } from './pdf-bytes'
import { BODY_TOP, BODY_WIDTH, GREY, LEFT, MM, NHS_BLUE, PAGE, RIGHT, TEXT } from './letter-page'

type Doc = PDFKit.PDFDocument

const LARGE = { body: 16, heading: 18, title: 22 }

function drawLargePrintLetter(doc: Doc, letter: InvitationLetter): void {
  doc.addPage({ size: 'A4', margins: { top: 18 * MM, bottom: 20 * MM, left: LEFT, right: PAGE.width - RIGHT } })
  const headerX = 100 * MM
  doc.font(FONT.bold).fontSize(14).fillColor(NHS_BLUE)
  doc.text(printable(letter.practiceHeader.name), headerX, 12 * MM, { width: RIGHT - headerX, align: 'right' })
  doc.font(FONT.regular).fontSize(11).fillColor(TEXT)
  for (const line of letter.practiceHeader.lines) doc.text(printable(line), headerX, doc.y, { width: RIGHT - headerX, align: 'right' })

  drawAddressBlock(doc, letter, ADDRESS_SIZE.largePrint)

  doc
    .font(FONT.regular)
    .fontSize(LARGE.body)
    .text(letter.dateText, LEFT, BODY_TOP - 2 * MM, { width: BODY_WIDTH })
  doc.font(FONT.bold).fontSize(LARGE.body).text(letter.nhsNumberLine, { width: BODY_WIDTH })
  doc.moveDown(0.6)
  doc.font(FONT.bold).fontSize(LARGE.title).fillColor(NHS_BLUE).text(printable(letter.title), { width: BODY_WIDTH })
  doc.moveDown(0.4)
  doc.font(FONT.regular).fontSize(LARGE.body).fillColor(TEXT).text(printable(letter.greeting), { width: BODY_WIDTH })
  doc.moveDown(0.6)
  const pageMargins = { top: 18 * MM, bottom: 20 * MM, left: LEFT, right: PAGE.width - RIGHT }
  for (const section of letter.sections) {
    if (section.heading) {
      // Keep a heading with at least two lines of its text: never a heading alone at the foot of a page.
      if (doc.y + LARGE.heading * 1.4 + LARGE.body * 3 > PAGE.height - pageMargins.bottom) doc.addPage({ size: 'A4', margins: pageMargins })
      doc
        .font(FONT.bold)
        .fontSize(LARGE.heading)
        .fillColor(section.emphasis ? NHS_BLUE : TEXT)
      doc.text(printable(section.heading), LEFT, doc.y, { width: BODY_WIDTH })
      doc.moveDown(0.2)
    }
    for (const p of section.paragraphs) {
      doc
        .font(section.emphasis ? FONT.bold : FONT.regular)
        .fontSize(LARGE.body)
        .fillColor(TEXT)
      doc.text(printable(p), LEFT, doc.y, { width: BODY_WIDTH, lineGap: 3 })
      doc.moveDown(0.6)
    }
  }
  doc.font(FONT.regular).fontSize(LARGE.body).text(printable(letter.signOff.closing), LEFT, doc.y, { width: BODY_WIDTH })
  doc.moveDown(1.5)
  doc.font(FONT.bold).text(printable(letter.signOff.signatory), { width: BODY_WIDTH })
  doc.font(FONT.regular).text(printable(letter.signOff.practiceName), { width: BODY_WIDTH })
}

/** One PDF of large-print letters; a letter may take more than one page, each starts a new one. */
export function renderLargePrintLettersPdf(letters: readonly InvitationLetter[]): Promise<{ bytes: Buffer; pages: number }> {
  assert(letters.length > 0, 'renderLargePrintLettersPdf needs at least one letter')
  const first = letters[0]
  assert(first, 'first letter')
  const fixedDate = new Date(`${first.date}T00:00:00Z`)
  const doc = new (loadOnFirstUse<typeof PDFDocument>('pdfkit'))({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: 'Invitations (large print)',
      Author: first.signOff.practiceName,
      Subject: `${first.templateId} v${first.templateVersion}, invitation ${first.attempt}, large print`,
      CreationDate: fixedDate,
      ModDate: fixedDate
    }
  })
  useLetterFonts(doc)
  return pdfBytes(doc, () => {
    const firstPages: number[] = []
    for (const letter of letters) {
      firstPages.push(doc.bufferedPageRange().count)
      drawLargePrintLetter(doc, letter)
    }
    const pages = doc.bufferedPageRange().count
    // A letter may run to more pages: each page says whose letter it is and which page, so a
    // loose sheet finds its way back into the right envelope.
    letters.forEach((letter, i) => {
      const start = firstPages[i] ?? 0
      const end = firstPages[i + 1] ?? pages
      for (let p = start; p < end; p++) {
        doc.switchToPage(p)
        doc.page.margins.bottom = 0
        doc
          .font(FONT.regular)
          .fontSize(11)
          .fillColor(GREY)
          .text(
            printable(`${letter.recipientAddress[0] ?? ''}, ${letter.nhsNumberLine} — page ${p - start + 1} of ${end - start}`),
            LEFT,
            PAGE.height - 12 * MM,
            {
              width: BODY_WIDTH,
              lineBreak: false
            }
          )
      }
    })
    return pages
  }).then(({ bytes, drawn }) => ({ bytes, pages: drawn }))
}
