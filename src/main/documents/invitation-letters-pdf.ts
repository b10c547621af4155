// One print-ready PDF for a batch of invitation letters: one A4 page per letter, the recipient's
// address placed for a DL window envelope. Text is set in Noto Sans, embedded (subset to the glyphs
// used) so Latin with every accent, Greek and Cyrillic names print exactly as recorded; what the
// font cannot print is left as a line to write on, and the batch sheet says so (letter-scripts.ts,
// docs/letters.md). The same letters always give the same bytes: the PDF's dates (and so its file
// ID) come from the letter date, never the clock, so a batch can be reproduced and its hash checked.
import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { assert } from '../../shared/assert'
import { letterPlainText, type InvitationLetter } from '../../shared/domain/letter-content'
import { printableForm, unprintableInLines, unprintableNote } from '../../shared/domain/letter-scripts'
import { AppError } from '../../shared/result'
import { resourcesPath } from '../resources-path'

type Doc = PDFKit.PDFDocument

const MM = 72 / 25.4
const PAGE = { width: 595.28, height: 841.89 } // A4 in points
const LEFT = 20 * MM
const RIGHT = PAGE.width - 20 * MM
const BODY_WIDTH = RIGHT - LEFT

// Where the address must go for a DL window envelope. A DL envelope is 110 × 220 mm (ISO
// 269: for A4 folded in three). The window most UK practices buy is UK envelope makers' stock "DL
// window": 90 × 45 mm, 20 mm from the left edge and 15 mm from the bottom edge (Royal Mail's "Guidance
// for correct mail presentation", section 3, sets the clear zones around a window address), so its
// top is 110 − 15 − 45 = 50 mm below the top of the envelope. An A4 sheet folded in three
// (99 mm panels, 210 mm wide) can slide inside: 11 mm up or down and 10 mm sideways. The part of the
// sheet that shows through the window wherever it slides is therefore x 20–100 mm and y 50–84 mm
// from the sheet's top-left corner (window top 50 mm with the sheet up against the top, window bottom
// 95 − 11 = 84 mm with the sheet resting on the fold). The address goes inside that, a little in
// from each edge, and shrinks rather than spill out of it (tests/integration/invitations-letters-pdf).
export const DL_ENVELOPE = { width: 220, height: 110, window: { fromLeft: 20, fromBottom: 15, width: 90, height: 45 } } as const
const SLACK = { down: DL_ENVELOPE.height - 297 / 3, sideways: DL_ENVELOPE.width - 210 } // mm
const windowTop = DL_ENVELOPE.height - DL_ENVELOPE.window.fromBottom - DL_ENVELOPE.window.height
/** Always visible through the window, in mm from the sheet's top-left corner. */
export const DL_VISIBLE_AREA_MM = {
  left: DL_ENVELOPE.window.fromLeft,
  right: DL_ENVELOPE.window.fromLeft + DL_ENVELOPE.window.width - SLACK.sideways,
  top: windowTop,
  bottom: windowTop + DL_ENVELOPE.window.height - SLACK.down
} as const
/** The recipient address block (mm), 2 mm inside the always-visible area on every side. */
export const ADDRESS_BOX_MM = {
  x: DL_VISIBLE_AREA_MM.left + 2,
  y: DL_VISIBLE_AREA_MM.top + 1,
  width: DL_VISIBLE_AREA_MM.right - DL_VISIBLE_AREA_MM.left - 4,
  height: DL_VISIBLE_AREA_MM.bottom - DL_VISIBLE_AREA_MM.top - 3
} as const
const WINDOW = { x: ADDRESS_BOX_MM.x * MM, y: ADDRESS_BOX_MM.y * MM, width: ADDRESS_BOX_MM.width * MM, height: ADDRESS_BOX_MM.height * MM }
const RIGHT_COLUMN_X = 118 * MM
// The letter starts below the first fold (A4 in three: folds at 99 and 198 mm), so the title is never
// creased through.
const BODY_TOP = 103 * MM
const BODY_BOTTOM = PAGE.height - 16 * MM

const NHS_BLUE = '#005EB8'
const BOX_FILL = '#EEF3F8'
const TEXT = '#212B32'
const GREY = '#4C6272'

