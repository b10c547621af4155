// The clinical concepts the app reasons about. A coded event from an export is classified into one
// of these (from its SNOMED code via the code lists in resources/codelists, else from its term or a
// register flag column). Names follow the QOF cluster names.
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
  CHD: 'Coronary heart disease (CHD_COD)',
  STIA: 'Stroke or transient ischaemic attack (STRK_COD, TIA_COD)',
  PAD: 'Peripheral arterial disease (PAD_COD)',
  CKD: 'Chronic kidney disease stage 3–5 (CKD_COD)',
  AF: 'Atrial fibrillation (AFIB_COD)',
  HF: 'Heart failure (HF_COD, HFLVSD_COD)',
  AST: 'Asthma (AST_COD)',
  COPD: 'Chronic obstructive pulmonary disease (COPD_COD)',
  DEM: 'Dementia (DEM_COD)',
  DEP: 'Depression (DEPR_COD)',
  MH: 'Severe mental illness (MH_COD)',
  LD: 'Learning disability (LD_COD)',
  EP: 'Epilepsy (EPIL_COD)',
  RA: 'Rheumatoid arthritis (RARTH_COD)',
  CAN: 'Cancer (CAN_COD, starter list)',
  OST: 'Osteoporosis (OSTEO_COD)',
  NDH: 'Non-diabetic hyperglycaemia (NDH_COD)',
  BMI: 'Body mass index recorded (BMIVAL_COD)',
  OBESE: 'Obesity or BMI 30+ recorded (BMIOBESE_COD)',
  // Resolution of a register condition (QOF resolved clusters): the
  // condition counts only while its latest diagnosis is after its latest resolution.
  AFIBRES: 'Atrial fibrillation resolved (AFIBRES_COD, starter list)',
  ASTRES: 'Asthma resolved (ASTRES_COD)',
  CKDRES: 'Chronic kidney disease resolved (CKDRES_COD)',
  CKD12: 'Chronic kidney disease stage 1–2 (CKD1AND2_COD): downstaged below the register',
  COPDRES: 'COPD resolved (COPDRES_COD)',
  DEPRES: 'Depression resolved (DEPRES_COD)',
  EPILRES: 'Epilepsy resolved (EPILRES_COD)',
  HFRES: 'Heart failure resolved (HFRES_COD)',
  // A flag only: remission never takes a patient off the SMI register.
  MHREM: 'Severe mental illness in remission (MHREM_COD, starter list)',
  PALCARE: 'Palliative care (PALCARE_COD)',
  PALCARENI: 'Palliative care not clinically indicated (PALCARENI_COD)',
  REGISTERED: 'Registered at the practice'
} as const

export type ClinicalConcept = keyof typeof clinicalConcepts

export function isClinicalConcept(value: string): value is ClinicalConcept {
  return Object.hasOwn(clinicalConcepts, value)
}
