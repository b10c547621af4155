// Exclusion: already booked into a clinic on or after the as-of date: inviting them
// again would be a wasted letter and a confusing one. Only a booking still standing counts (not
// cancelled, not already attended or missed), and only in a clinic on or after the as-of date: an
// appointment left open in an earlier clinic — nobody marked it attended or did not attend — is no
// booking the patient can still keep, so it must not hide them from the cohort; it goes on the
// "appointments left open in a past clinic" worklist instead (main/followups/worklists.ts).
import type { PatientRecord } from '../patient-record'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { formatDateText } from '../../format/staff-text'

/** The date of the clinic the patient is booked into on or after asOf; null when none. */
export function upcomingBookingOn(patient: Pick<PatientRecord, 'nextBookedAppointmentOn'>, asOf: string): string | null {
  const next = patient.nextBookedAppointmentOn
  return next !== null && next >= asOf ? next : null
}

const formatReason = ([next]: readonly ReasonValue[]) => `Excluded: booked into clinic on ${formatDateText(String(next))}`

export const alreadyBooked: CohortRule = {
  id: 'exclude.already-booked',
  kind: 'exclusion',
  label: 'Already booked into an upcoming clinic',
  source: 'Clinic Recall bookings (a kept appointment in a clinic on or after the as-of date)',
  test: ({ patient, asOf }) => upcomingBookingOn(patient, asOf) !== null,
  reasonValues: ({ patient, asOf }) => [upcomingBookingOn(patient, asOf)],
  formatReason,
  evaluate: ({ patient, asOf }) => {
    const next = upcomingBookingOn(patient, asOf)
    if (next) return { met: true, detail: `Booked into a clinic on ${next}`, reason: formatReason([next]) }
    return { met: false, detail: 'No upcoming booked clinic appointment', reason: '' }
  }
}
