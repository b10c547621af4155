import '../../styles/cohort-builder.css'
import type { CohortSnapshotT } from '../../../../shared/contract'
import type { ShownCohort } from './shown-cohort'
import { Card } from '../../components/card'

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

// Labels of older snapshots carry the state in words; the base label is what the switch names.
const stateSuffix = / \((switched off|QOF mode only, not applied)\)$/

function stateOf(item: CohortSnapshotT['exclusionCounts'][number], snapshot: ShownCohort): ExclusionState {
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
  return (
    <Card title="Exclusions">
      <p className="hint">
        Each exclusion is a switch: untick one to preview this cohort without it (nothing is saved until you save the cohort). A patient is counted against the
        first exclusion that applies, so the counts add up to the {snapshot.excludedCount} excluded.
      </p>
      {!canRebuild && <p className="hint">This cohort’s definition was archived: its snapshots are kept, but it is not rebuilt.</p>}
      {snapshot.exclusionCounts.length === 0 ? (
        <p>This definition has no exclusions.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Exclusion switches">
            <thead>
              <tr>
                <th scope="col">Apply</th>
                <th scope="col">Exclusion</th>
                <th scope="col">Source</th>
                <th scope="col">Excluded in this build</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.exclusionCounts.map((item) => {
                const state = stateOf(item, snapshot)
                const label = item.label.replace(stateSuffix, '')
                const qofOnly = item.qofOnly === true || state === 'qof-only'
                const inactive = qofOnly && nice
                const id = `exclusion-${item.rule}`
                return (
                  <tr key={item.rule} className={state === 'on' ? 'switch-row' : 'switch-row switch-off'}>
                    <td>
                      <input
                        type="checkbox"
                        id={id}
                        aria-label={`Apply exclusion: ${label}`}
                        checked={!disabledExclusions.includes(item.rule) && !inactive}
                        disabled={inactive || !canRebuild}
                        onChange={(event) => onToggle(item.rule, event.target.checked)}
                      />
                    </td>
                    <td>
                      <label htmlFor={id} className="switch-label">
                        {label}
                      </label>
                      {qofOnly && <span className="chip chip-none chip-inline">QOF mode only</span>}
                      {state === 'switched-off' && <div className="switch-state">Switched off for this build</div>}
                      {inactive && <div className="switch-state">Not applied in NICE mode</div>}
                    </td>
                    <td className="source">{item.source}</td>
                    <td>
                      <span className="switch-count" data-testid={`exclusion-count-${item.rule}`}>
                        {state === 'on' ? item.count : '—'}
                      </span>
                      {state === 'on' && <span className="visually-hidden"> patients excluded</span>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="live-status" role="status" aria-live="polite">
        {rebuilding ? 'Rebuilding with the new switches…' : ''}
      </p>
    </Card>
  )
}
