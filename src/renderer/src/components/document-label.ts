import type { GeneratedFileT } from '../../../shared/contract'

/** Link text for a generated file, named by what the user gets: "Download letters PDF", "Download SMS list (CSV)". */
export function documentLabel(file: GeneratedFileT): string {
  const mime = file.mimeType.toLowerCase()
  const name = file.name.toLowerCase()
  if (mime.includes('pdf')) return name.includes('large') ? 'Download large-print letters PDF' : 'Download letters PDF'
  if (mime.includes('csv') || name.endsWith('.csv')) {
    if (name.includes('sms') || file.kind.includes('sms')) return 'Download SMS list (CSV)'
    if (name.includes('phone') || file.kind.includes('phone')) return 'Download phone call list (CSV)'
    return `Download ${file.name}`
  }
  if (mime.includes('wordprocessing') || name.endsWith('.docx')) return 'Download letters (Word)'
  if (mime.includes('spreadsheet') || name.endsWith('.xlsx')) return 'Download workbook (Excel)'
  return `Download ${file.name}`
}
