import '../../styles/invitations.css'
import { useState } from 'react'
import type { CohortSnapshotT, OperationOutput } from '../../../../shared/contract'
import { BUILT_IN_TEMPLATES, BUILT_IN_TEMPLATE_KEYS, defaultTemplateKey } from '../../../../shared/domain/letter-templates'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card, Stat } from '../../components/card'
import { DocumentLink } from '../../components/document-link'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { todayIso } from '../../format/uk-date'
import { BatchSheetTable } from '../invitations/batch-sheet-table'
import { invitationFileLabel } from '../invitations/invitation-file-label'
import { PreSendChecks, RecentlyInvitedList } from './pre-send-checks'
import { formatCount } from '../../format/count'

type Batch = OperationOutput<'invitations.createBatch'>

function ordinal(attempt: number): string {
  return attempt === 1 ? '1st' : attempt === 2 ? '2nd' : attempt === 3 ? '3rd' : `${attempt}th`
}

export function InvitationsPanel({ snapshot }: { snapshot: CohortSnapshotT }) {
  const [attempt, setAttempt] = useState(1)
  const [date, setDate] = useState(todayIso())
  const [templateKey, setTemplateKey] = useState<string>('')
  const [sms, setSms] = useState(true)
  const [phoneList, setPhoneList] = useState(false)
  const [waitDays, setWaitDays] = useState(14)
  const [inviteAnyway, setInviteAnyway] = useState(false)
  const [batch, setBatch] = useState<Batch | null>(null)
  const create = useAsyncAction()
  const defaultKey = defaultTemplateKey(snapshot.definition, attempt)
  // The checks of the last "Check who gets what" stand above Create; a block there disables it
  // until the check is run again (after Settings are filled in).
  const checked = batch !== null && batch.batchId === 0 ? batch : null

  const run = (preview: boolean) =>
    void create.run(async () => {
      setBatch(null)
      setBatch(
        await api['invitations.createBatch']({
          cohortId: snapshot.cohortId,
          attempt,
          date,
          templateKey: templateKey || undefined,
          sms,
          phoneList,
          waitDays,
          includeRecentlyInvited: inviteAnyway,
          preview
        })
      )
    })

  return (
    <Card title="Invite this cohort">
      <p>
        Patients with a valid UK mobile who have not declined SMS go on the SMS list for Accurx; everyone else gets a letter (large print if flagged) in one
        print-ready PDF and a Word document. Patients with a severe reading are not sent a routine invitation.
      </p>
      <div className="form-row">
        <FormField
          id="invite-attempt"
          label="Invitation attempt"
          control={(control) => (
            <select {...control} value={attempt} onChange={(event) => setAttempt(Number(event.target.value))}>
              <option value={1}>1st invitation</option>
              <option value={2}>2nd invitation</option>
              <option value={3}>3rd invitation</option>
            </select>
          )}
        />
        <FormField
          id="invite-date"
          label="Letter date"
          control={(control) => <input {...control} type="date" value={date} onChange={(event) => setDate(event.target.value)} />}
        />
        <FormField
          id="invite-template"
          label="Letter template"
          control={(control) => (
            <select {...control} value={templateKey} onChange={(event) => setTemplateKey(event.target.value)}>
              <option value="">Default: {BUILT_IN_TEMPLATES[defaultKey].name}</option>
              {BUILT_IN_TEMPLATE_KEYS.map((key) => (
                <option key={key} value={key}>
                  {BUILT_IN_TEMPLATES[key].name}
                </option>
              ))}
            </select>
          )}
        />
        {attempt > 1 && (
          <FormField
            id="invite-wait"
            label="Days since the last invitation"
            control={(control) => (
              <input {...control} type="number" min={7} max={120} value={waitDays} onChange={(event) => setWaitDays(Number(event.target.value))} />
            )}
          />
        )}
      </div>
      {attempt > 1 && (
        <p className="hint">
          The {ordinal(attempt)} invitation goes to members of this snapshot who have not booked and whose last invitation was at least {waitDays} days before
          the letter date. Send it from the same snapshot as the 1st (open it under Previous cohorts): a cohort rebuilt now leaves out the patients invited
          recently.
        </p>
      )}
      <div className="checkbox">
        <input id="invite-sms" type="checkbox" checked={sms} onChange={(event) => setSms(event.target.checked)} />
        <label htmlFor="invite-sms">Send SMS to patients with a valid mobile who have not declined SMS</label>
      </div>
      <div className="checkbox">
        <input id="invite-phone" type="checkbox" checked={phoneList} onChange={(event) => setPhoneList(event.target.checked)} />
        <label htmlFor="invite-phone">Make a phone call list for patients with no mobile and no postal address</label>
      </div>
      <div className="checkbox">
        <input id="invite-anyway" type="checkbox" checked={inviteAnyway} onChange={(event) => setInviteAnyway(event.target.checked)} />
        <label htmlFor="invite-anyway">
          Invite anyway patients another programme invited in the last 28 days (they are left out by default, so nobody gets two invitations at once)
        </label>
      </div>
      {checked && <PreSendChecks batch={checked} />}
      <div className="button-row">
        <BusyButton variant="secondary" busy={create.busy} busyLabel="Checking…" onClick={() => run(true)} disabled={snapshot.members.length === 0}>
          Check who gets what
        </BusyButton>
        <BusyButton
          busy={create.busy}
          busyLabel="Creating invitations…"
          onClick={() => run(false)}
          disabled={snapshot.members.length === 0 || checked?.blockedBecause != null}
        >
          Create invitation letters
        </BusyButton>
      </div>
      <ErrorAlert message={create.error} title="No invitations were created" />
      {batch && <BatchResult batch={batch} />}
    </Card>
  )
}

