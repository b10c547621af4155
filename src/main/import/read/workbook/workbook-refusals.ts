// Why a workbook is refused, in words a receptionist can act on. Every refusal names the file and
// says what to do; none passes on a zip or XML library's own message. `details.workbookLimit` says
// which limit tripped (for logs and tests), never shown to the user.
import type { AppError } from '../../../../shared/result'
import { badFile } from '../bad-file'
import type { WorkbookLimits } from './workbook-limits'

const saveAgain = 'open it in Excel and save it again, or export the report as CSV'
const notReal = `it may be damaged or not a real export: ${saveAgain}`

function sizeText(bytes: number): string {
  const GiB = 1024 * 1024 * 1024
  const MiB = 1024 * 1024
  if (bytes >= GiB && bytes % (GiB / 4) === 0) return `${bytes / GiB} GB`
  if (bytes >= MiB && bytes % (MiB / 4) === 0) return `${bytes / MiB} MB`
  return `${bytes.toLocaleString('en-GB')} bytes`
}
const count = (n: number) => n.toLocaleString('en-GB')

/** Cut short, not a zip, a part missing, XML that does not parse: the file as saved is not whole. */
export function damagedWorkbook(fileName: string, details: Record<string, unknown> = {}): AppError {
  return badFile(fileName, `looks like an Excel workbook (.xlsx) but cannot be opened: it may be damaged or cut short: ${saveAgain}`, details)
}

export function documentTypeInWorkbook(fileName: string): AppError {
  return badFile(
    fileName,
    `contains a document type declaration (<!DOCTYPE> or <!ENTITY>), which Excel never writes, so it was not saved by Excel and is not opened: ${saveAgain}`,
    { workbookLimit: 'documentType' }
  )
}

export function workbookOverLimit(fileName: string, limit: keyof WorkbookLimits, limits: WorkbookLimits): AppError {
  const details = { workbookLimit: limit, limit: limits[limit] }
  switch (limit) {
    case 'maxTotalBytes':
      return badFile(fileName, `unpacks to more than ${sizeText(limits.maxTotalBytes)} of data, far more than any practice export; ${notReal}`, details)
    case 'maxPartBytes':
      return badFile(fileName, `has a part that unpacks to more than ${sizeText(limits.maxPartBytes)}, far more than any practice export; ${notReal}`, details)
    case 'maxZipEntries':
      return badFile(fileName, `holds more than ${count(limits.maxZipEntries)} files inside it, far more than any workbook; ${notReal}`, details)
    case 'maxSharedStrings':
      return badFile(fileName, `has more than ${count(limits.maxSharedStrings)} different texts in it, far more than any practice export; ${notReal}`, details)
    case 'maxSharedStringChars':
      return badFile(
        fileName,
        `has more than ${count(limits.maxSharedStringChars)} characters of text in it, far more than any practice export; ${notReal}`,
        details
      )
    case 'maxRows':
      return badFile(fileName, `has a row beyond row ${count(limits.maxRows)}, the last row Excel allows; ${notReal}`, details)
    case 'maxColumns':
      return badFile(fileName, `has a cell beyond column ${count(limits.maxColumns)}, the last column Excel allows; ${notReal}`, details)
    case 'maxCells':
      return badFile(fileName, `has more than ${count(limits.maxCells)} cells on one sheet, far more than any practice export; ${notReal}`, details)
    case 'maxPaddedCells':
      return badFile(
        fileName,
        `has cells so far to the right on so many rows that reading it would mean holding more than ${count(limits.maxPaddedCells)} cells, ` +
          'far more than any practice export: in Excel, delete whatever is to the right of the report and save it again, or export the report as CSV',
        details
      )
    case 'maxMergedAreas':
      return badFile(
        fileName,
        `has more merged cells than any practice export (more than ${count(limits.maxMergedAreas)} merged areas, or merged areas covering more than ` +
          `${count(limits.maxPaddedCells)} cells); ${notReal}`,
        details
      )
    case 'maxCellFormats':
      return badFile(fileName, `has more than ${count(limits.maxCellFormats)} cell formats, far more than Excel allows; ${notReal}`, details)
    case 'maxMarkupStretch':
      return badFile(
        fileName,
        `has a single piece of text or markup longer than ${count(limits.maxMarkupStretch)} characters, far longer than Excel allows in a cell; ${notReal}`,
        details
      )
  }
}
