// What a coded row in an export means. The SNOMED CT code is looked up in the NHS Digital Primary
// Care Domain reference sets shipped in resources/codelists (one per QOF cluster: HYP_COD, BP_COD,
// CHD_COD, STRK_COD … — what each does for its register is in qof-registers.ts) and in the
// OpenSAFELY ethnicity list. A code in a list always decides, whatever term the export gives it; a
// code may sit in several lists (a hypertensive CKD code is in HYP_COD and CKD_COD) and then counts
// for each. Only a row whose code is in no list (or that has no code) is read from its term, and
// such a match is marked `via: 'term'` so the app can show it as "matched by term — check".
// What a BP code measures (clinic reading, home average, ABPM daytime / 24-hour / night-time
// average, or a summary such as a minimum) comes from its BP_COD term (bp-measures.ts).
import { type BpMeasureClass, bpMeasureFromTerm, lowerTerm as lower } from './bp-measures'
import type { ClinicalConcept } from './clinical-concepts'
import type { EthnicCategory } from './ethnicity'
import type { BpSetting } from './patient-record'
import { emptyEthnicityLibrary, mapEthnicity, normaliseEthnicityText, type EthnicityLibrary } from './ethnicity-mapping'

export const codeClusters = [
  'HYP_COD',
  'HYPRES_COD',
  'BP_COD',
  'HOMEBP_COD',
  'BPDEC_COD',
  'HTMAX_COD',
  'HYPPCADEC_COD',
  'HYPPCAPU_COD',
  'HYPINVITE_COD',
  'DM_COD',
  'DMRES_COD',
  'CHD_COD',
  'STRK_COD',
  'TIA_COD',
  'PAD_COD',
  'AFIB_COD',
  'AFIBRES_COD',
  'HF_COD',
  'HFLVSD_COD',
  'HFRES_COD',
  'CKD_COD',
  'CKD1AND2_COD',
  'CKDRES_COD',
  'AST_COD',
  'ASTRES_COD',
  'COPD_COD',
  'COPDRES_COD',
  'DEM_COD',
  'DEPR_COD',
  'DEPRES_COD',
  'MH_COD',
  'MHREM_COD',
  'LD_COD',
  'EPIL_COD',
  'EPILRES_COD',
  'RARTH_COD',
  'OSTEO_COD',
  'CAN_COD',
  'PALCARE_COD',
  'PALCARENI_COD',
  'NDH_COD',
  'BMIVAL_COD',
  'BMIOBESE_COD'
] as const
export type CodeCluster = (typeof codeClusters)[number]

/** The clusters that hold BP readings; every other cluster is one clinical concept. */
export const bpClusters: readonly CodeCluster[] = ['BP_COD', 'HOMEBP_COD']
type ConceptCluster = Exclude<CodeCluster, 'BP_COD' | 'HOMEBP_COD'>

/**
 * Clusters for which no NHS Digital refset could be obtained: the app ships a starter list for each
 * (resources/codelists/starter-*.csv) and says so wherever the cluster is shown.
 */
export const starterClusters: readonly CodeCluster[] = ['CAN_COD', 'MHREM_COD', 'AFIBRES_COD']

/** Each non-BP cluster is one clinical concept. STRK_COD and TIA_COD make one register; so do HF_COD and HFLVSD_COD. */
export const clusterConcept: Readonly<Record<ConceptCluster, ClinicalConcept>> = {
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
  STRK_COD: 'STIA',
  TIA_COD: 'STIA',
  PAD_COD: 'PAD',
  AFIB_COD: 'AF',
  AFIBRES_COD: 'AFIBRES',
  HF_COD: 'HF',
  HFLVSD_COD: 'HF',
  HFRES_COD: 'HFRES',
  CKD_COD: 'CKD',
  CKD1AND2_COD: 'CKD12',
  CKDRES_COD: 'CKDRES',
  AST_COD: 'AST',
  ASTRES_COD: 'ASTRES',
  COPD_COD: 'COPD',
  COPDRES_COD: 'COPDRES',
  DEM_COD: 'DEM',
  DEPR_COD: 'DEP',
  DEPRES_COD: 'DEPRES',
  MH_COD: 'MH',
  MHREM_COD: 'MHREM',
  LD_COD: 'LD',
  EPIL_COD: 'EP',
  EPILRES_COD: 'EPILRES',
  RARTH_COD: 'RA',
  OSTEO_COD: 'OST',
  CAN_COD: 'CAN',
  PALCARE_COD: 'PALCARE',
  PALCARENI_COD: 'PALCARENI',
  NDH_COD: 'NDH',
  BMIVAL_COD: 'BMI',
  BMIOBESE_COD: 'OBESE'
}

