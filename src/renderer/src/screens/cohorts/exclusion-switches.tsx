import '../../styles/cohort-builder.css'
import type { CohortSnapshotT } from '../../../../shared/contract'
import type { ShownCohort } from './shown-cohort'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { formatCount } from '../../format/count'

interface Props {
  snapshot: ShownCohort
  /** Switched off in the settings: the switches show these at once, the counts are the build's. */
  disabledExclusions: string[]
  /** Switch an exclusion on or off: the cohort is rebuilt with it (the parameters go with the snapshot). */
  onToggle: (rule: string, applied: boolean) => void
  /** A rebuild is on its way: the switches stay usable, the counts are of the build shown. */
  rebuilding: boolean
  /** False for an archived custom cohort: its snapshots stay readable but it is not rebuilt. */
  canRebuild: boolean
}

type ExclusionState = 'on' | 'switched-off' | 'qof-only'
type ExclusionCount = CohortSnapshotT['exclusionCounts'][number]

// Labels of older snapshots carry the state in words; the base label is what the switch names.
const stateSuffix = / \((switched off|QOF mode only, not applied)\)$/

function stateOf(item: ExclusionCount, snapshot: ShownCohort): ExclusionState {
  if (item.state) return item.state
  if (snapshot.parameters?.disabledExclusions?.includes(item.rule)) return 'switched-off'
  return / \(QOF mode only, not applied\)$/.test(item.label) ? 'qof-only' : 'on'
}

/**
 * Every exclusion of the definition as a named switch with how many patients it excluded in this
 * build. Counts add up to the excluded total: a patient is counted
 * against the first exclusion that applies. QOF-only rules (the 9-month rules) are marked and
 * cannot apply in NICE mode.
 */
export function ExclusionSwitches({ snapshot, disabledExclusions, onToggle, rebuilding, canRebuild }: Props) {
  const nice = snapshot.mode === 'nice'
  /** What a row's switch says: its name without the state suffix, its state, and whether it can apply in this mode. */
  const describe = (item: ExclusionCount) => {
    const state = stateOf(item, snapshot)
    const qofOnly = item.qofOnly === true || state === 'qof-only'
    return { state, qofOnly, inactive: qofOnly && nice, label: item.label.replace(stateSuffix, ''), id: `exclusion-${item.rule}` }
  }
  return (
    <Card title="Exclusions">
      <p className="hint">
        Each exclusion is a switch: untick one to preview this cohort without it (nothing is saved until you save the cohort). A patient is counted against the
        first exclusion that applies, so the counts add up to the {formatCount(snapshot.excludedCount)} excluded.
      </p>
      {!canRebuild && <p className="hint">This cohort’s definition was archived: its snapshots are kept, but it is not rebuilt.</p>}
      <DataTable<ExclusionCount>
        label="Exclusion switches"
        className="nhsuk-table--compact"
        rows={snapshot.exclusionCounts}
        rowKey={(item) => item.rule}
        rowClassName={(item) => (stateOf(item, snapshot) === 'on' ? 'switch-row' : 'switch-row switch-off')}
        empty={<p>This definition has no exclusions.</p>}
        columns={[
          {
            id: 'apply',
            header: 'Apply',
            cell: (item) => {
              const { label, inactive, id } = describe(item)
              return (
                <input
                  type="checkbox"
                  id={id}
                  aria-label={`Apply exclusion: ${label}`}
                  checked={!disabledExclusions.includes(item.rule) && !inactive}
                  disabled={inactive || !canRebuild}
                  onChange={(event) => onToggle(item.rule, event.target.checked)}
                />
              )
            }
          },
          {
            id: 'exclusion',
            header: 'Exclusion',
            cell: (item) => {
              const { label, state, qofOnly, inactive, id } = describe(item)
              return (
                <>
                  <label htmlFor={id} className="switch-label">
                    {label}
                  </label>
                  {qofOnly && <span className="nhsuk-tag nhsuk-tag--white tag-inline">QOF mode only</span>}
                  {state === 'switched-off' && <div className="switch-state">Switched off for this build</div>}
                  {inactive && <div className="switch-state">Not applied in NICE mode</div>}
                </>
              )
            }
          },
          { id: 'source', header: 'Source', cell: (item) => item.source, cellClassName: 'source' },
          {
            id: 'count',
            header: 'Excluded in this build',
            cell: (item) => {
              const on = stateOf(item, snapshot) === 'on'
              return (
                <>
                  <span className="switch-count" data-testid={`exclusion-count-${item.rule}`}>
                    {on ? item.count : '—'}
                  </span>
                  {on && <span className="visually-hidden"> patients excluded</span>}
                </>
              )
            }
          }
        ]}
      />
      <p className="live-status" role="status" aria-live="polite">
        {rebuilding ? 'Rebuilding with the new switches…' : ''}
      </p>
    </Card>
  )
}
