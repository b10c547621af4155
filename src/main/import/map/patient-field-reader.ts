// A patient row's demographic cells → the patient's fields as the patients table stores them:
// names (a full-name column split when there are no separate ones), date of birth and sex checked,
// ethnicity mapped to its category, address lines, postcode, LSOA → IMD decile, interpreter. A
// cell that cannot be read is rejected and the field left out (or blank), never guessed.
import { mapEthnicity } from '../../../shared/domain/ethnicity-mapping'
import { ageOn, parseUkDate } from '../../../shared/domain/uk-date'
import type { PatientDraft, PatientFields } from '../import-types'
import type { ColumnRoleName } from './column-roles'
import { imdDecileFor, normaliseLsoaCode, type LsoaGeography } from './imd-lookup'
import type { ColumnMap } from './map-columns'
import { normalisePostcode, normaliseSex, parseFullName, parseYesNo } from './patient-fields'
import type { ReadOptions } from './read-options'
import { addressRoles, type RowCells } from './row-cells'
import { formatDateText } from '../../../shared/format/staff-text'

/** The oldest age accepted as a real date of birth; an older one is rejected as implausible. */
export const maximumPlausibleAge = 120

export class PatientFieldReader {
  private lsoaUnknown = 0
  private readonly lsoaExamples = new Set<string>()
  /** The address columns in file order, found once rather than on every patient row. */
  private readonly addressIndexes: readonly number[]

  constructor(
    private readonly row: RowCells,
    map: ColumnMap,
    private readonly options: ReadOptions
  ) {
    this.addressIndexes = addressRoles.flatMap((r) => map.patient.get(r) ?? []).sort((a, b) => a - b)
  }

  /** The date of birth and sex cells as written in the file (conflicts are reported with these). */
  exportedConflictCells(): PatientDraft['exported'] {
    const dateOfBirth = this.row.patientCell('patient.dateOfBirth')?.value
    const sex = this.row.patientCell('patient.sex')?.value
    // Set one by one, not spread from two new objects: this runs for every patient row.
    const exported: NonNullable<PatientDraft['exported']> = {}
    if (dateOfBirth) exported.dateOfBirth = dateOfBirth
    if (sex) exported.sex = sex
    return exported
  }

  /** The patient's fields from this row: a key only for a column the file has (null when its cell is blank). */
  readFields(): Partial<PatientFields> {
    const fields: Partial<PatientFields> = {}
    const text = (role: ColumnRoleName, key: keyof PatientFields) => {
      const c = this.row.patientCell(role)
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

    const fullName = this.row.patientCell('patient.fullName')
    if (fullName && fullName.value !== '') {
      const parts = parseFullName(fullName.value)
      if (!('title' in fields)) fields.title = parts.title
      if (!('givenName' in fields)) fields.givenName = parts.givenName
      if (!('familyName' in fields)) fields.familyName = parts.familyName
    }

    const dob = this.row.patientCell('patient.dateOfBirth')
    if (dob) {
      const parsed = parseUkDate(dob.value)
      if (!parsed.ok) this.row.reject(dob.index, `date of birth ${parsed.reason}; left blank`)
      else if (parsed.date !== null && parsed.date > this.options.today) {
        this.row.reject(dob.index, `date of birth ${formatDateText(parsed.date)} is in the future; left blank`)
      } else if (parsed.date !== null && ageOn(parsed.date, this.options.today) > maximumPlausibleAge) {
        this.row.reject(dob.index, `date of birth ${formatDateText(parsed.date)} gives an age over ${maximumPlausibleAge}; left blank`)
      } else fields.dateOfBirth = parsed.date
    }

    const sex = this.row.patientCell('patient.sex')
    if (sex) {
      if (sex.value === '') fields.sex = null
      else {
        const normalised = normaliseSex(sex.value)
        if (normalised === null) this.row.reject(sex.index, `gender "${sex.value}" is not Male, Female, Unknown or Indeterminate; left unchanged`)
        else fields.sex = normalised
      }
    }

    const ethnicity = this.row.patientCell('patient.ethnicity')
    if (ethnicity) {
      fields.ethnicityText = ethnicity.value === '' ? null : ethnicity.value
      fields.ethnicityCategory = ethnicity.value === '' ? null : mapEthnicity(ethnicity.value, this.options.library.ethnicity)
    }

    if (this.addressIndexes.length > 0) {
      fields.addressLines = this.addressIndexes.flatMap((i) => this.row.addressLines(i) ?? [this.row.cell(i)]).filter((v) => v !== '')
    }

    const postcode = this.row.patientCell('patient.postcode')
    if (postcode) fields.postcode = postcode.value === '' ? null : normalisePostcode(postcode.value)

    this.readLsoa(fields)

    const interpreter = this.row.patientCell('patient.interpreterRequired')
    if (interpreter) {
      if (interpreter.value === '') fields.interpreterRequired = null
      else {
        const yes = parseYesNo(interpreter.value)
        if (yes === null) this.row.reject(interpreter.index, `"${interpreter.value}" is not Yes or No; left unchanged`)
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
      const c = this.row.patientCell(role)
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

  /** What the preview says about the file's patient cells once every row is read. */
  warnings(f: string): string[] {
    const w: string[] = []
    if (this.lsoaUnknown > 0) {
      const examples = [...this.lsoaExamples].map((e) => `"${e}"`).join(', ')
      w.push(
        `${f}: ${this.lsoaUnknown} LSOA code(s) are not English LSOA 2011/2021 codes in the Index of Multiple Deprivation ` +
          `(e.g. ${examples}); their IMD decile is left blank`
      )
    }
    return w
  }
}
