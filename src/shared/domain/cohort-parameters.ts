// The adjustable parameters of a cohort definition (a practice copies a built-in cohort and
// changes these). Stored with every snapshot so a built cohort can be reproduced.
export interface CohortParameters {
  /** Look-back window for the current BP (QOF "preceding 12 months"). */
  lookbackMonths: number
  /** Exceptions (HYPPCADEC/HYPPCAPU, BPDEC, HTMAX) count when recorded within this many months (QOF HYP008 rules 3–6). */
  exceptionLookbackMonths: number
  /** Recently invited: an invitation within this many days excludes (default 28). */
  invitedWithinDays: number
  /** QOF mode only: diagnosed or registered within this many months excludes (QOF HYP008 rules 8–9). */
  recentDiagnosisMonths: number
  /** Pharmacist-led Black African / African-Caribbean cohort: include Mixed White and Black Caribbean / African (D, E). Off by default. */
  includeMixedBlackCategories: boolean
  /** Time to Talk: minimum number of long-term conditions (default 2). */
  conditionThreshold: number
  /** Exclusion rule ids switched off for this build (each exclusion is switchable). */
  disabledExclusions: string[]
}

export const defaultCohortParameters: CohortParameters = {
  lookbackMonths: 12,
  exceptionLookbackMonths: 12,
  invitedWithinDays: 28,
  recentDiagnosisMonths: 9,
  includeMixedBlackCategories: false,
  conditionThreshold: 2,
  disabledExclusions: []
}
