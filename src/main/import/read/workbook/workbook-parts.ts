// The parts of a workbook a sheet's cells depend on: which sheets there are, in order, and where
// each is kept (the workbook and its relationships), the date system, the cell formats (which
// numbers are dates) and the shared strings (most texts are stored once there and referred to by
// index from the cells).
import { decodeExcelEscapes } from './cell-text'
import { numberFormatOf, type NumberFormat } from './number-formats'
import { damagedWorkbook, workbookOverLimit } from './workbook-refusals'
import { readXmlPart } from './xml-part-reader'
import type { WorkbookZip } from './zip-entries'

export interface WorkbookSheet {
  name: string
  /** The worksheet part; null for a chart sheet or dialog sheet, which hold no cells. */
  partName: string | null
}

export interface WorkbookStructure {
  sheets: WorkbookSheet[]
  /** Dates count from 1904 (old Mac workbooks), not 1900. */
  date1904: boolean
  sharedStringsPart: string | null
  stylesPart: string | null
}

interface Relationship {
  type: string
  partName: string
}

/** A relationship's target, relative to the folder of the part that has it (or absolute from the package root). */
function resolvePart(fromPart: string, target: string): string {
  const segments = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1)
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '..') segments.pop()
    else if (segment !== '.' && segment !== '') segments.push(segment)
  }
  return segments.join('/')
}

/** Where the relationships of a part are kept: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
function relationshipsPartOf(partName: string): string {
  const slash = partName.lastIndexOf('/')
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`
}

const typeIs = (type: string, kind: string) => type.endsWith(`/${kind}`)

function readRelationships(zip: WorkbookZip, ofPart: string): Map<string, Relationship> {
  const relsPart = relationshipsPartOf(ofPart)
  const out = new Map<string, Relationship>()
  readXmlPart(zip, relsPart, {
    open(name, attributes) {
      if (name !== 'Relationship') return
      const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes
      if (id === undefined || type === undefined || target === undefined || mode === 'External') return
      if (out.size >= zip.limits.maxZipEntries) throw workbookOverLimit(zip.fileName, 'maxZipEntries', zip.limits)
      out.set(id, { type, partName: resolvePart(ofPart, target) })
    },
    close() {},
    text() {}
  })
  return out
}

/** The workbook part: named by the package's own relationships, and at xl/workbook.xml in every Excel file. */
function workbookPartOf(zip: WorkbookZip): string {
  if (zip.has('_rels/.rels')) {
    for (const rel of readRelationships(zip, '').values()) {
      if (typeIs(rel.type, 'officeDocument') && zip.has(rel.partName)) return rel.partName
    }
  }
  return 'xl/workbook.xml'
}

export function readWorkbookStructure(zip: WorkbookZip): WorkbookStructure {
  const workbookPart = workbookPartOf(zip)
  const listed: { name: string; relId: string | undefined }[] = []
  let date1904 = false
  readXmlPart(zip, workbookPart, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true'
      else if (name === 'sheet') {
        if (listed.length >= zip.limits.maxZipEntries) throw workbookOverLimit(zip.fileName, 'maxZipEntries', zip.limits)
        // The relationship id is r:id, whatever prefix the writer bound to the relationships namespace.
        const idName = Object.keys(attributes).find((key) => key.endsWith(':id'))
        listed.push({ name: attributes.name ?? '', relId: idName === undefined ? undefined : attributes[idName] })
      }
    },
    close() {},
    text() {}
  })
  const rels = readRelationships(zip, workbookPart)
  const sheets = listed.map(({ name, relId }): WorkbookSheet => {
    const rel = relId === undefined ? undefined : rels.get(relId)
    if (!rel) throw damagedWorkbook(zip.fileName, { sheet: name, missingRelationship: relId })
    return { name, partName: typeIs(rel.type, 'worksheet') ? rel.partName : null }
  })
  const partOfType = (kind: string, usual: string): string | null => {
    for (const rel of rels.values()) if (typeIs(rel.type, kind)) return rel.partName
    return zip.has(usual) ? usual : null
  }
  return { sheets, date1904, sharedStringsPart: partOfType('sharedStrings', 'xl/sharedStrings.xml'), stylesPart: partOfType('styles', 'xl/styles.xml') }
}

/** Each cell format (a cell's s="N" indexes them) with what it says about numbers. */
export type CellFormats = readonly NumberFormat[]

export function readCellFormats(zip: WorkbookZip, stylesPart: string | null): CellFormats {
  if (stylesPart === null) return []
  const customCodes = new Map<number, string>()
  const formatIds: number[] = []
  // Format codes are defined in <numFmts> (a <dxf> of conditional formatting has its own, not these);
  // cells use the formats listed in <cellXfs> (<cellStyleXfs> are named styles, not cell formats).
  let inNumFmts = false
  let inCellXfs = false
  readXmlPart(zip, stylesPart, {
    open(name, attributes) {
      if (name === 'numFmts') inNumFmts = true
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'numFmt' && inNumFmts) {
        const id = Number(attributes.numFmtId)
        if (Number.isInteger(id) && attributes.formatCode !== undefined) customCodes.set(id, attributes.formatCode)
      } else if (name === 'xf' && inCellXfs) {
        if (formatIds.length >= zip.limits.maxCellFormats) throw workbookOverLimit(zip.fileName, 'maxCellFormats', zip.limits)
        const id = Number(attributes.numFmtId ?? 0)
        formatIds.push(Number.isInteger(id) ? id : 0)
      }
    },
    close(name) {
      if (name === 'numFmts') inNumFmts = false
      else if (name === 'cellXfs') inCellXfs = false
    },
    text() {}
  })
  const byId = new Map<number, NumberFormat>()
  return formatIds.map((id) => {
    let format = byId.get(id)
    if (!format) byId.set(id, (format = numberFormatOf(id, customCodes)))
    return format
  })
}

/**
 * The shared strings, in order. A string is its <t> text, or the <t> texts of its rich-text runs
 * joined; phonetic guides (<rPh>, Japanese readings) are not part of the text.
 */
export function readSharedStrings(zip: WorkbookZip, sharedStringsPart: string | null): string[] {
  if (sharedStringsPart === null) return []
  const { fileName, limits } = zip
  const strings: string[] = []
  let chars = 0
  let inItem = false
  let inText = false
  let phoneticDepth = 0
  let current = ''
  readXmlPart(zip, sharedStringsPart, {
    open(name) {
      if (name === 'si') {
        inItem = true
        current = ''
      } else if (name === 'rPh') phoneticDepth++
      else if (name === 't' && inItem && phoneticDepth === 0) inText = true
    },
    close(name) {
      if (name === 't') inText = false
      else if (name === 'rPh') phoneticDepth--
      else if (name === 'si' && inItem) {
        inItem = false
        if (strings.length >= limits.maxSharedStrings) throw workbookOverLimit(fileName, 'maxSharedStrings', limits)
        strings.push(decodeExcelEscapes(current))
      }
    },
    text(text) {
      if (!inText) return
      chars += text.length
      if (chars > limits.maxSharedStringChars) throw workbookOverLimit(fileName, 'maxSharedStringChars', limits)
      current += text
    }
  })
  return strings
}
