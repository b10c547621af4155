// One horizontal bar per row, split into stacked segments (BP reduced / unchanged / increased;
// reliable improvement / no change / deterioration; referral outcomes), each segment drawn in its
// own colour and pattern with its count written on it when it fits. `share` makes each bar its own
// 100%, so groups of very different sizes can be compared; `count` draws the counts themselves.
import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import { axisTick, barFill, chartColours, formatShare, type BarStyle } from './chart-style'
import { formatCount } from '../../format/count'

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
function SegmentLabel({ x, y, width, height, value }: SegmentLabelProps) {
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

/** A count with its share of a whole, for the tables beside the charts: "12 (40%)". */
export function countWithShare(count: number, of: number): string {
  return of > 0 ? `${formatCount(count)} (${formatShare(count / of)})` : formatCount(count)
}

interface Props<K extends string> {
  rows: readonly ({ axisLabel: string } & Record<K, number>)[]
  /** The segments, in stacking order, each with its style (the key names them in the same words). */
  series: readonly { key: K; style: BarStyle }[]
  scale: 'share' | 'count'
  title: string
  /** The chart's numbers in words, for a screen reader. */
  desc: string
  /** Widest the label column may grow (long group or service names). */
  maxLabelWidth?: number
  /** Pixels per bar; the chart grows with its rows. */
  rowHeight?: number
  maxBarSize?: number
}

export function StackedBarChart<K extends string>({ rows, series, scale, title, desc, maxLabelWidth = 320, rowHeight = 44, maxBarSize = 30 }: Props<K>) {
  const longestLabel = rows.reduce((longest, row) => Math.max(longest, row.axisLabel.length), 0)
  return (
    <BarChart
      responsive
      style={{ width: '100%', height: Math.max(110, rows.length * rowHeight + 50) }}
      data={[...rows]}
      layout="vertical"
      {...(scale === 'share' ? { stackOffset: 'expand' as const } : {})}
      maxBarSize={maxBarSize}
      margin={{ top: 5, right: 20, bottom: 5, left: 10 }}
      title={title}
      desc={desc}
    >
      {scale === 'share' ? (
        <XAxis type="number" domain={[0, 1]} tickFormatter={(value: number) => formatShare(value)} tick={axisTick} />
      ) : (
        <XAxis type="number" allowDecimals={false} tick={axisTick} />
      )}
      <YAxis type="category" dataKey="axisLabel" width={Math.min(maxLabelWidth, Math.max(110, longestLabel * 7.6 + 16))} tick={axisTick} />
      <Tooltip />
      {series.map(({ key, style }) => (
        <Bar key={key} dataKey={key} name={style.label} stackId="stack" fill={barFill(style)} stroke="#ffffff" strokeWidth={1} isAnimationActive={false}>
          <LabelList dataKey={key} content={SegmentLabel} />
        </Bar>
      ))}
    </BarChart>
  )
}
