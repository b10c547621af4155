// One equity breakdown (ethnic group, age band, sex, IMD quintile or Core20): for each group, how
// many patients' systolic BP was reduced, unchanged or increased at follow-up. Each group's bar is
// its own 100% so groups of very different sizes can be compared; the counts are written on the
// segments and the group's size beside its name, and the table gives every number.
import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { signedMmHg } from '../../format/bp-change'
import { ChartFigure } from './chart-figure'
import { axisTick, barFill, chartColours, ChartLegend, formatShare, outcomeStyles } from './chart-style'

type Breakdown = AuditSummaryT['breakdowns'][number]

const outcomes = ['reduced', 'unchanged', 'increased'] as const

/** A count with its share of the group's patients: "12 (40%)". */
function countWithShare(count: number, of: number): string {
  return of > 0 ? `${count} (${formatShare(count / of)})` : String(count)
}

interface SegmentLabelProps {
  x?: number | string
  y?: number | string
  width?: number | string
  height?: number | string
  value?: unknown
}

/**
 * The count written on a segment, when the segment is wide enough to hold it: dark digits on a
 * white chip, readable over any colour or pattern.
 */
export function SegmentLabel({ x, y, width, height, value }: SegmentLabelProps) {
  const [left, top, w, h] = [Number(x), Number(y), Number(width), Number(height)]
  const count = Number(value)
  const chipWidth = 9 * String(count).length + 10
  if (![left, top, w, h].every(Number.isFinite) || count <= 0 || w < chipWidth + 4) return null
  const cx = left + w / 2
  const cy = top + h / 2
  return (
    <g>
      <rect x={cx - chipWidth / 2} y={cy - 10} width={chipWidth} height={20} rx={3} fill="#ffffff" stroke={chartColours.text} strokeWidth={1} />
      <text x={cx} y={cy} fill={chartColours.text} textAnchor="middle" dominantBaseline="central" fontSize={14} fontWeight={700}>
        {count}
      </text>
    </g>
  )
}

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
  const longestLabel = rows.reduce((longest, row) => Math.max(longest, row.axisLabel.length), 0)
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      chart={
        !anyOutcome ? (
          <p className="chart-empty">No patient in these groups has both a baseline and a follow-up reading yet.</p>
        ) : (
          <BarChart
            responsive
            style={{ width: '100%', height: Math.max(110, rows.length * 44 + 50) }}
            data={rows}
            layout="vertical"
            stackOffset="expand"
            maxBarSize={30}
            margin={{ top: 5, right: 20, bottom: 5, left: 10 }}
            title={title}
            desc={rows.map((row) => `${row.group}: ${row.reduced} reduced, ${row.unchanged} no change, ${row.increased} increased`).join('; ')}
          >
            <XAxis type="number" domain={[0, 1]} tickFormatter={(value: number) => formatShare(value)} tick={axisTick} />
            <YAxis type="category" dataKey="axisLabel" width={Math.min(320, Math.max(110, longestLabel * 7.6 + 16))} tick={axisTick} />
            <Tooltip />
            {outcomes.map((outcome) => (
              <Bar
                key={outcome}
                dataKey={outcome}
                name={outcomeStyles[outcome].label}
                stackId="outcome"
                fill={barFill(outcomeStyles[outcome])}
                stroke="#ffffff"
                strokeWidth={1}
                isAnimationActive={false}
              >
                <LabelList dataKey={outcome} content={SegmentLabel} />
              </Bar>
            ))}
          </BarChart>
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
          className="table-compact"
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
