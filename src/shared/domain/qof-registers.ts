// The QOF registers the app uses, each with its own rule, in one place. Every register is built
// from the NHS Digital Primary Care Domain refsets shipped in resources/codelists (a starter list
// where no refset could be obtained: cancer, SMI remission, AF resolved) and these rules:
// - the latest diagnosis counts only while it is after the latest resolved code (a resolved code on
//   the same day as the diagnosis resolves it; a later diagnosis puts the patient back);
// - date floors: cancer diagnosed on or after 1 April 2003, palliative care recorded on or after
//   1 April 2008, depression's latest episode on or after 1 April 2006;
// - age floors on the as-of date (asthma 6, rheumatoid arthritis 16, diabetes 17, CKD, depression,
//   epilepsy, NDH, obesity, hypertension 18, osteoporosis 50);
// - palliative care "not clinically indicated" (PALCARENI_COD) dated after the latest palliative
//   code takes the patient off the palliative care register; on the same day it does not;
// - SMI remission (MHREM_COD) is a flag: it never takes a patient off the SMI register;
// - CKD stage 1–2 (CKD1AND2_COD) after the latest stage 3–5 code takes the patient off the CKD
//   register, as CKD resolved does;
// - NDH does not count for a patient on the diabetes register;
// - obesity: the latest BMI record in the 12 months to the as-of date is a BMI of 30 or more
//   (BMIVAL_COD with its value) or an obesity code (BMIOBESE_COD).
// Sources: the register rules described in the shared code-list notes (qof-utilities, OpenSAFELY
// disease_incidence, an ICB's published register definitions) and the NCL ICB re-implementation of
// the QOF v50 registers. What a rule needs that exports do not carry (asthma and epilepsy
// medication, lithium for SMI, COPD spirometry, fragility fracture and DXA for osteoporosis) is not
// applied: each register names what it leaves out, and the explanation shows it.
import { ageOn } from './age'
import type { ClinicalConcept } from './clinical-concepts'
import { describeEvent, knownBy } from './condition-status'
import { addMonthsIso } from './iso-date'
import type { CodedEvent } from './patient-record'
import { formatDateText } from '../format/staff-text'

export type RegisterId =
  | 'HYP'
  | 'DM'
  | 'CHD'
  | 'STIA'
  | 'PAD'
  | 'AF'
  | 'HF'
  | 'CKD'
  | 'AST'
  | 'COPD'
  | 'DEM'
  | 'DEP'
  | 'MH'
  | 'LD'
  | 'EP'
  | 'RA'
  | 'OST'
  | 'CAN'
  | 'NDH'
  | 'OBESE'
  | 'PALCARE'

export interface RegisterRule {
  id: RegisterId & ClinicalConcept
  name: string
  /** The clusters, in words, that put a patient on the register and take them off. */
  clusters: string
  diagnosis: readonly ClinicalConcept[]
  resolvedBy: readonly ClinicalConcept[]
  /** A resolving code on the diagnosis day: resolves (the general QOF rule) or not (palliative care). */
  sameDayResolves: boolean
  minAge: number | null
  /** The latest diagnosis must be on or after this date. */
  diagnosedOnOrAfter: string | null
  /** Off the register while this other register is active (NDH for a diabetic patient). */
  notWhileOn: RegisterId | null
  /** The register is read from BMI records, not from a diagnosis code. */
  fromBmi: boolean
  /** Made only from a starter list (no NHS Digital refset obtained): shown as such. */
  starterList: boolean
  source: string
  /** What the register's full rule needs that this app cannot check; '' when nothing. */
  notApplied: string
}

const rule = (r: Partial<RegisterRule> & Pick<RegisterRule, 'id' | 'name' | 'clusters' | 'source'>): RegisterRule => ({
  diagnosis: [r.id],
  resolvedBy: [],
  sameDayResolves: true,
  minAge: null,
  diagnosedOnOrAfter: null,
  notWhileOn: null,
  fromBmi: false,
  starterList: false,
  notApplied: '',
  ...r
})

