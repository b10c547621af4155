// The batch's letters as one Word document: the practice's own `.docx` template (their
// letterhead and signature) with {merge fields}, filled once per patient, one letter per page. With
// no template uploaded, a plain built-in template is used (which the practice can download as a
// starting point). Filled with docxtemplater; the zip entries carry the letter date rather than the
// clock, so the same batch always gives the same bytes (the document can be reproduced and checked).
import type Docxtemplater from 'docxtemplater'
import type PizZip from 'pizzip'
import { loadOnFirstUse } from '../load-on-first-use'
import { mergeFieldsIn, MERGE_FIELDS, unknownMergeFields } from '../../shared/domain/letter-templates'
import { AppError } from '../../shared/result'
import type { InvitationLetter } from '../../shared/domain/letter-content'

// docxtemplater and pizzip are loaded the first time a Word file is made or read (load-on-first-use.ts).
const newZip = (bytes?: Buffer): PizZip => {
  const Zip = loadOnFirstUse<typeof PizZip>('pizzip')
  return bytes === undefined ? new Zip() : new Zip(bytes)
}
const newDocx = (zip: PizZip, options: Docxtemplater.DXT.ConstructorOptions): Docxtemplater =>
  new (loadOnFirstUse<typeof Docxtemplater>('docxtemplater'))(zip, options)

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const personal = new Set(MERGE_FIELDS.filter((f) => f.personal).map((f) => f.name))

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function styledParagraph(text: string, options: { bold?: boolean; size?: number; align?: 'right'; spaceAfter?: number } = {}): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>${options.bold ? '<w:b/>' : ''}<w:sz w:val="${Math.round((options.size ?? 11) * 2)}"/></w:rPr>`
  const pPr = `<w:pPr>${options.align ? `<w:jc w:val="${options.align}"/>` : ''}<w:spacing w:after="${options.spaceAfter ?? 160}"/></w:pPr>`
  return `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
}

/**
 * A plain A4 letter with the merge fields in place: used when the practice has no Word template, and
 * for large-print letters (body at 16 pt: RNIB clear-print guidance, Accessible Information Standard).
 */
