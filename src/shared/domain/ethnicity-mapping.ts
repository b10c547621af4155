// From what an export prints for ethnicity to the NHS Data Dictionary ETHNIC CATEGORY letter.
// Exports print a Data Dictionary letter, a SNOMED CT code, the SNOMED
// term of the latest ethnicity code, or free text ("Black African"). Anything not recognised maps
// to null and the text is kept as exported: a category is never guessed, because the pharmacist-led
// Black African / African-Caribbean cohort and priority group P3 select patients by it.
import { ethnicCategories, isEthnicCategory, type EthnicCategory } from './ethnicity'

/** SNOMED code → letter and SNOMED term (normalised with `normaliseEthnicityText`) → letter. */
export interface EthnicityLibrary {
  byCode: ReadonlyMap<string, EthnicCategory>
  byTerm: ReadonlyMap<string, EthnicCategory>
}

export const emptyEthnicityLibrary: EthnicityLibrary = { byCode: new Map(), byTerm: new Map() }

/**
 * OpenSAFELY `ethnicity-snomed-0removed` Grouping_16 is the 2001-census order of the 16 Data
 * Dictionary categories (1 White British … 16 Any other ethnic group), checked against the terms
 * in the file: 12 holds "Black Caribbean", 13 "Black African", 14 "Black British".
 */
export const grouping16ToCategory: readonly EthnicCategory[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S']

export function categoryForGrouping16(group: number): EthnicCategory | null {
  return Number.isInteger(group) && group >= 1 && group <= 16 ? (grouping16ToCategory[group - 1] ?? null) : null
}

/** Lower case, punctuation to spaces, single spaces: "Afro-Caribbean" and "afro caribbean" meet. */
export function normaliseEthnicityText(text: string): string {
  return (
    text
      .toLowerCase()
      // "White & Black Caribbean" is "White and Black Caribbean" (SNOMED terms' "&/or" stays as it was).
      .replace(/\s&\s/g, ' and ')
      .replace(/[\u2010-\u2015:;,/()'\u2019.&-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

/**
 * Free text seen in practice and in the COVID-19 PRA short labels. Only
 * phrases that name one category: "White" or "Mixed" alone are ambiguous and stay unmapped.
 */
const freeText: ReadonlyArray<[EthnicCategory, string[]]> = [
  [
    'A',
    ['white british', 'british', 'english', 'welsh', 'scottish', 'northern irish', 'british mixed british', 'white english', 'white welsh', 'white scottish']
  ],
  ['B', ['irish', 'white irish']],
  ['C', ['any other white background', 'other white', 'white other', 'other white background', 'white any other white background']],
  [
    'D',
    ['white and black caribbean', 'mixed white and black caribbean', 'black caribbean and white', 'mixed or multiple ethnic groups white and black caribbean']
  ],
  ['E', ['white and black african', 'mixed white and black african', 'black african and white', 'mixed or multiple ethnic groups white and black african']],
  ['F', ['white and asian', 'mixed white and asian', 'asian and white']],
  ['G', ['any other mixed background', 'other mixed', 'other mixed background', 'mixed other', 'mixed any other mixed background']],
  ['H', ['indian', 'british indian', 'asian indian', 'indian or british indian', 'asian or asian british indian']],
  ['J', ['pakistani', 'british pakistani', 'pakistani or british pakistani', 'asian or asian british pakistani']],
  ['K', ['bangladeshi', 'british bangladeshi', 'bangladeshi or british bangladeshi', 'asian or asian british bangladeshi']],
  ['L', ['any other asian background', 'other asian', 'asian other', 'other asian background']],
  // 2021 census labels ("Black, Black British, Caribbean or African: Caribbean") map to the same
  // categories as 2001's; Nigerian, Somali and Ghanaian are N as in the NCL ICB SNOMED mapping.
  [
    'M',
    [
      'caribbean',
      'black caribbean',
      'afro caribbean',
      'african caribbean',
      'west indian',
      'black or black british caribbean',
      'black british caribbean',
      'black black british caribbean or african caribbean'
    ]
  ],
  [
    'N',
    [
      'african',
      'black african',
      'black or black british african',
      'black british african',
      'black black british caribbean or african african',
      'nigerian',
      'somali',
      'ghanaian'
    ]
  ],
  [
    'P',
    [
      'black british',
      'other black',
      'any other black background',
      'black other',
      'other black background',
      'black black british caribbean or african any other black black british or caribbean background'
    ]
  ],
  ['R', ['chinese', 'other ethnic groups chinese']],
  ['S', ['any other ethnic group', 'other ethnic group', 'other', 'other ethnic groups any other ethnic group']],
  ['Z', ['not stated', 'ethnic category not stated', 'patient declined to state ethnicity', 'declined to state', 'refused']]
]

const freeTextIndex: ReadonlyMap<string, EthnicCategory> = (() => {
  const index = new Map<string, EthnicCategory>()
  for (const [category, phrases] of freeText) for (const phrase of phrases) index.set(normaliseEthnicityText(phrase), category)
  // The Data Dictionary's own labels ("Black or Black British – African").
  for (const [letter, label] of Object.entries(ethnicCategories)) {
    if (isEthnicCategory(letter)) index.set(normaliseEthnicityText(label), letter)
  }
  return index
})()

/**
 * The category for one export cell, or null (unmapped: the caller keeps the text). Order: a Data
 * Dictionary letter (optionally with a one-digit local sub-code, which rolls up to its letter), a
 * SNOMED code, a SNOMED term, then known free text.
 */
export function mapEthnicity(value: string, library: EthnicityLibrary = emptyEthnicityLibrary): EthnicCategory | null {
  const raw = value.trim()
  if (raw === '') return null
  const letter = /^([A-Za-z])\d?$/.exec(raw)?.[1]?.toUpperCase()
  if (letter !== undefined) return isEthnicCategory(letter) ? letter : null
  if (/^\d{6,18}$/.test(raw)) return library.byCode.get(raw) ?? null
  const text = normaliseEthnicityText(raw)
  return library.byTerm.get(text) ?? freeTextIndex.get(text) ?? null
}

/**
 * Builds the lookup from the OpenSAFELY list's rows. A term listed under two different groupings
 * is left out of the term index (it names no single category); codes are unique in the list.
 */
export function buildEthnicityLibrary(rows: ReadonlyArray<{ code: string; term: string; grouping16: number }>): EthnicityLibrary {
  const byCode = new Map<string, EthnicCategory>()
  const byTerm = new Map<string, EthnicCategory>()
  const ambiguous = new Set<string>()
  for (const row of rows) {
    const category = categoryForGrouping16(row.grouping16)
    if (category === null) continue
    byCode.set(row.code, category)
    const term = normaliseEthnicityText(row.term)
    const seen = byTerm.get(term)
    if (seen !== undefined && seen !== category) ambiguous.add(term)
    else byTerm.set(term, category)
  }
  for (const term of ambiguous) byTerm.delete(term)
  return { byCode, byTerm }
}
