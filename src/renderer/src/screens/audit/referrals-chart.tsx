// Referrals to local services by service, each bar split by the outcome recorded by the audit date
// (attended, accepted, declined, not known, none yet). Counts of referrals, not of patients. Each
// outcome has its own colour and pattern, the key names them, and the table gives every number.
import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { ChartFigure } from './chart-figure'
import { chartColours, ChartLegend, formatShare, type BarStyle } from './chart-style'
import { StackedBarChart } from './stacked-bar-chart'

type ServiceReferrals = AuditSummaryT['referrals'][number]
type Outcome = 'attended' | 'accepted' | 'declined' | 'unknown' | 'noOutcome'

const outcomes: readonly Outcome[] = ['attended', 'accepted', 'declined', 'unknown', 'noOutcome']

const outcomeStyles: Record<Outcome, BarStyle> = {
  attended: { label: 'Attended', colour: chartColours.green, pattern: 'solid' },
  accepted: { label: 'Accepted (not yet attended)', colour: chartColours.blue, pattern: 'stripes' },
  declined: { label: 'Declined', colour: chartColours.red, pattern: 'crosshatch' },
  unknown: { label: 'Outcome not known', colour: chartColours.grey, pattern: 'crosshatch' },
  noOutcome: { label: 'No outcome recorded yet', colour: chartColours.grey, pattern: 'stripes' }
}
export const referralStyles = Object.values(outcomeStyles)

export function ReferralsChart({ referrals, id, scope }: { referrals: ServiceReferrals[]; id: string; scope: string }) {
  const total = referrals.reduce((n, r) => n + r.referred, 0)
  const rows = referrals.map((r) => ({ ...r, axisLabel: `${r.service} (${r.referred})` }))
  const title = `Referrals to local services, by outcome (${scope})`
  const description = `Each bar is one service's referrals and signpostings (${total} in all), split by the outcome recorded by the audit date; a patient referred to two services is counted under each. The numbers on the bars are referrals.`
  // No chart without a bar to draw: every chart on the page has its picture and its table.
  if (rows.length === 0) return <p className="chart-empty">No referral to a local service has been recorded for these patients yet.</p>
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      chart={
        <StackedBarChart
          rows={rows}
          series={outcomes.map((outcome) => ({ key: outcome, style: outcomeStyles[outcome] }))}
          scale="count"
          title={title}
          desc={rows
            .map(
              (r) =>
                `${r.service}: ${r.referred} referred, ${r.attended} attended, ${r.accepted} accepted, ${r.declined} declined, ${r.unknown} not known, ${r.noOutcome} no outcome yet`
            )
            .join('; ')}
          maxLabelWidth={340}
        />
      }
      legend={<ChartLegend label="Key to the referrals chart" items={referralStyles} />}
      table={
        <DataTable<(typeof rows)[number]>
          label={`Referrals to local services by outcome (${scope})`}
          className="nhsuk-table--compact"
          rows={rows}
          rowKey={(row) => row.serviceId}
          columns={[
            { id: 'service', header: 'Service', cell: (row) => row.service, rowHeader: true, sortValue: (row) => row.service },
            { id: 'referred', header: 'Referred', cell: (row) => row.referred, numeric: true, sortValue: (row) => row.referred },
            ...outcomes.map((outcome) => ({
              id: outcome,
              header: outcomeStyles[outcome].label,
              cell: (row: (typeof rows)[number]) => row[outcome],
              numeric: true,
              sortValue: (row: (typeof rows)[number]) => row[outcome]
            })),
            { id: 'share', header: 'Attended %', cell: (row) => (row.referred > 0 ? formatShare(row.attended / row.referred) : '—'), numeric: true }
          ]}
        />
      }
    />
  )
}
