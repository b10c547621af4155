// CSV text for files staff open in Excel or upload to Accurx (RFC 4180 quoting, CRLF lines, UTF-8
// with a byte-order mark so Excel reads accents). A cell starting with = + - @ (or a tab / carriage
// return) would run as a formula in a spreadsheet (CSV injection, OWASP): it is prefixed with an
// apostrophe, which spreadsheets show as text.
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const line = (cells: readonly (string | number | null)[]) =>
    cells.map((c) => quote(neutraliseCell(c === null ? '' : String(c)))).join(',')
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`
}

export const CSV_MIME = 'text/csv'