export const qofRegisters: readonly RegisterRule[] = [
  rule({ id: 'HYP', name: 'Hypertension', clusters: 'HYP_COD, resolved by HYPRES_COD', resolvedBy: ['HYPRES'], minAge: 18, source: 'QOF HYP001' }),
  rule({ id: 'DM', name: 'Diabetes', clusters: 'DM_COD, resolved by DMRES_COD', resolvedBy: ['DMRES'], minAge: 17, source: 'QOF DM017' }),
  rule({ id: 'CHD', name: 'Coronary heart disease', clusters: 'CHD_COD (lifelong, no resolved code)', source: 'QOF CHD001' }),
  rule({ id: 'STIA', name: 'Stroke or TIA', clusters: 'STRK_COD or TIA_COD (lifelong)', source: 'QOF STIA001' }),
  rule({ id: 'PAD', name: 'Peripheral arterial disease', clusters: 'PAD_COD (lifelong)', source: 'QOF PAD001' }),
  rule({
    id: 'AF',
    name: 'Atrial fibrillation',
    clusters: 'AFIB_COD, resolved by AFIBRES_COD (starter list)',
    resolvedBy: ['AFIBRES'],
    source: 'QOF AF001'
  }),
  rule({ id: 'HF', name: 'Heart failure', clusters: 'HF_COD or HFLVSD_COD, resolved by HFRES_COD', resolvedBy: ['HFRES'], source: 'QOF HF001' }),
  rule({
    id: 'CKD',
    name: 'Chronic kidney disease (stage 3–5)',
    clusters: 'CKD_COD (stage 3–5); a later CKD1AND2_COD (stage 1–2) or CKDRES_COD takes the patient off',
    resolvedBy: ['CKD12', 'CKDRES'],
    minAge: 18,
    source: 'QOF CKD005'
  }),
  rule({
    id: 'AST',
    name: 'Asthma',
    clusters: 'AST_COD, resolved by ASTRES_COD',
    resolvedBy: ['ASTRES'],
    minAge: 6,
    source: 'QOF AST005',
    notApplied: 'asthma medication in the last 12 months (prescribing is not in the export)'
  }),
  rule({
    id: 'COPD',
    name: 'COPD',
    clusters: 'COPD_COD, resolved by COPDRES_COD',
    resolvedBy: ['COPDRES'],
    source: 'QOF COPD015',
    notApplied: 'spirometry confirmation (not in the export)'
  }),
  rule({ id: 'DEM', name: 'Dementia', clusters: 'DEM_COD (lifelong)', source: 'QOF DEM001' }),
  rule({
    id: 'DEP',
    name: 'Depression',
    clusters: 'DEPR_COD, resolved by DEPRES_COD; latest episode on or after 1 April 2006',
    resolvedBy: ['DEPRES'],
    minAge: 18,
    diagnosedOnOrAfter: '2006-04-01',
    source: 'QOF DEP003'
  }),
  rule({
    id: 'MH',
    name: 'Severe mental illness',
    clusters: 'MH_COD, even in remission (MHREM_COD is a flag only)',
    source: 'QOF MH001',
    notApplied: 'lithium therapy without a diagnosis (prescribing is not in the export)'
  }),
  rule({
    id: 'LD',
    name: 'Learning disability',
    clusters: 'LD_COD',
    source: 'QOF LD004',
    notApplied: 'learning disability removal codes (LDREM_COD, not available)'
  }),
  rule({
    id: 'EP',
    name: 'Epilepsy',
    clusters: 'EPIL_COD, resolved by EPILRES_COD',
    resolvedBy: ['EPILRES'],
    minAge: 18,
    source: 'QOF EP001',
    notApplied: 'an anti-epileptic drug in the last 6 months (prescribing is not in the export)'
  }),
  rule({ id: 'RA', name: 'Rheumatoid arthritis', clusters: 'RARTH_COD (lifelong)', minAge: 16, source: 'QOF RA001' }),
  rule({
    id: 'OST',
    name: 'Osteoporosis',
    clusters: 'OSTEO_COD',
    minAge: 50,
    source: 'QOF OST004',
    notApplied: 'a fragility fracture and, aged 50–74, a DXA scan (their codes are not in the shipped lists)'
  }),
  rule({
    id: 'CAN',
    name: 'Cancer',
    clusters: 'CAN_COD (starter list), diagnosed on or after 1 April 2003',
    diagnosedOnOrAfter: '2003-04-01',
    starterList: true,
    source: 'QOF CAN001'
  }),
  rule({
    id: 'NDH',
    name: 'Non-diabetic hyperglycaemia',
    clusters: 'NDH_COD, not while on the diabetes register',
    minAge: 18,
    notWhileOn: 'DM',
    source: 'QOF NDH001'
  }),
  rule({
    id: 'OBESE',
    name: 'Obesity',
    clusters: 'latest BMI in 12 months ≥ 30 (BMIVAL_COD value) or an obesity code (BMIOBESE_COD)',
    diagnosis: ['BMI', 'OBESE'],
    minAge: 18,
    fromBmi: true,
    source: 'QOF OB002'
  }),
  rule({
    id: 'PALCARE',
    name: 'Palliative care',
    clusters: 'PALCARE_COD on or after 1 April 2008; a later PALCARENI_COD ("not clinically indicated") takes the patient off',
    resolvedBy: ['PALCARENI'],
    sameDayResolves: false,
    diagnosedOnOrAfter: '2008-04-01',
    source: 'QOF PC001'
  })
]

