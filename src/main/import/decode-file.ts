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

export function decodeFileBytes(fileName: string, bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length === 0) throw badFile(fileName, 'is empty (0 bytes)')
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw badFile(fileName, 'is a PDF, not a CSV export')
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw badFile(fileName, 'is an Excel workbook, not a CSV: open it in Excel and "Save As" CSV, or export the report as CSV')
  }
  const { encoding, bomLength } = detectEncoding(bytes)
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength)).replace(/^\uFEFF/, '')
  if (text.trim().replace(/[,;\s]/g, '') === '') throw badFile(fileName, 'has no data in it (it is empty or only commas)')
  if (text.includes('\u0000')) throw badFile(fileName, 'is a binary file, not a CSV export')
  const head = text.slice(0, 4096).trimStart().toLowerCase()
  if (head.startsWith('<') && /<(!doctype html|html|head|body|table|meta)\b/.test(head)) {
    throw badFile(fileName, 'is a web page (HTML) saved with a .csv name, not a CSV export')
  }
  return { text, encoding }
}
