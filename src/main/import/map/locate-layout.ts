// Where a file's column row is, what each column is read as and why: the column row found by its
// NHS number caption (or, when a mapping exists for it, the row that looks like captions), the
// columns mapped, the clinical system detected, and all of it said in words for the preview.
import { badFile } from '../read/bad-file'
import { withoutControlCharacters } from '../read/control-characters'
import { describeTable, exportTableOf, type ExportFileInput, type ExportTable } from '../read/export-table'
import { readingFile } from '../read/plain-refusal'
import {
  detectFormatWithEvidence,
  findHeaderRow,
  guessHeaderRow,
  layoutHashOf,
  mapColumns,
  reportHeaderLines,
  type ColumnMap,
  type ExportFormat
} from './map-columns'
import type { MappingChoice, ReadOptions } from './read-options'

/** Where a file's column row is, what each column is read as, and why. */
export interface LocatedLayout {
  table: ExportTable
  headerIndex: number
  captions: string[]
  reportHeader: string[]
  layoutHash: string
  chosen: MappingChoice | undefined
  map: ColumnMap
  format: ExportFormat
  detection: string
}

export const noNhsColumn =
  'has no NHS number column (looked for a column headed "NHS Number", "NHS number" or "Patient ID"); ' +
  'add the NHS Number field to the report and export it again, or choose which column holds the NHS number on the column-mapping screen'

const systemNames: Record<ExportFormat, string> = {
  emis: 'EMIS Web list report',
  systmone: 'SystmOne Breakdown report',
  generic: 'Other export (not recognisably EMIS Web or SystmOne)',
  custom: 'Your own layout, read with a column mapping'
}

const layoutNames: Record<string, string> = {
  events: 'coded events, one per row (events layout)',
  'wide-bp': 'blood pressure in columns (wide BP layout)',
  flags: 'register flag columns',
  patients: 'patient details only'
}

/**
 * Finds the column row (by its NHS number caption, else the row that looks like captions when a
 * mapping exists for it), maps the columns and says in words what was detected. Throws for a file
 * that is not an export; a layout with no NHS number column is returned with `map.nhsNumber` -1.
 */
export function locateLayout(file: ExportFileInput, options: ReadOptions, given?: ExportTable): LocatedLayout {
  return readingFile(file.name, () => locate(file, options, given ?? exportTableOf(file)))
}

function locate(file: ExportFileInput, options: ReadOptions, table: ExportTable): LocatedLayout {
  const rows = table.rows
  const headerIndex = findHeaderRow(rows) ?? guessHeaderRow(rows)
  if (headerIndex === null) throw badFile(file.name, `${noNhsColumn} (no row of column captions was found either)`)
  const captions = (rows[headerIndex] ?? []).map(withoutControlCharacters)
  const layoutHash = layoutHashOf(captions)
  const chosen = options.mappingFor?.(layoutHash)
  const reportHeader = reportHeaderLines(rows, headerIndex)
  const map = mapColumns(captions, chosen)
  const detected = detectFormatWithEvidence(captions, reportHeader)
  const auto: ExportFormat = chosen && detected.format === 'generic' ? 'custom' : detected.format
  const format: ExportFormat = options.format === 'auto' ? auto : options.format
  const sentences = [
    `${systemNames[format]}${options.format === 'auto' ? '' : ' (you chose this clinical system)'}: ${detected.evidence}` +
      (chosen ? '.' : detected.format === 'generic' ? '; columns were matched by their captions.' : '.'),
    `Layout: ${map.layout
      .split('+')
      .map((p) => layoutNames[p] ?? p)
      .join('; ')}.`,
    `Read from ${describeTable(table)}; column captions on row ${headerIndex + 1}.`
  ]
  if (chosen?.source === 'saved') {
    const when = chosen.savedAt ? ` (saved ${chosen.savedAt.slice(0, 10)}${chosen.savedBy ? ` by ${chosen.savedBy}` : ''})` : ''
    sentences.push(`Using your saved mapping for this layout${when}.`)
  } else if (chosen?.source === 'chosen') {
    sentences.push('Using the column mapping you chose.')
  }
  return { table, headerIndex, captions, reportHeader, layoutHash, chosen, map, format, detection: sentences.join(' ') }
}
