// One equity breakdown (ethnic group, age band, sex, IMD quintile or Core20): for each group, how
// many patients' systolic BP was reduced, unchanged or increased at follow-up. Each group's bar is
// its own 100% so groups of very different sizes can be compared; the counts are written on the
// segments and the group's size beside its name, and the table gives every number.
import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { signedMmHg } from '../../format/bp-change'
import { ChartFigure } from './chart-figure'
import { ChartLegend, outcomeStyles } from './chart-style'
import { countWithShare, StackedBarChart } from './stacked-bar-chart'

type Breakdown = AuditSummaryT['breakdowns'][number]

const outcomes = ['reduced', 'unchanged', 'increased'] as const

export function EquityOutcomeChart({ breakdown, id, scope }: { breakdown: Breakdown; id: string; scope: string }) {
  const rows = breakdown.groups.map((group) => ({
    group: group.group,
    axisLabel: `${group.group} (n = ${group.bpOutcome.patients})`,
    patients: group.bpOutcome.patients,
    reduced: group.bpOutcome.reduced,
    unchanged: group.bpOutcome.unchanged,
    increased: group.bpOutcome.increased,
    source: group
  }))
  const title = `BP outcome — ${breakdown.label} (${scope})`
  const description = `Patients with a baseline and a follow-up reading in each group: each bar is the whole group (n patients), split by whether their systolic BP was reduced, unchanged or increased; the numbers on the bars are patients.`
  const anyOutcome = rows.some((row) => row.patients > 0)
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      chart={
        !anyOutcome ? (
          <p className="chart-empty">No patient in these groups has both a baseline and a follow-up reading yet.</p>
        ) : (
          <StackedBarChart
            rows={rows}
            series={outcomes.map((outcome) => ({ key: outcome, style: outcomeStyles[outcome] }))}
            scale="share"
            title={title}
            desc={rows.map((row) => `${row.group}: ${row.reduced} reduced, ${row.unchanged} no change, ${row.increased} increased`).join('; ')}
          />
        )
      }
      legend={
        anyOutcome ? (
          <ChartLegend label={`Key to the chart of BP outcome by ${breakdown.label}`} items={outcomes.map((outcome) => outcomeStyles[outcome])} />
        ) : undefined
      }
      table={
        <DataTable<(typeof rows)[number]>
          label={`Uptake and BP outcome — ${breakdown.label} (${scope})`}
          className="nhsuk-table--compact"
          rows={rows}
          rowKey={(row) => row.group}
          columns={[
            { id: 'group', header: breakdown.label, cell: (row) => row.group, rowHeader: true, sortValue: (row) => row.group },
            { id: 'eligible', header: 'Eligible', cell: (row) => row.source.funnel.eligible, numeric: true, sortValue: (row) => row.source.funnel.eligible },
            {
              id: 'attended',
              header: 'Attended',
              cell: (row) => countWithShare(row.source.funnel.attended, row.source.funnel.eligible),
              numeric: true,
              sortValue: (row) => row.source.funnel.attended
            },
            { id: 'patients', header: 'With follow-up BP', cell: (row) => row.patients, numeric: true, sortValue: (row) => row.patients },
            ...outcomes.map((outcome) => ({
              id: outcome,
              header: outcomeStyles[outcome].label,
              cell: (row: (typeof rows)[number]) => countWithShare(row[outcome], row.patients),
              numeric: true,
              sortValue: (row: (typeof rows)[number]) => row[outcome]
            })),
            { id: 'mean', header: 'Mean systolic change', cell: (row) => signedMmHg(row.source.bpOutcome.meanSystolicChange), numeric: true }
          ]}
        />
      }
    />
  )
}
