import { useState } from 'react'
import type { CohortSnapshotT, OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card, Stat } from '../../components/card'
import { DocumentLink } from '../../components/document-link'
import { documentLabel } from '../../components/document-label'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatNhsNumber } from '../../format/nhs-number'
import { todayIso } from '../../format/uk-date'

type Batch = OperationOutput<'invitations.createBatch'>

function ordinal(attempt: number): string {
  return attempt === 1 ? '1st' : attempt === 2 ? '2nd' : attempt === 3 ? '3rd' : `${attempt}th`
}

export function InvitationsPanel({ snapshot }: { snapshot: CohortSnapshotT }) {
  const [attempt, setAttempt] = useState(1)
  const [date, setDate] = useState(todayIso())
  const [batch, setBatch] = useState<Batch | null>(null)
  const create = useAsyncAction()

  const submit = () =>
    void create.run(async () => {
      setBatch(null)
      setBatch(await api['invitations.createBatch']({ cohortId: snapshot.cohortId, attempt, date }))
    })

  return (
    <Card title="Invite this cohort">
      <p>
        Letters go in one print-ready PDF; patients who prefer SMS go on a CSV list for Accurx. Patients with a severe
        reading are not sent a routine letter.
      </p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="invite-attempt">Invitation attempt</label>
          <select id="invite-attempt" value={attempt} onChange={(event) => setAttempt(Number(event.target.value))}>
            <option value={1}>1st invitation</option>
            <option value={2}>2nd invitation</option>
            <option value={3}>3rd invitation</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-date">Letter date</label>
          <input id="invite-date" type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </div>
      </div>
      <BusyButton busy={create.busy} busyLabel="Creating letters…" onClick={submit} disabled={snapshot.members.length === 0}>
        Create invitation letters
      </BusyButton>
      <ErrorAlert message={create.error} title="No invitations were created" />
      {batch && (
        <div className="result">
          <div className="alert alert-success" role="status">
            Batch #{batch.batchId} ({ordinal(batch.attempt)} invitation): {batch.letters} letter
            {batch.letters === 1 ? '' : 's'} and {batch.sms} SMS message{batch.sms === 1 ? '' : 's'} created.
          </div>
          <div className="stats">
            <Stat label="Letters" value={batch.letters} />
            <Stat label="SMS" value={batch.sms} />
            <Stat label="Not invited" value={batch.notInvited.length} />
          </div>
          {batch.files.length > 0 && (
            <ul className="downloads">
              {batch.files.map((file) => (
                <li key={file.fileId}>
                  <DocumentLink fileId={file.fileId} label={documentLabel(file)} />{' '}
                  <span className="muted">({file.name})</span>
                </li>
              ))}
            </ul>
          )}
          {batch.notInvited.length > 0 && (
            <>
              <h3>Not invited by this batch</h3>
              <div className="table-wrap table-scroll">
                <table className="table" aria-label="Not invited">
                  <thead>
                    <tr>
                      <th scope="col">NHS number</th>
                      <th scope="col">Name</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {batch.notInvited.map((item) => (
                      <tr key={item.nhsNumber}>
                        <td className="nowrap">{formatNhsNumber(item.nhsNumber)}</td>
                        <td>{item.name}</td>
                        <td>{item.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  )
}
