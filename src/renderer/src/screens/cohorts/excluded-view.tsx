import type { CohortEntryT } from '../../../../shared/contract'
import { formatNhsNumber } from '../../format/nhs-number'
import { BpCell } from './bp-cell'
import type { ShownCohort } from './shown-cohort'
import { ScrollArea } from '../../components/scroll-area'

interface Props {
  snapshot: ShownCohort
  ruleLabels: Map<string, string>
  onWhy: (entry: CohortEntryT) => void
}

/** Every exclusion is a named rule with a visible count, then the people it excluded. */
export function ExcludedView({ snapshot, ruleLabels, onWhy }: Props) {
  return (
    <>
      <h3>Exclusion rules applied</h3>
      <div className="table-wrap">
        <table className="table" aria-label="Exclusion counts">
          <thead>
            <tr>
              <th scope="col">Exclusion</th>
              <th scope="col">Source</th>
              <th scope="col">Patients excluded</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.exclusionCounts.map((item) => (
              <tr key={item.rule}>
                <td>{item.label}</td>
                <td>{item.source}</td>
                <td>{item.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Excluded patients</h3>
      {snapshot.excluded.length < snapshot.excludedCount && (
        <p className="hint">
          Showing the first {snapshot.excluded.length} of {snapshot.excludedCount} excluded patients (severe readings first). Save the cohort to list them all.
        </p>
      )}
      {snapshot.excluded.length === 0 ? (
        <p>No patients were excluded.</p>
      ) : (
        <ScrollArea label="Excluded patients">
          <table className="table" aria-label="Excluded patients">
            <thead>
              <tr>
                <th scope="col">NHS number</th>
                <th scope="col">Name (click for why)</th>
                <th scope="col">Age</th>
                <th scope="col">Current BP</th>
                <th scope="col">Excluded by</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.excluded.map((entry) => (
                <tr key={entry.patientId} className={entry.severe ? 'row-severe' : undefined}>
                  <td className="nowrap">{formatNhsNumber(entry.nhsNumber)}</td>
                  <td>
                    <button type="button" className="button-link" onClick={() => onWhy(entry)} aria-label={`Why? ${entry.name}`}>
                      {entry.name}
                    </button>
                    {entry.severe && <span className="chip chip-p1 chip-inline">Severe</span>}
                  </td>
                  <td>{entry.age ?? '—'}</td>
                  <td className="cell-bp">
                    <BpCell entry={entry} />
                  </td>
                  <td>{entry.rule ? (ruleLabels.get(entry.rule) ?? entry.rule) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </>
  )
}
