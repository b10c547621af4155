// How much systolic BP changed between baseline and follow-up, as a histogram of 10 mmHg bands,
// with its table. Falls, no change and rises are drawn as the outcome chart draws reduced, no
// change and increased (solid green, striped grey, cross-hatched red), so the picture reads
// without colour too.
import { Bar, BarChart, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { ChartFigure } from './chart-figure'
import { axisTick, barFill, chartColours, ChartLegend, formatShare, outcomeStyles, type BarStyle } from './chart-style'

type Band = AuditSummaryT['systolicChangeBands'][number]

type Direction = 'fall' | 'none' | 'rise'

const directionStyles: Record<Direction, BarStyle> = {
  fall: { ...outcomeStyles.reduced, label: 'A fall in systolic BP' },
  none: { ...outcomeStyles.unchanged, label: 'No change' },
  rise: { ...outcomeStyles.increased, label: 'A rise in systolic BP' }
}
const directionWords: Record<Direction, string> = { fall: 'Fall', none: 'No change', rise: 'Rise' }
export const bpChangeStyles = Object.values(directionStyles)

interface BandRow {
  label: string
  patients: number
  direction: Direction
  /** The table's total line. */
  total: boolean
}

/** Bounds are inclusive from, exclusive to: a band ending at or below 0 is all falls, one starting above 0 all rises. */
function directionOf(band: Band): Direction {
  if (band.to !== null && band.to <= 0) return 'fall'
  if (band.from !== null && band.from > 0) return 'rise'
  return 'none'
}

/** The band as a reader says it, with a true minus sign. */
function bandLabel(band: Band): string {
  return band.label.replace(/(^|[\s(])-(?=\d)/g, '$1−')
}

export function BpChangeChart({ bands, id, scope }: { bands: Band[]; id: string; scope: string }) {
  const total = bands.reduce((sum, band) => sum + band.patients, 0)
  const rows: BandRow[] = bands.map((band) => ({ label: bandLabel(band), patients: band.patients, direction: directionOf(band), total: false }))
  const title = `Change in systolic BP at follow-up (${scope})`
  const description = `How many patients' systolic BP changed by how much, follow-up minus baseline, in bands of 10 mmHg: bars left of zero are falls, bars right of it rises. ${total} patient${total === 1 ? '' : 's'} with a baseline and a follow-up reading.`
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      tablePlacement="beside"
      chart={
        total === 0 ? (
          <p className="chart-empty">No patient has both a baseline and a follow-up reading yet, so there is no change to show.</p>
        ) : (
          <BarChart
            responsive
            style={{ width: '100%', height: 320 }}
            data={rows}
            margin={{ top: 24, right: 10, bottom: 40, left: 10 }}
            title={title}
            desc={rows.map((row) => `${row.label} mmHg: ${row.patients}`).join('; ')}
          >
            <XAxis
              dataKey="label"
              tick={axisTick}
              interval={0}
              angle={-30}
              textAnchor="end"
              height={60}
              label={{ value: 'Change in systolic (mmHg)', position: 'insideBottom', offset: -30, fill: chartColours.text }}
            />
            <YAxis allowDecimals={false} tick={axisTick} label={{ value: 'Patients', angle: -90, position: 'insideLeft', fill: chartColours.text }} />
            <Tooltip formatter={(value) => [String(value), 'Patients']} />
            <Bar dataKey="patients" name="Patients" isAnimationActive={false}>
              {rows.map((row) => (
                <Cell key={row.label} fill={barFill(directionStyles[row.direction])} />
              ))}
              <LabelList dataKey="patients" position="top" fill={chartColours.text} fontSize={14} />
            </Bar>
          </BarChart>
        )
      }
      legend={total === 0 ? undefined : <ChartLegend label="Key to the BP change chart" items={bpChangeStyles} />}
      table={
        <DataTable<BandRow>
          label={`Change in systolic BP at follow-up, by band (${scope})`}
          className="nhsuk-table--compact table-narrow"
          rows={rows}
          rowKey={(row) => row.label}
          columns={[
            { id: 'band', header: 'Change in systolic (mmHg)', cell: (row) => row.label, rowHeader: true },
            { id: 'direction', header: 'Direction', cell: (row) => (row.total ? '' : directionWords[row.direction]) },
            { id: 'patients', header: 'Patients', cell: (row) => row.patients, numeric: true },
            { id: 'share', header: '%', cell: (row) => (total > 0 ? formatShare(row.patients / total) : '—'), numeric: true }
          ]}
          footer={[{ label: 'Total', patients: total, direction: 'none', total: true }]}
        />
      }
    />
  )
}
