// Bytes → text. EMIS/SystmOne CSVs are UTF-8 (with or without a BOM); some EMIS enterprise
// reports are UTF-16; SystmOne extracts and files re-saved in Excel may be Windows-1252
// (export-formats.md). Files that are not text exports at all (PDF, Excel, a web page saved as
// .csv) are refused here with a message saying what they are.
import { badFile } from './bad-file'

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

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

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 }
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 }
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 }
  const utf16 = sniffUtf16(bytes)
  if (utf16) return { encoding: utf16, bomLength: 0 }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { encoding: 'utf-8', bomLength: 0 }
  } catch {
    // Not valid UTF-8: the Windows code page English systems and Excel write.
    return { encoding: 'windows-1252', bomLength: 0 }
  }
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

export function decodeFileBytes(fileName: string, bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length === 0) throw badFile(fileName, 'is empty (0 bytes)')
  const kind = sniffFileKind(bytes)
  if (kind === 'xlsx') {
    throw badFile(fileName, 'is an Excel workbook, not a CSV: it is read as a workbook, not as text')
  }
  const problem = notAnExportProblem(kind)
  if (problem) throw badFile(fileName, problem)
  const { encoding, bomLength } = detectEncoding(bytes)
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength)).replace(/^\uFEFF/, '')
  if (text.trim().replace(/[,;\s]/g, '') === '') throw badFile(fileName, 'has no data in it (it is empty or only commas)')
  if (text.includes('\u0000')) throw badFile(fileName, 'is a binary file, not a CSV export')
  const head = text.slice(0, 4096).trimStart().toLowerCase()
  if (head.startsWith('<') && /<(!doctype html|html|head|body|table|meta)\b/.test(head)) {
    throw badFile(fileName, 'is a web page (HTML) saved with a .csv name, not a CSV export: in EMIS Web choose "Export as CSV", not "Save as web page"')
  }
  if (head.startsWith('<?xml') || head.startsWith('<workbook')) {
    throw badFile(fileName, 'is an XML file (for example an "XML Spreadsheet 2003"), not a CSV export: open it in Excel and "Save As" Excel workbook (.xlsx) or CSV')
  }
  return { text, encoding }
}
