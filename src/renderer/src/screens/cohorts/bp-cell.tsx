import type { CohortEntryT } from '../../../../shared/contract'
import { formatBp, formatSetting } from '../../format/blood-pressure'
import { formatUkDate } from '../../format/uk-date'

/** A computed BP with its date and setting, and the rule that chose it (shown next to every computed BP). */
export function BpCell({ entry }: { entry: CohortEntryT }) {
  const rule = entry.bpRule
  if (!entry.bp) {
    return (
      <span>
        <span className="muted">No recent BP</span>
        {rule && <span className="bp-rule-inline">{rule}</span>}
      </span>
    )
  }
  return (
    <span>
      <strong>{formatBp(entry.bp)}</strong>
      <span className="bp-meta">
        {formatUkDate(entry.bp.date)} · {formatSetting(entry.bp.setting)}
      </span>
      {rule && <span className="bp-rule-inline">{rule}</span>}
    </span>
  )
}
