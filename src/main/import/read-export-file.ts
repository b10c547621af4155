// One export file → typed records and row errors (architecture.md practice 10). Nothing here
// throws for a bad row: every problem becomes a RejectedRow naming the file, the spreadsheet row,
// the column and the reason, so nothing is ever dropped silently. Only a file that is not an
// export at all (wrong type, no NHS number column) stops the import.
import { createHash } from 'node:crypto'
import type { RejectedRowT } from '../../shared/contract'
import { type BpMeasure, bpMeasureFromTerm, measureForSetting } from '../../shared/domain/bp-measures'
import { classifyEvent, type CodeLibrary, type EventClassification } from '../../shared/domain/clinical-codes'
import { mapEthnicity } from '../../shared/domain/ethnicity-mapping'
import { checkNhsNumber } from '../../shared/domain/nhs-number'
import type { BpSetting } from '../../shared/domain/patient-record'
import { ageOn, parseUkDate } from '../../shared/domain/uk-date'
import { bloodPressureProblem, diastolicProblem, parseBloodPressureCell, parseMmHg, systolicProblem } from '../../shared/domain/bp-plausibility'
import { CodeTallies, matchedAsOf } from '../codelists/code-findings'
import { badFile } from './bad-file'
import { columnLetter } from './column-letter'
import type { ColumnRoleName } from './column-roles'
import { addressCellLines, hasControlCharacters, withoutControlCharacters } from './control-characters'
import { describeTable, exportSourceOf, exportTableOf, type ExportFileInput, type ExportTable } from './export-table'
import { imdDecileFor, normaliseLsoaCode, type LsoaGeography } from './imd-lookup'
import type { FileReadResult, PatientDraft, PatientFields, SourceRef } from './import-types'
import {
  detectFormatWithEvidence,
  findHeaderRow,
  guessHeaderRow,
  layoutCaptions,
  layoutHashOf,
  mapColumns,
  reportHeaderLines,
  type ChosenRoles,
  type ColumnMap,
  type ExportFormat
} from './map-columns'
import { isBlankRow } from './parse-csv'
import { normalisePostcode, normaliseSex, parseFullName, parseYesNo } from './patient-fields'
import { readingFile } from './plain-refusal'
import { populationCountOf } from './report-identity'

/** A column mapping for one header layout: saved earlier, or chosen for this preview. */
export interface MappingChoice extends ChosenRoles {
  savedAt?: string | null
  savedBy?: string | null
}

export interface ReadOptions {
  library: CodeLibrary
  /** Today (ISO): dates after it are rejected. */
  today: string
  format: 'auto' | 'emis' | 'systmone'
  /** The mapping to use for a header layout (by `layoutHashOf`), if the user made one; else captions decide. */
  mappingFor?: (layoutHash: string) => MappingChoice | undefined
}

/** Longest rejected value kept: a reject caused by a 50 MB cell must not put 50 MB into the report. */
const maxRejectValueLength = 200

/** The oldest age accepted as a real date of birth; an older one is rejected as implausible. */
export const maximumPlausibleAge = 120

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

type Current = { kind: 'patient'; nhsNumber: string; row: number } | { kind: 'rejected'; row: number } | { kind: 'none'; afterEmptyRow: boolean }

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

const noNhsColumn =
  'has no NHS number column (looked for a column headed "NHS Number", "NHS number" or "Patient ID"); ' +
  'add the NHS Number field to the report and export it again, or choose which column holds the NHS number on the column-mapping screen'

const noPatientRows = 'has column headings but no patient rows: check the search returned patients and export again'

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

const addressRoles: readonly ColumnRoleName[] = [
  'patient.address.house',
  'patient.address.street',
  'patient.address.locality',
  'patient.address.town',
  'patient.address.county',
  'patient.address.line'
]

/** How often (in rows) `onRows` hears how far reading has got: often enough for a smooth bar, cheap. */
export const rowProgressEvery = 5_000

