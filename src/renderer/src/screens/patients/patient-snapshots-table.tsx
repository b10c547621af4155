// The cohort snapshots that listed the patient, newest first: as a member (with the priority) or
// excluded (with the rule that excluded them), the BP the build used, and the reasons it gave.
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { PriorityChip } from '../../components/priority-chip'
import { formatBp } from '../../format/blood-pressure'
import { formatUkDate } from '../../format/uk-date'
import type { PatientSnapshot } from './patient-page-data'

function Reasons({ snapshot }: { snapshot: PatientSnapshot }) {
  if (!snapshot.reasonsRead) return <span className="muted">Open this snapshot on the Cohorts screen for its reasons.</span>
  if (snapshot.reasons.length === 0) return <span className="muted">This snapshot did not keep its reasons.</span>
  return (
    <ul className="patient-reasons">
      {snapshot.reasons.map((reason, i) => (
        <li key={i}>{reason}</li>
      ))}
    </ul>
  )
}

export function PatientSnapshotsTable({ snapshots }: { snapshots: readonly PatientSnapshot[] }) {
  return (
    <Card title="Cohorts">
      <p className="hint">
        Each saved cohort that listed the patient, as it was built: a member, or excluded and by which rule. A cohort that did not list them found them not
        eligible.
      </p>
      <DataTable<PatientSnapshot>
        label="Cohorts that listed the patient"
        rows={snapshots}
        rowKey={(s) => s.cohortId}
        rowClassName={(s) => (s.severe ? 'row-severe' : undefined)}
        empty={<p>No saved cohort has listed this patient.</p>}
        columns={[
          { id: 'asOf', header: 'As of', cell: (s) => formatUkDate(s.asOf), cellClassName: 'nowrap', sortValue: (s) => s.asOf },
          {
            id: 'cohort',
            header: 'Cohort',
            cell: (s) => (
              <>
                {s.name} <span className="muted">(#{s.cohortId})</span>
                {s.programme && s.programme !== s.name && <span className="hint"> for {s.programme}</span>}
              </>
            ),
            sortValue: (s) => s.name
          },
          {
            id: 'status',
            header: 'Listed as',
            cell: (s) =>
              s.status === 'member' ? (
                <>
                  Member <PriorityChip priority={s.priority} />
                </>
              ) : (
                <>Excluded: {s.ruleLabel ?? s.rule}</>
              ),
            sortValue: (s) => s.status
          },
          { id: 'bp', header: 'BP used', cell: (s) => (s.bp ? `${formatBp(s.bp)} (${formatUkDate(s.bp.date)})` : '—'), cellClassName: 'cell-bp' },
          { id: 'why', header: 'Why', cell: (s) => <Reasons snapshot={s} />, cellClassName: 'cell-reasons' }
        ]}
      />
    </Card>
  )
}
