// One print-ready PDF for a batch of invitation letters: one A4 page per letter, the recipient's
// address placed for a DL window envelope. Text is set in Noto Sans, embedded (subset to the glyphs
// used) so Latin with every accent, Greek and Cyrillic names print exactly as recorded; what the
// font cannot print is left as a line to write on, and the batch sheet says so (letter-scripts.ts,
// docs/letters.md). The same letters always give the same bytes: the PDF's dates (and so its file
// ID) come from the letter date, never the clock, so a batch can be reproduced and its hash checked.
import type PDFDocument from 'pdfkit'
import { loadOnFirstUse } from '../load-on-first-use'
import { assert } from '../../shared/assert'
import type { InvitationLetter } from '../../shared/domain/letter-content'
import { ADDRESS_SIZE, byHandMark, drawAddressBlock } from './address-block'
import { FONT, printable, useLetterFonts } from './letter-fonts'
import { pdfBytes } from './pdf-bytes'
import { BODY_BOTTOM, BODY_TOP, BODY_WIDTH, BOX_FILL, GREY, LEFT, MM, NHS_BLUE, PAGE, RIGHT, RIGHT_COLUMN_X, TEXT, WINDOW } from './letter-page'

type Doc = PDFKit.PDFDocument

// Measuring text is most of the cost of a batch (pdfkit works out every word's width with kerning),
// and a batch repeats the same paragraphs on every page: only the name and address differ. So each
// height is measured once per document, keyed by everything that decides it (a batch of 1,000
// letters must take under 10 s).
const measured = new WeakMap<Doc, Map<string, number>>()
function heightOf(doc: Doc, font: string, size: number, text: string, options: { width: number; lineGap?: number }): number {
  let cache = measured.get(doc)
  if (!cache) {
    cache = new Map()
    measured.set(doc, cache)
  }
  const key = `${font}\u0000${size}\u0000${options.width}\u0000${options.lineGap ?? 0}\u0000${text}`
  let height = cache.get(key)
  if (height === undefined) {
    height = doc.font(font).fontSize(size).heightOfString(text, options)
    cache.set(key, height)
  }
  return height
}

interface BodyLayout {
  size: number
  height: number
}

/**
 * Height of the letter body at a font size, measured with the same calls that draw it. All of it but
 * the greeting (the patient's own) is the template's, the same on every page of a batch: that part
 * is measured once per document and size, the greeting each time. `templateKey` names that part.
 */
const templateHeights = new WeakMap<Doc, Map<string, number>>()
function bodyHeight(doc: Doc, letter: InvitationLetter, size: number, templateKey: string): number {
  let cache = templateHeights.get(doc)
  if (!cache) {
    cache = new Map()
    templateHeights.set(doc, cache)
  }
  const key = `${size}\u0000${templateKey}`
  let rest = cache.get(key)
  if (rest === undefined) {
    rest = drawBody(doc, letter, size, BODY_TOP, false) - greetingHeight(doc, letter, size)
    cache.set(key, rest)
  }
  return rest + greetingHeight(doc, letter, size)
}

/** The greeting's height, measured as drawBody measures it. */
function greetingHeight(doc: Doc, letter: InvitationLetter, size: number): number {
  return heightOf(doc, FONT.regular, size, printable(letter.greeting), { width: BODY_WIDTH, lineGap: size * 0.18 })
}

/**
 * Draws (or, with draw=false, only measures) everything from the title to the signature, starting
 * at `top`; returns the height used.
 */
function drawBody(doc: Doc, letter: InvitationLetter, size: number, top: number, draw: boolean): number {
  const gap = size * 0.55
  const lineGap = size * 0.18
  let y = top
  const text = (value: string, font: string, fontSize: number, options: { x?: number; width?: number; color?: string } = {}) => {
    const x = options.x ?? LEFT
    const width = options.width ?? BODY_WIDTH
    const h = heightOf(doc, font, fontSize, printable(value), { width, lineGap })
    if (draw)
      doc
        .font(font)
        .fontSize(fontSize)
        .fillColor(options.color ?? TEXT)
        .text(printable(value), x, y, { width, lineGap })
    y += h
  }

  text(letter.title, FONT.bold, size + 4, { color: NHS_BLUE })
  y += gap
  text(letter.greeting, FONT.regular, size)
  y += gap

  for (const section of letter.sections) {
    if (section.emphasis) {
      // The one call to action: a shaded box with a blue rule, so it is found at a glance.
      const pad = 3 * MM
      const inner = BODY_WIDTH - 2 * pad - 1.5 * MM
      const innerX = LEFT + pad + 1.5 * MM
      const boxTop = y
      const measure = () => {
        let h = 0
        if (section.heading) h += heightOf(doc, FONT.bold, size + 1, printable(section.heading), { width: inner, lineGap }) + gap * 0.5
        for (const p of section.paragraphs) h += heightOf(doc, FONT.regular, size, printable(p), { width: inner, lineGap }) + gap * 0.5
        return h - gap * 0.5
      }
      const boxHeight = measure() + 2 * pad
      if (draw) {
        doc.save().rect(LEFT, boxTop, BODY_WIDTH, boxHeight).fill(BOX_FILL).restore()
        doc
          .save()
          .rect(LEFT, boxTop, 1.5 * MM, boxHeight)
          .fill(NHS_BLUE)
          .restore()
      }
      y = boxTop + pad
      if (section.heading) {
        text(section.heading, FONT.bold, size + 1, { x: innerX, width: inner })
        y += gap * 0.5
      }
      section.paragraphs.forEach((p, i) => {
        if (i > 0) y += gap * 0.5
        text(p, FONT.regular, size, { x: innerX, width: inner })
      })
      y = boxTop + boxHeight + gap
      continue
    }
    if (section.heading) text(section.heading, FONT.bold, size + 0.5)
    for (const p of section.paragraphs) {
      text(p, FONT.regular, size)
      y += gap
    }
  }

  y += gap * 0.5
  text(letter.signOff.closing, FONT.regular, size)
  y += size * 2.2 // room for a signature
  text(letter.signOff.signatory, FONT.bold, size)
  text(letter.signOff.practiceName, FONT.regular, size)
  return y - top
}