const registersById = new Map<RegisterId, RegisterRule>(qofRegisters.map((r) => [r.id, r]))

export function registerRule(id: RegisterId): RegisterRule {
  const found = registersById.get(id)
  if (!found) throw new Error(`unknown register ${id}`)
  return found
}

/** A register's name in words ("HYP" → "Hypertension"); a code that is not a register is returned as it is. */
export function registerName(id: string): string {
  return registersById.get(id as RegisterId)?.name ?? id
}

export type RegisterOutcome =
  'on-register' | 'no-record' | 'resolved' | 'before-date-floor' | 'under-age' | 'on-other-register' | 'bmi-below-30' | 'no-recent-bmi'

export interface RegisterStatus {
  register: RegisterId
  active: boolean
  outcome: RegisterOutcome
  /** The record that decided (latest diagnosis, or latest BMI record); null when none. */
  evidence: CodedEvent | null
  /** The latest resolving record when there is one. */
  resolution: CodedEvent | null
  /** The deciding record was recognised only by its exported term: "matched by term — check". */
  matchedByTerm: boolean
}

/** Undated records (register flag columns) sort before every dated one (see condition-status.ts). */
function latestOf(events: readonly CodedEvent[]): CodedEvent | null {
  let best: CodedEvent | null = null
  for (const e of events) if (best === null || (e.date ?? '') > (best.date ?? '')) best = e
  return best
}

function status(register: RegisterId, outcome: RegisterOutcome, evidence: CodedEvent | null, resolution: CodedEvent | null = null): RegisterStatus {
  return { register, active: outcome === 'on-register', outcome, evidence, resolution, matchedByTerm: evidence?.matchedBy === 'term' }
}

/**
 * One register on the as-of date for a patient's coded events (only records known by asOf count).
 * `dateOfBirth` gives the age floor; without one the floor cannot be checked and is not applied
 * (the cohorts that count registers ask for an adult separately).
 */
export function registerStatus(
  id: RegisterId,
  events: readonly CodedEvent[],
  asOf: string,
  dateOfBirth: string | null,
  byConcept?: ReadonlyMap<ClinicalConcept, readonly CodedEvent[]>
): RegisterStatus {
  const r = registerRule(id)
  // The records of these concepts known by asOf: each concept's in record order, concepts in the
  // rule's order. A plain loop: every cohort build asks this of each candidate for each register
  // exclusion, and most have no such record, so nothing is allocated beyond the (usually empty) list.
  const of = (concepts: readonly ClinicalConcept[]) => {
    const found: CodedEvent[] = []
    for (const c of concepts) {
      for (const e of byConcept ? (byConcept.get(c) ?? []) : events) if (e.concept === c && knownBy(e, asOf)) found.push(e)
    }
    return found
  }
  const diagnoses = of(r.diagnosis)
  if (diagnoses.length === 0) return status(id, 'no-record', null)

  if (r.fromBmi) return obesityStatus(r, diagnoses, asOf, dateOfBirth)

  // The date floor applies to dated records; a register flag column is the practice system's own say.
  const sinceFloor = r.diagnosedOnOrAfter ? diagnoses.filter((e) => e.date === null || e.date >= (r.diagnosedOnOrAfter as string)) : diagnoses
  const latestAny = latestOf(diagnoses)
  const diagnosis = latestOf(sinceFloor)
  if (!diagnosis) return status(id, 'before-date-floor', latestAny)

  const resolution = latestOf(of(r.resolvedBy))
  if (resolution) {
    const d = diagnosis.date ?? ''
    const res = resolution.date ?? ''
    const resolved = r.sameDayResolves ? res >= d : res > d
    if (resolved) return status(id, 'resolved', diagnosis, resolution)
  }

  const age = ageOn(dateOfBirth, asOf)
  if (r.minAge !== null && age !== null && age < r.minAge) return status(id, 'under-age', diagnosis, resolution)

  if (r.notWhileOn && registerStatus(r.notWhileOn, events, asOf, dateOfBirth, byConcept).active) {
    return status(id, 'on-other-register', diagnosis, resolution)
  }
  return status(id, 'on-register', diagnosis, resolution)
}

