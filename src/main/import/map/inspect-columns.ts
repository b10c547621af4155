// What the column-mapping screen shows for a file: its column row, what each column would be read
// as (by caption, saved mapping or the mapping being tried) and a few values from each, so the
// user can see which column holds what before choosing.
import type { ImportFileColumnsT } from '../../../shared/contract'
import { isBlankRow } from '../read/parse-csv'
import type { ExportFileInput } from '../read/export-table'
import { layoutCaptions } from './map-columns'
import { locateLayout } from './locate-layout'
import type { ReadOptions } from './read-options'

/** Data rows whose values are shown per column. */
const sampleRowCount = 5
const sampleLength = 60

export function inspectExportFile(file: ExportFileInput, options: ReadOptions): ImportFileColumnsT {
  const located = locateLayout(file, options)
  const dataRows = located.table.rows
    .slice(located.headerIndex + 1, located.headerIndex + 1 + 50)
    .filter((row) => !isBlankRow(row))
    .slice(0, sampleRowCount)
  const captions = layoutCaptions(located.captions)
  return {
    name: file.name,
    fileType: located.table.fileType,
    detection: located.detection,
    headerRowNumber: located.headerIndex + 1,
    captions,
    layoutHash: located.layoutHash,
    mappingSource: located.chosen?.source ?? 'auto',
    savedAt: located.chosen?.savedAt ?? null,
    // Trailing blank captions (a trailing comma) are not columns anyone needs to map.
    columns: located.map.columns.slice(0, Math.max(captions.length, 1)).map((c) => ({
      index: c.index,
      caption: c.label,
      role: c.role,
      ...(c.note ? { note: c.note } : {}),
      samples: dataRows.map((row) => (row[c.index] ?? '').trim().replace(/\s+/g, ' ').slice(0, sampleLength))
    })),
    needsMapping: located.map.nhsNumber === -1
  }
}
