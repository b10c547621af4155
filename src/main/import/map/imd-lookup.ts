// LSOA code → Index of Multiple Deprivation decile (1 = most deprived), from the lookups shipped in
// resources/imd (see SOURCES.md there): IMD 2019 is published for LSOA 2011 codes, IMD 2025 for
// LSOA 2021 codes. Most codes are the same in both geographies, so the export column's caption
// (LSOA 2011 / LSOA 2021) says which index to use; a plain "LSOA" caption is resolved by the code.
import { readFileSync } from 'node:fs'
import { resourcesPath } from '../../resources-path'

export type ImdVersion = 'IMD2019' | 'IMD2025'
/** Which LSOA geography a column holds: from its caption, or 'either' when it does not say. */
export type LsoaGeography = '2011' | '2021' | 'either'

export interface ImdDecile {
  decile: number
  version: ImdVersion
}

export const imdFiles: Readonly<Record<ImdVersion, string>> = {
  IMD2019: 'imd2019-lsoa2011-deciles.csv',
  IMD2025: 'imd2025-lsoa2021-deciles.csv'
}

let tables: Record<ImdVersion, Map<string, number>> | null = null

/** Two columns, `lsoa_code,imd_decile`, no quoting: read by hand (66k lines in a few ms). */
function readTable(version: ImdVersion): Map<string, number> {
  const text = readFileSync(resourcesPath('imd', imdFiles[version]), 'utf8')
  const table = new Map<string, number>()
  for (const line of text.split(/\r?\n/).slice(1)) {
    const comma = line.indexOf(',')
    if (comma < 0) continue
    const decile = Number(line.slice(comma + 1))
    if (Number.isInteger(decile) && decile >= 1 && decile <= 10) table.set(line.slice(0, comma).trim(), decile)
  }
  return table
}

function loadTables(): Record<ImdVersion, Map<string, number>> {
  tables ??= { IMD2019: readTable('IMD2019'), IMD2025: readTable('IMD2025') }
  return tables
}

/** `e01000001 ` → `E01000001`; anything that is not an LSOA-shaped code → null. */
export function normaliseLsoaCode(value: string): string | null {
  const code = value.trim().toUpperCase()
  return /^[EW]01\d{6}$/.test(code) ? code : null
}

/**
 * The decile for one LSOA code, or null when the code is not in the index for its geography (a
 * Welsh W01 code, a mistyped code, a 2021 code under a "LSOA 2011" caption).
 */
export function imdDecileFor(code: string, geography: LsoaGeography): ImdDecile | null {
  const { IMD2019, IMD2025 } = loadTables()
  const in2019 = IMD2019.get(code)
  const in2025 = IMD2025.get(code)
  if (geography === '2011') return in2019 === undefined ? null : { decile: in2019, version: 'IMD2019' }
  if (geography === '2021') return in2025 === undefined ? null : { decile: in2025, version: 'IMD2025' }
  // A code in both geographies (boundary unchanged) is read as 2011: the LSOA EMIS Web outputs.
  if (in2019 !== undefined) return { decile: in2019, version: 'IMD2019' }
  if (in2025 !== undefined) return { decile: in2025, version: 'IMD2025' }
  return null
}
