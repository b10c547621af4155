// What a coded row in an export means. The SNOMED CT code is looked up in the NHS Digital Primary
// Care Domain reference sets the QOF hypertension and diabetes indicators use (HYP_COD, HYPRES_COD,
// BP_COD, BPDEC_COD, HTMAX_COD, HYPPCADEC_COD, HYPPCAPU_COD, HYPINVITE_COD, DM_COD, DMRES_COD;
// clinical-reference §6.2, export-formats.md "Codes inside exports") and in the OpenSAFELY
// ethnicity list. When the code is missing or not in a list, the term text decides, so exports
// without a code column still work. Systolic vs diastolic, and clinic vs home vs ambulatory, come
// from the BP_COD term words (the user-made systolic/diastolic lists are incomplete; they are kept
// only as regression examples in the tests).
import type { ClinicalConcept } from './clinical-concepts'
import type { EthnicCategory } from './ethnicity'
import type { BpSetting } from './patient-record'
import { emptyEthnicityLibrary, mapEthnicity, normaliseEthnicityText, type EthnicityLibrary } from './ethnicity-mapping'

export const codeClusters = [
  'HYP_COD',
  'HYPRES_COD',
  'BP_COD',
  'BPDEC_COD',
  'HTMAX_COD',
  'HYPPCADEC_COD',
  'HYPPCAPU_COD',
  'HYPINVITE_COD',
  'DM_COD',
  'DMRES_COD',
  // The other QOF registers (clinical-reference §4.1): starter subsets shipped in resources/codelists
  // (starter-*.csv, see SOURCES.md) until the NHS Digital refsets replace them; terms are the fallback.
  'CHD_COD',
  'STIA_COD',
  'PAD_COD',
  'CKD_COD',
  'AFIB_COD',
  'HF_COD',
  'AST_COD',
  'ASTRES_COD',
  'COPD_COD',
  'DEM_COD',
  'DEPR_COD',
  'MH_COD',
  'LD_COD',
  'EPIL_COD',
  'RARTH_COD',
  'CAN_COD',
  'PALCARE_COD'
] as const
export type CodeCluster = (typeof codeClusters)[number]

/** Each non-BP cluster is one clinical concept (QOF cluster name without `_COD`). */
export const clusterConcept: Readonly<Record<Exclude<CodeCluster, 'BP_COD'>, ClinicalConcept>> = {
  HYP_COD: 'HYP',
  HYPRES_COD: 'HYPRES',
  BPDEC_COD: 'BPDEC',
  HTMAX_COD: 'HTMAX',
  HYPPCADEC_COD: 'HYPPCADEC',
  HYPPCAPU_COD: 'HYPPCAPU',
  HYPINVITE_COD: 'HYPINVITE',
  DM_COD: 'DM',
  DMRES_COD: 'DMRES',
  CHD_COD: 'CHD',
  STIA_COD: 'STIA',
  PAD_COD: 'PAD',
  CKD_COD: 'CKD',
  AFIB_COD: 'AF',
  HF_COD: 'HF',
  AST_COD: 'AST',
  ASTRES_COD: 'ASTRES',
  COPD_COD: 'COPD',
  DEM_COD: 'DEM',
  DEPR_COD: 'DEP',
  MH_COD: 'MH',
  LD_COD: 'LD',
  EPIL_COD: 'EP',
  RARTH_COD: 'RA',
  CAN_COD: 'CAN',
  PALCARE_COD: 'PALCARE'
}

const lower = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

export interface CodeLibrary {
  /** SNOMED CT concept id → the cluster it belongs to and its term in the reference set. */
  codes: ReadonlyMap<string, { cluster: CodeCluster; term: string }>
  /** Lower-cased reference-set term → code, for rows exported with a term but no code. */
  codesByTerm: ReadonlyMap<string, string>
  ethnicity: EthnicityLibrary
}

export function buildCodeLibrary(
  lists: ReadonlyArray<{ cluster: CodeCluster; rows: ReadonlyArray<{ code: string; term: string }> }>,
  ethnicity: EthnicityLibrary = emptyEthnicityLibrary
): CodeLibrary {
  const codes = new Map<string, { cluster: CodeCluster; term: string }>()
  const codesByTerm = new Map<string, string>()
  for (const list of lists) {
    for (const row of list.rows) {
      const code = row.code.trim()
      if (code === '' || codes.has(code)) continue
      codes.set(code, { cluster: list.cluster, term: row.term.trim() })
      const term = lower(row.term)
      if (!codesByTerm.has(term)) codesByTerm.set(term, code)
    }
  }
  return { codes, codesByTerm, ethnicity }
}

