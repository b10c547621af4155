// The colours and patterns of the audit charts. Each colour has at least 3:1 contrast with the white
// page (WCAG 1.4.11), and no colour is the only cue: each kind of bar also has its own pattern
// (solid, stripes, cross-hatch), the key names it in words, and the counts are written on the bars
// and in the table beside them. The patterns are defined once per page in a hidden <svg>; every
// chart refers to them by id.

/** NHS palette colours used by the charts. */
export const chartColours = {
  blue: '#005eb8',
  green: '#007f3b',
  red: '#d5281b',
  grey: '#4c6272',
  text: '#212b32'
} as const

export type ChartPattern = 'solid' | 'stripes' | 'crosshatch'

export interface BarStyle {
  /** What the key calls it. */
  label: string
  colour: string
  pattern: ChartPattern
}

/** The three outcomes of a patient's systolic BP at follow-up. */
export const outcomeStyles = {
  reduced: { label: 'Reduced', colour: chartColours.green, pattern: 'solid' },
  unchanged: { label: 'No change', colour: chartColours.grey, pattern: 'stripes' },
  increased: { label: 'Increased', colour: chartColours.red, pattern: 'crosshatch' }
} as const satisfies Record<string, BarStyle>

function patternId(style: Pick<BarStyle, 'colour' | 'pattern'>): string {
  return `chart-pattern-${style.pattern}-${style.colour.slice(1)}`
}

/** The SVG fill for a bar of this style: its colour, or its colour with its pattern over it. */
export function barFill(style: Pick<BarStyle, 'colour' | 'pattern'>): string {
  return style.pattern === 'solid' ? style.colour : `url(#${patternId(style)})`
}

function PatternDef({ colour, pattern }: Pick<BarStyle, 'colour' | 'pattern'>) {
  if (pattern === 'solid') return null
  return (
    <pattern id={patternId({ colour, pattern })} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="8" height="8" fill={colour} />
      <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" strokeWidth="2.5" />
      {pattern === 'crosshatch' && <line x1="0" y1="4" x2="8" y2="4" stroke="#ffffff" strokeWidth="2.5" />}
    </pattern>
  )
}

/** Every patterned fill the charts use, in one hidden <svg> (present wherever a chart is). */
export function ChartPatternDefs({ styles }: { styles: readonly Pick<BarStyle, 'colour' | 'pattern'>[] }) {
  return (
    <svg className="chart-pattern-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        {styles
          .filter((style, index) => styles.findIndex((other) => patternId(other) === patternId(style)) === index)
          .map((style) => (
            <PatternDef key={patternId(style)} colour={style.colour} pattern={style.pattern} />
          ))}
      </defs>
    </svg>
  )
}

/** The key of a chart: a swatch of each kind of bar (its colour and pattern) and its name. */
export function ChartLegend({ label, items }: { label: string; items: readonly BarStyle[] }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.label}>
          <svg width="18" height="18" aria-hidden="true" focusable="false">
            <rect width="18" height="18" fill={barFill(item)} stroke={chartColours.text} strokeWidth="1" />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  )
}

/** Axis and label text: the page's text colour (the library's grey is fainter). */
export const axisTick = { fill: chartColours.text, fontSize: 14 }

/** "37%" from 0.372 or from 37.2 (`of100`). */
export function formatShare(value: number, of100 = false): string {
  const percent = of100 ? value : value * 100
  return `${Math.round(percent)}%`
}