/**
 * A term as a lookup key: lower case, single spaces, British and American spellings folded
 * together (the refsets mix "ischaemic" and "ischemic", "tumour" and "tumor"), and EMIS's "O/E - "
 * read as "On examination - ".
 */
export function termKey(term: string): string {
  return term
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^o\/e\s*-\s*/, 'on examination - ')
    .replace(/ae/g, 'e')
    .replace(/oe/g, 'e')
    .replace(/our/g, 'or')
    .replace(/[.\s]+$/, '')
}

export interface CodeLibraryEntry {
  /** Every cluster the code is in (most codes are in one). */
  clusters: readonly CodeCluster[]
  /** Its term in the first reference set that lists it. */
  term: string
}

export interface CodeLibrary {
  /** SNOMED CT concept id → the clusters it belongs to and its reference-set term. */
  codes: ReadonlyMap<string, CodeLibraryEntry>
  /** Reference-set term (termKey) → code, for rows exported with a term but no code. */
  codesByTerm: ReadonlyMap<string, string>
  ethnicity: EthnicityLibrary
  /** Identifies the lists' content (a hash made where the files are read); '' for a library built in code. */
  version?: string
}

export function buildCodeLibrary(
  lists: ReadonlyArray<{ cluster: CodeCluster; rows: ReadonlyArray<{ code: string; term: string }> }>,
  ethnicity: EthnicityLibrary = emptyEthnicityLibrary
): CodeLibrary {
  const codes = new Map<string, { clusters: CodeCluster[]; term: string }>()
  const codesByTerm = new Map<string, string>()
  for (const list of lists) {
    for (const row of list.rows) {
      const code = row.code.trim()
      if (code === '') continue
      const known = codes.get(code)
      if (known) {
        if (!known.clusters.includes(list.cluster)) known.clusters.push(list.cluster)
        continue
      }
      codes.set(code, { clusters: [list.cluster], term: row.term.trim() })
      const key = termKey(row.term)
      if (!codesByTerm.has(key)) codesByTerm.set(key, code)
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
      /** What the code measures: only some kinds can be the current BP (bp-measures.ts). */
      measure: BpMeasureClass
      /** Rows with the same key on the same patient, date and setting pair into one reading. */
      pairingKey: string
      via: 'code' | 'term'
    }
  | { kind: 'concept'; concepts: readonly ClinicalConcept[]; via: 'code' | 'term' }
  | { kind: 'ethnicity'; category: EthnicCategory | null; via: 'code' | 'term' }
  | { kind: 'unknown' }

/** Home readings: "Average home systolic…", "Self measured blood pressure reading" (NICE NG136 1.2.3). */
export function bpSettingFromTerm(term: string): BpSetting {
  return bpMeasureFromTerm(term).setting
}

export function bpComponentFromTerm(term: string): BpComponent {
  const t = lower(term)
  if (/systolic/.test(t)) return 'systolic'
  if (/diastolic/.test(t)) return 'diastolic'
  if (/\bmean\b/.test(t)) return 'mean'
  return 'both'
}

/**
 * Words that tell apart several readings of one kind on one day (ABPM average vs maximum, day vs
 * night vs 24 hours, standing vs sitting): a systolic pairs with the diastolic of the same measure
 * carrying the same words.
 */
const pairingWords = ['average', 'minimum', 'maximum', 'baseline', 'standing', 'sitting', 'lying', 'day', 'night', '24', 'post']
export function bpPairingKey(term: string, measure: BpMeasureClass = bpMeasureFromTerm(term)): string {
  const words = new Set(lower(term).split(/[^a-z0-9]+/))
  return [measure.measure, ...pairingWords.filter((w) => words.has(w))].join('+')
}

// --- term fallback: only for a row whose code is in no list ---------------------------------

/** A term that reports something other than having the condition (screening, advice, family history…). */
const notADiagnosis =
  /\b(family history|fh:|history of|h\/o|screening|suspected|at risk|risk of|excluded|exclusion|no |not |review|monitoring|annual|invitation|invite|letter|advice|education|declined|refused|referral|clinic|leaflet|questionnaire|resolved)\b/
/**
 * The same, for CHD and stroke/TIA, whose refsets hold "History of myocardial infarction" and
 * "History of transient ischaemic attack": a personal history is the register condition there.
 */
const notADiagnosisAllowingHistory =
  /\b(family history|fh:|screening|suspected|at risk|risk of|excluded|exclusion|no |not |review|monitoring|annual|invitation|invite|letter|advice|education|declined|refused|referral|clinic|leaflet|questionnaire|resolved)\b/

/** Measurement terms mention a pressure; care-process terms about BP never count as a reading. */
const bpMeasurement = /systolic|diastolic|blood pressure|arterial pressure|\bbp\b|o\/e - bp/
const notABpMeasurement =
  /refus|declin|dissent|unsuitable|tolerated|hypertens|invit|letter|monitoring|education|advice|review|disorder|leaflet|clinic|procedure|^high blood pressure$/

type Guard = 'none' | 'diagnosis' | 'diagnosis-or-history'

/**
 * Condition terms (order matters: the first match wins). Resolutions and care-process terms come
 * before the diagnoses, so "Hypertension resolved" is never read as a diagnosis of hypertension and
 * "Palliative care not clinically indicated" never as palliative care.
 */
const termConcepts: ReadonlyArray<[RegExp, ClinicalConcept | readonly ClinicalConcept[], Guard]> = [
  [/hypertension resolved/, 'HYPRES', 'none'],
  [/diabetes resolved/, 'DMRES', 'none'],
  [/atrial fibrillation resolved/, 'AFIBRES', 'none'],
  [/asthma resolved/, 'ASTRES', 'none'],
  [/(copd|chronic obstructive pulmonary disease) resolved/, 'COPDRES', 'none'],
  [/depression resolved/, 'DEPRES', 'none'],
  [/epilepsy resolved/, 'EPILRES', 'none'],
  [/heart failure resolved/, 'HFRES', 'none'],
  [/(chronic kidney disease|\bckd) resolved/, 'CKDRES', 'none'],
  [/chronic kidney disease stage [12]\b|\bckd (stage )?g?[12]\b|chronic kidney disease with glomerular filtration rate category g[12]\b/, 'CKD12', 'none'],
  // "Schizophrenia in remission" records the illness itself (MH_COD holds such codes) and a
  // remission flag; remission never takes a patient off the SMI register.
  [/(schizophreni|bipolar|psychosis|psychotic|severe mental illness).*remission/, ['MH', 'MHREM'], 'none'],
  [/palliative care not (currently )?clinically indicated|not suitable for end of life/, 'PALCARENI', 'none'],
  [/hypertension.*(informed dissent)|informed dissent.*hypertension/, 'HYPPCADEC', 'none'],
  [/hypertension.*(patient unsuitable)|unsuitable.*hypertension/, 'HYPPCAPU', 'none'],
  [/maximal tolerated antihypertensive/, 'HTMAX', 'none'],
  [/blood pressure.*(refused|declined)|(refused|declined).*blood pressure/, 'BPDEC', 'none'],
  [/hypertension (monitoring|quality indicator).*(invit|letter|invite|text message|email)|hypertension.*invitation/, 'HYPINVITE', 'none'],
  // Other "hypertensions" and "diabetes" that are not the QOF register conditions.
  [/^(?!.*\b(pulmonary|ocular|intracranial|portal|white coat|gestational)\b).*(hypertension|hypertensive)|^high blood pressure$/, 'HYP', 'diagnosis'],
  [/non-?diabetic hyperglyc|pre-?diabet|impaired fasting glyc|impaired glucose tolerance/, 'NDH', 'diagnosis'],
  [/^(?!.*\b(pre-?diabet\w*|gestational|insipidus)\b).*(diabetes mellitus|type [12] diabetes|diabetic|^diabetes$)/, 'DM', 'diagnosis'],
  [/palliative care|end of life care|gold standards framework/, 'PALCARE', 'none'],
  [/ischaemic heart disease|coronary (heart|artery) disease|angina|myocardial infarct/, 'CHD', 'diagnosis-or-history'],
  [/stroke|transient ischaemic attack|cerebrovascular accident|cerebral infarct|lacunar infarct/, 'STIA', 'diagnosis-or-history'],
  [/peripheral (arterial|vascular) disease/, 'PAD', 'diagnosis'],
  [/chronic kidney disease stage [345]|\bckd (stage )?(g?[345])/, 'CKD', 'diagnosis'],
  [/atrial (fibrillation|flutter)/, 'AF', 'diagnosis'],
  [/heart failure|left ventricular systolic dysfunction/, 'HF', 'diagnosis'],
  [/asthma/, 'AST', 'diagnosis'],
  [/chronic obstructive|\bcopd\b|chronic bronchitis|emphysema/, 'COPD', 'diagnosis'],
  [/dementia|alzheimer/, 'DEM', 'diagnosis'],
  [/depression|depressive (disorder|episode)/, 'DEP', 'diagnosis'],
  [/schizophreni|bipolar|psychosis|psychotic disorder/, 'MH', 'diagnosis'],
  [/learning disabilit|intellectual disabilit/, 'LD', 'diagnosis'],
  [/epilepsy/, 'EP', 'diagnosis'],
  [/rheumatoid arthritis/, 'RA', 'diagnosis'],
  [/osteoporosis/, 'OST', 'diagnosis'],
  [/\bobes(e|ity)\b|body mass index (30|40)\+/, 'OBESE', 'diagnosis'],
  [/^(body mass index|bmi)( - observation)?$/, 'BMI', 'none'],
  // CAN_COD leaves out non-melanoma skin cancer and in-situ disease (the starter list's rule too).
  [/^(?!.*(basal cell|non-melanoma|in situ|benign)).*(malignant|carcinoma|cancer|lymphoma|leuka?emia|melanoma|sarcoma|myeloma)/, 'CAN', 'diagnosis']
]

function guardBlocks(guard: Guard, term: string): boolean {
  if (guard === 'diagnosis') return notADiagnosis.test(term)
  if (guard === 'diagnosis-or-history') return notADiagnosisAllowingHistory.test(term)
  return false
}

function classifyTerm(term: string, library: CodeLibrary): EventClassification {
  const t = lower(term)
  if (t === '') return { kind: 'unknown' }

  // The exact term of a reference-set code (a row exported without its code).
  const code = library.codesByTerm.get(termKey(term))
  const entry = code === undefined ? undefined : library.codes.get(code)
  if (entry) return classifyCode(entry, term, 'term')

  if (bpMeasurement.test(t) && !notABpMeasurement.test(t)) {
    const measure = bpMeasureFromTerm(t)
    return { kind: 'bp', component: bpComponentFromTerm(t), setting: measure.setting, measure, pairingKey: bpPairingKey(t, measure), via: 'term' }
  }

  for (const [pattern, concept, guard] of termConcepts) {
    if (pattern.test(t) && !guardBlocks(guard, t)) return { kind: 'concept', concepts: typeof concept === 'string' ? [concept] : concept, via: 'term' }
  }

  if (library.ethnicity.byTerm.has(normaliseEthnicityText(term))) {
    return { kind: 'ethnicity', category: mapEthnicity(term, library.ethnicity), via: 'term' }
  }
  return { kind: 'unknown' }
}

function classifyCode(entry: CodeLibraryEntry, exportedTerm: string, via: 'code' | 'term'): EventClassification {
  if (!entry.clusters.some((c) => bpClusters.includes(c))) {
    const concepts = [...new Set(entry.clusters.map((c) => clusterConcept[c as ConceptCluster]))]
    return { kind: 'concept', concepts, via }
  }
  // The reference-set term is authoritative; a generic code ("Blood pressure") may carry a
  // practice's more specific term in the export ("Average home systolic"), so that is read too.
  let component = bpComponentFromTerm(entry.term)
  if (component === 'both') component = bpComponentFromTerm(exportedTerm)
  let measure = bpMeasureFromTerm(entry.term)
  if (measure.measure === 'clinic') measure = bpMeasureFromTerm(exportedTerm)
  return { kind: 'bp', component, setting: measure.setting, measure, pairingKey: bpPairingKey(entry.term, measure), via }
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