export function BatchResult({ batch }: { batch: Batch }) {
  const { smsMessage } = batch
  if (batch.batchId === 0) {
    return (
      <div className="result">
        <div className="alert alert-info" role="status">
          Check only — nothing printed or recorded yet: {formatCount(batch.letters)} letter{batch.letters === 1 ? '' : 's'}
          {batch.largePrint > 0 ? ` (${formatCount(batch.largePrint)} large print)` : ''}, {formatCount(batch.sms)} SMS, {formatCount(batch.phone)} to phone and{' '}
          {formatCount(batch.notInvited.length)} not invited.
          {batch.blockedBecause === null
            ? 'Press “Create invitation letters” to make them.'
            : 'Fill in the practice details first (see the checks above), then check again.'}
        </div>
        {batch.warnings.map((warning) => (
          <div key={warning} className="alert alert-warning" role="alert">
            {warning}
          </div>
        ))}
        {/* The checks themselves (blocks, moved to phone, by hand, recently invited) stand above Create. */}
        <BatchSheetTable rows={batch.sheet} />
      </div>
    )
  }
  return (
    <div className="result">
      <div className="alert alert-success" role="status">
        Batch #{batch.batchId} ({ordinal(batch.attempt)} invitation): {formatCount(batch.letters)} letter{batch.letters === 1 ? '' : 's'}
        {batch.largePrint > 0 ? ` (${formatCount(batch.largePrint)} large print)` : ''}, {formatCount(batch.sms)} SMS message{batch.sms === 1 ? '' : 's'}
        {batch.phone > 0 ? ` and ${formatCount(batch.phone)} to phone` : ''} created, using template “
        {BUILT_IN_TEMPLATES[batch.templateKey as keyof typeof BUILT_IN_TEMPLATES]?.name ?? batch.templateKey}” version {batch.templateVersion}.
      </div>
      {batch.warnings.map((warning) => (
        <div key={warning} className="alert alert-warning" role="alert">
          {warning}
        </div>
      ))}
      <RecentlyInvitedList batch={batch} />
      <div className="stats">
        <Stat label="Letters" value={batch.letters} />
        <Stat label="Large print" value={formatCount(batch.largePrint)} />
        <Stat label="SMS" value={formatCount(batch.sms)} />
        <Stat label="Phone" value={formatCount(batch.phone)} />
        <Stat label="Not invited" value={formatCount(batch.notInvited.length)} />
      </div>
      {batch.files.length > 0 && (
        <ul className="downloads">
          {batch.files.map((file) => (
            <li key={file.fileId}>
              <DocumentLink fileId={file.fileId} label={invitationFileLabel(file)} /> <span className="muted">({file.name})</span>
            </li>
          ))}
        </ul>
      )}
      {smsMessage && (
        <FormField
          id={`sms-text-${batch.batchId}`}
          label="SMS text to paste into Accurx"
          control={(control) => <textarea {...control} readOnly rows={3} value={smsMessage.text} />}
        >
          {/* Named "SMS length" for screen readers: the count stays its own paragraph, not the field's hint. */}
          <p className="hint" aria-label="SMS length">
            {smsMessage.length} of {smsMessage.limit} characters (one message). No personal details in the text; Accurx adds the patient&apos;s name.
          </p>
        </FormField>
      )}
      {batch.sheet.length > 0 ? (
        <BatchSheetTable rows={batch.sheet} />
      ) : (
        batch.notInvited.length > 0 && (
          <BatchSheetTable
            rows={batch.notInvited.map((n) => ({
              ...n,
              channel: null,
              contact: null,
              mainLanguage: null,
              interpreterRequired: false,
              largePrint: false,
              note: n.reason
            }))}
          />
        )
      )}
    </div>
  )
}
