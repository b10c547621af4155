// Age in completed years on the as-of date, the birthday itself included: every age rule in the
// cohorts and registers uses it.

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/**
 * Completed years on `asOf`: someone is 80 on their 80th birthday, 79 the day before. A 29 February
 * birth attains each age on 1 March in common years (the day after 28 February), which is what
 * comparing month and day gives; this matches the UK legal reading.
 * Null when the date of birth is missing or not an ISO date.
 */
export function ageOn(dateOfBirth: string | null, asOf: string): number | null {
  if (!dateOfBirth || !isoDate.test(dateOfBirth) || !isoDate.test(asOf)) return null
  // Comparing "MM-DD" as text is comparing month then day (ISO dates are zero-padded).
  const years = Number(asOf.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  return asOf.slice(5) < dateOfBirth.slice(5) ? years - 1 : years
}

/** Adults for the registers and cohorts: 18 or over on the as-of date (QOF HYP register as applied by NCL ICB; CVDP001HYP). */
export const ADULT_AGE = 18
