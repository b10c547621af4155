import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
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
      {batches.length === 0 ? (
        <p className="muted">No invitations sent yet. Create them from a cohort (Cohorts).</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Invitation batches">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Date</th>
                <th scope="col">Attempt</th>
                <th scope="col">Sent</th>
                <th scope="col">Template</th>
                <th scope="col">Files</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <BatchRow key={b.batchId} batch={b} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}

function BatchRow({ batch }: { batch: Batch }) {
  const regenerate = useAsyncAction()
  const [result, setResult] = useState<Regenerated | null>(null)
  return (
    <tr>
      <td>
        #{batch.batchId} <span className="muted">cohort {batch.cohortId}</span>
      </td>
      <td className="nowrap">
        {formatUkDate(batch.createdOn)}
        <div className="muted">{batch.createdBy}</div>
      </td>
      <td>{batch.attempt}</td>
      <td>
        {batch.letters} letters{batch.largePrint ? ` (${batch.largePrint} large print)` : ''}, {batch.sms} SMS
        {batch.phone ? `, ${batch.phone} phone` : ''}; {batch.notInvited.length} not invited
        {batch.lettersToWriteByHand > 0 && (
          <div className="text-warning">
            {batch.lettersToWriteByHand} letter{batch.lettersToWriteByHand === 1 ? '' : 's'} to finish by hand (see the batch sheet)
          </div>
        )}
      </td>
      <td>
        {batch.templateKey} v{batch.templateVersion}
      </td>
      <td>
        <ul className="downloads">
          {batch.files.map((f) => (
            <li key={f.fileId}>
              <DocumentLink fileId={f.fileId} label={invitationFileLabel(f)} />
            </li>
          ))}
        </ul>
        <BusyButton
          variant="secondary"
          className="button-small"
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
      </td>
    </tr>
  )
}
