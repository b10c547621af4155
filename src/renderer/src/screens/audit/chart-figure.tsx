// One chart of the audit with everything that makes it readable without seeing it: a heading, a
// sentence saying what it shows, the chart, and the same numbers in a table beside or below it.
// The chart is the picture; the table is the record (and what a screen reader or a printout of a
// black-and-white printer relies on).
import type { ReactNode } from 'react'

interface Props {
  /** Unique on the page: the heading and the description take their ids from it. */
  id: string
  title: string
  description: ReactNode
  /** The chart itself, named by `title` and described by `description` through its own <title>/<desc>. */
  chart: ReactNode
  /** A key to colours and patterns, when the chart has more than one kind of bar. */
  legend?: ReactNode
  /** The chart's numbers (a DataTable). */
  table: ReactNode
  /** 'beside' for a short table (the funnel), 'below' for a wide one. */
  tablePlacement?: 'beside' | 'below'
}

export function ChartFigure({ id, title, description, chart, legend, table, tablePlacement = 'below' }: Props) {
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`}>
      <figcaption className="chart-caption">
        <h3 className="chart-title" id={`${id}-title`}>
          {title}
        </h3>
        <p className="chart-description" id={`${id}-description`}>
          {description}
        </p>
      </figcaption>
      <div className={`chart-layout chart-layout-${tablePlacement}`}>
        <div className="chart-box">
          {chart}
          {legend}
        </div>
        <div className="chart-table">{table}</div>
      </div>
    </figure>
  )
}
