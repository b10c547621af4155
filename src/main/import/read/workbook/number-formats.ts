// Which number formats make a number cell a date. A workbook stores a date as a plain number (days
// since 1900 or 1904); only the cell's format says it is a date, either by a built-in format id or
// by a format code of its own.

/** Built-in ids Excel shows as dates or times (14–22: d/m/y and h:mm forms; 45–47: mm:ss forms). */
const builtInDateIds = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47])

/** Built-in format codes that matter for how a number is printed (id 1 is a plain "0"). */
const builtInCodes: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  49: '@'
}

/**
 * A format code is a date when, outside quoted text ("kg"), brackets ([Red], [$-809], [h]),
 * escaped characters (\d) and the padding and fill marks (_x, *x), it has a day, month, year,
 * hour or second token.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
  return /[dmyhs]/i.test(bare)
}

export interface NumberFormat {
  /** The format code, when the workbook defines it or it is a built-in one that affects printing. */
  code: string | undefined
  isDate: boolean
}

/** The format for a numFmtId: the workbook's own code for that id wins over the built-in meaning. */
export function numberFormatOf(id: number, customCodes: ReadonlyMap<number, string>): NumberFormat {
  const custom = customCodes.get(id)
  if (custom !== undefined) return { code: custom, isDate: isDateFormatCode(custom) }
  return { code: builtInCodes[id], isDate: builtInDateIds.has(id) }
}
