// The code lists Clinic Recall ships, as the Code library (Settings) and `clinic-recall codes list`
// show them: cluster, what the app uses it for, where it comes from and which version, how many
// codes, which file. The files are whatever load-code-library.ts loads, so this never disagrees with
// what the importer classifies with; the words for each cluster are kept here. Whether a list is a
// starter list comes from the one place that says so (starterClusters in clinical-codes.ts).
import type { CodeListInfoT } from '../../shared/contract'
import { type CodeCluster, starterClusters } from '../../shared/domain/clinical-codes'
import { shippedCodeLists } from './load-code-library'

interface ClusterWords {
  purpose: string
  /** OpenCodelists version of the refset shipped (resources/codelists/SOURCES.md). */
  version?: string
}

// Versions as recorded where the files were taken from (the project's CLUSTERS.md and SOURCES.md).
const clusterWords: Readonly<Record<CodeCluster, ClusterWords>> = {
  HYP_COD: { purpose: 'Hypertension register: a diagnosis of hypertension', version: 'hyp_cod/20210127' },
  HYPRES_COD: {
    purpose: 'Hypertension resolved: takes a patient off the hypertension register when recorded after the diagnosis',
    version: 'hypres_cod/20200812'
  },
  BP_COD: { purpose: 'Blood pressure readings: clinic, home and ambulatory values and summaries', version: 'bp_cod/20200812' },
  HOMEBP_COD: { purpose: 'Home blood pressure readings and home averages', version: 'homebp_cod/20200812' },
  BPDEC_COD: { purpose: 'Blood pressure check declined: a QOF exception', version: 'bpdec_cod/20200812' },
  HTMAX_COD: { purpose: 'Maximal tolerated blood pressure treatment: a QOF exception', version: 'htmax_cod/20200812' },
  HYPPCADEC_COD: { purpose: 'Hypertension care declined (informed dissent): a QOF exception', version: 'hyppcadec_cod/20200812' },
  HYPPCAPU_COD: { purpose: 'Hypertension care unsuitable for the patient: a QOF exception', version: 'hyppcapu_cod/20200812' },
  HYPINVITE_COD: { purpose: 'Hypertension review invitations recorded in the clinical system', version: 'hypinvite_cod/20200812' },
  DM_COD: { purpose: 'Diabetes register: a diagnosis of diabetes', version: 'dm_cod/20250912' },
  DMRES_COD: { purpose: 'Diabetes resolved: takes a patient off the diabetes register', version: 'version not stated (same content as dmres_cod/20200812)' },
  CHD_COD: { purpose: 'Coronary heart disease register', version: 'chd_cod/20260630' },
  STRK_COD: { purpose: 'Stroke and TIA register: stroke diagnoses', version: 'strk_cod/20250912' },
  TIA_COD: { purpose: 'Stroke and TIA register: transient ischaemic attack', version: 'tia_cod/1625df86' },
  PAD_COD: { purpose: 'Peripheral arterial disease register', version: 'pad_cod/07d8032c' },
  AFIB_COD: { purpose: 'Atrial fibrillation register', version: 'afib_cod/20250912' },
  AFIBRES_COD: { purpose: 'Atrial fibrillation resolved: takes a patient off the atrial fibrillation register' },
  HF_COD: { purpose: 'Heart failure register', version: 'hf_cod/20250912' },
  HFLVSD_COD: { purpose: 'Heart failure register: left ventricular systolic dysfunction', version: 'hflvsd_cod/44634425' },
  HFRES_COD: { purpose: 'Heart failure resolved: takes a patient off the heart failure register', version: 'hfres_cod/627991fd' },
  CKD_COD: { purpose: 'Chronic kidney disease register: CKD stages 3 to 5', version: 'ckd_cod/5fd801cc' },
  CKD1AND2_COD: { purpose: 'CKD stages 1 and 2: recorded after stage 3 to 5, takes a patient off the CKD register', version: 'ckd1and2_cod/20250912' },
  CKDRES_COD: { purpose: 'Chronic kidney disease resolved: takes a patient off the CKD register', version: 'ckdres_cod/305aab93' },
  AST_COD: { purpose: 'Asthma register', version: 'ast_cod/20250627' },
  ASTRES_COD: { purpose: 'Asthma resolved: takes a patient off the asthma register', version: 'astres_cod/20250627' },
  COPD_COD: { purpose: 'COPD register', version: 'copd_cod/20250912' },
  COPDRES_COD: { purpose: 'COPD resolved: takes a patient off the COPD register', version: 'copdres_cod/20250627' },
  DEM_COD: { purpose: 'Dementia register', version: 'dem_cod/20250912' },
  DEPR_COD: { purpose: 'Depression register', version: 'depr_cod/477e1261' },
  DEPRES_COD: { purpose: 'Depression resolved: takes a patient off the depression register', version: 'depres_cod/1369b693' },
  MH_COD: { purpose: 'Severe mental illness register: schizophrenia, bipolar disorder and other psychoses', version: 'mh_cod/20210127' },
  MHREM_COD: { purpose: 'Severe mental illness in remission: shown, but never takes a patient off the register' },
  LD_COD: { purpose: 'Learning disability register', version: 'ld_cod/20241205' },
  EPIL_COD: { purpose: 'Epilepsy register', version: 'epil_cod/20260630' },
  EPILRES_COD: { purpose: 'Epilepsy resolved: takes a patient off the epilepsy register', version: 'epilres_cod/26b50493' },
  RARTH_COD: { purpose: 'Rheumatoid arthritis register', version: 'rarth_cod/20260630' },
  OSTEO_COD: { purpose: 'Osteoporosis diagnosis', version: 'osteo_cod/20250912' },
  CAN_COD: { purpose: 'Cancer register: diagnoses from 1 April 2003' },
  PALCARE_COD: { purpose: 'Palliative care register: from 1 April 2008', version: 'palcare_cod/20200812' },
  PALCARENI_COD: {
    purpose: 'Palliative care not clinically indicated: recorded after a palliative care code, takes a patient off that register',
    version: 'palcareni_cod/20200812'
  },
  NDH_COD: { purpose: 'Non-diabetic hyperglycaemia', version: 'ndh_cod/20200812' },
  BMIVAL_COD: { purpose: 'Body mass index values (obesity)', version: 'bmival_cod/20250912' },
  BMIOBESE_COD: { purpose: 'Obesity and BMI category codes (obesity)', version: 'bmiobese_cod/20250912' }
}

