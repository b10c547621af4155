// One horizontal bar per row with its count written at the end (the uptake funnel, adherence at the
// first visit); each row's bar takes the style its row calls for, so a reminder or a "not taking"
// bar is told apart by its pattern as well as its colour.
import { Bar, BarChart, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import { axisTick, barFill, chartColours, type BarStyle } from './chart-style'

interface Props<Row extends { label: string; patients: number }> {
  rows: readonly Row[]
  rowKey: (row: Row) => string
  styleOf: (row: Row) => BarStyle
  /** What is written at the end of a bar; default the count. */
  barLabel?: (row: Row) => string
  title: string
  height: number
  labelWidth: number
  /** Room on the right for the longest bar's label. */
  labelRoom: number
}

export function CountBarChart<Row extends { label: string; patients: number }>({
  rows,
  rowKey,
  styleOf,
  barLabel = (row) => String(row.patients),
  title,
  height,
  labelWidth,
  labelRoom
}: Props<Row>) {
  return (
    <BarChart
      responsive
      style={{ width: '100%', height }}
      data={rows.map((row) => ({ ...row, barLabel: barLabel(row) }))}
      layout="vertical"
      margin={{ top: 5, right: labelRoom, bottom: 5, left: 10 }}
      title={title}
      desc={rows.map((row) => `${row.label}: ${row.patients}`).join('; ')}
    >
      <XAxis type="number" allowDecimals={false} tick={axisTick} />
      <YAxis type="category" dataKey="label" width={labelWidth} tick={axisTick} />
      <Tooltip formatter={(value) => [String(value), 'Patients']} />
      <Bar dataKey="patients" name="Patients" isAnimationActive={false} minPointSize={2}>
        {rows.map((row) => (
          <Cell key={rowKey(row)} fill={barFill(styleOf(row))} />
        ))}
        <LabelList dataKey="barLabel" position="right" fill={chartColours.text} fontSize={14} />
      </Bar>
    </BarChart>
  )
}
