import type { CohortEntryT } from '../../../../shared/contract'
import { formatBp, formatSetting } from '../../format/blood-pressure'
import { formatUkDate } from '../../format/uk-date'

/**
 * The computed BP on one line: the value, its date and setting, then the rule that chose it, cut
 * with an ellipsis where the column ends. The whole rule is in the title and under "More".
 */
export function CompactBpCell({ entry }: { entry: CohortEntryT }) {
  const rule = entry.bpRule
  const meta = entry.bp ? `${formatUkDate(entry.bp.date)} · ${formatSetting(entry.bp.setting)}` : ''
  return (
    <span className="bp-compact" title={[entry.bp ? `${formatBp(entry.bp)} ${meta}` : 'No recent BP', rule].filter(Boolean).join(' — ')}>
      {entry.bp ? <strong>{formatBp(entry.bp)}</strong> : <span className="muted">No recent BP</span>}
      {meta && <span className="bp-compact-meta"> {meta}</span>}
      {rule && <span className="bp-compact-rule"> {rule}</span>}
    </span>
  )
}
