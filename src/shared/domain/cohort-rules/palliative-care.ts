// Exclusion: on the palliative care register (QOF PC001): a palliative care code (PALCARE_COD) on
// or after 1 April 2008 not followed by "palliative care not clinically indicated" (PALCARENI_COD).
// The register's rule lives in qof-registers.ts; a patient whose palliative care is no longer
// indicated is recalled like anyone else.
import { describeRegisterStatus, registerStatus } from '../qof-registers'
import type { CohortRule, ReasonValue } from './cohort-rule'
import type { PatientFacts } from '../patient-facts'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([date]: readonly ReasonValue[]) => `Excluded: palliative care (${date ? formatDateText(String(date)) : 'register flag'})`

const palliative = ({ patient, asOf }: PatientFacts) => registerStatus('PALCARE', patient.events, asOf, patient.dateOfBirth)

export const palliativeCare: CohortRule = {
  id: 'exclude.palliative-care',
  kind: 'exclusion',
  label: 'On the palliative care register',
  source: 'QOF PC001 (PALCARE_COD from 1 April 2008, unless a later PALCARENI_COD)',
  test: (facts) => palliative(facts).active,
  reasonValues: (facts) => [palliative(facts).evidence?.date ?? null],
  formatReason,
  evaluate: (facts) => {
    const status = palliative(facts)
    const detail = describeRegisterStatus(status)
    if (!status.active) return { met: false, detail, reason: '' }
    return { met: true, detail, reason: formatReason([status.evidence?.date ?? null]) }
  }
}
