// A cohort's parameters as staff read them ("Include Mixed White and Black African/Caribbean
// categories: no → yes"), never by their stored keys: the snapshot comparison and anything else
// that names a parameter to a person uses these words.
import type { CohortParameters } from './cohort-parameters'
import { cohortRules } from './cohort-rules'

const parameterLabels: Readonly<Record<keyof CohortParameters, string>> = {
  lookbackMonths: 'Look-back for the current BP',
  exceptionLookbackMonths: 'Look-back for exception codes',
  invitedWithinDays: 'Recently invited window',
  recentDiagnosisMonths: 'Recent diagnosis or registration window',
  includeMixedBlackCategories: 'Include Mixed White and Black African/Caribbean categories',
  conditionThreshold: 'Minimum number of long-term conditions',
  disabledExclusions: 'Exclusions switched off'
}

const units: Partial<Readonly<Record<keyof CohortParameters, string>>> = {
  lookbackMonths: 'months',
  exceptionLookbackMonths: 'months',
  invitedWithinDays: 'days',
  recentDiagnosisMonths: 'months'
}

function isParameter(key: string): key is keyof CohortParameters {
  return Object.hasOwn(parameterLabels, key)
}

function exclusionName(id: unknown): string {
  const rule = typeof id === 'string' && Object.hasOwn(cohortRules, id) ? cohortRules[id as keyof typeof cohortRules] : undefined
  return rule ? rule.label : String(id)
}

/** A parameter's name in words; a key this list does not know is split into words ("someNewKnob" → "Some new knob"). */
export function parameterLabel(key: string): string {
  if (isParameter(key)) return parameterLabels[key]
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A parameter's value in words: yes/no, "12 months", the names of switched-off exclusions, "not set". */
export function parameterValueText(key: string, value: unknown): string {
  if (value === undefined || value === null) return 'not set'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(key === 'disabledExclusions' ? exclusionName : String).join('; ')
  if (typeof value === 'number') {
    const unit = isParameter(key) ? units[key] : undefined
    return unit ? `${value} ${unit}` : String(value)
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}
