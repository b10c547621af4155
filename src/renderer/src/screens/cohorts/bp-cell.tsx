import type { CohortEntryT } from '../../../../shared/contract'
import { formatBp, formatSetting } from '../../format/blood-pressure'
import { formatUkDate } from '../../format/uk-date'

/** A computed BP with its date and setting; the rule that chose it is in the title and above the table. */
export function BpCell({ entry }: { entry: CohortEntryT }) {
  if (!entry.bp) return <span className="muted">No recent BP</span>
  return (
    <span title={entry.explanation.bpRule}>
      <strong>{formatBp(entry.bp)}</strong>
      <span className="bp-meta">
        {formatUkDate(entry.bp.date)} · {formatSetting(entry.bp.setting)}
      </span>
    </span>
  )
}