export type BpComponent = 'systolic' | 'diastolic' | 'both' | 'mean'

export type EventClassification =
  | {
      kind: 'bp'
      /** `both`: a whole reading is expected in the value (`145/92`); `mean`: mean arterial pressure (not used). */
      component: BpComponent
      setting: BpSetting
      /** Rows with the same key on the same patient, date and setting pair into one reading. */
      pairingKey: string
      via: 'code' | 'term'
    }
  | { kind: 'concept'; concept: ClinicalConcept; via: 'code' | 'term' }
  | { kind: 'ethnicity'; category: EthnicCategory | null; via: 'code' | 'term' }
  | { kind: 'unknown' }

/** Home readings: "Average home systolic…", "Self measured blood pressure reading" (NICE NG136 1.2.3). */
export function bpSettingFromTerm(term: string): BpSetting {
  const t = lower(term)
  if (/\bhome\b|self[- ]measured|self[- ]monitor/.test(t)) return 'home'
  if (/ambulatory|24 hour|24hr|24-hour|day interval|night interval|\babpm\b/.test(t)) return 'ambulatory'
  return 'clinic'
}

export function bpComponentFromTerm(term: string): BpComponent {
  const t = lower(term)
  if (/systolic/.test(t)) return 'systolic'
  if (/diastolic/.test(t)) return 'diastolic'
  if (/\bmean\b/.test(t)) return 'mean'
  return 'both'
}

/**
 * Words that tell apart several readings of one kind on one day (ambulatory average vs maximum,
 * standing vs sitting): a systolic pairs with the diastolic carrying the same words.
 */
const pairingWords = ['average', 'minimum', 'maximum', 'baseline', 'standing', 'sitting', 'lying', 'day', 'night', 'post']
export function bpPairingKey(term: string): string {
  const words = new Set(lower(term).split(/[^a-z0-9]+/))
  return pairingWords.filter((w) => words.has(w)).join('+')
}

// --- term fallback ---------------------------------------------------------------------------

/** A term that reports something other than having the condition (history, screening, advice…). */
const notADiagnosis =
  /\b(family history|fh:|history of|h\/o|screening|suspected|at risk|risk of|excluded|exclusion|no |not |review|monitoring|annual|invitation|invite|letter|advice|education|declined|refused|referral|clinic|leaflet|questionnaire|resolved)\b/

/** Measurement terms mention a pressure; care-process terms about BP never count as a reading. */
const bpMeasurement = /systolic|diastolic|blood pressure|arterial pressure|\bbp\b|o\/e - bp/
const notABpMeasurement = /refus|declin|dissent|unsuitable|tolerated|hypertens|invit|letter|monitoring|education|advice|review|disorder|leaflet|clinic|procedure|^high blood pressure$/

/**
 * Condition terms (order matters: the first match wins). The HYP/DM care-process terms come first
 * so "Hypertension resolved" is never read as a diagnosis of hypertension.
 */
