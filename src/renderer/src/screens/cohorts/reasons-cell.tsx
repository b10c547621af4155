import { useState } from 'react'
import { reasonsSummary } from './member-filter'

/**
 * A member's reasons in one line (the last, which names the priority given) so a screen holds a
 * dozen patients; "More" opens every reason in order, and the BP rule as applied, under it.
 */
export function ReasonsCell({ name, reasons, bpRule }: { name: string; reasons: readonly string[]; bpRule: string }) {
  const [open, setOpen] = useState(false)
  const summary = reasonsSummary(reasons)
  return (
    <div className="reasons-cell">
      <div className="reasons-line">
        {/* The title gives the whole line to a mouse user without opening the row. */}
        <span className="reasons-summary" title={summary}>
          {summary}
        </span>
        <button
          type="button"
          className="button-link reasons-toggle"
          aria-expanded={open}
          aria-label={`${open ? 'Less' : 'More'} about ${name}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Less' : 'More'}
        </button>
      </div>
      {open && (
        <>
          <ol className="reasons-full">
            {reasons.map((reason, index) => (
              <li key={index}>{reason}</li>
            ))}
          </ol>
          {bpRule && <p className="reasons-bp-rule">Current BP: {bpRule}</p>}
        </>
      )}
    </div>
  )
}
