// Which column caption means what:
// EMIS Web list-report captions, SystmOne Breakdown captions and the common aliases, matched
// case-insensitively with surrounding spaces ignored. A caption names a role; the reader never
// keys on caption text after this point, so duplicate captions (repeated column groups) are fine.
import type { ClinicalConcept } from '../../../shared/domain/clinical-concepts'
import type { ColumnRoleName } from '../../../shared/import-column-roles'

export type { ColumnRoleName, EventRole, FlagRole, PatientRole, WideBpRole } from '../../../shared/import-column-roles'

/** Lower case, single spaces, straight apostrophes, no spaces around "/": how captions are compared. */
export function normaliseCaption(caption: string): string {
  return (
    caption
      .replace(/[\u2018\u2019`]/g, "'")
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/\s*\/\s*/g, ' / ')
      .trim()
      // "NHS No:" / "Date of Birth:" — a label's colon is not part of the caption.
      .replace(/\s*:$/, '')
  )
}

const aliases: ReadonlyArray<[ColumnRoleName, string[]]> = [
  ['nhsNumber', ['nhs number', 'nhs no', 'nhs no.', 'nhsnumber', 'nhs_number', 'nhs num', 'patient nhs number']],
  ['patient.emisNumber', ['emis number', 'emis no', 'emis no.', 'emis patient number', 'emis id']],
  ['patient.title', ['title']],
  ['patient.familyName', ['family name', 'surname', 'last name', 'lastname', 'family_name']],
  ['patient.givenName', ['calling name', 'given name', 'given names', 'forename', 'forenames', 'first name', 'firstname', 'first names']],
  ['patient.fullName', ['full name', 'name', 'patient name', 'patient full name', "patient's full name", 'patient details']],
  ['patient.dateOfBirth', ['date of birth', 'dob', 'birth date', 'd.o.b.', 'd.o.b', 'birthdate']],
  ['patient.age', ['age', 'age in years', 'age (years)', 'age years']],
  ['patient.sex', ['gender', 'sex']],
  ['patient.ethnicity', ['ethnicity', 'ethnic origin', 'ethnic category', 'ethnic group', 'ethnicity description', 'latest ethnicity']],
  ['patient.address.house', ['house name / flat number', 'house name', 'flat number', 'house name or flat number']],
  ['patient.address.street', ['number and street', 'street', 'house number and street']],
  ['patient.address.locality', ['locality', 'village', 'district']],
  ['patient.address.town', ['town', 'post town', 'city', 'town / city']],
  ['patient.address.county', ['county']],
  [
    'patient.address.line',
    [
      'address',
      'address line 1',
      'address line 2',
      'address line 3',
      'address line 4',
      'address line 5',
      'address 1',
      'address 2',
      'address 3',
      'address 4',
      'address 5',
      'full address'
    ]
  ],
  ['patient.postcode', ['postcode', 'post code', 'postal code', 'postcode (full)']],
  ['patient.mobile', ['mobile telephone', 'telecom number', 'mobile', 'mobile number', 'mobile phone', 'mobile telephone number', 'mobile phone number']],
  ['patient.homePhone', ['home telephone', 'home phone', 'home telephone number', 'telephone', 'telephone number', 'phone', 'phone number']],
  ['patient.email', ['e-mail address', 'email', 'email address', 'e-mail']],
  ['patient.usualGp', ["usual gp's full name", 'usual gp', 'usual gp name', 'registered gp', "usual gp's name"]],
  ['patient.registrationStatus', ['registration status', 'reg status', 'registration state']],
  // The caption's year says which LSOA geography (and so which IMD) the codes belong to.
  ['patient.lsoa', ['lsoa', 'lsoa code', 'lower layer super output area']],
  ['patient.lsoa2011', ['lsoa 2011', 'lsoa11', 'lsoa 2011 code', 'lsoa11cd', 'london_lower_area_2011', 'lower layer super output area 2011', 'lsoa (2011)']],
  ['patient.lsoa2021', ['lsoa 2021', 'lsoa21', 'lsoa 2021 code', 'lsoa21cd', 'lower layer super output area 2021', 'lsoa (2021)']],
  ['patient.mainLanguage', ['main language', 'language', 'main spoken language', 'first language', 'preferred language']],
  ['patient.interpreterRequired', ['interpreter required', 'interpreter needed', 'requires interpreter', 'interpreter']],
  ['event.date', ['date', 'event date', 'effective date', 'date of event', 'code date', 'recorded date']],
  [
    'event.code',
    [
      'code',
      'snomed code',
      'snomed ct code',
      'snomed ct concept id',
      'concept id',
      'snomed concept id',
      'snomedct code',
      'snomed',
      'read code',
      'clinical code'
    ]
  ],
  ['event.term', ['code term', 'term', 'description', 'rubric', 'code description', 'snomed term', 'code term text']],
  ['event.value', ['value', 'numeric value', 'result', 'result value', 'value 1']],
  ['event.unit', ['unit', 'numeric unit', 'units']],
  ['bp.systolic', ['systolic bp', 'systolic', 'systolic blood pressure', 'sbp', 'latest systolic bp', 'last systolic bp']],
  ['bp.diastolic', ['diastolic bp', 'diastolic', 'diastolic blood pressure', 'dbp', 'latest diastolic bp', 'last diastolic bp']],
  ['bp.date', ['bp date', 'blood pressure date', 'date of bp', 'bp reading date', 'latest bp date', 'last bp date']],
  ['bp.systolicDate', ['systolic bp date', 'systolic date', 'sbp date', 'systolic blood pressure date']],
  ['bp.diastolicDate', ['diastolic bp date', 'diastolic date', 'dbp date', 'diastolic blood pressure date']],
  ['bp.combined', ['blood pressure', 'bp', 'bp reading', 'latest bp', 'last bp', 'blood pressure reading']],
  ['bp.type', ['bp type', 'blood pressure type', 'bp setting', 'bp location', 'bp source']]
]

/** Register flag columns (a report outputting registers as columns): caption → concept. */
const flagAliases: ReadonlyArray<[ClinicalConcept, string[]]> = [
  ['HYP', ['hypertension', 'hypertension (hyp)', 'hyp']],
  ['DM', ['diabetes', 'diabetes mellitus', 'dm']],
  ['CHD', ['chd', 'coronary heart disease', 'ischaemic heart disease', 'ihd']],
  ['STIA', ['stroke', 'stroke / tia', 'stroke or tia', 'stroke and tia', 'stia']],
  ['PAD', ['pad', 'peripheral arterial disease']],
  ['CKD', ['ckd', 'chronic kidney disease']],
  ['AF', ['af', 'atrial fibrillation']],
  ['HF', ['hf', 'heart failure']],
  ['AST', ['asthma', 'ast']],
  ['COPD', ['copd', 'chronic obstructive pulmonary disease']],
  ['DEM', ['dementia', 'dem']],
  ['DEP', ['depression', 'dep']],
  ['MH', ['mental health', 'smi', 'severe mental illness', 'mh']],
  ['LD', ['learning disability', 'learning disabilities', 'ld']],
  ['EP', ['epilepsy', 'ep']],
  ['RA', ['rheumatoid arthritis', 'ra']],
  ['CAN', ['cancer', 'can']],
  ['OST', ['osteoporosis', 'ost', 'osteo']],
  ['NDH', ['ndh', 'non-diabetic hyperglycaemia', 'non diabetic hyperglycaemia', 'pre-diabetes', 'prediabetes']],
  ['OBESE', ['obesity', 'obese', 'ob']],
  ['PALCARE', ['palliative care', 'palliative', 'palcare']]
]

/** Captions known to be in EMIS/SystmOne exports but not used: shown as ignored with a reason. */
const knownIgnored: ReadonlyMap<string, string> = new Map([
  ['organisation code', 'practice code: not needed'],
  ['organisation name', 'practice name: not needed'],
  ['work telephone', 'work numbers are not used for invitations'],
  ["user details' full name", 'who recorded the event: not needed'],
  ['episode (first, new...)', 'episode type: not needed'],
  ['associated text', 'free text is not imported'],
  ['patient id', 'SystmOne internal id (an NHS Number column is present)']
])

const roleIndex: ReadonlyMap<string, ColumnRoleName> = (() => {
  const index = new Map<string, ColumnRoleName>()
  for (const [role, names] of aliases) for (const name of names) index.set(normaliseCaption(name), role)
  return index
})()

const flagIndex: ReadonlyMap<string, ClinicalConcept> = (() => {
  const index = new Map<string, ClinicalConcept>()
  for (const [concept, names] of flagAliases) for (const name of names) index.set(normaliseCaption(name), concept)
  return index
})()

/** Words around a register name in flag captions: "On Hypertension Register", "Diabetes flag (Y/N)". */
function flagConcept(normalised: string): ClinicalConcept | null {
  const stripped = normalised
    .replace(/\((y \/ n|yes \/ no|true \/ false)\)/g, ' ')
    .replace(/\b(on|register|flag|qof|diagnosis|diagnosed|status)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return flagIndex.get(stripped) ?? null
}

export interface CaptionRole {
  role: ColumnRoleName
  /** For "Group's Field" captions (`Blood Pressure's Date`): the group's name, read as a term. */
  group?: string
  note?: string
}

/** True when this caption can hold NHS numbers: how the header row is found. */
/** SystmOne names a Breakdown field by its path, `Demographics -> NHS Number`: [path, field]. */
function fieldPath(caption: string): [string, string] | null {
  const m = /^(.+?)\s*->\s*([^>]+)$/.exec(caption.trim())
  return m ? [(m[1] ?? '').trim(), (m[2] ?? '').trim()] : null
}

export function isNhsNumberCaption(caption: string): boolean {
  const n = normaliseCaption(caption)
  if (roleIndex.get(n) === 'nhsNumber' || n === 'patient id') return true
  const path = fieldPath(caption)
  return path !== null && isNhsNumberCaption(path[1])
}

export function roleForCaption(caption: string): CaptionRole {
  const n = normaliseCaption(caption)
  if (n === '') return { role: 'ignored', note: 'empty caption (trailing comma)' }
  const direct = roleIndex.get(n)
  if (direct === 'patient.age') return { role: direct, note: 'not stored: the date of birth gives the age' }
  if (direct) return { role: direct }
  // pandas re-saves duplicate captions as "Date.1", "Date.2".
  const unsuffixed = n.replace(/\.\d+$/, '')
  const again = roleIndex.get(unsuffixed)
  if (again && unsuffixed !== n) return { role: again }
  const flag = flagConcept(n)
  if (flag) return { role: `flag.${flag}`, note: 'register flag column (Y/N, True/False or a date)' }
  const ignored = knownIgnored.get(n)
  if (ignored !== undefined) return { role: 'ignored', note: ignored }
  // EMIS "Group's Field" captions: the field says the role, the group names what was recorded.
  const split = /^(.+)'s (.+)$/.exec(caption.trim().replace(/[\u2018\u2019`]/g, "'"))
  if (split) {
    const field = roleIndex.get(normaliseCaption(split[2] ?? ''))
    if (field && field.startsWith('event.')) return { role: field, group: (split[1] ?? '').trim() }
  }
  // SystmOne "Demographics -> NHS Number": the last step names the field; for an event field the
  // path before it (`Blood pressure -> Value`) says what was recorded, like an EMIS group name.
  const path = fieldPath(caption)
  if (path) {
    const field = roleForCaption(path[1])
    if (field.role.startsWith('event.')) return { ...field, group: path[0].split('->').pop()?.trim() ?? path[0] }
    if (field.role !== 'ignored') return field
  }
  return { role: 'ignored', note: 'not used by Clinic Recall' }
}
