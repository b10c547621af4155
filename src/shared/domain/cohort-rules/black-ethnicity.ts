// Criterion: Black African, African-Caribbean or other Black background — NHS Data Dictionary
// ETHNIC CATEGORY M, N, P; Mixed White and Black Caribbean/African (D, E)
// only when the cohort's switch is on. The clinical reason for the cohort is
// NICE NG136 1.4.30/1.4.35 (different first-line drug choice).
import { blackCategories, ethnicCategories, mixedBlackCategories } from '../ethnicity'
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { EthnicCategory } from '../ethnicity'

const formatReason = ([category]: readonly ReasonValue[]) =>
  category ? `Ethnicity ${ethnicCategories[category as EthnicCategory] ?? category}` : 'Ethnicity not recorded'

export const blackAfricanCaribbean: CohortRule = {
  id: 'ethnicity.black-african-caribbean',
  kind: 'criterion',
  label: 'Black African, African-Caribbean or other Black background',
  source: 'NHS Data Dictionary ETHNIC CATEGORY; NICE NG136 1.4.30',
  test: ({ patient, params }) => {
    const category = patient.ethnicityCategory
    if (!category) return false
    return blackCategories.includes(category) || (params.includeMixedBlackCategories && mixedBlackCategories.includes(category))
  },
  reasonValues: ({ patient }) => [patient.ethnicityCategory],
  formatReason,
  evaluate: ({ patient, params }) => {
    const allowed = params.includeMixedBlackCategories ? [...blackCategories, ...mixedBlackCategories] : blackCategories
    const category = patient.ethnicityCategory
    const groups = `${allowed.map((c) => ethnicCategories[c]).join('; ')}${params.includeMixedBlackCategories ? '' : ' (Mixed White and Black Caribbean/African not included)'}`
    if (!category) {
      const recorded = patient.ethnicityText ? `"${patient.ethnicityText}" not mapped to a category` : 'no ethnicity recorded'
      return { met: false, detail: `Ethnicity: ${recorded}; cohort takes ${groups}`, reason: formatReason([null]) }
    }
    const name = ethnicCategories[category]
    return {
      met: allowed.includes(category),
      detail: `Ethnic category ${name}; cohort takes ${groups}`,
      reason: formatReason([category])
    }
  }
}
