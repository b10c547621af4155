// How each audit figure is worked out, in words: shown beside the figures on screen and in the
// workbook, so whoever reads an audit can tell what was counted without reading the code. The
// words follow the code they describe (audit-funnel.ts, audit-outcome.ts, audit-breakdowns.ts,
// systolic-change-bands.ts, audit-wellbeing.ts, audit-adherence.ts, audit-referrals.ts).
import type { AuditSections } from './audit-disclosure'
import { funnelStageRules } from './audit-funnel'
import { BASELINE_LOOKBACK_MONTHS } from './audit-outcome'
import { RELIABLE_CHANGE_SOURCE } from './reliable-change'

export interface AuditRule {
  measure: string
  rule: string
}

export const BASELINE_RULE = `The BP at the first attended clinic visit (lowest systolic and lowest diastolic of its readings), else the latest reading in the ${BASELINE_LOOKBACK_MONTHS} months before the first invitation.`
export const FOLLOW_UP_RULE = 'The latest reading after the baseline day, up to the audit date (lowest of that day, clinic readings first; NICE NG136 1.2.2).'
export const BP_TABLE_RULE =
  'Patients who were invited and have a baseline and a follow-up reading; a patient never invited has no place in the outcome, whatever their readings did. Reduced, no change or increased compares the systolic: follow-up minus baseline, any fall is reduced, any rise increased, the same value no change.'

export const WELLBEING_TABLE_RULE =
  'Patients who were invited and have a baseline and a follow-up score of at least one questionnaire. Each questionnaire is paired on its own: the baseline is the score at the first attended visit that recorded it, the follow-up the score at the latest attended visit on a later day that recorded it.'
export const RELIABLE_CHANGE_RULE = `PHQ-9 down by 6 or more points is a reliable improvement and up by 6 or more a reliable deterioration; GAD-7 the same with 4 points; anything smaller is no reliable change (it may be the questionnaire's own noise). Source: ${RELIABLE_CHANGE_SOURCE}`
export const SCORE_CHANGE_RULE =
  'ONS4 (each of the four questions on its own, 0–10, never added up) and UCLA-3 (3–9): the mean at baseline, the mean at follow-up and the mean change (follow-up minus baseline) over the patients with both. Higher is better for life satisfaction, worthwhile and happiness; lower is better for ONS4 anxiety and UCLA-3.'
export const LONELINESS_RULE =
  'UCLA-3 totals of 6–9 are counted as lonely and 3–5 as not lonely: a convention of studies using the scale, not a cut-off published by its authors or the ONS, and not a diagnosis. "No longer lonely" is lonely at baseline and not lonely at follow-up.'
export const ADHERENCE_RULE =
  'What invited patients said about taking their BP medicines at their first attended visit (the baseline visit), one answer per patient. A patient whose first visit did not ask is not counted, whatever a later visit recorded. A patient may give several reasons for not taking them as prescribed, so the reasons do not add up.'
export const REFERRALS_RULE =
  'Referrals and signpostings to local services made for the programme (for the whole practice: for any programme or none) of its eligible patients by the audit date, each counted once under its outcome as recorded by that date: accepted, attended, declined, not known, or no outcome recorded yet. A later outcome replaces an earlier one, so accepted means not (yet) recorded as attended. These count referrals, not patients.'

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

export function auditRules(programmeName: string | null, sections: AuditSections = { wellbeing: false, adherence: false }): AuditRule[] {
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
    },
    ...(sections.wellbeing
      ? [
          { measure: 'Wellbeing table', rule: WELLBEING_TABLE_RULE },
          { measure: 'PHQ-9 and GAD-7 reliable change', rule: RELIABLE_CHANGE_RULE },
          { measure: 'ONS4 and UCLA-3 means', rule: SCORE_CHANGE_RULE },
          { measure: 'UCLA-3 lonely', rule: LONELINESS_RULE }
        ]
      : []),
    ...(sections.adherence ? [{ measure: 'Medicines adherence at baseline', rule: ADHERENCE_RULE }] : []),
    { measure: 'Referrals', rule: REFERRALS_RULE }
  ]
}
