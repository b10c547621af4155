import { useState } from 'react'
import type { GeneratedFileT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { DocumentLink } from '../../components/document-link'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { AuditPatientsTable } from './audit-patients-table'
import { BpOutcomeTable } from './bp-outcome-table'
import { UptakeFunnel } from './uptake-funnel'

export function AuditScreen() {
  const [asOf, setAsOf] = useState(todayIso())
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
  const summary = useLoad(() => api['audit.summary'](valid ? { asOf } : {}), [asOf, valid])
  const [exported, setExported] = useState<{ file: GeneratedFileT; pseudonymised: boolean } | null>(null)
  const exportAction = useAsyncAction()

  const exportWorkbook = (pseudonymised: boolean) =>
    void exportAction.run(async () => {
      setExported(null)
      const file = await api['audit.exportWorkbook']({ ...(valid ? { asOf } : {}), pseudonymised })
      setExported({ file, pseudonymised })
    })

  const data = summary.data
  return (
    <div className="screen">
      <h1>Audit</h1>
      <Card title="Audit period">
        <div className="form-row">
          <FormField
            id="audit-as-of"
            label="As of"
            hint="Only what was recorded on or before this date is counted, so an earlier date shows the audit as it stood then."
            control={(control) => <input {...control} type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />}
          />
        </div>
        <ErrorAlert message={summary.error} title="The audit could not be calculated" />
        {summary.loading && !data && <p className="muted">Calculating…</p>}
      </Card>

      {data && (
        <>
          <Card title={`Change in systolic blood pressure (as of ${formatUkDate(data.asOf)})`}>
            <BpOutcomeTable outcome={data.bpOutcome} />
          </Card>
          <Card title="Uptake">
            <p className="muted">
              Eligible: patients in any cohort built on or before {formatUkDate(data.asOf)}. Each later step counts only those patients: invited at least once,
              booked into a clinic, attended, and with a follow-up reading after their baseline.
            </p>
            <UptakeFunnel funnel={data.funnel} />
          </Card>
        </>
      )}

      <Card title="Export the audit workbook">
        <p>
          The identifiable workbook is for use inside the practice. The pseudonymised workbook has no names, addresses, NHS numbers or dates of birth, and
          counts from 1 to 4 shown as “&lt;5”, so it can be shared with the PCN or ICB.
        </p>
        <div className="button-row">
          <BusyButton busy={exportAction.busy} busyLabel="Exporting…" onClick={() => exportWorkbook(false)}>
            Export audit workbook (identifiable)
          </BusyButton>
          <BusyButton variant="secondary" busy={exportAction.busy} busyLabel="Exporting…" onClick={() => exportWorkbook(true)}>
            Export audit workbook (pseudonymised)
          </BusyButton>
        </div>
        <ErrorAlert message={exportAction.error} title="The workbook was not exported" />
        {exported && (
          <p className="alert alert-success" role="status">
            {exported.pseudonymised ? 'Pseudonymised' : 'Identifiable'} workbook ready:{' '}
            <DocumentLink fileId={exported.file.fileId} label={`Download ${exported.pseudonymised ? 'pseudonymised' : 'identifiable'} audit workbook`} />{' '}
            <span className="muted">({exported.file.name})</span>
          </p>
        )}
      </Card>

      {data && data.patients.length > 0 && (
        <Card title={`Patients with a baseline and a follow-up reading (${data.patients.length})`}>
          <AuditPatientsTable patients={data.patients} />
        </Card>
      )}
    </div>
  )
}
