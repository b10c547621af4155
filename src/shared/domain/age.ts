// Age in completed years on a date (spec §4.2: "age on the as-of date, birthday inclusive").

/**
 * Completed years on `asOf`: someone is 80 on their 80th birthday, 79 the day before. A 29 February
 * birth attains each age on 1 March in common years (the day after 28 February), which is what
 * comparing month and day as numbers gives; this matches the UK legal reading.
 * Null when the date of birth is missing or not an ISO date.
 */
export function ageOn(dateOfBirth: string | null, asOf: string): number | null {
  if (!dateOfBirth) return null
  const dob = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth)
  const on = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf)
  if (!dob || !on) return null
  const [, by, bm, bd] = dob.map(Number) as [number, number, number, number]
  const [, ay, am, ad] = on.map(Number) as [number, number, number, number]
  let years = ay - by
  if (am < bm || (am === bm && ad < bd)) years -= 1
  return years
}

/** Adults for the registers and cohorts: 18 or over on the as-of date (QOF HYP register as applied by NCL ICB; CVDP001HYP). */
export const ADULT_AGE = 18
