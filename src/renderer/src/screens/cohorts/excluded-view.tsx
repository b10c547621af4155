import type { CohortEntryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatNhsNumber } from '../../format/nhs-number'
import '../../styles/cohorts.css'
import { BpCell } from './bp-cell'
import type { ShownCohort } from './shown-cohort'
import { formatCount } from '../../format/count'

interface Props {
  snapshot: ShownCohort
  ruleLabels: Map<string, string>
  onWhy: (entry: CohortEntryT) => void
}

type ExclusionCount = ShownCohort['exclusionCounts'][number]

/** Every exclusion is a named rule with a visible count, then the people it excluded. */
export function ExcludedView({ snapshot, ruleLabels, onWhy }: Props) {
  return (
    <>
      <h3>Exclusion rules applied</h3>
      <DataTable<ExclusionCount>
        label="Exclusion counts"
        rows={snapshot.exclusionCounts}
        rowKey={(item) => item.rule}
        columns={[
          { id: 'exclusion', header: 'Exclusion', cell: (item) => item.label },
          { id: 'source', header: 'Source', cell: (item) => item.source },
          { id: 'count', header: 'Patients excluded', cell: (item) => item.count }
        ]}
      />
      <h3>Excluded patients</h3>
      {snapshot.excluded.length < snapshot.excludedCount && (
        <p className="hint">
          Showing the first {formatCount(snapshot.excluded.length)} of {formatCount(snapshot.excludedCount)} excluded patients (severe readings first). Save the
          cohort to list them all.
        </p>
      )}
      <DataTable<CohortEntryT>
        label="Excluded patients"
        className="nhsuk-table--compact"
        scroll
        // A saved cohort lists every excluded patient (thousands in a large practice): only those in view are drawn.
        virtualise={{ above: 80, rowHeight: 40 }}
        rows={snapshot.excluded}
        rowKey={(entry) => entry.patientId}
        rowClassName={(entry) => (entry.severe ? 'row-severe' : undefined)}
        empty={<p>No patients were excluded.</p>}
        columns={[
          { id: 'nhs', header: 'NHS number', cell: (entry) => formatNhsNumber(entry.nhsNumber), cellClassName: 'nowrap' },
          {
            id: 'name',
            header: 'Name (click for why)',
            cell: (entry) => (
              <>
                <button type="button" className="button-link" onClick={() => onWhy(entry)} aria-label={`Why? ${entry.name}`}>
                  {entry.name}
                </button>
                {entry.severe && <span className="nhsuk-tag nhsuk-tag--red tag-inline">Severe</span>}
              </>
            )
          },
          { id: 'age', header: 'Age', cell: (entry) => entry.age ?? '—' },
          { id: 'bp', header: 'Current BP', cell: (entry) => <BpCell entry={entry} />, cellClassName: 'cell-bp' },
          { id: 'rule', header: 'Excluded by', cell: (entry) => (entry.rule ? (ruleLabels.get(entry.rule) ?? entry.rule) : '—') }
        ]}
      />
    </>
  )
}
