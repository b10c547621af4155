// How each audit figure is worked out, in words: shown beside the figures on screen and in the
// workbook, so whoever reads an audit can tell what was counted without reading the code. The
// words follow the code they describe (audit-funnel.ts, audit-outcome.ts, audit-breakdowns.ts,
// systolic-change-bands.ts).
import { funnelStageRules } from './audit-funnel'
import { BASELINE_LOOKBACK_MONTHS } from './audit-outcome'

export interface AuditRule {
  measure: string
  rule: string
}

export const BASELINE_RULE = `The BP at the first attended clinic visit (lowest systolic and lowest diastolic of its readings), else the latest reading in the ${BASELINE_LOOKBACK_MONTHS} months before the first invitation.`
export const FOLLOW_UP_RULE = 'The latest reading after the baseline day, up to the audit date (lowest of that day, clinic readings first; NICE NG136 1.2.2).'
export const BP_TABLE_RULE =
  'Patients who were invited and have a baseline and a follow-up reading; a patient never invited has no place in the outcome, whatever their readings did. Reduced, no change or increased compares the systolic: follow-up minus baseline, any fall is reduced, any rise increased, the same value no change.'

/** What is counted for a programme, or for the whole practice when `programmeName` is null. */
export function scopeRule(programmeName: string | null): AuditRule {
  return programmeName === null
    ? {
        measure: 'Whole practice',
        rule: 'Every programme together, each patient counted once with what any programme did for them (invited by one and booked by another counts as invited and booked). Each programme’s own figures are listed too; they do not add up to the practice total when patients are in more than one programme.'
      }
    : {
        measure: `Programme “${programmeName}”`,
        rule: 'Only this programme: members of its own cohort snapshots, the invitations sent from them, and the appointments booked for it. Patients it shares with another programme are counted here with what this programme did for them.'
      }
}

export function auditRules(programmeName: string | null): AuditRule[] {
  return [
    scopeRule(programmeName),
    { measure: 'BP table (systolic outcome)', rule: BP_TABLE_RULE },
    { measure: 'Baseline', rule: BASELINE_RULE },
    { measure: 'Follow-up', rule: FOLLOW_UP_RULE },
    {
      measure: 'At target',
      rule: 'Of the BP table’s patients, within their QOF target at baseline and at follow-up: HYP008 ≤140/90 aged 79 or under, HYP009 ≤150/90 aged 80 or over (home readings 5 mmHg lower), with the age on the day of the reading; systolic and diastolic both within target.'
    },
    {
      measure: 'Uptake funnel',
      rule: 'Distinct patients; each stage counts only patients who reached the stage it hangs from (invited → 2nd → 3rd invitation; invited → booked → attended → followed up), so no stage is ever larger than the one before it.'
    },
    ...funnelStageRules.map((s) => ({ measure: `Funnel: ${s.label}`, rule: s.counts })),
    { measure: 'Core20', rule: 'IMD deciles 1–2 (the most deprived 20% nationally), against deciles 3–10 and patients with no IMD decile recorded.' },
    {
      measure: 'Systolic change bands',
      rule: 'The BP table’s patients by systolic change (follow-up minus baseline) in bands of 10 mmHg, no change a band of its own; the end bands are a fall of 40 or more and a rise of 40 or more.'
    }
  ]
}
