// The audit of one programme or of the whole practice, as loaded: the BP outcome table, the charts
// (uptake, BP change, outcome by each equity group) each with its table, every programme's figures
// when the whole practice is shown, how each figure was worked out, and the patients counted.
import type { AuditSummaryT } from '../../../../shared/contract'
import { programmeOutcomeLabels } from '../../../../shared/domain/programme'
import { Card } from '../../components/card'
import { formatUkDate } from '../../format/uk-date'
import { AuditPatientsTable } from './audit-patients-table'
import { AuditRules } from './audit-rules'
import { BpChangeChart, bpChangeStyles } from './bp-change-chart'
import { BpOutcomeTable } from './bp-outcome-table'
import { ChartPatternDefs, outcomeStyles } from './chart-style'
import { EquityOutcomeChart } from './equity-outcome-chart'
import { ProgrammeAuditTable } from './programme-audit-table'
import { UptakeFunnelChart, funnelStyles } from './uptake-funnel-chart'

const patterned = [...funnelStyles, ...bpChangeStyles, ...Object.values(outcomeStyles)]

interface Props {
  summary: AuditSummaryT
  /** "the whole practice" or the programme's name. */
  scope: string
  onOpenProgramme: (programmeId: number) => void
}

export function AuditReport({ summary, scope, onOpenProgramme }: Props) {
  const programme = summary.programmeId === null ? null : (summary.programmes.find((p) => p.programmeId === summary.programmeId) ?? null)
  const asOf = formatUkDate(summary.asOf)
  return (
    <>
      <ChartPatternDefs styles={patterned} />
      {programme?.outcome === 'wellbeing' && (
        <div className="alert alert-info" role="note">
          <p className="alert-message">
            This programme’s outcome measure is wellbeing ({programmeOutcomeLabels.wellbeing.replace(/^Wellbeing \((.*)\)$/, '$1')}). This screen shows its
            uptake, and the change in BP for the patients whose BP was taken at baseline and at follow-up; it does not summarise the wellbeing scores.
          </p>
        </div>
      )}
      <Card title={`Change in systolic blood pressure (${scope}, as of ${asOf})`}>
        <BpOutcomeTable outcome={summary.bpOutcome} />
      </Card>
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
        <Card title={`Patients with a baseline and a follow-up reading (${summary.patients.length})`}>
          <AuditPatientsTable patients={summary.patients} />
        </Card>
      )}
    </>
  )
}
