// Reads the code lists shipped in resources/codelists (see SOURCES.md there) into the pure
// CodeLibrary that shared/domain/clinical-codes.ts classifies with. Loaded once per process: the
// files change only with a new release.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type Papa from 'papaparse'
import { loadOnFirstUse } from '../load-on-first-use'
import { resourcesPath } from '../resources-path'
import { buildCodeLibrary, type CodeCluster, type CodeLibrary } from '../../shared/domain/clinical-codes'
import { buildEthnicityLibrary } from '../../shared/domain/ethnicity-mapping'

/** papaparse, loaded the first time a CSV is read (load-on-first-use.ts). */
const papa = () => loadOnFirstUse<typeof Papa>('papaparse')

/**
 * Which file holds which cluster: the NHS Digital Primary Care Domain reference sets, and a starter
 * list (starter-*.csv, see SOURCES.md) for the three clusters no refset could be obtained for.
 */
export const codeListFiles: Readonly<Record<CodeCluster, string>> = {
  HYP_COD: 'nhsd-primary-care-domain-refsets-hyp_cod.csv',
  HYPRES_COD: 'nhsd-primary-care-domain-refsets-hypres_cod.csv',
  BP_COD: 'nhsd-primary-care-domain-refsets-bp_cod.csv',
  HOMEBP_COD: 'nhsd-primary-care-domain-refsets-homebp_cod.csv',
  BPDEC_COD: 'nhsd-primary-care-domain-refsets-bpdec_cod.csv',
  HTMAX_COD: 'nhsd-primary-care-domain-refsets-htmax_cod.csv',
  HYPPCADEC_COD: 'nhsd-primary-care-domain-refsets-hyppcadec_cod.csv',
  HYPPCAPU_COD: 'nhsd-primary-care-domain-refsets-hyppcapu_cod.csv',
  HYPINVITE_COD: 'nhsd-primary-care-domain-refsets-hypinvite_cod.csv',
  DM_COD: 'nhsd-primary-care-domain-refsets-dm_cod-20250912.csv',
  DMRES_COD: 'nhsd-primary-care-domain-refsets-dmres_cod.csv',
  CHD_COD: 'nhsd-primary-care-domain-refsets-chd_cod.csv',
  STRK_COD: 'nhsd-primary-care-domain-refsets-strk_cod.csv',
  TIA_COD: 'nhsd-primary-care-domain-refsets-tia_cod.csv',
  PAD_COD: 'nhsd-primary-care-domain-refsets-pad_cod.csv',
  AFIB_COD: 'nhsd-primary-care-domain-refsets-afib_cod.csv',
  AFIBRES_COD: 'starter-afibres_cod.csv',
  HF_COD: 'nhsd-primary-care-domain-refsets-hf_cod.csv',
  HFLVSD_COD: 'nhsd-primary-care-domain-refsets-hflvsd_cod.csv',
  HFRES_COD: 'nhsd-primary-care-domain-refsets-hfres_cod.csv',
  CKD_COD: 'nhsd-primary-care-domain-refsets-ckd_cod.csv',
  CKD1AND2_COD: 'nhsd-primary-care-domain-refsets-ckd1and2_cod.csv',
  CKDRES_COD: 'nhsd-primary-care-domain-refsets-ckdres_cod.csv',
  AST_COD: 'nhsd-primary-care-domain-refsets-ast_cod.csv',
  ASTRES_COD: 'nhsd-primary-care-domain-refsets-astres_cod.csv',
  COPD_COD: 'nhsd-primary-care-domain-refsets-copd_cod.csv',
  COPDRES_COD: 'nhsd-primary-care-domain-refsets-copdres_cod.csv',
  DEM_COD: 'nhsd-primary-care-domain-refsets-dem_cod.csv',
  DEPR_COD: 'nhsd-primary-care-domain-refsets-depr_cod.csv',
  DEPRES_COD: 'nhsd-primary-care-domain-refsets-depres_cod.csv',
  MH_COD: 'nhsd-primary-care-domain-refsets-mh_cod.csv',
  MHREM_COD: 'starter-mhrem_cod.csv',
  LD_COD: 'nhsd-primary-care-domain-refsets-ld_cod.csv',
  EPIL_COD: 'nhsd-primary-care-domain-refsets-epil_cod.csv',
  EPILRES_COD: 'nhsd-primary-care-domain-refsets-epilres_cod.csv',
  RARTH_COD: 'nhsd-primary-care-domain-refsets-rarth_cod.csv',
  OSTEO_COD: 'nhsd-primary-care-domain-refsets-osteo_cod.csv',
  CAN_COD: 'starter-can_cod.csv',
  PALCARE_COD: 'nhsd-primary-care-domain-refsets-palcare_cod.csv',
  PALCARENI_COD: 'nhsd-primary-care-domain-refsets-palcareni_cod.csv',
  NDH_COD: 'nhsd-primary-care-domain-refsets-ndh_cod.csv',
  BMIVAL_COD: 'nhsd-primary-care-domain-refsets-bmival_cod.csv',
  BMIOBESE_COD: 'nhsd-primary-care-domain-refsets-bmiobese_cod.csv'
}

export const ethnicityListFile = 'opensafely-ethnicity-snomed-0removed.csv'

export function readCsvRecords(path: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(path, 'utf8'))
}

function parseCsvRecords(text: string): Record<string, string>[] {
  return papa().parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' }).data
}

export interface ShippedCodeLists {
  lists: { cluster: CodeCluster; file: string; rows: { code: string; term: string }[] }[]
  ethnicity: { file: string; rows: Record<string, string>[] }
  /** A short hash of every list's bytes: changes exactly when a list changes. */
  version: string
}

let shipped: ShippedCodeLists | null = null

/** Every shipped list, each file read once per process (the library and the catalogue share them). */
export function shippedCodeLists(): ShippedCodeLists {
  if (shipped) return shipped
  const hash = createHash('sha256')
  const read = (file: string) => {
    const text = readFileSync(resourcesPath('codelists', file), 'utf8')
    hash.update(file)
    hash.update(text)
    return parseCsvRecords(text)
  }
  const lists = (Object.keys(codeListFiles) as CodeCluster[]).map((cluster) => ({
    cluster,
    file: codeListFiles[cluster],
    rows: read(codeListFiles[cluster]).map((r) => ({ code: r.code ?? '', term: r.term ?? '' }))
  }))
  const ethnicity = { file: ethnicityListFile, rows: read(ethnicityListFile) }
  shipped = { lists, ethnicity, version: hash.digest('hex').slice(0, 16) }
  return shipped
}

let cached: CodeLibrary | null = null

export function loadCodeLibrary(): CodeLibrary {
  if (cached) return cached
  const { lists, ethnicity, version } = shippedCodeLists()
  const ethnicityLibrary = buildEthnicityLibrary(
    ethnicity.rows.map((r) => ({
      code: (r.snomedcode ?? '').trim(),
      term: r.Ethnicity ?? '',
      grouping16: Number(r.Grouping_16)
    }))
  )
  cached = { ...buildCodeLibrary(lists, ethnicityLibrary), version }
  return cached
}
