// A workbook cell's value as the text a CSV of the same report would hold, so everything after
// reading treats a workbook and a CSV alike.
import type ExcelJS from 'exceljs'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const dayMs = 24 * 60 * 60 * 1000
/** Serial 25,569 is 1 January 1970 in Excel's 1900 date system. */
const unixEpochSerial = 25_569
/** The 1904 date system (old Mac workbooks) counts from 1 January 1904: 1,462 days later. */
const date1904Offset = 1_462

/**
 * A date cell as text the date reader accepts (ISO, with the time when there is one). Serial N is
 * 1899-12-30 + N days, which is Excel's calendar from 1 March 1900 on; before that Excel counts a
 * 29 February 1900 that never was, so serials 1–60 are a day early. Serial 0 is what Excel shows
 * as 00/01/1900 and serial 1 is 01/01/1900: EMIS's "no date" sentinels.
 */
export function excelDateText(date: Date): string {
  let ms = date.getTime()
  if (Number.isNaN(ms)) return ''
  const epoch = Date.UTC(1899, 11, 30)
  const serial = Math.round((ms - epoch) / dayMs)
  if (serial === 0) return '00/01/1900'
  if (ms < Date.UTC(1900, 2, 1)) ms += dayMs
  // Stored times are fractions of a day; round away the float noise (10:36:59.9996 is 10:37).
  const d = new Date(Math.round(ms / 1000) * 1000)
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0
  return hasTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day
}

/** A number in a date-formatted cell (days since the workbook's epoch, time as the fraction). */
export function excelSerialDateText(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial)) return ''
  return excelDateText(new Date(Math.round((serial - unixEpochSerial + (date1904 ? date1904Offset : 0)) * dayMs)))
}

/** A cell of type "d": an ISO 8601 date (and time) in the text, read as written (no time zone). */
export function isoDateCellText(text: string): string {
  const iso = text.trim()
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(iso) || !iso.includes('T') ? iso : `${iso}Z`
  return excelDateText(new Date(zoned))
}

/** A number as a CSV would print it: NHS numbers stored as numbers keep every digit. */
export function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return ''
  if (Number.isInteger(value)) {
    const text = Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value)
    // A "0000000000" format shows leading zeros the number itself does not have.
    const zeros = numFmt !== undefined && /^0+$/.test(numFmt) ? numFmt.length : 0
    return zeros > text.length && value >= 0 ? text.padStart(zeros, '0') : text
  }
  // 145.00000000000003 (float noise from a formula) prints as 145.
  return String(Number(value.toPrecision(12)))
}

/**
 * Excel writes characters XML cannot hold (and literal "_x" sequences) as _xHHHH_ in a text, so
 * a carriage return in a cell arrives as _x000D_.
 */
export function decodeExcelEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text
}

function richText(parts: ReadonlyArray<{ text?: string }>): string {
  return parts.map((p) => p.text ?? '').join('')
}

/**
 * A cell value in the shape exceljs models it (the audit workbook writer uses exceljs) → the text
 * Excel would show (formulas by their result).
 */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value, numFmt)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return excelDateText(value)
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return richText(value.richText)
    if ('error' in value) return String(value.error)
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      if (result === undefined || result === null) return ''
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return String(result.error)
      return cellText(result as ExcelJS.CellValue, numFmt)
    }
    if ('text' in value) {
      const text = (value as { text: unknown }).text
      if (typeof text === 'string') return text
      if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) return richText(text.richText)
    }
  }
  return String(value)
}
