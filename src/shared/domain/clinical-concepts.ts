// The clinical concepts the app reasons about. A coded event from an export is classified into one
// of these (from its SNOMED code via the code lists in resources/codelists, else from its term or a
// register flag column). Names follow the QOF cluster names (clinical-reference §4.1, §6.2).
export const clinicalConcepts = {
  HYP: 'Hypertension diagnosis (HYP_COD)',
  HYPRES: 'Hypertension resolved (HYPRES_COD)',
  BPDEC: 'Blood pressure procedure refused (BPDEC_COD)',
  HTMAX: 'Maximal tolerated antihypertensive therapy (HTMAX_COD)',
  HYPPCADEC: 'Hypertension quality indicators: informed dissent (HYPPCADEC_COD)',
  HYPPCAPU: 'Hypertension quality indicators: patient unsuitable (HYPPCAPU_COD)',
  HYPINVITE: 'Hypertension monitoring invitation (HYPINVITE_COD)',
  DM: 'Diabetes diagnosis (DM_COD)',
  DMRES: 'Diabetes resolved (DMRES_COD)',
  CHD: 'Coronary heart disease',
  STIA: 'Stroke or transient ischaemic attack',
  PAD: 'Peripheral arterial disease',
  CKD: 'Chronic kidney disease (stage 3–5)',
  AF: 'Atrial fibrillation',
  HF: 'Heart failure',
  AST: 'Asthma',
  COPD: 'Chronic obstructive pulmonary disease',
  DEM: 'Dementia',
  DEP: 'Depression',
  MH: 'Severe mental illness',
  LD: 'Learning disability',
  EP: 'Epilepsy',
  RA: 'Rheumatoid arthritis',
  CAN: 'Cancer',
  // Resolution of a register condition (QOF resolved clusters, clinical-reference §4.1): the
  // condition counts only while its latest diagnosis is after its latest resolution.
  AFIBRES: 'Atrial fibrillation resolved (AFIBRES_COD)',
  ASTRES: 'Asthma resolved (ASTRES_COD)',
  CKDRES: 'Chronic kidney disease resolved or downstaged to stage 1–2 (CKDRES_COD, CKD1AND2_COD)',
  COPDRES: 'COPD resolved (COPDRES_COD)',
  DEPRES: 'Depression resolved (DEPRES_COD)',
  EPILRES: 'Epilepsy resolved (EPILRES_COD)',
  HFRES: 'Heart failure resolved (HFRES_COD)',
  MHREM: 'Severe mental illness in remission (MHREM_COD)',
  PALCARE: 'Palliative care',
  REGISTERED: 'Registered at the practice'
} as const

export type ClinicalConcept = keyof typeof clinicalConcepts

export function isClinicalConcept(value: string): value is ClinicalConcept {
  return Object.hasOwn(clinicalConcepts, value)
}
