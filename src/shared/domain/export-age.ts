// When the practice's data is too old to build today's cohort on. A cohort as of today built from
// an export run months ago treats every reading, booking and diagnosis since as not there: patients
// already seen look overdue and new ones are missing. So when the newest export's run date is more
// than a month before today, the cohort screen says so and offers that run date as the as-of date
// (which builds the cohort the export can vouch for), rather than quietly using today.
import { addMonthsIso } from './iso-date'

/** How old the newest export may be before the as-of date hint shows. */
export const EXPORT_OUT_OF_DATE_AFTER_MONTHS = 1

/** True when `runDate` is more than a calendar month before `today` (both YYYY-MM-DD); a month to the day is not. */
export function isExportOutOfDate(runDate: string, today: string): boolean {
  return runDate < addMonthsIso(today, -EXPORT_OUT_OF_DATE_AFTER_MONTHS)
}

/**
 * The run date to offer as the as-of date: the newest run date of all imports when it is more than a
 * month old, else null (fresh data, or no import states a run date).
 */
export function outOfDateExportRunDate(runDates: readonly (string | null)[], today: string): string | null {
  let newest: string | null = null
  for (const date of runDates) if (date !== null && (newest === null || date > newest)) newest = date
  return newest !== null && isExportOutOfDate(newest, today) ? newest : null
}