/**
 * `onRows(rowsDone, rowsTotal)`: called every `rowProgressEvery` rows and once at the end, with the
 * rows after the column row (blank ones included), so a progress bar can show rows read.
 * Whatever goes wrong, the error names the file in plain words (plain-refusal.ts).
 */
export function readExportFile(file: ExportFileInput, options: ReadOptions, onRows?: (rowsDone: number, rowsTotal: number) => void): FileReadResult {
  return readingFile(file.name, () => readWholeFile(file, options, onRows))
}

function readWholeFile(file: ExportFileInput, options: ReadOptions, onRows?: (rowsDone: number, rowsTotal: number) => void): FileReadResult {
  // The file's first rows locate the column row; the rest are read one at a time, never all held.
  const source = exportSourceOf(file)
  const located = locateLayout(file, options, source.head)
  const { table, headerIndex, map, format } = located
  if (map.nhsNumber === -1) {
    throw badFile(file.name, noNhsColumn, { needsMapping: true, layoutHash: located.layoutHash })
  }

  const result: FileReadResult = {
    preview: {
      name: file.name,
      format,
      layout: map.layout,
      headerRowNumber: headerIndex + 1,
      reportHeader: located.reportHeader,
      columns: map.columns.map((c) => ({ index: c.index, caption: c.label, role: c.role, ...(c.note ? { note: c.note } : {}) })),
      rowsRead: 0,
      emptyRowsSkipped: 0,
      fileType: table.fileType,
      detection: located.detection,
      mapping: {
        source: located.chosen?.source ?? 'auto',
        layoutHash: located.layoutHash,
        captions: layoutCaptions(located.captions),
        savedAt: located.chosen?.savedAt ?? null,
        savedBy: located.chosen?.savedBy ?? null
      }
    },
    format,
    fileHash: sha256Hex(file.bytes),
    codeLibraryVersion: options.library.version ?? '',
    byteSize: file.bytes.length,
    patients: [],
    readings: [],
    components: [],
    events: [],
    ethnicity: [],
    rejects: [],
    warnings: [],
    codeTallies: [],
    incomplete: null
  }
  if (table.encodingWarning) result.warnings.push(table.encodingWarning)
  const reader = new RowReader(file.name, map, located.captions, options, result)
  let current: Current = { kind: 'none', afterEmptyRow: false }
  const rowsEstimate = Math.max(source.approximateRows - headerIndex - 1, 0)
  let rowsSeen = 0
  // Blank rows count only when a row follows them: trailing blank lines are not rows.
  let blankRun = 0
  // Each row is read when the next one arrives, so the last row can be judged as the last: a file
  // cut off while saving or copying ends part-way through it (see cutOffLastRow).
  let pending: { cells: string[]; index: number; blanksBefore: number } | null = null
  let shortRows = 0
  const width = located.captions.length
  const read = (row: { cells: string[]; index: number; blanksBefore: number }) => {
    if (row.blanksBefore > 0) {
      result.preview.emptyRowsSkipped += row.blanksBefore
      // Rows after a confidential patient's empty row must not be credited to the patient above it.
      current = { kind: 'none', afterEmptyRow: true }
    }
    result.preview.rowsRead++
    current = reader.readRow(row.cells, row.index + 1, current)
  }
  const end = source.eachRow((cells, index) => {
    if (index <= headerIndex) return
    if (onRows && rowsSeen > 0 && rowsSeen % rowProgressEvery === 0) onRows(rowsSeen, Math.max(rowsEstimate, rowsSeen))
    rowsSeen++
    if (isBlankRow(cells)) {
      blankRun++
      return
    }
    if (pending) {
      if (pending.cells.length < width) shortRows++
      read(pending)
    }
    pending = { cells, index, blanksBefore: blankRun }
    blankRun = 0
  })
  const last = pending as { cells: string[]; index: number; blanksBefore: number } | null
  if (last) {
    const cutOff = table.fileType === 'csv' ? cutOffLastRow(last, width, shortRows, result.preview.rowsRead, end.cutOffInQuoteRow) : null
    if (cutOff === null) read(last)
    else {
      if (last.blanksBefore > 0) result.preview.emptyRowsSkipped += last.blanksBefore
      result.preview.rowsRead++
      reader.rejectCutOffRow(last.cells, last.index + 1, cutOff)
    }
  }
  const rowsTotal = rowsSeen - blankRun
  onRows?.(rowsTotal, rowsTotal)
  if (result.preview.rowsRead === 0) throw badFile(file.name, noPatientRows)
  reader.finish(populationCountOf(located.reportHeader))
  return result
}

