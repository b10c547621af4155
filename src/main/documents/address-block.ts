// The recipient's address in the envelope window: wrapped, shrunk to fit (never below 8 pt), or
// left out when it cannot fit, and the batch-sheet notes that tell staff what to finish by hand.
import type PDFDocument from 'pdfkit'
import { loadOnFirstUse } from '../load-on-first-use'
import { letterPlainText, type InvitationLetter } from '../../shared/domain/letter-content'
import { unprintableInLines, unprintableNote } from '../../shared/domain/letter-scripts'
import { FONT, printable, useLetterFonts } from './letter-fonts'
import { TEXT, WINDOW } from './letter-page'

type Doc = PDFKit.PDFDocument

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
  const key = `${startSize}\u0000${block.join('\u0000')}`
  const known = addressLayouts.get(key)
  if (known !== undefined) return known
  const layout = workOutAddressLayout(doc, block, startSize)
  if (addressLayouts.size >= MAX_ADDRESS_LAYOUTS) addressLayouts.clear()
  addressLayouts.set(key, layout)
  return layout
}

// Each letter's address is laid out twice, with the same font files and so the same widths: for the
// batch sheet's checks (letterPrintProblems) and on the page. The second time reuses the first.
const MAX_ADDRESS_LAYOUTS = 20_000
const addressLayouts = new Map<string, AddressBlockLayout | null>()

function workOutAddressLayout(doc: Doc, block: readonly string[], startSize: number): AddressBlockLayout | null {
  doc.font(FONT.regular)
  for (let size = startSize; size >= ADDRESS_SIZE.smallest; size -= 0.5) {
    doc.fontSize(size)
    const lineHeight = doc.currentLineHeight(true)
    const lines = block.flatMap((line) => wrapLine(doc, line, WINDOW.width))
    if (lines.length * lineHeight <= WINDOW.height) return { size, lineHeight, lines }
  }
  return null
}

export function drawAddressBlock(doc: Doc, letter: Pick<InvitationLetter, 'recipientAddress'>, startSize: number): AddressBlockLayout | null {
  const layout = layoutAddressBlock(doc, letter.recipientAddress.map(printable), startSize)
  if (!layout) return null
  doc.font(FONT.regular).fontSize(layout.size).fillColor(TEXT)
  layout.lines.forEach((line, i) => doc.text(line, WINDOW.x, WINDOW.y + i * layout.lineHeight, { lineBreak: false }))
  return layout
}

// Measuring needs the fonts but no page: one document, never written out, serves the batch checks.
let measuringDoc: Doc | null = null
export function measurer(): Doc {
  if (!measuringDoc) {
    measuringDoc = new (loadOnFirstUse<typeof PDFDocument>('pdfkit'))({ autoFirstPage: false })
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
export function byHandMark(letter: InvitationLetter, address: AddressBlockLayout | null): string {
  if (!address) return ' — address too long for the window: write the envelope by hand (see the batch sheet)'
  if (unprintableInLines([...letter.recipientAddress, letter.greeting])) return ' — write the blank parts of the name and address by hand (see the batch sheet)'
  return ''
}

/** The batch warning when some letters need finishing by hand. */
export function writeByHandWarning(count: number): string {
  const letters = count === 1 ? '1 letter has' : `${count} letters have`
  return `${letters} a name or address the letter PDF cannot print in full (a script it cannot show, or too long for the envelope window): they are printed with blanks; the batch sheet note says what to write by hand for each`
}
