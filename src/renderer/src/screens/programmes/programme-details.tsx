// A programme's settings on its page, and closing or reopening it. Closing stops new builds,
// invitation batches and clinics for it; its history and audit stay, and it can be reopened.
import { useState } from 'react'
import { programmeOutcomeLabels } from '../../../../shared/domain/programme'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import { followUpInWords, type ProgrammeWithProgress } from './programme-types'

interface Props {
  programme: ProgrammeWithProgress
  /** Template key → its name, for the letters it invites with. */
  templateNames: ReadonlyMap<string, string>
  onChanged: () => void
}

export function ProgrammeDetails({ programme, templateNames, onChanged }: Props) {
  const [confirmClose, setConfirmClose] = useState(false)
  const change = useAsyncAction()
  const [done, setDone] = useState<string | null>(null)

  const setStatus = (status: 'active' | 'closed') =>
    void change.run(async () => {
      setDone(null)
      await api['programmes.setStatus']({ programmeId: programme.programmeId, status })
      setConfirmClose(false)
      setDone(status === 'closed' ? `“${programme.name}” is closed. Its cohorts, clinics and audit are kept.` : `“${programme.name}” is open again.`)
      onChanged()
    })

  const open = programme.status === 'active'
  return (
    <Card
      title="About this programme"
      actions={
        <div className="button-row no-print">
          {open && !confirmClose && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setConfirmClose(true)}>
              Close programme…
            </button>
          )}
          {!open && (
            <BusyButton variant="secondary" className="nhsuk-button--small" busy={change.busy} busyLabel="Reopening…" onClick={() => setStatus('active')}>
              Reopen programme
            </BusyButton>
          )}
        </div>
      }
    >
      {confirmClose && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="close-programme-title" aria-describedby="close-programme-text">
          <h3 className="alert-title" id="close-programme-title">
            Close “{programme.name}”?
          </h3>
          <p className="alert-message" id="close-programme-text">
            No new cohort builds, invitation batches or clinics can be made for it. Everything it has done stays, its audit included, and you can reopen it.
          </p>
          <div className="button-row">
            <BusyButton variant="warning" busy={change.busy} busyLabel="Closing…" onClick={() => setStatus('closed')}>
              Close the programme
            </BusyButton>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setConfirmClose(false)}>
              Keep it open
            </button>
          </div>
        </div>
      )}
      <ErrorAlert message={change.error} title="The programme was not changed" />
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      <dl className="facts">
        <dt>Cohort</dt>
        <dd>{programme.definitionName}</dd>
        <dt>Clinic types</dt>
        <dd>{programme.clinicTypes.length > 0 ? programme.clinicTypes.join(', ') : '—'}</dd>
        <dt>Letter template</dt>
        <dd>{programme.templateIds.length > 0 ? programme.templateIds.map((key) => templateNames.get(key) ?? key).join(', ') : '—'}</dd>
        <dt>Follow-up</dt>
        <dd>{followUpInWords(programme.followUpWeeks)}</dd>
        <dt>Outcome measure</dt>
        <dd>{programmeOutcomeLabels[programme.outcome]}</dd>
        <dt>Started</dt>
        <dd>
          {formatUkDate(programme.startDate)}{' '}
          <span className="muted">
            (set up {formatUkDateTime(programme.createdAt)} by {programme.createdBy})
          </span>
        </dd>
        <dt>Status</dt>
        <dd>{open ? 'Open: takes new cohort builds, invitations and clinics' : 'Closed: kept for its history and audit'}</dd>
      </dl>
    </Card>
  )
}
