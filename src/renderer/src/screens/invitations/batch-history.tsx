import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { DocumentLink } from '../../components/document-link'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatUkDate } from '../../format/uk-date'
import { invitationFileLabel } from './invitation-file-label'

type Batch = OperationOutput<'invitations.listBatches'>['batches'][number]
type Regenerated = OperationOutput<'invitations.regenerate'>

/** Every batch sent, its files, and a button to rebuild the exact documents from what was recorded. */
export function BatchHistory({ batches }: { batches: Batch[] }) {
  return (
    <Card title="Invitation batches">
      <DataTable<Batch>
        label="Invitation batches"
        rows={batches}
        rowKey={(b) => b.batchId}
        empty={<p className="muted">No invitations sent yet. Create them from a cohort (Cohorts).</p>}
        columns={[
          {
            id: 'batch',
            header: 'Batch',
            cell: (b) => (
              <>
                #{b.batchId} <span className="muted">cohort {b.cohortId}</span>
              </>
            ),
            sortValue: (b) => b.batchId
          },
          {
            id: 'date',
            header: 'Date',
            cell: (b) => (
              <>
                {formatUkDate(b.createdOn)}
                <div className="muted">{b.createdBy}</div>
              </>
            ),
            cellClassName: 'nowrap',
            sortValue: (b) => b.createdOn
          },
          { id: 'attempt', header: 'Attempt', cell: (b) => b.attempt, sortValue: (b) => b.attempt },
          { id: 'sent', header: 'Sent', cell: (b) => <SentSummary batch={b} /> },
          {
            id: 'template',
            header: 'Template',
            cell: (b) => (
              <>
                {b.templateKey} v{b.templateVersion}
              </>
            ),
            sortValue: (b) => `${b.templateKey} v${b.templateVersion}`
          },
          // The regenerate state belongs to the row: the row keys keep it with its batch when the table is sorted.
          { id: 'files', header: 'Files', cell: (b) => <BatchFiles batch={b} /> }
        ]}
      />
    </Card>
  )
}

function SentSummary({ batch }: { batch: Batch }) {
  return (
    <>
      {batch.letters} letters{batch.largePrint ? ` (${batch.largePrint} large print)` : ''}, {batch.sms} SMS
      {batch.phone ? `, ${batch.phone} phone` : ''}; {batch.notInvited.length} not invited
      {batch.lettersToWriteByHand > 0 && (
        <div className="text-warning">
          {batch.lettersToWriteByHand} letter{batch.lettersToWriteByHand === 1 ? '' : 's'} to finish by hand (see the batch sheet)
        </div>
      )}
    </>
  )
}

function BatchFiles({ batch }: { batch: Batch }) {
  const regenerate = useAsyncAction()
  const [result, setResult] = useState<Regenerated | null>(null)
  return (
    <>
      <ul className="downloads">
        {batch.files.map((f) => (
          <li key={f.fileId}>
            <DocumentLink fileId={f.fileId} label={invitationFileLabel(f)} />
          </li>
        ))}
      </ul>
      <BusyButton
        variant="secondary"
        className="nhsuk-button--small"
        busy={regenerate.busy}
        busyLabel="Regenerating…"
        onClick={() => void regenerate.run(async () => setResult(await api['invitations.regenerate']({ batchId: batch.batchId })))}
      >
        Regenerate documents
      </BusyButton>
      <ErrorAlert message={regenerate.error} title="Not regenerated" />
      {result && (
        <div role="status">
          <p className={result.files.every((f) => f.matchesOriginal) ? 'text-success' : 'text-warning'}>
            {result.files.every((f) => f.matchesOriginal)
              ? 'Regenerated: identical, byte for byte, to the documents sent.'
              : `Regenerated: ${result.files.filter((f) => !f.matchesOriginal).length} file(s) differ from the originals.`}
          </p>
          <ul className="downloads">
            {result.files.map((f) => (
              <li key={f.fileId}>
                <DocumentLink fileId={f.fileId} label={invitationFileLabel(f)} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
