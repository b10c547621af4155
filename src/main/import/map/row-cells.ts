// The row of an export being read, as every part of the reader sees it: its cells with control
// characters taken out (an address cell's line breaks kept as address lines), each column named by
// its letter and caption as Excel shows them, and a rejected cell turned into a RejectedRow naming
// the file, the spreadsheet row, the column and the cell as exported.
import type { RejectedRowT } from '../../../shared/contract'
import type { SourceRef } from '../import-types'
import { addressCellLines, hasControlCharacters, withoutControlCharacters } from '../read/control-characters'
import { columnLetter } from './column-letter'
import type { ColumnRoleName } from './column-roles'
import type { ColumnMap } from './map-columns'

export const addressRoles: readonly ColumnRoleName[] = [
  'patient.address.house',
  'patient.address.street',
  'patient.address.locality',
  'patient.address.town',
  'patient.address.county',
  'patient.address.line'
]

/** Longest rejected value kept: a reject caused by a 50 MB cell must not put 50 MB into the report. */
const maxRejectValueLength = 200

export class RowCells {
  private readonly labels: string[]
  private readonly addressColumns: ReadonlySet<number>
  private cells: string[] = []
  private rowNumber = 0
  /** Cells that had control characters taken out (control-characters.ts). */
  private controlCharacterCells = 0
  /** This row's address cells as lines, where a cell had line breaks or control characters in it. */
  private addressLinesOf = new Map<number, string[]>()

  constructor(
    private readonly fileName: string,
    private readonly map: ColumnMap,
    private readonly captions: readonly string[],
    private readonly rejects: RejectedRowT[]
  ) {
    this.labels = map.columns.map((c) => c.label)
    this.addressColumns = new Set(addressRoles.flatMap((r) => map.patient.get(r) ?? []))
  }

  /** Makes `cells` (row `rowNumber` of the file, 1-based as in Excel) the row being read. */
  load(cells: string[], rowNumber: number): void {
    this.cells = this.cleanCells(cells)
    this.rowNumber = rowNumber
  }

  /** The spreadsheet row number of the row being read. */
  get row(): number {
    return this.rowNumber
  }

  /** How many cells so far had control characters taken out. */
  get cleanedCells(): number {
    return this.controlCharacterCells
  }

  /** An address cell as its lines, where it had line breaks or control characters in it; else undefined. */
  addressLines(index: number): string[] | undefined {
    return this.addressLinesOf.get(index)
  }

  /** Column letter and caption as the practice sees them in Excel: B "NHS Number". */
  columnName(index: number): string {
    return `${columnLetter(index)} "${(this.captions[index] ?? '').trim()}"`
  }

  /** The row's cells without control characters, counting the cells that had any. */
  private cleanCells(cells: string[]): string[] {
    if (this.addressLinesOf.size > 0) this.addressLinesOf = new Map()
    if (!cells.some(hasControlCharacters)) return cells
    return cells.map((cell, index) => {
      if (!hasControlCharacters(cell)) return cell
      if (this.addressColumns.has(index)) {
        const { lines, removed } = addressCellLines(cell)
        if (removed) this.controlCharacterCells++
        this.addressLinesOf.set(index, lines)
        return lines.join(' ')
      }
      this.controlCharacterCells++
      return withoutControlCharacters(cell)
    })
  }

  /** The cell in this column of the row, trimmed; '' for no column. */
  cell(index: number | undefined): string {
    return index === undefined ? '' : (this.cells[index] ?? '').trim()
  }

  /** The column's label as the preview and the rejects report show it. */
  label(index: number | undefined, fallback = ''): string {
    return index === undefined ? fallback : (this.labels[index] ?? fallback)
  }

  /** Reports this row's cell in that column as rejected, with the reason (nothing is dropped silently). */
  reject(index: number | undefined, reason: string, fallbackColumn = ''): void {
    const column = this.label(index, fallbackColumn)
    // The cell as exported, for the rejects CSV: the practice searches the clinical system for it.
    const cell = this.cells[index ?? this.labels.indexOf(column)]
    const entry: RejectedRowT = { file: this.fileName, row: this.rowNumber, column, reason }
    if (cell !== undefined) {
      const value = cell.trim()
      entry.value = value.length > maxRejectValueLength ? `${value.slice(0, maxRejectValueLength)}…` : value
    }
    this.rejects.push(entry)
  }

  /** Where a fact read from this row came from. */
  source(): SourceRef {
    return { file: this.fileName, row: this.rowNumber }
  }

  /** The first column read as this patient role, with its cell on this row; null when the file has none. */
  patientCell(role: ColumnRoleName): { index: number; value: string } | null {
    const index = this.map.patient.get(role)?.[0]
    return index === undefined ? null : { index, value: this.cell(index) }
  }
}
