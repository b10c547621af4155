// The five broad ethnic groups of the NHS Data Dictionary ETHNIC CATEGORY (2001 census), each the
// roll-up of its categories: White A–C, Mixed D–G, Asian or Asian British
// H–L, Black or Black British M, N, P, Other ethnic groups R, S. "Not stated" (Z) is in no group.
import type { EthnicCategory } from './ethnicity'

export const ethnicGroups = {
  white: { label: 'White', categories: ['A', 'B', 'C'] },
  mixed: { label: 'Mixed', categories: ['D', 'E', 'F', 'G'] },
  asian: { label: 'Asian or Asian British', categories: ['H', 'J', 'K', 'L'] },
  black: { label: 'Black or Black British', categories: ['M', 'N', 'P'] },
  other: { label: 'Other ethnic groups', categories: ['R', 'S'] }
} as const satisfies Record<string, { label: string; categories: readonly EthnicCategory[] }>

export type EthnicGroup = keyof typeof ethnicGroups

export const ethnicGroupIds = Object.keys(ethnicGroups) as EthnicGroup[]

/** The broad group a category rolls up to; null for Z (not stated). */
export function ethnicGroupOf(category: EthnicCategory): EthnicGroup | null {
  for (const id of ethnicGroupIds) {
    if ((ethnicGroups[id].categories as readonly EthnicCategory[]).includes(category)) return id
  }
  return null
}