function obesityStatus(r: RegisterRule, records: readonly CodedEvent[], asOf: string, dateOfBirth: string | null): RegisterStatus {
  const age = ageOn(dateOfBirth, asOf)
  // A register flag column (an undated "yes") is the practice system's own say, as for every register.
  const flag = records.find((e) => e.date === null && e.concept === 'OBESE')
  if (flag) return status(r.id, r.minAge !== null && age !== null && age < r.minAge ? 'under-age' : 'on-register', flag)
  const from = addMonthsIso(asOf, -12)
  // A BMI code without a value says nothing about obesity; an undated record is not "in 12 months".
  const recent = records.filter((e) => e.date !== null && e.date > from && (e.concept === 'OBESE' || typeof e.value === 'number'))
  const latest = latestOf(recent)
  if (!latest) return status(r.id, 'no-recent-bmi', latestOf(records))
  const sameDay = recent.filter((e) => e.date === latest.date)
  const obese = sameDay.find((e) => e.concept === 'OBESE' || (typeof e.value === 'number' && e.value >= 30))
  if (!obese) return status(r.id, 'bmi-below-30', latest)
  if (r.minAge !== null && age !== null && age < r.minAge) return status(r.id, 'under-age', obese)
  return status(r.id, 'on-register', obese)
}

/** The register's status in one sentence, naming its rule and source. */
export function describeRegisterStatus(s: RegisterStatus): string {
  const r = registerRule(s.register)
  const evidence = s.evidence ? describeEvent(s.evidence) : ''
  const gap = r.notApplied ? `; not checked: ${r.notApplied}` : ''
  const starter = r.starterList ? ' (starter code list, not the NHS refset)' : ''
  const tail = ` [${r.source}: ${r.clusters}${starter}${gap}]`
  switch (s.outcome) {
    case 'on-register':
      return `${r.name}: on the register — ${evidence}${s.resolution ? `, after ${describeEvent(s.resolution)}` : ''}${tail}`
    case 'no-record':
      return `${r.name}: no record${tail}`
    case 'resolved':
      return `${r.name}: off the register — ${s.resolution ? describeEvent(s.resolution) : 'resolved'} after the latest diagnosis ${evidence}${tail}`
    case 'before-date-floor':
      return `${r.name}: off the register — the latest diagnosis ${evidence} is before ${formatDateText(r.diagnosedOnOrAfter ?? '')}${tail}`
    case 'under-age':
      return `${r.name}: off the register — under ${r.minAge} (${evidence})${tail}`
    case 'on-other-register':
      return `${r.name}: off the register — on the ${registerRule(r.notWhileOn as RegisterId).name.toLowerCase()} register instead (${evidence})${tail}`
    case 'bmi-below-30':
      return `${r.name}: off the register — latest BMI record ${evidence} is below 30${tail}`
    case 'no-recent-bmi':
      return `${r.name}: off the register — no BMI value or obesity code in the 12 months to the as-of date${tail}`
    default: {
      const never: never = s.outcome
      throw new Error(`unhandled register outcome ${String(never)}`)
    }
  }
}