const termConcepts: ReadonlyArray<[RegExp, ClinicalConcept, boolean]> = [
  // [pattern, concept, applies the "not a diagnosis" guard]
  [/hypertension resolved/, 'HYPRES', false],
  [/diabetes resolved/, 'DMRES', false],
  // Resolution terms of the registers QOF lets resolve (clinical-reference §4.1: AFIBRES, ASTRES,
  // CKD downstaged to stage 1–2, COPDRES, DEPRES, EPILRES, HFRES, MHREM), before the diagnoses.
  [/atrial fibrillation resolved/, 'AFIBRES', false],
  [/asthma resolved/, 'ASTRES', false],
  [/(copd|chronic obstructive pulmonary disease) resolved/, 'COPDRES', false],
  [/depression resolved/, 'DEPRES', false],
  [/epilepsy resolved/, 'EPILRES', false],
  [/heart failure resolved/, 'HFRES', false],
  [/(schizophreni|bipolar|psychosis|psychotic|severe mental illness|mental health).*(in remission|remission)/, 'MHREM', false],
  [/chronic kidney disease (resolved|stage [12]\b)|\bckd (resolved|(stage )?g?[12]\b)/, 'CKDRES', false],
  [/hypertension.*(informed dissent)|informed dissent.*hypertension/, 'HYPPCADEC', false],
  [/hypertension.*(patient unsuitable)|unsuitable.*hypertension/, 'HYPPCAPU', false],
  [/maximal tolerated antihypertensive/, 'HTMAX', false],
  [/blood pressure.*(refused|declined)|(refused|declined).*blood pressure/, 'BPDEC', false],
  [/hypertension (monitoring|quality indicator).*(invit|letter|invite|text message|email)|hypertension.*invitation/, 'HYPINVITE', false],
  // Other "hypertensions" and "diabetes" that are not the QOF register conditions.
  [/^(?!.*\b(pulmonary|ocular|intracranial|portal|white coat|gestational)\b).*(hypertension|hypertensive)|^high blood pressure$/, 'HYP', true],
  [/^(?!.*\b(pre-?diabet\w*|gestational|insipidus)\b).*(diabetes mellitus|type [12] diabetes|diabetic|^diabetes$)/, 'DM', true],
  [/palliative care|end of life care|gold standards framework/, 'PALCARE', false],
  [/ischaemic heart disease|coronary (heart|artery) disease|angina|myocardial infarction/, 'CHD', true],
  [/stroke|transient ischaemic attack|cerebrovascular accident/, 'STIA', true],
  [/peripheral (arterial|vascular) disease/, 'PAD', true],
  [/chronic kidney disease stage [345]|\bckd (stage )?(g?[345])/, 'CKD', true],
  [/atrial fibrillation/, 'AF', true],
  [/heart failure/, 'HF', true],
  [/asthma/, 'AST', true],
  [/chronic obstructive|\bcopd\b/, 'COPD', true],
  [/dementia|alzheimer/, 'DEM', true],
  [/depression|depressive (disorder|episode)/, 'DEP', true],
  [/schizophreni|bipolar|psychosis|psychotic disorder/, 'MH', true],
  [/learning disabilit|intellectual disabilit/, 'LD', true],
  [/epilepsy/, 'EP', true],
  [/rheumatoid arthritis/, 'RA', true],
  // QOF CAN_COD leaves out non-melanoma skin cancer and in-situ disease (a starter approximation).
  [/^(?!.*(basal cell|non-melanoma|in situ|benign)).*(malignant|carcinoma|cancer|lymphoma|leuka?emia|melanoma|sarcoma|myeloma)/, 'CAN', true]
]

function classifyTerm(term: string, library: CodeLibrary): EventClassification {
  const t = lower(term)
  if (t === '') return { kind: 'unknown' }

  // The exact term of a reference-set code (a row exported without its code).
  const code = library.codesByTerm.get(t)
  const entry = code === undefined ? undefined : library.codes.get(code)
  if (entry) return classifyCode(entry, term, 'term')

  if (bpMeasurement.test(t) && !notABpMeasurement.test(t)) {
    return { kind: 'bp', component: bpComponentFromTerm(t), setting: bpSettingFromTerm(t), pairingKey: bpPairingKey(t), via: 'term' }
  }

  for (const [pattern, concept, guarded] of termConcepts) {
    if (pattern.test(t) && !(guarded && notADiagnosis.test(t))) return { kind: 'concept', concept, via: 'term' }
  }

  if (library.ethnicity.byTerm.has(normaliseEthnicityText(term))) {
    return { kind: 'ethnicity', category: mapEthnicity(term, library.ethnicity), via: 'term' }
  }
  return { kind: 'unknown' }
}

function classifyCode(
  entry: { cluster: CodeCluster; term: string },
  exportedTerm: string,
  via: 'code' | 'term'
): EventClassification {
  if (entry.cluster !== 'BP_COD') return { kind: 'concept', concept: clusterConcept[entry.cluster], via }
  // The reference-set term is authoritative; a generic code ("Blood pressure") may carry a
  // practice's more specific term in the export, so that is read too.
  let component = bpComponentFromTerm(entry.term)
  if (component === 'both') component = bpComponentFromTerm(exportedTerm)
  let setting = bpSettingFromTerm(entry.term)
  if (setting === 'clinic') setting = bpSettingFromTerm(exportedTerm)
  return { kind: 'bp', component, setting, pairingKey: bpPairingKey(entry.term), via }
}

/**
 * Classifies one event row. `code` is the SNOMED CT concept id as exported ('' when the export has
 * no code column); `term` the code's term as exported.
 */
export function classifyEvent(library: CodeLibrary, code: string, term: string): EventClassification {
  const c = code.trim()
  if (c !== '') {
    const entry = library.codes.get(c)
    if (entry) return classifyCode(entry, term, 'code')
    const ethnicity = library.ethnicity.byCode.get(c)
    if (ethnicity !== undefined) return { kind: 'ethnicity', category: ethnicity, via: 'code' }
  }
  return classifyTerm(term, library)
}
