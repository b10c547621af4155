// The four action ticks every visit recorded before the per-form records (medication change,
// lifestyle advice, home BP monitoring, referral). They stay on the appointment: visits from before
// keep only them, and a visit recorded on its form sets them from what the form holds, so the slot
// table, the activity log and anything counting the ticks read every visit the same way.
import type { VisitRecord } from './visit-forms'

export const visitActions = ['medication-change', 'lifestyle-advice', 'home-bp-monitoring', 'referral'] as const

export type VisitAction = (typeof visitActions)[number]

export const visitActionLabels: Readonly<Record<VisitAction, string>> = {
  'medication-change': 'Medication change',
  'lifestyle-advice': 'Lifestyle advice',
  'home-bp-monitoring': 'Home BP monitoring',
  referral: 'Referral'
}

/**
 * The ticks a record amounts to: a medicine changed; MECC brief advice given on any topic; home
 * monitoring started or continued; a referral or signposting made at the visit.
 */
export function visitActionsOfRecord(record: VisitRecord, referralsMade: number): VisitAction[] {
  const actions: VisitAction[] = []
  if (record.form === 'bp-review') {
    if (record.medicineChanges.length > 0) actions.push('medication-change')
    if (Object.values(record.mecc).some((outcome) => outcome === 'given')) actions.push('lifestyle-advice')
    if (record.homeBpMonitoring === 'started' || record.homeBpMonitoring === 'already-monitoring') actions.push('home-bp-monitoring')
  }
  if (referralsMade > 0) actions.push('referral')
  return actions
}
