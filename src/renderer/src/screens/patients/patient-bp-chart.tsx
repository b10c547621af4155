// The patient's blood pressure over time: systolic and diastolic as two lines against the date they
// were taken, with every reading in the table beside it (the record; the chart is the picture).
// The lines differ by more than colour — systolic solid with round points, diastolic dashed with
// square points — and the key names them in words.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import { bpMeasures, isBpMeasure } from '../../../../shared/domain/bp-measures'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { formatSetting } from '../../format/blood-pressure'
import { formatUkDate } from '../../format/uk-date'
import { ChartFigure } from '../audit/chart-figure'
import { axisTick, chartColours } from '../audit/chart-style'
import '../../styles/audit.css'
import type { PatientReading } from './patient-page-data'

interface Point {
  /** Milliseconds since 1970 at noon UTC of the reading's day: the time axis. */
  time: number
  date: string
  systolic: number
  diastolic: number
}

const dayOf = (iso: string) => Date.parse(`${iso}T12:00:00Z`)

function SquareDot({ cx, cy }: { cx?: number; cy?: number }) {
  if (cx === undefined || cy === undefined) return null
  return <rect x={cx - 4} y={cy - 4} width={8} height={8} fill={chartColours.text} />
}

const key = [
  { label: 'Systolic (upper number): solid line, round points', colour: chartColours.blue, dash: undefined },
  { label: 'Diastolic (lower number): dashed line, square points', colour: chartColours.text, dash: '6 4' }
]

export function PatientBpChart({ readings, name }: { readings: readonly PatientReading[]; name: string }) {
  const points: Point[] = readings.map((r) => ({ time: dayOf(r.date), date: r.date, systolic: r.systolic, diastolic: r.diastolic }))
  const first = readings[0]
  const last = readings[readings.length - 1]
  const title = 'Blood pressure over time'
  const description =
    readings.length === 0
      ? `No blood pressure reading is recorded for ${name}.`
      : `${readings.length} reading${readings.length === 1 ? '' : 's'} from ${formatUkDate(first?.date)} to ${formatUkDate(last?.date)}, imported or recorded at a visit here, in mmHg.`
  return (
    <Card title="Blood pressure">
      <ChartFigure
        id="patient-bp"
        title={title}
        description={description}
        tablePlacement="beside"
        chart={
          readings.length === 0 ? (
            <p className="chart-empty">Nothing to draw yet: readings appear here once imported or recorded at a visit.</p>
          ) : (
            <LineChart
              responsive
              style={{ width: '100%', height: 320 }}
              data={points}
              margin={{ top: 16, right: 16, bottom: 24, left: 8 }}
              title={title}
              desc={readings.map((r) => `${formatUkDate(r.date)}: ${r.systolic}/${r.diastolic}`).join('; ')}
            >
              <CartesianGrid stroke="#d8dde0" />
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                padding={{ left: 20, right: 20 }}
                tick={axisTick}
                tickFormatter={(time: number) => formatUkDate(new Date(time).toISOString().slice(0, 10))}
                label={{ value: 'Date taken', position: 'insideBottom', offset: -16, fill: chartColours.text }}
              />
              <YAxis
                domain={[(min: number) => Math.max(0, Math.floor((min - 10) / 10) * 10), (max: number) => Math.ceil((max + 10) / 10) * 10]}
                allowDecimals={false}
                tick={axisTick}
                label={{ value: 'mmHg', angle: -90, position: 'insideLeft', fill: chartColours.text }}
              />
              <Tooltip labelFormatter={(time) => formatUkDate(new Date(Number(time)).toISOString().slice(0, 10))} />
              <Line type="linear" dataKey="systolic" name="Systolic" stroke={chartColours.blue} strokeWidth={3} dot={{ r: 4 }} isAnimationActive={false} />
              <Line
                type="linear"
                dataKey="diastolic"
                name="Diastolic"
                stroke={chartColours.text}
                strokeWidth={3}
                strokeDasharray="6 4"
                dot={<SquareDot />}
                isAnimationActive={false}
              />
            </LineChart>
          )
        }
        legend={
          readings.length === 0 ? undefined : (
            <ul className="chart-legend" aria-label="Key to the blood pressure chart">
              {key.map((item) => (
                <li key={item.label}>
                  <svg width="28" height="12" aria-hidden="true" focusable="false">
                    <line x1="0" y1="6" x2="28" y2="6" stroke={item.colour} strokeWidth="3" strokeDasharray={item.dash} />
                  </svg>
                  {item.label}
                </li>
              ))}
            </ul>
          )
        }
        table={
          <DataTable<PatientReading>
            label="Blood pressure readings"
            className="nhsuk-table--compact"
            scroll
            rows={[...readings].reverse()}
            rowKey={(r) => r.readingId}
            empty={<p>No readings.</p>}
            columns={[
              { id: 'date', header: 'Date', cell: (r) => formatUkDate(r.date), rowHeader: true, sortValue: (r) => r.date },
              { id: 'bp', header: 'BP (mmHg)', cell: (r) => `${r.systolic}/${r.diastolic}`, cellClassName: 'nowrap', sortValue: (r) => r.systolic },
              {
                id: 'kind',
                header: 'Kind',
                cell: (r) => (isBpMeasure(r.measure) ? bpMeasures[r.measure] : formatSetting(r.setting))
              },
              { id: 'source', header: 'From', cell: (r) => (r.source === 'visit' ? 'Visit here' : 'Import') }
            ]}
          />
        }
      />
    </Card>
  )
}