// Noto Sans Regular and Bold (resources/fonts, SIL Open Font License): one complete file per weight
// covering Latin, Latin Extended, Greek, Cyrillic and Vietnamese, read once per process.
const FONT = { regular: 'NotoSans', bold: 'NotoSans-Bold' } as const
const FONT_FILES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' } as const
let fontBytes: { regular: Buffer; bold: Buffer } | null = null
function letterFonts(): { regular: Buffer; bold: Buffer } {
  if (fontBytes) return fontBytes
  const read = (file: string) => {
    try {
      return readFileSync(resourcesPath('fonts', file))
    } catch {
      throw new AppError('internal', `The letter font ${file} is missing from the app's resources/fonts folder: reinstall Clinic Recall to print letters`)
    }
  }
  fontBytes = { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold) }
  return fontBytes
}

function useLetterFonts(doc: Doc): void {
  const bytes = letterFonts()
  doc.registerFont(FONT.regular, bytes.regular)
  doc.registerFont(FONT.bold, bytes.bold)
  doc.font(FONT.regular)
}

/** Drawn where a word cannot be printed: a line long enough to write the word on by hand. */
export const WRITE_BY_HAND = '_'.repeat(12)

/**
 * The text as the PDF prints it: composed (NFC), every character the font draws kept, and each word
 * part it cannot draw (Arabic, Chinese…) replaced by one writing line — never "?", never dropped
 * without a trace.
 */
export function printable(text: string): string {
  let out = ''
  let inGap = false
  for (const ch of text.normalize('NFC')) {
    const form = printableForm(ch)
    if (form === null) {
      if (!inGap) out += WRITE_BY_HAND
      inGap = true
      continue
    }
    inGap = false
    out += form
  }
  return out
}

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

/** Height of the letter body at a font size, measured with the same calls that draw it. */
function bodyHeight(doc: Doc, letter: InvitationLetter, size: number): number {
  return drawBody(doc, letter, size, BODY_TOP, false)
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
  for (let size = 11; size >= 8; size -= 0.5) {
    const height = bodyHeight(doc, letter, size)
    if (height <= available) return { size, height }
  }
  return { size: 8, height: bodyHeight(doc, letter, 8) }
}

// --- the address in the envelope window ---------------------------------------------------------
/** Address sizes in points: the standard letter starts at 10.5, large print at 12; neither goes below 8. */
export const ADDRESS_SIZE = { standard: 10.5, largePrint: 12, smallest: 8 } as const