export const starterListSource = 'Starter list — not the NHS refset, check with a clinician'

/** A refset file named with its release date (…-dm_cod-20250912.csv) says its own version. */
function versionFromFileName(cluster: string, file: string): string | null {
  const date = /-(\d{8})\.csv$/i.exec(file)?.[1]
  return date ? `${cluster.toLowerCase()}/${date}` : null
}

function describe(cluster: CodeCluster, file: string, codes: number): CodeListInfoT {
  const words = clusterWords[cluster]
  if (starterClusters.includes(cluster)) {
    return { cluster, purpose: words.purpose, kind: 'starter', source: starterListSource, version: null, codes, file }
  }
  const version = words.version ?? versionFromFileName(cluster, file)
  const source = `NHS Digital Primary Care Domain refset${version ? ` (OpenCodelists ${version})` : ''}`
  return { cluster, purpose: words.purpose, kind: 'nhs-refset', source, version, codes, file }
}

let cached: CodeListInfoT[] | null = null

/** In the order load-code-library.ts loads them, the ethnicity list last. */
export function codeListCatalogue(): CodeListInfoT[] {
  if (cached) return cached
  const shipped = shippedCodeLists()
  const lists = shipped.lists.map((l) => describe(l.cluster, l.file, l.rows.filter((r) => r.code.trim() !== '').length))
  lists.push({
    cluster: 'ETHNICITY',
    purpose: 'Ethnicity recorded as a code: the 16 census groups, used for the Black African and Caribbean cohort',
    kind: 'other',
    source: 'OpenSAFELY ethnicity list (OpenCodelists opensafely/ethnicity-snomed-0removed/2e641f61), not an NHS Digital refset',
    version: 'opensafely/ethnicity-snomed-0removed/2e641f61',
    codes: shipped.ethnicity.rows.filter((r) => (r.snomedcode ?? '').trim() !== '').length,
    file: shipped.ethnicity.file
  })
  cached = lists
  return lists
}