/** The largest font size (11 pt down to 8 pt) at which the body fits on the page. */
function fitBody(doc: Doc, letter: InvitationLetter): BodyLayout {
  const available = BODY_BOTTOM - BODY_TOP
  const templateKey = JSON.stringify([letter.title, letter.sections, letter.signOff])
  for (let size = 11; size >= 8; size -= 0.5) {
    const height = bodyHeight(doc, letter, size, templateKey)
    if (height <= available) return { size, height }
  }
  return { size: 8, height: bodyHeight(doc, letter, 8, templateKey) }
}

function drawLetter(doc: Doc, letter: InvitationLetter): void {
  // Practice header, top right (outside the envelope window).
  const headerX = 105 * MM
  const headerWidth = RIGHT - headerX
  let y = 12 * MM
  doc.font(FONT.bold).fontSize(12).fillColor(NHS_BLUE)
  doc.text(printable(letter.practiceHeader.name), headerX, y, { width: headerWidth, align: 'right' })
  y = doc.y + 1
  doc.font(FONT.regular).fontSize(8.5).fillColor(GREY)
  for (const line of letter.practiceHeader.lines) {
    doc.text(printable(line), headerX, y, { width: headerWidth, align: 'right' })
    y = doc.y
  }

  // Recipient, in the DL window: wrapped, then shrunk, never spilling outside it.
  const address = drawAddressBlock(doc, letter, ADDRESS_SIZE.standard)

  // Date and NHS number, right of the window and below the header.
  const rightTop = Math.max(WINDOW.y, y + 4 * MM)
  doc
    .font(FONT.regular)
    .fontSize(10)
    .fillColor(TEXT)
    .text(letter.dateText, RIGHT_COLUMN_X, rightTop, { width: RIGHT - RIGHT_COLUMN_X, align: 'right' })
  doc
    .font(FONT.bold)
    .fontSize(10.5)
    .text(letter.nhsNumberLine, RIGHT_COLUMN_X, doc.y + 2, { width: RIGHT - RIGHT_COLUMN_X, align: 'right' })

  const layout = fitBody(doc, letter)
  drawBody(doc, letter, layout.size, BODY_TOP, true)

  // Which template and attempt printed this page, for anyone reconciling a returned letter.
  doc
    .font(FONT.regular)
    .fontSize(6.5)
    .fillColor(GREY)
    .text(`Ref: ${letter.templateId} v${letter.templateVersion}, invitation ${letter.attempt}${byHandMark(letter, address)}`, LEFT, PAGE.height - 10 * MM, {
      width: BODY_WIDTH,
      lineBreak: false
    })
}

export function renderLettersPdf(letters: readonly InvitationLetter[]): Promise<Buffer> {
  assert(letters.length > 0, 'renderLettersPdf needs at least one letter')
  const first = letters[0]
  assert(first, 'first letter')
  const fixedDate = new Date(`${first.date}T00:00:00Z`)
  const doc = new (loadOnFirstUse<typeof PDFDocument>('pdfkit'))({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: 'Invitations',
      Author: first.signOff.practiceName,
      Subject: `${first.templateId} v${first.templateVersion}, invitation ${first.attempt}`,
      CreationDate: fixedDate,
      ModDate: fixedDate
    }
  })
  useLetterFonts(doc)
  return pdfBytes(doc, () => {
    for (const letter of letters) {
      doc.addPage({ size: 'A4', margin: 0 })
      drawLetter(doc, letter)
    }
    // A letter that spilled onto a second sheet would be posted split in two envelopes' worth:
    // fail loudly instead.
    const pages = doc.bufferedPageRange().count
    assert(pages === letters.length, `letters PDF has ${pages} pages for ${letters.length} letters`)
  }).then(({ bytes }) => bytes)
}

// --- large print ------------------------------------------------------------------------------
// Accessible Information Standard (DCB1605): patients flagged for large print get the same letter
// with the body at 16 pt (RNIB's clear-print guidance: 16–18 pt for large print) in its own PDF. The
// address stays in the DL window at a size that fits it; the text flows onto as many pages as it
// needs, and every letter starts on a new sheet.
