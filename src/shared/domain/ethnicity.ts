// NHS Data Dictionary ETHNIC CATEGORY (2001 census, 16 categories + not stated).
export const ethnicCategories = {
  A: 'White – British',
  B: 'White – Irish',
  C: 'White – Any other White background',
  D: 'Mixed – White and Black Caribbean',
  E: 'Mixed – White and Black African',
  F: 'Mixed – White and Asian',
  G: 'Mixed – Any other mixed background',
  H: 'Asian or Asian British – Indian',
  J: 'Asian or Asian British – Pakistani',
  K: 'Asian or Asian British – Bangladeshi',
  L: 'Asian or Asian British – Any other Asian background',
  M: 'Black or Black British – Caribbean',
  N: 'Black or Black British – African',
  P: 'Black or Black British – Any other Black background',
  R: 'Other Ethnic Groups – Chinese',
  S: 'Other Ethnic Groups – Any other ethnic group',
  Z: 'Not stated'
} as const

export type EthnicCategory = keyof typeof ethnicCategories

export function isEthnicCategory(value: string): value is EthnicCategory {
  return Object.hasOwn(ethnicCategories, value)
}

/** Black African, Black Caribbean, other Black background: the pharmacist-led BP cohort, and a higher-risk group for P3. */
export const blackCategories: readonly EthnicCategory[] = ['M', 'N', 'P']
/** Mixed White and Black Caribbean / African: switchable into the pharmacist-led Black African / African-Caribbean cohort, off by default. */
export const mixedBlackCategories: readonly EthnicCategory[] = ['D', 'E']
/** Indian, Pakistani, Bangladeshi: higher-risk group for P3. */
export const southAsianCategories: readonly EthnicCategory[] = ['H', 'J', 'K']
