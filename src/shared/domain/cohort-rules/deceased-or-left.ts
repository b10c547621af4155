// Exclusion: deceased or no longer registered (spec §4.4). Exports give registration status as text
// ("Deceased", "Left", "Removed", "Transferred out", …), so it is matched by wording.
import type { CohortRule, ReasonValue } from './cohort-rule'

const notRegistered = /deceased|died|left|removed|transferred/i

const formatReason = ([status]: readonly ReasonValue[]) => `Excluded: registration status "${status}"`

export const deceasedOrLeft: CohortRule = {
  id: 'exclude.deceased-or-left',
  kind: 'exclusion',
  label: 'Deceased or left the practice',
  source: 'Spec §4.4 (registration status in the export)',
  test: ({ patient }) => patient.registrationStatus !== null && notRegistered.test(patient.registrationStatus),
  reasonValues: ({ patient }) => [patient.registrationStatus],
  formatReason,
  evaluate: ({ patient }) => {
    const status = patient.registrationStatus
    if (status && notRegistered.test(status)) {
      return { met: true, detail: `Registration status "${status}"`, reason: formatReason([status]) }
    }
    return { met: false, detail: status ? `Registration status "${status}"` : 'No registration status in the export (taken as registered)', reason: '' }
  }
}
