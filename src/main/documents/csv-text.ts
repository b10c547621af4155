// CSV text for files staff open in Excel or upload to Accurx (RFC 4180 quoting, CRLF lines, UTF-8
// with a byte-order mark so Excel reads accents). Text that a spreadsheet would run as a formula
// (CSV injection, OWASP) is prefixed with an apostrophe, which spreadsheets show as text.

/**
 * A formula character (= + - @) first, or after any leading whitespace or invisible control/format
 * characters (Excel and LibreOffice skip those and still run " =HYPERLINK(…)"), or a leading tab /
 * carriage return (OWASP "CSV Injection"). Numbers are not text and are never prefixed, so a
 * negative number in a numeric column stays a number.
 */
const formulaStart = /^[\s\p{Cc}\p{Cf}]*[=+\-@]|^[\t\r]/u

/** The shared neutraliser for every CSV and workbook cell of text we write. */
export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const line = (cells: readonly (string | number | null)[]) =>
    cells.map((c) => quote(c === null ? '' : typeof c === 'number' ? String(c) : neutraliseCell(c))).join(',')
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`
}

export const CSV_MIME = 'text/csv'
