// Reads the code lists shipped in resources/codelists (see SOURCES.md there) into the pure
// CodeLibrary that shared/domain/clinical-codes.ts classifies with. Loaded once per process: the
// files change only with a new release.
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { resourcesPath } from '../resources-path'
import { buildCodeLibrary, type CodeCluster, type CodeLibrary } from '../../shared/domain/clinical-codes'
import { buildEthnicityLibrary } from '../../shared/domain/ethnicity-mapping'

/** Which file holds which QOF cluster (NHS Digital Primary Care Domain reference sets). */
export const codeListFiles: Readonly<Record<CodeCluster, string>> = {
  HYP_COD: 'nhsd-primary-care-domain-refsets-hyp_cod.csv',
  HYPRES_COD: 'nhsd-primary-care-domain-refsets-hypres_cod.csv',
  BP_COD: 'nhsd-primary-care-domain-refsets-bp_cod.csv',
  BPDEC_COD: 'nhsd-primary-care-domain-refsets-bpdec_cod.csv',
  HTMAX_COD: 'nhsd-primary-care-domain-refsets-htmax_cod.csv',
  HYPPCADEC_COD: 'nhsd-primary-care-domain-refsets-hyppcadec_cod.csv',
  HYPPCAPU_COD: 'nhsd-primary-care-domain-refsets-hyppcapu_cod.csv',
  HYPINVITE_COD: 'nhsd-primary-care-domain-refsets-hypinvite_cod.csv',
  DM_COD: 'nhsd-primary-care-domain-refsets-dm_cod-20250912.csv',
  DMRES_COD: 'nhsd-primary-care-domain-refsets-dmres_cod.csv',
  // Starter subsets (a few SNOMED CT concepts each, see SOURCES.md): to be replaced by the refsets.
  CHD_COD: 'starter-chd_cod.csv',
  STIA_COD: 'starter-stia_cod.csv',
  PAD_COD: 'starter-pad_cod.csv',
  CKD_COD: 'starter-ckd_cod.csv',
  AFIB_COD: 'starter-afib_cod.csv',
  HF_COD: 'starter-hf_cod.csv',
  AST_COD: 'starter-ast_cod.csv',
  ASTRES_COD: 'starter-astres_cod.csv',
  COPD_COD: 'starter-copd_cod.csv',
  DEM_COD: 'starter-dem_cod.csv',
  DEPR_COD: 'starter-depr_cod.csv',
  MH_COD: 'starter-mh_cod.csv',
  LD_COD: 'starter-ld_cod.csv',
  EPIL_COD: 'starter-epil_cod.csv',
  RARTH_COD: 'starter-rarth_cod.csv',
  CAN_COD: 'starter-can_cod.csv',
  PALCARE_COD: 'starter-palcare_cod.csv'
}

export const ethnicityListFile = 'opensafely-ethnicity-snomed-0removed.csv'

export function readCsvRecords(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' })
  return parsed.data
}

let cached: CodeLibrary | null = null

export function loadCodeLibrary(): CodeLibrary {
  if (cached) return cached
  const lists = (Object.keys(codeListFiles) as CodeCluster[]).map((cluster) => ({
    cluster,
    rows: readCsvRecords(resourcesPath('codelists', codeListFiles[cluster])).map((r) => ({
      code: r.code ?? '',
      term: r.term ?? ''
    }))
  }))
  const ethnicity = buildEthnicityLibrary(
    readCsvRecords(resourcesPath('codelists', ethnicityListFile)).map((r) => ({
      code: (r.snomedcode ?? '').trim(),
      term: r.Ethnicity ?? '',
      grouping16: Number(r.Grouping_16)
    }))
  )
  cached = buildCodeLibrary(lists, ethnicity)
  return cached
}
