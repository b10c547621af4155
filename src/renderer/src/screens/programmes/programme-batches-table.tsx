import type { OperationOutput } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatUkDate } from '../../format/uk-date'

type Batch = OperationOutput<'invitations.listBatches'>['batches'][number]

/** The invitation batches sent from the programme's cohorts (the files are on the Invitations screen). */
export function ProgrammeBatchesTable({ batches }: { batches: Batch[] }) {
  return (
    <DataTable<Batch>
      label="Invitation batches of this programme"
      className="nhsuk-table--compact"
      rows={batches}
      rowKey={(b) => b.batchId}
      empty={<p>No invitations have been sent for this programme yet. Create them from one of its cohorts.</p>}
      columns={[
        { id: 'batch', header: 'Batch', cell: (b) => `#${b.batchId}`, sortValue: (b) => b.batchId },
        { id: 'cohort', header: 'From cohort', cell: (b) => `#${b.cohortId}`, sortValue: (b) => b.cohortId },
        { id: 'date', header: 'Date', cell: (b) => formatUkDate(b.createdOn), cellClassName: 'nowrap', sortValue: (b) => b.createdOn },
        { id: 'attempt', header: 'Attempt', cell: (b) => b.attempt, numeric: true, sortValue: (b) => b.attempt },
        { id: 'letters', header: 'Letters', cell: (b) => b.letters, numeric: true },
        { id: 'sms', header: 'SMS', cell: (b) => b.sms, numeric: true },
        { id: 'phone', header: 'Phone', cell: (b) => b.phone, numeric: true },
        { id: 'not-invited', header: 'Not invited', cell: (b) => b.notInvited.length, numeric: true },
        { id: 'by', header: 'By', cell: (b) => b.createdBy }
      ]}
    />
  )
}
