// Exclusion: already booked into a clinic on or after the as-of date (spec §4.4): inviting them
// again would be a wasted letter and a confusing one.
import type { CohortRule, ReasonValue } from './cohort-rule'

const formatReason = ([next]: readonly ReasonValue[]) => `Excluded: booked into clinic on ${next}`

export const alreadyBooked: CohortRule = {
  id: 'exclude.already-booked',
  kind: 'exclusion',
  label: 'Already booked into an upcoming clinic',
  source: 'Spec §4.4',
  test: ({ patient, asOf }) => patient.nextBookedAppointmentOn !== null && patient.nextBookedAppointmentOn >= asOf,
  reasonValues: ({ patient }) => [patient.nextBookedAppointmentOn],
  formatReason,
  evaluate: ({ patient, asOf }) => {
    const next = patient.nextBookedAppointmentOn
    if (next && next >= asOf) {
      return { met: true, detail: `Booked into a clinic on ${next}`, reason: formatReason([next]) }
    }
    return { met: false, detail: 'No upcoming booked clinic appointment', reason: '' }
  }
}
