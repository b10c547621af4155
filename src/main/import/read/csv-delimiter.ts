// Which character separates the cells of a text export. EMIS Web and SystmOne write commas, but a
// file re-saved from Excel with European regional settings uses semicolons, and "Text (Tab
// delimited)" uses tabs. Papaparse's own guess looks only at field-count consistency over the first
// rows, which a report-header block (one or two cells a line) or a quoted term with a comma in it
// can sway; so the choice here is anchored on the NHS number caption, with commas tried first: an
// EMIS file stays comma-separated whatever its quoted terms contain.
import type Papa from 'papaparse'
import { loadOnFirstUse } from '../../load-on-first-use'
import { isNhsNumberCaption } from '../map/column-roles'

/** papaparse, loaded the first time a CSV is read (load-on-first-use.ts). */
const papa = () => loadOnFirstUse<typeof Papa>('papaparse')

export type CsvDelimiter = ',' | ';' | '\t'

/** Enough of the file for the report header and the column row (and a few data rows). */
const sampleLength = 64 * 1024
const sampleRows = 60

export const delimiterNames: Record<CsvDelimiter, string> = { ',': 'commas', ';': 'semicolons (;)', '\t': 'tabs' }

function rowsOf(sample: string, delimiter: CsvDelimiter): string[][] {
  // The sample may end inside a quoted cell: its parse errors do not matter here.
  return papa().parse<string[]>(sample, { delimiter, header: false, preview: sampleRows, skipEmptyLines: true }).data
}

const hasNhsCaption = (rows: readonly string[][], minimumWidth: number) =>
  rows.some((row) => row.length >= minimumWidth && row.some((cell) => isNhsNumberCaption(cell)))
const multiCellRows = (rows: readonly string[][]) => rows.filter((row) => row.filter((c) => c.trim() !== '').length > 1).length

export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.slice(0, sampleLength)
  const comma = rowsOf(sample, ',')
  if (hasNhsCaption(comma, 1)) return ','
  const others = ([';', '\t'] as const).map((delimiter) => ({ delimiter, rows: rowsOf(sample, delimiter) }))
  const anchored = others.find((o) => hasNhsCaption(o.rows, 2))
  if (anchored) return anchored.delimiter
  // No NHS number caption (a layout for the column-mapping screen): another separator only when it
  // splits clearly more rows into cells than commas do.
  const commaRows = multiCellRows(comma)
  const best = others.map((o) => ({ ...o, count: multiCellRows(o.rows) })).sort((a, b) => b.count - a.count)[0]
  return best && best.count > 2 * commaRows ? best.delimiter : ','
}
