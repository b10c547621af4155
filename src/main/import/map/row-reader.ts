// Reads the rows of one export after its column row, one at a time: which patient each row
// belongs to (a patient row has an NHS number; the rows below it without one continue that
// patient, as EMIS writes one row per event), the patient's fields and the row's clinical facts,
// and what the file says about itself once read (its stated population count, two NHS number
// columns, cleaned cells, empty rows). Nothing here throws for a bad row: every problem is a
// RejectedRow naming the file, the spreadsheet row, the column and the reason.
import { checkNhsNumber } from '../../../shared/domain/nhs-number'
import type { FileReadResult } from '../import-types'
import { badFile } from '../read/bad-file'
import { columnLetter } from './column-letter'
import { FactReader } from './fact-reader'
import type { ColumnMap } from './map-columns'
import { PatientFieldReader } from './patient-field-reader'
import type { ReadOptions } from './read-options'
import { RowCells } from './row-cells'

/** Whom the rows being read belong to: a patient, a patient whose row was rejected, or nobody yet. */
export type Current = { kind: 'patient'; nhsNumber: string; row: number } | { kind: 'rejected'; row: number } | { kind: 'none'; afterEmptyRow: boolean }

export class RowReader {
  private readonly row: RowCells
  private readonly patient: PatientFieldReader
  private readonly facts: FactReader
  /** Patients of the file, to compare with the population count its report header states. */
  private readonly patientsRead = new Set<string>()
  private readonly rejectedPatients = new Set<string>()
  private patientRowsWithoutNhs = 0
  /** Every column read as a patient field, once: looked at on each row without a NHS number. */
  private readonly patientColumns: readonly number[]

  constructor(
    private readonly fileName: string,
    private readonly map: ColumnMap,
    captions: readonly string[],
    options: ReadOptions,
    private readonly out: FileReadResult
  ) {
    this.row = new RowCells(fileName, map, captions, out.rejects)
    this.patient = new PatientFieldReader(this.row, map, options)
    this.facts = new FactReader(this.row, map, options, out)
    this.patientColumns = [...map.patient.values()].flat()
  }

  /** Whether any patient column of this row has a value: such a row is a patient's row, NHS number or not. */
  private hasPatientData(): boolean {
    for (const index of this.patientColumns) if (this.row.cell(index) !== '') return true
    return false
  }

  /**
   * A second NHS number column must say the same as the first on every row. Where they differ the
   * export cannot be trusted to link rows to the right patient, so the file is refused, naming the
   * first row where they differ (spaces and dashes in a number do not make a difference).
   */
  private checkExtraNhsColumns(nhsRaw: string): void {
    const compact = (value: string) => value.replace(/[\s-]/g, '')
    for (const extra of this.map.extraNhsNumbers) {
      const other = this.row.cell(extra)
      if (compact(other) === compact(nhsRaw)) continue
      const shown = (value: string) => (value === '' ? 'blank' : value.length > 20 ? `${value.slice(0, 20)}…` : value)
      throw badFile(
        this.fileName,
        `has two NHS number columns, ${this.row.columnName(this.map.nhsNumber)} and ${this.row.columnName(extra)}, and they disagree on row ${this.row.row} ` +
          `(${shown(nhsRaw)} and ${shown(other)}), so it cannot be told which patient the row belongs to; nothing was imported. ` +
          'Remove one of the two columns from the report (or correct the record) and export it again'
      )
    }
  }

  /** The last row, cut off part-way: not read (its missing cells would blank stored details), but reported. */
  rejectCutOffRow(cells: string[], rowNumber: number, why: string): void {
    this.row.load(cells, rowNumber)
    const nhsRaw = this.row.cell(this.map.nhsNumber)
    if (nhsRaw !== '') this.countPatient(nhsRaw)
    this.row.reject(
      this.map.nhsNumber,
      `the file ends part-way through this row (${why}): it may have been cut short while saving or copying; the row is not imported`
    )
    this.out.warnings.push(
      `${this.fileName}: the last row (row ${rowNumber}) is cut off part-way (${why}), so the file may have been cut short while saving or copying; ` +
        'that row was not imported. Export the report again before relying on this import'
    )
    this.out.incomplete ??= `has its last row (row ${rowNumber}) cut off`
  }

  private countPatient(nhsRaw: string): void {
    const check = checkNhsNumber(nhsRaw)
    if (check.valid) this.patientsRead.add(check.nhsNumber)
    else this.rejectedPatients.add(nhsRaw.replace(/[\s-]/g, ''))
  }

