// What a column of an export can be read as: the roles the importer knows (main/import/column-roles.ts
// gives each caption one) and the words the column-mapping screen shows for them. Shared because the
// renderer offers exactly these choices and main checks a chosen mapping against the same list.
import { clinicalConcepts, type ClinicalConcept } from './domain/clinical-concepts'

export const patientRoles = [
  'nhsNumber',
  'patient.emisNumber',
  'patient.title',
  'patient.familyName',
  'patient.givenName',
  'patient.fullName',
  'patient.dateOfBirth',
  'patient.age',
  'patient.sex',
  'patient.ethnicity',
  'patient.address.house',
  'patient.address.street',
  'patient.address.locality',
  'patient.address.town',
  'patient.address.county',
  'patient.address.line',
  'patient.postcode',
  'patient.mobile',
  'patient.homePhone',
  'patient.email',
  'patient.usualGp',
  'patient.registrationStatus',
  'patient.lsoa',
  'patient.lsoa2011',
  'patient.lsoa2021',
  'patient.mainLanguage',
  'patient.interpreterRequired'
] as const

export const eventRoles = ['event.date', 'event.code', 'event.term', 'event.value', 'event.unit'] as const
export const wideBpRoles = ['bp.systolic', 'bp.diastolic', 'bp.date', 'bp.systolicDate', 'bp.diastolicDate', 'bp.combined', 'bp.type'] as const

/** Registers a report may output as Y/N (or date) columns; the rest of the concepts come only from codes. */
export const flagConcepts = [
  'HYP',
  'DM',
  'CHD',
  'STIA',
  'PAD',
  'CKD',
  'AF',
  'HF',
  'AST',
  'COPD',
  'DEM',
  'DEP',
  'MH',
  'LD',
  'EP',
  'RA',
  'CAN',
  'OST',
  'NDH',
  'OBESE',
  'PALCARE'
] as const satisfies readonly ClinicalConcept[]

export type PatientRole = (typeof patientRoles)[number]
export type EventRole = (typeof eventRoles)[number]
export type WideBpRole = (typeof wideBpRoles)[number]
export type FlagRole = `flag.${ClinicalConcept}`
export type ColumnRoleName = PatientRole | EventRole | WideBpRole | FlagRole | 'ignored'

const roleLabels: Readonly<Record<PatientRole | EventRole | WideBpRole | 'ignored', string>> = {
  nhsNumber: 'NHS number',
  'patient.emisNumber': 'EMIS number',
  'patient.title': 'Title',
  'patient.familyName': 'Family name (surname)',
  'patient.givenName': 'Given name (forename)',
  'patient.fullName': 'Full name (e.g. SMITH, Jane (Mrs))',
  'patient.dateOfBirth': 'Date of birth',
  'patient.age': 'Age (not stored)',
  'patient.sex': 'Sex / gender',
  'patient.ethnicity': 'Ethnicity',
  'patient.address.house': 'Address: house name / flat',
  'patient.address.street': 'Address: number and street',
  'patient.address.locality': 'Address: locality',
  'patient.address.town': 'Address: town',
  'patient.address.county': 'Address: county',
  'patient.address.line': 'Address line',
  'patient.postcode': 'Postcode',
  'patient.mobile': 'Mobile telephone',
  'patient.homePhone': 'Home telephone',
  'patient.email': 'E-mail address',
  'patient.usualGp': 'Usual GP',
  'patient.registrationStatus': 'Registration status',
  'patient.lsoa': 'LSOA code (2011 or 2021, from the code)',
  'patient.lsoa2011': 'LSOA 2011 code (IMD 2019)',
  'patient.lsoa2021': 'LSOA 2021 code (IMD 2025)',
  'patient.mainLanguage': 'Main language',
  'patient.interpreterRequired': 'Interpreter required (Y/N)',
  'event.date': 'Coded event: date',
  'event.code': 'Coded event: SNOMED code',
  'event.term': 'Coded event: term',
  'event.value': 'Coded event: value (e.g. 145/92 or 145)',
  'event.unit': 'Coded event: unit',
  'bp.systolic': 'Systolic BP',
  'bp.diastolic': 'Diastolic BP',
  'bp.date': 'BP reading date',
  'bp.systolicDate': 'Systolic BP date',
  'bp.diastolicDate': 'Diastolic BP date',
  'bp.combined': 'Blood pressure in one cell (145/92)',
  'bp.type': 'BP type (clinic / home / ambulatory)',
  ignored: 'Not used'
}

/** Every role the mapping screen offers, in the order it offers them. */
export const columnRoleChoices: readonly ColumnRoleName[] = [
  'ignored',
  ...patientRoles,
  ...wideBpRoles,
  ...eventRoles,
  ...flagConcepts.map((c): FlagRole => `flag.${c}`)
]

export function isColumnRoleName(value: string): value is ColumnRoleName {
  return (columnRoleChoices as readonly string[]).includes(value)
}

/** Words for a role, e.g. `bp.systolic` → "Systolic BP", `flag.HYP` → "Register flag: Hypertension …". */
export function columnRoleLabel(role: string): string {
  if (role.startsWith('flag.')) {
    const concept = role.slice('flag.'.length)
    const name = Object.hasOwn(clinicalConcepts, concept) ? clinicalConcepts[concept as ClinicalConcept] : concept
    return `Register flag: ${name}`
  }
  return (roleLabels as Record<string, string>)[role] ?? role
}

/** A mapping must say which column holds the NHS number, and no single-valued role twice. */
export function mappingProblems(roles: readonly string[]): string[] {
  const problems: string[] = []
  const unknown = roles.filter((r) => !isColumnRoleName(r))
  if (unknown.length > 0) problems.push(`unknown column role(s): ${unknown.join(', ')}`)
  const nhs = roles.filter((r) => r === 'nhsNumber').length
  if (nhs === 0) problems.push('choose the column that holds the NHS number')
  if (nhs > 1) problems.push('only one column can be the NHS number')
  const counts = new Map<string, number>()
  for (const r of roles) if (r.startsWith('patient.') && r !== 'patient.address.line') counts.set(r, (counts.get(r) ?? 0) + 1)
  for (const [role, n] of counts) if (n > 1) problems.push(`"${columnRoleLabel(role)}" is chosen for ${n} columns; choose it for one`)
  return problems
}
