// Bytes → text. EMIS/SystmOne CSVs are UTF-8 (with or without a BOM); some EMIS enterprise
// reports are UTF-16; SystmOne extracts and files re-saved in Excel may be Windows-1252.
// Files that are not text exports at all (PDF, Excel, a web page saved as
// .csv) are refused here with a message saying what they are. A byte-order mark is a claim, not
// a fact: tools prepend one to text in another encoding, so the bytes themselves are checked too.
import { isUtf8 } from 'node:buffer'
import { formatMegabytes } from '../../../shared/format/staff-text'
import { badFile } from './bad-file'

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

/**
 * The largest text export read. JavaScript cannot hold text longer than about 536 million
 * characters as one string (the decoded file must be one), and a 1,000,000-row EMIS list report is
 * about 300 MB; a bigger file is refused in plain words before decoding rather than failing inside
 * the decoder with a message nobody at the practice can act on.
 */
export const maxTextExportBytes = 500 * 1024 * 1024

/** How much of the file the encoding is judged on: enough for the report header and many rows. */
const judgedBytes = 64 * 1024

/** Checked without building a string: a 300 MB file is decoded once, not twice. */
const isValidUtf8 = (bytes: Uint8Array): boolean => isUtf8(bytes)

/** UTF-16 without a BOM: ASCII text leaves a NUL in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 1024)
  if (n < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) evenZeros++
    if (bytes[i + 1] === 0 && bytes[i] !== 0) oddZeros++
  }
  const pairs = n / 2
  if (oddZeros / pairs > 0.4 && evenZeros === 0) return 'utf-16le'
  if (evenZeros / pairs > 0.4 && oddZeros === 0) return 'utf-16be'
  return null
}

/**
 * Whether bytes after a UTF-16 byte-order mark really are UTF-16. An export is mostly ASCII
 * (digits, commas, captions), which in UTF-16 puts a NUL in the high byte of most characters; and
 * real UTF-16 never has a low surrogate without a high one before it (or the reverse). Text with
 * neither property behind an FF FE is a UTF-8 or Windows-1252 file that a tool put the mark on.
 */
function plausibleUtf16(bytes: Uint8Array, littleEndian: boolean): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), judgedBytes)
  if (n < 2) return bytes.length === 0
  let nulHighBytes = 0
  let expectLow = false
  for (let i = 0; i < n; i += 2) {
    const high = bytes[littleEndian ? i + 1 : i] ?? 0
    const low = bytes[littleEndian ? i : i + 1] ?? 0
    const unit = (high << 8) | low
    if (high === 0 && low !== 0) nulHighBytes++
    const isHigh = unit >= 0xd800 && unit <= 0xdbff
    const isLow = unit >= 0xdc00 && unit <= 0xdfff
    // A surrogate out of order (a high one cut off by the end of the sample is never checked).
    if (expectLow !== isLow) return false
    expectLow = isHigh
  }
  return nulHighBytes / (n / 2) >= 0.3
}

export interface DetectedEncoding {
  encoding: TextEncodingName
  /** Bytes of byte-order mark to skip (also when the mark turned out not to match the text). */
  bomLength: number
  /** Set when the mark said one encoding and the bytes another: shown as a preview warning. */
  mismatch?: string
}

/** Which encoding the bytes are in: the byte-order mark first, checked against the bytes themselves. */
/** Whether the file starts with a byte-order mark (UTF-8 or UTF-16): only its first bytes are looked at. */
export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xef, 0xbb, 0xbf]) || startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])
}

export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    if (isValidUtf8(bytes.subarray(3))) return { encoding: 'utf-8', bomLength: 3 }
    // Excel and some editors put a UTF-8 mark on text they then write in the Windows code page.
    return {
      encoding: 'windows-1252',
      bomLength: 3,
      mismatch: 'starts with a UTF-8 marker but its text is not UTF-8, so it was read as Windows-1252 (Western European)'
    }
  }
  for (const [mark, encoding, littleEndian] of [
    [[0xff, 0xfe], 'utf-16le', true],
    [[0xfe, 0xff], 'utf-16be', false]
  ] as const) {
    if (!startsWith(bytes, [...mark])) continue
    const rest = bytes.subarray(2)
    if (plausibleUtf16(rest, littleEndian)) return { encoding, bomLength: 2 }
    const actual: TextEncodingName = isValidUtf8(rest) ? 'utf-8' : 'windows-1252'
    return {
      encoding: actual,
      bomLength: 2,
      mismatch: `starts with a UTF-16 marker but its text is not UTF-16, so it was read as ${actual === 'utf-8' ? 'UTF-8' : 'Windows-1252 (Western European)'}`
    }
  }
  const utf16 = sniffUtf16(bytes)
  if (utf16) return { encoding: utf16, bomLength: 0 }
  // Not valid UTF-8: the Windows code page English systems and Excel write.
  return isValidUtf8(bytes) ? { encoding: 'utf-8', bomLength: 0 } : { encoding: 'windows-1252', bomLength: 0 }
}