export interface AddressBlockLayout {
  /** Font size, points. */
  size: number
  /** Distance from one line's top to the next (the font's line height at that size), points. */
  lineHeight: number
  /** The lines as drawn: each address line, wrapped at word boundaries to the window's width. */
  lines: string[]
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** Greedy word wrap to `width`; a word wider than the window is broken between its letters. */
function wrapLine(doc: Doc, line: string, width: number): string[] {
  const out: string[] = []
  let current = ''
  const fits = (text: string) => doc.widthOfString(text) <= width
  for (const word of line.split(' ').filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`
    if (fits(candidate)) {
      current = candidate
      continue
    }
    if (current !== '') out.push(current)
    current = ''
    if (fits(word)) {
      current = word
      continue
    }
    for (const { segment } of graphemes.segment(word)) {
      if (current !== '' && !fits(current + segment)) {
        out.push(current)
        current = ''
      }
      current += segment
    }
  }
  if (current !== '') out.push(current)
  return out
}

/**
 * The largest size (from `startSize` down to 8 pt, half a point at a time) at which the whole block,
 * wrapped, lies inside the address box of the envelope window; null when even 8 pt does not fit,
 * and the letter must then not print an address at all (a cut-off address could go astray).
 */
export function layoutAddressBlock(doc: Doc, block: readonly string[], startSize: number): AddressBlockLayout | null {
  doc.font(FONT.regular)
  for (let size = startSize; size >= ADDRESS_SIZE.smallest; size -= 0.5) {
    doc.fontSize(size)
    const lineHeight = doc.currentLineHeight(true)
    const lines = block.flatMap((line) => wrapLine(doc, line, WINDOW.width))
    if (lines.length * lineHeight <= WINDOW.height) return { size, lineHeight, lines }
  }
  return null
}

function drawAddressBlock(doc: Doc, letter: InvitationLetter, startSize: number): AddressBlockLayout | null {
  const layout = layoutAddressBlock(doc, letter.recipientAddress.map(printable), startSize)
  if (!layout) return null
  doc.font(FONT.regular).fontSize(layout.size).fillColor(TEXT)
  layout.lines.forEach((line, i) => doc.text(line, WINDOW.x, WINDOW.y + i * layout.lineHeight, { lineBreak: false }))
  return layout
}

// Measuring needs the fonts but no page: one document, never written out, serves the batch checks.
let measuringDoc: Doc | null = null
function measurer(): Doc {
  if (!measuringDoc) {
    measuringDoc = new PDFDocument({ autoFirstPage: false })
    useLetterFonts(measuringDoc)
  }
  return measuringDoc
}

/**
 * What staff must finish by hand on this letter, as batch-sheet notes: text the PDF cannot print
 * (named by script), or an address too long for the envelope window even at 8 pt. Empty when the
 * letter prints in full. The same rules decide what the PDF draws, so the sheet and the letter agree.
 */
export function letterPrintProblems(letter: InvitationLetter): string[] {
  const notes: string[] = []
  const inName = unprintableInLines([...letter.recipientAddress, letter.greeting])
  if (inName) notes.push(unprintableNote(inName))
  else {
    const inWording = unprintableInLines(letterPlainText(letter).split('\n'))
    if (inWording) {
      notes.push(
        `The letter's wording has characters ("${inWording.sample}") the letter cannot print: they are left blank — correct the template (Invitations → Letter templates) or Settings`
      )
    }
  }
  const startSize = letter.largePrint ? ADDRESS_SIZE.largePrint : ADDRESS_SIZE.standard
  if (!layoutAddressBlock(measurer(), letter.recipientAddress.map(printable), startSize)) {
    notes.push('Address is too long for the envelope window even in small print: the letter leaves the window empty — write the envelope by hand')
  }
  return notes
}

/** Added to the page's reference line when staff must write part of this letter by hand. */
function byHandMark(letter: InvitationLetter, address: AddressBlockLayout | null): string {
  if (!address) return ' — address too long for the window: write the envelope by hand (see the batch sheet)'
  if (unprintableInLines([...letter.recipientAddress, letter.greeting])) return ' — write the blank parts of the name and address by hand (see the batch sheet)'
  return ''
}

/** The batch warning when some letters need finishing by hand. */
export function writeByHandWarning(count: number): string {
  const letters = count === 1 ? '1 letter has' : `${count} letters have`
  return `${letters} a name or address the letter PDF cannot print in full (a script it cannot show, or too long for the envelope window): they are printed with blanks; the batch sheet note says what to write by hand for each`
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
  const doc = new PDFDocument({
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
  const chunks: Buffer[] = []
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    try {
      for (const letter of letters) {
        doc.addPage({ size: 'A4', margin: 0 })
        drawLetter(doc, letter)
      }
      // A letter that spilled onto a second sheet would be posted split in two envelopes' worth:
      // fail loudly instead.
      const pages = doc.bufferedPageRange().count
      assert(pages === letters.length, `letters PDF has ${pages} pages for ${letters.length} letters`)
      doc.end()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}

// --- large print ------------------------------------------------------------------------------
// Accessible Information Standard (DCB1605): patients flagged for large print get the same letter
// with the body at 16 pt (RNIB's clear-print guidance: 16–18 pt for large print) in its own PDF. The
// address stays in the DL window at a size that fits it; the text flows onto as many pages as it
// needs, and every letter starts on a new sheet.
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
  const doc = new PDFDocument({
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
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    let pages = 0
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages }))
    doc.on('error', reject)
    try {
      const firstPages: number[] = []
      for (const letter of letters) {
        firstPages.push(doc.bufferedPageRange().count)
        drawLargePrintLetter(doc, letter)
      }
      pages = doc.bufferedPageRange().count
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
      doc.end()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}
