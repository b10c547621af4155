import { ethnicCategories, isEthnicCategory } from '../../../shared/domain/ethnicity'

/** A Data Dictionary code ("N") is shown with its label; anything else (already a label) as it is. */
export function formatEthnicity(value: string | null): string {
  if (!value) return 'Not recorded'
  return isEthnicCategory(value) ? `${ethnicCategories[value]} (${value})` : value
}