/** What a file is by its first bytes and, for a ZIP container, by the names of the parts inside it. */
export type FileKind = 'text' | 'xlsx' | 'docx' | 'pptx' | 'ods' | 'zip' | 'ole' | 'pdf' | 'image' | 'rtf'

export function sniffFileKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole'
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
    return 'image'
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // Part names are stored uncompressed in every local header and in the central directory.
    const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    // Any SpreadsheetML part marks a workbook, so one cut short still says what it was meant to be.
    if (zip.includes('xl/workbook.xml') || zip.includes('xl/worksheets/') || zip.includes('xl/_rels/')) return 'xlsx'
    if (zip.includes('word/document.xml')) return 'docx'
    if (zip.includes('ppt/presentation.xml')) return 'pptx'
    if (zip.includes('opendocument.spreadsheet')) return 'ods'
    return 'zip'
  }
  return 'text'
}

/** The message for a file that is not a text export or an .xlsx workbook, or null when it may be one. */
export function notAnExportProblem(kind: FileKind): string | null {
  switch (kind) {
    case 'text':
    case 'xlsx':
      return null
    case 'pdf':
      return 'is a PDF (a printed report), not a CSV export: a PDF cannot be read back into rows and columns'
    case 'docx':
      return 'is a Word document (.docx), not a CSV or Excel export'
    case 'pptx':
      return 'is a PowerPoint presentation, not a CSV or Excel export'
    case 'ods':
      return 'is an OpenDocument spreadsheet (.ods): open it and "Save As" Excel workbook (.xlsx) or CSV'
    case 'zip':
      return 'is a ZIP archive, not a CSV or Excel export: unzip it and choose the CSV or .xlsx file inside'
    case 'ole':
      return 'is an old-style Excel 97–2003 workbook (.xls) or a password-protected workbook: open it in Excel, remove any password and "Save As" Excel workbook (.xlsx) or CSV'
    case 'image':
      return 'is a picture (PNG/JPEG/GIF), not a CSV export'
    case 'rtf':
      return 'is a Rich Text document, not a CSV export'
    default: {
      const never: never = kind
      return String(never)
    }
  }
}

/**
 * The file's text. `encodingWarning` is set when the bytes were read in a different encoding from
 * the one their byte-order mark claims (the preview lists it, so a garbled name can be traced).
 */
export function decodeFileBytes(fileName: string, bytes: Uint8Array): { text: string; encoding: TextEncodingName; encodingWarning?: string } {
  if (bytes.length === 0) throw badFile(fileName, 'is empty (0 bytes)')
  const kind = sniffFileKind(bytes)
  if (kind === 'xlsx') {
    throw badFile(fileName, 'is an Excel workbook, not a CSV: it is read as a workbook, not as text')
  }
  const problem = notAnExportProblem(kind)
  if (problem) throw badFile(fileName, problem)
  if (bytes.length > maxTextExportBytes) {
    throw badFile(
      fileName,
      `is ${formatMegabytes(bytes.length)}, larger than the ${formatMegabytes(maxTextExportBytes)} a text export can be: no practice report is this big, ` +
        'so it is probably not the right file; if it is, run the search for fewer columns or split it (for example by age band) and import the files together'
    )
  }
  const { encoding, bomLength, mismatch } = detectEncoding(bytes)
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength)).replace(/^\uFEFF/, '')
  // Looked for, not made: a copy of the text without its commas and spaces is hundreds of MB for a big export.
  if (!/[^,;\s]/.test(text)) throw badFile(fileName, 'has no data in it (it is empty or only commas)')
  if (text.includes('\u0000')) throw badFile(fileName, 'is a binary file, not a CSV export')
  const head = text.slice(0, 4096).trimStart().toLowerCase()
  if (head.startsWith('<') && /<(!doctype html|html|head|body|table|meta)\b/.test(head)) {
    throw badFile(fileName, 'is a web page (HTML) saved with a .csv name, not a CSV export: in EMIS Web choose "Export as CSV", not "Save as web page"')
  }
  if (head.startsWith('<?xml') || head.startsWith('<workbook')) {
    throw badFile(
      fileName,
      'is an XML file (for example an "XML Spreadsheet 2003"), not a CSV export: open it in Excel and "Save As" Excel workbook (.xlsx) or CSV'
    )
  }
  return mismatch
    ? { text, encoding, encodingWarning: `${fileName}: the file ${mismatch}; check names with accents look right in the preview` }
    : { text, encoding }
}
