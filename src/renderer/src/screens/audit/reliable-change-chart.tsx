// PHQ-9 and GAD-7 from baseline to follow-up by the reliable change thresholds: one bar per
// questionnaire, each its own 100% (their patients differ), split into reliable improvement, no
// reliable change and reliable deterioration, drawn as the BP outcome is drawn (solid green, striped
// grey, cross-hatched red) so the picture reads without colour; the table gives every number.
import type { AuditSummaryT } from '../../../../shared/contract'
import { reliableChangeLabels, reliableChangeThresholds, type ReliableChange } from '../../../../shared/domain/reliable-change'
import { DataTable } from '../../components/data-table'
import { ChartFigure } from './chart-figure'
import { ChartLegend, outcomeStyles, type BarStyle } from './chart-style'
import { countWithShare, StackedBarChart } from './stacked-bar-chart'

type Wellbeing = NonNullable<AuditSummaryT['wellbeingOutcome']>

const changes = ['improved', 'unchanged', 'worse'] as const satisfies readonly ReliableChange[]

const changeStyles: Record<ReliableChange, BarStyle> = {
  improved: { ...outcomeStyles.reduced, label: reliableChangeLabels.improved },
  unchanged: { ...outcomeStyles.unchanged, label: reliableChangeLabels.unchanged },
  worse: { ...outcomeStyles.increased, label: reliableChangeLabels.worse }
}
export const reliableChangeStyles = Object.values(changeStyles)

interface Row {
  measure: 'phq9' | 'gad7'
  label: string
  axisLabel: string
  patients: number
  improved: number
  unchanged: number
  worse: number
}

export function ReliableChangeChart({ wellbeing, id, scope }: { wellbeing: Wellbeing; id: string; scope: string }) {
  const rows: Row[] = (['phq9', 'gad7'] as const).map((measure) => {
    const { name, threshold } = reliableChangeThresholds[measure]
    const counts = wellbeing[measure]
    return { measure, label: `${name} (${threshold} points)`, axisLabel: `${name} (n = ${counts.patients})`, ...counts }
  })
  const title = `PHQ-9 and GAD-7: reliable change (${scope})`
  const description =
    'Patients with a baseline and a follow-up score of each questionnaire: each bar is that questionnaire’s patients, split by whether their total fell by at least the reliable change threshold (PHQ-9 6 points, GAD-7 4 points: NHS Talking Therapies), changed by less, or rose by at least as much. The numbers on the bars are patients.'
  // No chart without a bar to draw: every chart on the page has its picture and its table.
  if (!rows.some((row) => row.patients > 0)) return <p className="chart-empty">No invited patient has a baseline and a follow-up PHQ-9 or GAD-7 yet.</p>
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      chart={
        <StackedBarChart
          rows={rows}
          series={changes.map((change) => ({ key: change, style: changeStyles[change] }))}
          scale="share"
          title={title}
          desc={rows.map((row) => `${row.label}: ${row.improved} improved, ${row.unchanged} no reliable change, ${row.worse} deteriorated`).join('; ')}
          maxLabelWidth={150}
          rowHeight={55}
          maxBarSize={34}
        />
      }
      legend={<ChartLegend label="Key to the reliable change chart" items={reliableChangeStyles} />}
      table={
        <DataTable<Row>
          label={`PHQ-9 and GAD-7 reliable change (${scope})`}
          className="nhsuk-table--compact"
          rows={rows}
          rowKey={(row) => row.measure}
          columns={[
            { id: 'measure', header: 'Questionnaire (threshold)', cell: (row) => row.label, rowHeader: true },
            { id: 'patients', header: 'With baseline and follow-up', cell: (row) => row.patients, numeric: true },
            ...changes.map((change) => ({
              id: change,
              header: reliableChangeLabels[change],
              cell: (row: Row) => countWithShare(row[change], row.patients),
              numeric: true
            }))
          ]}
        />
      }
    />
  )
}
