// The letter font (Noto Sans, embedded and subset by pdfkit) and the text as it will print: what
// the font cannot draw becomes a line to write on by hand, never "?" and never silently dropped.
import { readFileSync } from 'node:fs'
import { printableForm } from '../../shared/domain/letter-scripts'
import { AppError } from '../../shared/result'
import { resourcesPath } from '../resources-path'

type Doc = PDFKit.PDFDocument

// Noto Sans Regular and Bold (resources/fonts, SIL Open Font License): one complete file per weight
// covering Latin, Latin Extended, Greek, Cyrillic and Vietnamese, read once per process.
export const FONT = { regular: 'NotoSans', bold: 'NotoSans-Bold' } as const
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

export function useLetterFonts(doc: Doc): void {
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
  // A batch prints the same paragraphs on every page, each measured then drawn: worked out once.
  const known = printed.get(text)
  if (known !== undefined) return known
  const out = workOutPrintable(text)
  if (printed.size >= MAX_PRINTED) printed.clear()
  printed.set(text, out)
  return out
}

const MAX_PRINTED = 20_000
const printed = new Map<string, string>()

function workOutPrintable(text: string): string {
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