export function builtInWordTemplate(largePrint = false): Buffer {
  const scale = largePrint ? 16 / 11 : 1
  const paragraph = (text: string, options: Parameters<typeof styledParagraph>[1] = {}) =>
    styledParagraph(text, { ...options, size: Math.round((options.size ?? 11) * scale * 2) / 2 })
  const body = [
    paragraph('{practiceName}', { bold: true, size: 13, align: 'right', spaceAfter: 0 }),
    paragraph('{practiceAddress}', { align: 'right', size: 9, spaceAfter: 0 }),
    paragraph('Phone: {practicePhone}', { align: 'right', size: 9, spaceAfter: 480 }),
    paragraph('{addressBlock}', { spaceAfter: 480 }),
    paragraph('{letterDate}', { align: 'right', spaceAfter: 0 }),
    paragraph('NHS number: {nhsNumber}', { bold: true, align: 'right', spaceAfter: 360 }),
    paragraph('{letterTitle}', { bold: true, size: 14 }),
    paragraph('{greeting}'),
    paragraph('{letterBody}'),
    paragraph('Yours sincerely', { spaceAfter: 600 }),
    paragraph('{signatory}', { bold: true, spaceAfter: 0 }),
    paragraph('{practiceName}')
  ].join('')
  const sectPr =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
  const zip = newZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
  )
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${sectPr}</w:body></w:document>`
  )
  return fixDates(zip, new Date('2026-01-01T00:00:00Z')).generate({ type: 'nodebuffer', compression: 'DEFLATE' })
}

function fixDates(zip: PizZip, date: Date): PizZip {
  for (const file of Object.values(zip.files)) file.date = date
  return zip
}

function openZip(bytes: Buffer, fileName: string): PizZip {
  try {
    const zip = newZip(bytes)
    if (!zip.file('word/document.xml')) throw new Error('no word/document.xml')
    return zip
  } catch {
    throw new AppError('invalid_input', `${fileName}: not a Word .docx file (save it from Word as "Word Document (*.docx)")`)
  }
}

/** docxtemplater's own explanation of a template error, e.g. an unclosed tag, in one line. */
function templateErrorText(error: unknown): string {
  const e = error as { properties?: { errors?: { properties?: { explanation?: string } }[]; explanation?: string }; message?: string }
  const list = e.properties?.errors?.map((x) => x.properties?.explanation).filter((x): x is string => !!x) ?? []
  return list.length ? list.join('; ') : (e.properties?.explanation ?? e.message ?? String(error))
}

function headerFooterText(zip: PizZip): string {
  return Object.keys(zip.files)
    .filter((name) => /^word\/(header|footer)\d*\.xml$/.test(name))
    .map((name) => (zip.file(name)?.asText() ?? '').replace(/<[^>]+>/g, ''))
    .join(' ')
}

/** Checks an uploaded Word template and lists its merge fields; throws naming the file and problem. */
export function inspectWordTemplate(bytes: Buffer, fileName: string): { fields: string[] } {
  const zip = openZip(bytes, fileName)
  let text: string
  try {
    text = newDocx(zip, { paragraphLoop: true, linebreaks: true }).getFullText()
  } catch (error) {
    throw new AppError('invalid_input', `${fileName}: ${templateErrorText(error)}`)
  }
  const all = `${text} ${headerFooterText(zip)}`
  const unknown = unknownMergeFields(all)
  if (unknown.length) {
    throw new AppError(
      'invalid_input',
      `${fileName}: unknown merge field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `{${f}}`).join(', ')} — the fields are: ${MERGE_FIELDS.map((f) => `{${f.name}}`).join(' ')}`
    )
  }
  const inHeader = mergeFieldsIn(headerFooterText(zip)).filter((f) => personal.has(f))
  if (inHeader.length) {
    throw new AppError(
      'invalid_input',
      `${fileName}: ${inHeader.map((f) => `{${f}}`).join(', ')} is in the header or footer: put patient fields in the body of the letter`
    )
  }
  if (!mergeFieldsIn(text).some((f) => f === 'letterBody' || f === 'greeting' || f === 'addressBlock')) {
    throw new AppError('invalid_input', `${fileName}: no {addressBlock}, {greeting} or {letterBody}: the letter would not say who it is for or what it says`)
  }
  return { fields: mergeFieldsIn(all) }
}

/** One Word document with a page per letter, from the template (the practice's, else the built-in). */
export function renderLettersDocx(letters: readonly InvitationLetter[], template: Buffer | null): Buffer {
  const first = letters[0]
  if (!first) throw new AppError('invalid_input', 'No letters to put in a Word document')
  const zip = openZip(template ?? builtInWordTemplate(), 'Word template')
  const docPart = zip.file('word/document.xml')?.asText() ?? ''
  const bodyStart = docPart.indexOf('<w:body>') + '<w:body>'.length
  const bodyEnd = docPart.lastIndexOf('</w:body>')
  const sectAt = docPart.lastIndexOf('<w:sectPr', bodyEnd)
  const contentEnd = sectAt > bodyStart ? sectAt : bodyEnd
  const tagParagraph = (tag: string) => `<w:p><w:r><w:t>${tag}</w:t></w:r></w:p>`
  // The letter is repeated for every patient; each after the first starts on a new page.
  const looped =
    tagParagraph('{#letters}') +
    tagParagraph('{#pageBreakBefore}') +
    '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' +
    tagParagraph('{/pageBreakBefore}') +
    docPart.slice(bodyStart, contentEnd) +
    tagParagraph('{/letters}')
  zip.file('word/document.xml', docPart.slice(0, bodyStart) + looped + docPart.slice(contentEnd))

  const practiceOnly = Object.fromEntries(Object.entries(first.mergeValues).filter(([name]) => !personal.has(name)))
  let doc: Docxtemplater
  try {
    doc = newDocx(zip, { paragraphLoop: true, linebreaks: true, nullGetter: () => '' })
    doc.render({ ...practiceOnly, letters: letters.map((l, i) => ({ ...l.mergeValues, pageBreakBefore: i > 0 })) })
  } catch (error) {
    throw new AppError('invalid_input', `Word template: ${templateErrorText(error)}`)
  }
  const out = doc.getZip() as PizZip
  return fixDates(out, new Date(`${first.date}T00:00:00Z`)).generate({ type: 'nodebuffer', compression: 'DEFLATE' })
}