/**
 * Why the last row looks cut off part-way (a file that ends without its final newline, cut while
 * saving or copying), or null when it looks whole: the file ends inside a quoted cell opened on
 * that row, or the row has fewer cells than the column row while every other row has them all
 * (a file whose rows are all short is simply written that way, so it is not judged). Only a CSV
 * is judged: a workbook cannot be cut part-way through a row (its ZIP would not open), and its rows
 * end at their last filled cell, so a short last row there is only blank cells.
 */
function cutOffLastRow(
  last: { cells: string[]; index: number },
  width: number,
  shortRowsBefore: number,
  rowsBefore: number,
  cutOffInQuoteRow: number | null
): string | null {
  if (cutOffInQuoteRow === last.index + 1) return 'the file ends inside a quoted cell of this row'
  if (last.cells.length < width && shortRowsBefore === 0 && rowsBefore > 0) {
    return `this row has ${last.cells.length} of the ${width} cells every other row has`
  }
  return null
}

class RowReader {
  private readonly labels: string[]
  private readonly classified = new Map<string, EventClassification>()
  private unknownEvents = 0
  private readonly unknownExamples = new Set<string>()
  /** Codes in no list, and rows read from their term alone: the Code library shows both. */
  private readonly codeTallies = new CodeTallies()
  private bpWithoutValue = 0
  private meanIgnored = 0
  private lsoaUnknown = 0
  private readonly lsoaExamples = new Set<string>()
  /** Dates of birth read so far, so a reading dated before the patient was born is caught. */
  private readonly bornOn = new Map<string, string>()
  private cells: string[] = []
  private rowNumber = 0
  /** Patients of the file, to compare with the population count its report header states. */
  private readonly patientsRead = new Set<string>()
  private readonly rejectedPatients = new Set<string>()
  private patientRowsWithoutNhs = 0
  /** Cells that had control characters taken out (control-characters.ts). */
  private controlCharacterCells = 0
  private readonly addressColumns: ReadonlySet<number>
  /** This row's address cells as lines, where a cell had line breaks or control characters in it. */
  private addressLinesOf = new Map<number, string[]>()

  constructor(
    private readonly fileName: string,
    private readonly map: ColumnMap,
    private readonly captions: readonly string[],
    private readonly options: ReadOptions,
    private readonly out: FileReadResult
  ) {
    this.labels = map.columns.map((c) => c.label)
    this.addressColumns = new Set(addressRoles.flatMap((r) => map.patient.get(r) ?? []))
  }

