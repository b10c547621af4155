// Exclusion: no contact permitted. Exports do not carry it, so it is the patient's
// preference as recorded in the app (Invitations → Contact preferences, "No contact permitted"). A
// patient who asked not to be contacted is never invited, and the cohort says so rather than losing
// them silently; a severe reading is still shown under "Severe readings — excluded, please check".
import type { CohortRule, ReasonValue } from './cohort-rule'

const formatReason = (_values: readonly ReasonValue[]) => 'Excluded: no contact permitted'

export const noContactPermitted: CohortRule = {
  id: 'exclude.no-contact-permitted',
  kind: 'exclusion',
  label: 'No contact permitted',
  source: 'Patient preference recorded in Contact preferences',
  test: ({ patient }) => patient.noContactPermitted === true,
  reasonValues: () => [],
  formatReason,
  evaluate: ({ patient }) => {
    if (patient.noContactPermitted === true) {
      return {
        met: true,
        detail: 'Contact preferences record "no contact permitted": the practice must not invite this patient',
        reason: formatReason([])
      }
    }
    return { met: false, detail: 'No "no contact permitted" preference recorded', reason: '' }
  }
}
