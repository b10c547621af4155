// Exclusion, QOF mode only: registered at the practice within the last 9 months — QOF HYP008/HYP009
// denominator rule 9. Uses the REGISTERED event (registration date) when the
// export has one; without it the rule cannot apply and says so.
import { addMonthsIso } from '../iso-date'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { latestEventEver } from './recent-event'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([date, months]: readonly ReasonValue[]) => `Excluded: registered ${formatDateText(String(date))} (QOF ${months}-month rule)`

export const recentRegistration: CohortRule = {
  id: 'exclude.recent-registration',
  kind: 'exclusion',
  label: 'Registered at the practice in the last 9 months',
  source: 'QOF HYP008/HYP009 (rule 9)',
  qofOnly: true,
  test: ({ patient, asOf, params }) => {
    const registered = latestEventEver(patient.events, ['REGISTERED'], asOf)
    return registered?.date != null && registered.date > addMonthsIso(asOf, -params.recentDiagnosisMonths)
  },
  reasonValues: ({ patient, asOf, params }) => [latestEventEver(patient.events, ['REGISTERED'], asOf)?.date ?? null, params.recentDiagnosisMonths],
  formatReason,
  evaluate: ({ patient, asOf, params }) => {
    const registered = latestEventEver(patient.events, ['REGISTERED'], asOf)
    const from = addMonthsIso(asOf, -params.recentDiagnosisMonths)
    if (registered?.date && registered.date > from) {
      return {
        met: true,
        detail: `Registered ${formatDateText(registered.date)}, within ${params.recentDiagnosisMonths} months of ${formatDateText(asOf)}`,
        reason: formatReason([registered.date, params.recentDiagnosisMonths])
      }
    }
    return { met: false, detail: registered?.date ? `Registered ${formatDateText(registered.date)}` : 'No registration date in the export', reason: '' }
  }
}