  readRow(cells: string[], rowNumber: number, current: Current): Current {
    this.row.load(cells, rowNumber)
    const nhsRaw = this.row.cell(this.map.nhsNumber)
    if (this.map.extraNhsNumbers.length > 0) this.checkExtraNhsColumns(nhsRaw)

    if (nhsRaw !== '') {
      const check = checkNhsNumber(nhsRaw)
      if (!check.valid) {
        this.rejectedPatients.add(nhsRaw.replace(/[\s-]/g, ''))
        this.row.reject(this.map.nhsNumber, `${check.reason}; the row is not imported`)
        return { kind: 'rejected', row: rowNumber }
      }
      this.patientsRead.add(check.nhsNumber)
      current = { kind: 'patient', nhsNumber: check.nhsNumber, row: rowNumber }
      const fields = this.patient.readFields()
      if (fields.dateOfBirth) this.facts.noteDateOfBirth(check.nhsNumber, fields.dateOfBirth)
      this.out.patients.push({ nhsNumber: check.nhsNumber, source: this.row.source(), fields, exported: this.patient.exportedConflictCells() })
    } else if (this.hasPatientData()) {
      this.patientRowsWithoutNhs++
      this.row.reject(this.map.nhsNumber, 'NHS number is missing; the row is not imported')
      return { kind: 'rejected', row: rowNumber }
    } else if (current.kind === 'rejected') {
      // A continuation row (patient columns blank) of a patient whose own row was rejected.
      this.row.reject(this.map.nhsNumber, `continues the patient on row ${current.row}, whose NHS number was rejected; not imported`)
      return current
    } else if (current.kind === 'none') {
      this.row.reject(
        this.map.nhsNumber,
        current.afterEmptyRow
          ? 'no NHS number, and the row above is empty (a confidential patient?), so this row cannot be linked to a patient; not imported'
          : 'no NHS number and no patient row above it; not imported'
      )
      return current
    }
    if (current.kind !== 'patient') return current
    this.facts.readFacts(current.nhsNumber)
    return current
  }

  /**
   * An EMIS report header states how many patients the search found. Every patient of the file
   * counts, rejected ones too (a patient whose NHS number fails the check is still in the file).
   * Whether EMIS counts a confidential patient's empty row in that number is not documented, so a
   * count from the patients read up to the patients read plus the empty rows agrees; any other
   * count means the file is not the whole report: cut short, or another run's header.
   */
  private checkPopulationCount(populationCount: number | null): void {
    if (populationCount === null) return
    const read = this.patientsRead.size + this.rejectedPatients.size + this.patientRowsWithoutNhs
    const empty = this.out.preview.emptyRowsSkipped
    if (populationCount >= read && populationCount <= read + empty) return
    const n = (value: number) => value.toLocaleString('en-GB')
    this.out.warnings.push(
      read < populationCount
        ? `${this.fileName} says it holds ${n(populationCount)} patients but ${n(read)} were read: the file may have been cut short while saving or copying; export it again before importing`
        : `${this.fileName} says it holds ${n(populationCount)} patients but ${n(read)} were read: its report header may belong to another run of the search, or rows were added by hand; export it again before importing`
    )
    this.out.incomplete ??= `says it holds ${n(populationCount)} patients but ${n(read)} were read`
  }

  finish(populationCount: number | null): void {
    this.out.codeTallies = this.facts.codeTallyList()
    const w = this.out.warnings
    const f = this.fileName
    this.checkPopulationCount(populationCount)
    for (const extra of this.map.extraNhsNumbers) {
      w.push(
        `${f}: two NHS number columns, ${this.row.columnName(this.map.nhsNumber)} and ${this.row.columnName(extra)}; ` +
          `column ${columnLetter(this.map.nhsNumber)} is used (the two hold the same number on every row)`
      )
    }
    if (this.row.cleanedCells > 0) {
      w.push(
        `${f}: ${this.row.cleanedCells} field(s) had control characters removed (invisible characters such as terminal escape codes, ` +
          'which have no place in a name, address or code); the rest of each field was imported'
      )
    }
    const empty = this.out.preview.emptyRowsSkipped
    if (empty > 0) w.push(`${f}: ${empty} empty row(s) skipped (EMIS leaves an empty row for a confidential patient)`)
    w.push(...this.facts.warnings(f), ...this.patient.warnings(f))
  }
}