  /** Column letter and caption as the practice sees them in Excel: B "NHS Number". */
  private columnName(index: number): string {
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

  private cell(index: number | undefined): string {
    return index === undefined ? '' : (this.cells[index] ?? '').trim()
  }

  private label(index: number | undefined, fallback = ''): string {
    return index === undefined ? fallback : (this.labels[index] ?? fallback)
  }

  private reject(index: number | undefined, reason: string, fallbackColumn = ''): void {
    const column = this.label(index, fallbackColumn)
    // The cell as exported, for the rejects CSV: the practice searches the clinical system for it.
    const cell = this.cells[index ?? this.labels.indexOf(column)]
    const entry: RejectedRowT = { file: this.fileName, row: this.rowNumber, column, reason }
    if (cell !== undefined) {
      const value = cell.trim()
      entry.value = value.length > maxRejectValueLength ? `${value.slice(0, maxRejectValueLength)}…` : value
    }
    this.out.rejects.push(entry)
  }

  private source(): SourceRef {
    return { file: this.fileName, row: this.rowNumber }
  }

  /**
   * A second NHS number column must say the same as the first on every row. Where they differ the
   * export cannot be trusted to link rows to the right patient, so the file is refused, naming the
   * first row where they differ (spaces and dashes in a number do not make a difference).
   */
  private checkExtraNhsColumns(nhsRaw: string): void {
    const compact = (value: string) => value.replace(/[\s-]/g, '')
    for (const extra of this.map.extraNhsNumbers) {
      const other = this.cell(extra)
      if (compact(other) === compact(nhsRaw)) continue
      const shown = (value: string) => (value === '' ? 'blank' : value.length > 20 ? `${value.slice(0, 20)}…` : value)
      throw badFile(
        this.fileName,
        `has two NHS number columns, ${this.columnName(this.map.nhsNumber)} and ${this.columnName(extra)}, and they disagree on row ${this.rowNumber} ` +
          `(${shown(nhsRaw)} and ${shown(other)}), so it cannot be told which patient the row belongs to; nothing was imported. ` +
          'Remove one of the two columns from the report (or correct the record) and export it again'
      )
    }
  }

  /** The last row, cut off part-way: not read (its missing cells would blank stored details), but reported. */
  rejectCutOffRow(cells: string[], rowNumber: number, why: string): void {
    this.cells = this.cleanCells(cells)
    this.rowNumber = rowNumber
    const nhsRaw = this.cell(this.map.nhsNumber)
    if (nhsRaw !== '') this.countPatient(nhsRaw)
    this.reject(
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
    this.cells = this.cleanCells(cells)
    this.rowNumber = rowNumber
    const nhsRaw = this.cell(this.map.nhsNumber)
    if (this.map.extraNhsNumbers.length > 0) this.checkExtraNhsColumns(nhsRaw)
    const hasPatientData = [...this.map.patient.values()].some((indexes) => indexes.some((i) => this.cell(i) !== ''))

    if (nhsRaw !== '') {
      const check = checkNhsNumber(nhsRaw)
      if (!check.valid) {
        this.rejectedPatients.add(nhsRaw.replace(/[\s-]/g, ''))
        this.reject(this.map.nhsNumber, `${check.reason}; the row is not imported`)
        return { kind: 'rejected', row: rowNumber }
      }
      this.patientsRead.add(check.nhsNumber)
      current = { kind: 'patient', nhsNumber: check.nhsNumber, row: rowNumber }
      const fields = this.readPatientFields()
      if (fields.dateOfBirth) this.bornOn.set(check.nhsNumber, fields.dateOfBirth)
      this.out.patients.push({ nhsNumber: check.nhsNumber, source: this.source(), fields, exported: this.exportedConflictCells() })
    } else if (hasPatientData) {
      this.patientRowsWithoutNhs++
      this.reject(this.map.nhsNumber, 'NHS number is missing; the row is not imported')
      return { kind: 'rejected', row: rowNumber }
    } else if (current.kind === 'rejected') {
      // A continuation row (patient columns blank) of a patient whose own row was rejected.
      this.reject(this.map.nhsNumber, `continues the patient on row ${current.row}, whose NHS number was rejected; not imported`)
      return current
    } else if (current.kind === 'none') {
      this.reject(
        this.map.nhsNumber,
        current.afterEmptyRow
          ? 'no NHS number, and the row above is empty (a confidential patient?), so this row cannot be linked to a patient; not imported'
          : 'no NHS number and no patient row above it; not imported'
      )
      return current
    }
    if (current.kind !== 'patient') return current
    this.readEvents(current.nhsNumber)
    this.readWideBp(current.nhsNumber)
    this.readFlags(current.nhsNumber)
    return current
  }

  /** The date of birth and sex cells as written in the file (conflicts are reported with these). */
  private exportedConflictCells(): PatientDraft['exported'] {
    const dateOfBirth = this.patientCell('patient.dateOfBirth')?.value
    const sex = this.patientCell('patient.sex')?.value
    return { ...(dateOfBirth ? { dateOfBirth } : {}), ...(sex ? { sex } : {}) }
  }

  private patientCell(role: ColumnRoleName): { index: number; value: string } | null {
    const index = this.map.patient.get(role)?.[0]
    return index === undefined ? null : { index, value: this.cell(index) }
  }

  private readPatientFields(): Partial<PatientFields> {
    const fields: Partial<PatientFields> = {}
    const text = (role: ColumnRoleName, key: keyof PatientFields) => {
      const c = this.patientCell(role)
      if (c) (fields as Record<string, unknown>)[key] = c.value === '' ? null : c.value
    }
    text('patient.emisNumber', 'emisNumber')
    text('patient.title', 'title')
    text('patient.givenName', 'givenName')
    text('patient.familyName', 'familyName')
    text('patient.mobile', 'mobile')
    text('patient.homePhone', 'homePhone')
    text('patient.email', 'email')
    text('patient.usualGp', 'usualGp')
    text('patient.registrationStatus', 'registrationStatus')
    text('patient.mainLanguage', 'mainLanguage')

    const fullName = this.patientCell('patient.fullName')
    if (fullName && fullName.value !== '') {
      const parts = parseFullName(fullName.value)
      if (!('title' in fields)) fields.title = parts.title
      if (!('givenName' in fields)) fields.givenName = parts.givenName
      if (!('familyName' in fields)) fields.familyName = parts.familyName
    }

    const dob = this.patientCell('patient.dateOfBirth')
    if (dob) {
      const parsed = parseUkDate(dob.value)
      if (!parsed.ok) this.reject(dob.index, `date of birth ${parsed.reason}; left blank`)
      else if (parsed.date !== null && parsed.date > this.options.today) {
        this.reject(dob.index, `date of birth ${parsed.date} is in the future; left blank`)
      } else if (parsed.date !== null && ageOn(parsed.date, this.options.today) > maximumPlausibleAge) {
        this.reject(dob.index, `date of birth ${parsed.date} gives an age over ${maximumPlausibleAge}; left blank`)
      } else fields.dateOfBirth = parsed.date
    }

    const sex = this.patientCell('patient.sex')
    if (sex) {
      if (sex.value === '') fields.sex = null
      else {
        const normalised = normaliseSex(sex.value)
        if (normalised === null) this.reject(sex.index, `gender "${sex.value}" is not Male, Female, Unknown or Indeterminate; left unchanged`)
        else fields.sex = normalised
      }
    }

    const ethnicity = this.patientCell('patient.ethnicity')
    if (ethnicity) {
      fields.ethnicityText = ethnicity.value === '' ? null : ethnicity.value
      fields.ethnicityCategory = ethnicity.value === '' ? null : mapEthnicity(ethnicity.value, this.options.library.ethnicity)
    }

    const addressIndexes = addressRoles.flatMap((r) => this.map.patient.get(r) ?? []).sort((a, b) => a - b)
    if (addressIndexes.length > 0) {
      fields.addressLines = addressIndexes.flatMap((i) => this.addressLinesOf.get(i) ?? [this.cell(i)]).filter((v) => v !== '')
    }

    const postcode = this.patientCell('patient.postcode')
    if (postcode) fields.postcode = postcode.value === '' ? null : normalisePostcode(postcode.value)

    this.readLsoa(fields)

    const interpreter = this.patientCell('patient.interpreterRequired')
    if (interpreter) {
      if (interpreter.value === '') fields.interpreterRequired = null
      else {
        const yes = parseYesNo(interpreter.value)
        if (yes === null) this.reject(interpreter.index, `"${interpreter.value}" is not Yes or No; left unchanged`)
        else fields.interpreterRequired = yes
      }
    }
    return fields
  }

  /** LSOA code → IMD decile: IMD 2019 for LSOA 2011 codes, IMD 2025 for LSOA 2021 (imd-lookup.ts). */
  private readLsoa(fields: Partial<PatientFields>): void {
    const columns: [ColumnRoleName, LsoaGeography][] = [
      ['patient.lsoa2011', '2011'],
      ['patient.lsoa2021', '2021'],
      ['patient.lsoa', 'either']
    ]
    for (const [role, geography] of columns) {
      const c = this.patientCell(role)
      if (!c) continue
      if (c.value === '') {
        fields.lsoa = null
        fields.imdDecile = null
        fields.imdVersion = null
        return
      }
      const code = normaliseLsoaCode(c.value)
      const imd = code === null ? null : imdDecileFor(code, geography)
      fields.lsoa = code ?? c.value
      fields.imdDecile = imd?.decile ?? null
      fields.imdVersion = imd?.version ?? null
      if (!imd) {
        this.lsoaUnknown++
        if (this.lsoaExamples.size < 5) this.lsoaExamples.add(c.value)
      }
      return
    }
  }

  private classify(code: string, term: string): EventClassification {
    const key = `${code}\u0001${term}`
    let c = this.classified.get(key)
    if (!c) {
      c = classifyEvent(this.options.library, code, term)
      this.classified.set(key, c)
    }
    return c
  }

  /** An event or reading date: null when blank; undefined when rejected (already reported). */
  private eventDate(index: number | undefined, what: string): string | null | undefined {
    const parsed = parseUkDate(this.cell(index))
    if (!parsed.ok) {
      this.reject(index, `${what}: ${parsed.reason}; not imported`)
      return undefined
    }
    if (parsed.date !== null && parsed.date > this.options.today) {
      this.reject(index, `${what}: date ${parsed.date} is in the future; not imported`)
      return undefined
    }
    return parsed.date
  }

  /** A fact dated before the patient's date of birth cannot be right: rejected (and reported) here. */
  private beforeBirth(nhsNumber: string, date: string | null, index: number | undefined, what: string): boolean {
    const born = this.bornOn.get(nhsNumber)
    if (date === null || born === undefined || date >= born) return false
    this.reject(index, `${what}: date ${date} is before the date of birth ${born}; not imported`)
    return true
  }

  private readEvents(nhsNumber: string): void {
    for (const group of this.map.eventGroups) {
      const code = this.cell(group.code)
      const exportedTerm = this.cell(group.term)
      const value = this.cell(group.value)
      const dateText = this.cell(group.date)
      if (code === '' && exportedTerm === '' && value === '' && dateText === '') continue
      const term = exportedTerm !== '' ? exportedTerm : (group.groupName ?? '')
      const c = this.classify(code, term)
      if (c.kind === 'unknown') {
        this.unknownEvents++
        if (this.unknownExamples.size < 5) this.unknownExamples.add(term || code)
        if (code !== '' || term !== '') this.codeTallies.add(code, term, null, nhsNumber)
        continue
      }
      const date = this.eventDate(group.date, `"${term || code}"`)
      if (date === undefined || this.beforeBirth(nhsNumber, date, group.date, `"${term || code}"`)) continue
      if (c.via === 'term') this.codeTallies.add(code, term, matchedAsOf(c), nhsNumber)
      switch (c.kind) {
        case 'bp':
          this.readBpEvent(nhsNumber, date, value, term, c, group.date, group.value)
          break
        case 'concept':
          for (const concept of c.concepts) {
            this.out.events.push({ nhsNumber, date, concept, code, term, value: concept === 'BMI' ? parseBmiValue(value) : null, matchedBy: c.via })
          }
          break
        case 'ethnicity':
          this.out.ethnicity.push({ nhsNumber, date, text: term || code, category: c.category })
          break
        default: {
          const never: never = c
          throw new Error(`unhandled classification ${JSON.stringify(never)}`)
        }
      }
    }
  }

  private readBpEvent(
    nhsNumber: string,
    date: string | null,
    value: string,
    term: string,
    c: Extract<EventClassification, { kind: 'bp' }>,
    dateIndex: number | undefined,
    valueIndex: number | undefined
  ): void {
    if (value === '') {
      this.bpWithoutValue++
      return
    }
    if (date === null) {
      this.reject(dateIndex ?? valueIndex, `blood pressure "${term}" ${value} has no date; not imported`)
      return
    }
    const whole = parseBloodPressureCell(value)
    if (whole) {
      this.addReading(nhsNumber, date, whole.systolic, whole.diastolic, c.setting, c.measure.measure, valueIndex)
      return
    }
    if (c.component === 'mean') {
      this.meanIgnored++
      return
    }
    const mmHg = parseMmHg(value)
    if (c.component === 'both') {
      this.reject(
        valueIndex,
        mmHg === null
          ? `"${value}" is not a blood pressure (expected e.g. 145/92); not imported`
          : `"${value}" is one number, but "${term}" does not say systolic or diastolic (expected e.g. 145/92); not imported`
      )
      return
    }
    if (mmHg === null) {
      this.reject(valueIndex, `${c.component} "${value}" is not a number of mmHg; not imported`)
      return
    }
    this.addComponent(nhsNumber, date, c.setting, c.measure.measure, c.pairingKey, c.component, mmHg, valueIndex)
  }

  private addReading(
    nhsNumber: string,
    date: string,
    systolic: number,
    diastolic: number,
    setting: BpSetting,
    measure: BpMeasure,
    index: number | undefined
  ): void {
    const problem = bloodPressureProblem(systolic, diastolic)
    if (problem) {
      this.reject(index, `${problem}; not imported`)
      return
    }
    this.out.readings.push({ nhsNumber, date, systolic, diastolic, setting, measure, source: this.source(), column: this.label(index) })
  }

  private addComponent(
    nhsNumber: string,
    date: string,
    setting: BpSetting,
    measure: BpMeasure,
    pairingKey: string,
    component: 'systolic' | 'diastolic',
    value: number,
    index: number | undefined
  ): void {
    const problem = component === 'systolic' ? systolicProblem(value) : diastolicProblem(value)
    if (problem) this.reject(index, `${problem}; not imported`)
    this.out.components.push({
      nhsNumber,
      date,
      setting,
      measure,
      pairingKey,
      component,
      value,
      source: this.source(),
      column: this.label(index),
      rejected: problem !== null
    })
  }

  private readWideBp(nhsNumber: string): void {
    for (const g of this.map.bpGroups) {
      const systolic = this.cell(g.systolic)
      const diastolic = this.cell(g.diastolic)
      const combined = this.cell(g.combined)
      if (systolic === '' && diastolic === '' && combined === '') continue
      const typeText = this.cell(g.type)
      const setting = wideBpSetting(typeText)
      if (setting === null) {
        this.reject(g.type, `BP type "${typeText}" is not clinic, home or ambulatory; reading not imported`)
        continue
      }
      // A type column may say more than the setting ("ABPM night average"): its words give the kind.
      const measure = typeText === '' ? measureForSetting(setting) : bpMeasureFromTerm(typeText).measure
      const dateFor = (own: number | undefined): { index: number | undefined; date: string | null | undefined } => {
        const index = own !== undefined && this.cell(own) !== '' ? own : g.date !== undefined ? g.date : own
        const date = this.eventDate(index, 'blood pressure date')
        return { index, date: date !== undefined && this.beforeBirth(nhsNumber, date, index, 'blood pressure date') ? undefined : date }
      }
      if (combined !== '') {
        const { index, date } = dateFor(undefined)
        const whole = parseBloodPressureCell(combined)
        if (date === undefined) continue
        if (date === null) this.reject(index ?? g.combined, `blood pressure ${combined} has no date; not imported`)
        else if (!whole) this.reject(g.combined, `"${combined}" is not a blood pressure (expected e.g. 145/92); not imported`)
        else this.addReading(nhsNumber, date, whole.systolic, whole.diastolic, setting, measure, g.combined)
        continue
      }
      for (const [component, valueIndex, dateIndex] of [
        ['systolic', g.systolic, g.systolicDate],
        ['diastolic', g.diastolic, g.diastolicDate]
      ] as const) {
        const value = this.cell(valueIndex)
        if (value === '') continue
        const { index, date } = dateFor(dateIndex)
        if (date === undefined) continue
        if (date === null) {
          this.reject(index ?? valueIndex, `${component} ${value} has no date; not imported`)
          continue
        }
        const mmHg = parseMmHg(value)
        if (mmHg === null) this.reject(valueIndex, `${component} "${value}" is not a number of mmHg; not imported`)
        else this.addComponent(nhsNumber, date, setting, measure, measure, component, mmHg, valueIndex)
      }
    }
  }

  private readFlags(nhsNumber: string): void {
    for (const { index, concept } of this.map.flags) {
      const value = this.cell(index)
      if (value === '') continue
      const caption = this.label(index)
      const term = `${caption} (register flag column)`
      const yes = parseYesNo(value)
      if (yes === true) this.out.events.push({ nhsNumber, date: null, concept, code: '', term, value: null, matchedBy: 'flag' })
      if (yes !== null) continue
      const parsed = parseUkDate(value)
      if (!parsed.ok) {
        this.reject(index, `"${value}" is not a register flag (expected Y/N, True/False or a date); not imported`)
      } else if (parsed.date !== null && parsed.date > this.options.today) {
        this.reject(index, `register flag date ${parsed.date} is in the future; not imported`)
      } else if (parsed.date !== null) {
        this.out.events.push({ nhsNumber, date: parsed.date, concept, code: '', term, value: null, matchedBy: 'flag' })
      }
    }
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
    this.out.codeTallies = this.codeTallies.list()
    const w = this.out.warnings
    const f = this.fileName
    this.checkPopulationCount(populationCount)
    for (const extra of this.map.extraNhsNumbers) {
      w.push(
        `${f}: two NHS number columns, ${this.columnName(this.map.nhsNumber)} and ${this.columnName(extra)}; ` +
          `column ${columnLetter(this.map.nhsNumber)} is used (the two hold the same number on every row)`
      )
    }
    if (this.controlCharacterCells > 0) {
      w.push(
        `${f}: ${this.controlCharacterCells} field(s) had control characters removed (invisible characters such as terminal escape codes, ` +
          'which have no place in a name, address or code); the rest of each field was imported'
      )
    }
    const empty = this.out.preview.emptyRowsSkipped
    if (empty > 0) w.push(`${f}: ${empty} empty row(s) skipped (EMIS leaves an empty row for a confidential patient)`)
    if (this.unknownEvents > 0) {
      const examples = [...this.unknownExamples].map((e) => `"${e}"`).join(', ')
      w.push(`${f}: ${this.unknownEvents} event row(s) with codes Clinic Recall does not use were ignored (e.g. ${examples})`)
    }
    if (this.bpWithoutValue > 0) {
      w.push(`${f}: ${this.bpWithoutValue} blood pressure row(s) had no value (findings such as "Normal blood pressure") and are not readings`)
    }
    if (this.meanIgnored > 0) w.push(`${f}: ${this.meanIgnored} mean arterial pressure row(s) ignored (not used for targets)`)
    if (this.lsoaUnknown > 0) {
      const examples = [...this.lsoaExamples].map((e) => `"${e}"`).join(', ')
      w.push(
        `${f}: ${this.lsoaUnknown} LSOA code(s) are not English LSOA 2011/2021 codes in the Index of Multiple Deprivation ` +
          `(e.g. ${examples}); their IMD decile is left blank`
      )
    }
  }
}

/** BP Type column: clinic when blank (a reading of unknown setting counts as clinic). Null when unrecognised. */
function wideBpSetting(text: string): BpSetting | null {
  const t = text.trim().toLowerCase()
  if (t === '') return 'clinic'
  if (/home|self/.test(t)) return 'home'
  if (/ambulatory|abpm|24/.test(t)) return 'ambulatory'
  if (/clinic|surgery|practice|office|gp|nurse|hca/.test(t)) return 'clinic'
  return null
}

/** A BMI value as exported ("31.2", "31.2 kg/m2"); null when the cell holds no plausible BMI (10–100). */
function parseBmiValue(value: string): number | null {
  const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*(kg\/m2|kg\/m²)?\s*$/i.exec(value)
  if (!match) return null
  const bmi = Number(match[1])
  return bmi >= 10 && bmi <= 100 ? bmi : null
}
