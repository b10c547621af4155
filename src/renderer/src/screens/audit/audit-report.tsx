// The audit of one programme or of the whole practice, as loaded: the BP outcome table, the charts
// (uptake, BP change, outcome by each equity group) each with its table, the wellbeing figures
// (reliable change, ONS4 and UCLA-3) and referrals where the audit has them — first, for a wellbeing
// programme — adherence at the first visit where BP reviews recorded it, every programme's figures
// when the whole practice is shown, how each figure was worked out, and the patients counted.
import type { ReactNode } from 'react'
import type { AuditSummaryT } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { formatUkDate } from '../../format/uk-date'
import { AdherenceChart, adherenceStyles } from './adherence-chart'
import { AuditPatientsTable } from './audit-patients-table'
import { AuditRules } from './audit-rules'
import { BpChangeChart, bpChangeStyles } from './bp-change-chart'
import { BpOutcomeTable } from './bp-outcome-table'
import { ChartPatternDefs, outcomeStyles } from './chart-style'
import { EquityOutcomeChart } from './equity-outcome-chart'
import { ProgrammeAuditTable } from './programme-audit-table'
import { ReferralsChart, referralStyles } from './referrals-chart'
import { ReliableChangeChart, reliableChangeStyles } from './reliable-change-chart'
import { ScoreChangeTable } from './score-change-table'
import { UptakeFunnelChart, funnelStyles } from './uptake-funnel-chart'
import { formatCount } from '../../format/count'

const patterned = [...funnelStyles, ...bpChangeStyles, ...Object.values(outcomeStyles), ...reliableChangeStyles, ...referralStyles, ...adherenceStyles]

/** The wellbeing table and the referrals, as cards. */
function wellbeingCards(summary: AuditSummaryT, scope: string, asOf: string): ReactNode {
  const wellbeing = summary.wellbeingOutcome
  return (
    <>
      {wellbeing && (
        <Card title={`Wellbeing (${scope}, as of ${asOf})`}>
          <p>
            {wellbeing.patients === 0 ? (
              'No invited patient has a baseline and a follow-up score of any questionnaire yet. Once a patient seen at a Time to Talk review answers a questionnaire again at a later visit, the change is counted here.'
            ) : (
              <>
                <strong>{wellbeing.patients}</strong> invited patient{wellbeing.patients === 1 ? '' : 's'} with a baseline and a follow-up score of at least one
                questionnaire: the baseline is the first visit that asked it, the follow-up the latest later visit that did.
              </>
            )}
          </p>
          <ReliableChangeChart id="audit-reliable-change" wellbeing={wellbeing} scope={scope} />
          <h3>ONS4 personal well-being and UCLA-3 loneliness</h3>
          <ScoreChangeTable wellbeing={wellbeing} scope={scope} />
        </Card>
      )}
      {(wellbeing || summary.referrals.length > 0) && (
        <Card title="Referrals to local services">
          <ReferralsChart id="audit-referrals" referrals={summary.referrals} scope={scope} />
        </Card>
      )}
    </>
  )
}

interface Props {
  summary: AuditSummaryT
  /** "the whole practice" or the programme's name. */
  scope: string
  onOpenProgramme: (programmeId: number) => void
}

export function AuditReport({ summary, scope, onOpenProgramme }: Props) {
  const programme = summary.programmeId === null ? null : (summary.programmes.find((p) => p.programmeId === summary.programmeId) ?? null)
  const asOf = formatUkDate(summary.asOf)
  // A wellbeing programme reports wellbeing first; its BP figures follow for the patients whose BP was taken.
  const wellbeingFirst = programme?.outcome === 'wellbeing'
  return (
    <>
      <ChartPatternDefs styles={patterned} />
      {wellbeingFirst && wellbeingCards(summary, scope, asOf)}
      <Card title={`Change in systolic blood pressure (${scope}, as of ${asOf})`}>
        <BpOutcomeTable outcome={summary.bpOutcome} />
      </Card>
      {summary.adherence && (
        <Card title="Medicines adherence at baseline">
          <AdherenceChart id="audit-adherence" adherence={summary.adherence} scope={scope} />
        </Card>
      )}
      <Card title="Uptake">
        <UptakeFunnelChart id="audit-funnel" funnel={summary.funnel} scope={scope} />
      </Card>
      <Card title="How much BP changed">
        <BpChangeChart id="audit-bp-change" bands={summary.systolicChangeBands} scope={scope} />
      </Card>
      <Card title="BP outcome by equity group">
        <p className="muted">
          Who was reached and whose BP came down, group by group, to see where outcomes differ (NHS England Core20PLUS5). A group of a few patients can swing a
          long way on one patient, so read each bar with its n. How each group is worked out is listed under “How each figure was worked out”.
        </p>
        {summary.breakdowns.length === 0 && <p>No breakdown is available for this audit.</p>}
        {summary.breakdowns.map((breakdown) => (
          <EquityOutcomeChart key={breakdown.dimension} id={`audit-equity-${breakdown.dimension}`} breakdown={breakdown} scope={scope} />
        ))}
      </Card>
      {!wellbeingFirst && wellbeingCards(summary, scope, asOf)}
      {summary.programmeId === null && (
        <Card title="Each programme">
          <p className="muted">
            Each programme counted on its own. A patient in two programmes is counted in both here, and once in the whole-practice figures above.
          </p>
          <ProgrammeAuditTable programmes={summary.programmes} onOpen={onOpenProgramme} />
        </Card>
      )}
      {summary.rules.length > 0 && (
        <Card title="How each figure was worked out">
          <AuditRules rules={summary.rules} />
        </Card>
      )}
      {summary.patients.length > 0 && (
        <Card title={`Patients with a baseline and a follow-up reading (${formatCount(summary.patients.length)})`}>
          <AuditPatientsTable patients={summary.patients} />
        </Card>
      )}
    </>
  )
}
