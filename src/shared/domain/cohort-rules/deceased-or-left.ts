// Exclusion: deceased or no longer registered. Exports give registration status as text
// ("Deceased", "Left", "Removed", "Transferred out", …); which wordings count is decided in one place
// (registration-status.ts), so "Transferred in" or "Temporary" never takes a patient out of a cohort.
import { isNoLongerRegistered } from '../registration-status'
import type { CohortRule, ReasonValue } from './cohort-rule'

const formatReason = ([status]: readonly ReasonValue[]) => `Excluded: registration status "${status}"`

export const deceasedOrLeft: CohortRule = {
  id: 'exclude.deceased-or-left',
  kind: 'exclusion',
  label: 'Deceased or left the practice',
  source: 'Registration status in the export (deceased, left, removed, transferred out …)',
  test: ({ patient }) => isNoLongerRegistered(patient.registrationStatus),
  reasonValues: ({ patient }) => [patient.registrationStatus],
  formatReason,
  evaluate: ({ patient }) => {
    const status = patient.registrationStatus
    if (isNoLongerRegistered(status)) {
      return { met: true, detail: `Registration status "${status}"`, reason: formatReason([status]) }
    }
    return { met: false, detail: status ? `Registration status "${status}"` : 'No registration status in the export (taken as registered)', reason: '' }
  }
}
