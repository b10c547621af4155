// One XML part of a workbook, parsed as it is unpacked: the part is never one whole string, and
// nothing the parser buffers (a text, a tag, a comment) can grow past a limit. Excel never writes
// a document type declaration, and the only use of one in a workbook is an entity bomb, so any
// <!DOCTYPE or <!ENTITY is refused the moment it is seen.
import { TextDecoder } from 'node:util'
import type { SaxesParser } from 'saxes'
import { loadOnFirstUse } from '../../../load-on-first-use'
import { AppError } from '../../../../shared/result'
import { damagedWorkbook, documentTypeInWorkbook, workbookOverLimit } from './workbook-refusals'
import type { WorkbookZip } from './zip-entries'

export interface XmlVisitor {
  /** Element names come without their namespace prefix: some writers spell <row> as <x:row>. */
  open(name: string, attributes: Readonly<Record<string, string>>): void
  close(name: string): void
  /** Character data, decoded (entities and character references resolved); may come in pieces. */
  text(text: string): void
}

/** Characters handed to the parser at a time; the unit in which a run with nothing finished is measured. */
const parserSlice = 64 * 1024
const longestMarker = '<!DOCTYPE'.length

/** Whether the text has "<!DOCTYPE" or "<!ENTITY" (any case); "<!" itself is rare in a workbook, so this is one fast scan. */
function hasDocumentType(text: string): boolean {
  for (let at = text.indexOf('<!'); at !== -1; at = text.indexOf('<!', at + 2)) {
    const word = text.slice(at + 2, at + longestMarker).toUpperCase()
    if (word === 'DOCTYPE' || word.startsWith('ENTITY')) return true
  }
  return false
}

const localName = (name: string) => {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

/** The encoding of an XML part from its byte-order mark (Excel writes UTF-8; XML allows UTF-16). */
function encodingOf(firstBytes: Uint8Array): string {
  if (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) return 'utf-16le'
  if (firstBytes[0] === 0xfe && firstBytes[1] === 0xff) return 'utf-16be'
  return 'utf-8'
}

export function readXmlPart(zip: WorkbookZip, partName: string, visitor: XmlVisitor): void {
  const { fileName, limits } = zip
  const parser = new (loadOnFirstUse<{ SaxesParser: typeof SaxesParser }>('saxes').SaxesParser)({ position: false })
  let finishedSomething = false
  parser.on('opentag', (tag) => {
    finishedSomething = true
    visitor.open(localName(tag.name), tag.attributes as Record<string, string>)
  })
  parser.on('closetag', (tag) => {
    finishedSomething = true
    visitor.close(localName(tag.name))
  })
  parser.on('text', (text) => {
    finishedSomething = true
    visitor.text(text)
  })
  parser.on('cdata', (text) => {
    finishedSomething = true
    visitor.text(text)
  })
  for (const other of ['comment', 'processinginstruction', 'xmldecl'] as const) {
    parser.on(other, () => {
      finishedSomething = true
    })
  }
  parser.on('doctype', () => {
    throw documentTypeInWorkbook(fileName)
  })

  let decoder: TextDecoder | null = null
  let tail = ''
  let unfinished = 0
  const feed = (text: string) => {
    if (text.length === 0) return
    if (hasDocumentType(text) || hasDocumentType(tail + text.slice(0, longestMarker))) throw documentTypeInWorkbook(fileName)
    tail = text.slice(-longestMarker)
    for (let at = 0; at < text.length;) {
      let end = Math.min(at + parserSlice, text.length)
      // Keep a surrogate pair (an emoji, say) in one piece.
      const last = text.charCodeAt(end - 1)
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++
      finishedSomething = false
      parser.write(text.slice(at, end))
      unfinished = finishedSomething ? 0 : unfinished + (end - at)
      if (unfinished > limits.maxMarkupStretch) throw workbookOverLimit(fileName, 'maxMarkupStretch', limits)
      at = end
    }
  }
  try {
    zip.read(partName, (bytes) => {
      decoder ??= new TextDecoder(encodingOf(bytes))
      feed(decoder.decode(bytes, { stream: true }))
    })
    if (decoder) feed((decoder as TextDecoder).decode())
    parser.close()
  } catch (error) {
    if (error instanceof AppError) throw error
    // The parser's words ("1:1096: undefined entity", "unclosed tag") mean nothing to a practice.
    throw damagedWorkbook(fileName, { part: partName, xml: true })
  }
}
