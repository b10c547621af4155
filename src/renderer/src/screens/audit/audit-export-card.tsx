// The two audit workbooks — identifiable for the practice, pseudonymised to share — for the audit
// on screen: the same as-of date and the same programme (or the whole practice).
import { useState } from 'react'
import type { GeneratedFileT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { DocumentLink } from '../../components/document-link'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'

interface Props {
  /** The as-of date, when a full one is entered (else the service's today). */
  asOf: string | null
  programmeId: number | null
  /** "the whole practice" or the programme's name, as the buttons' result says it. */
  scope: string
}

export function AuditExportCard({ asOf, programmeId, scope }: Props) {
  const [exported, setExported] = useState<{ file: GeneratedFileT; pseudonymised: boolean } | null>(null)
  const exportAction = useAsyncAction()

  const exportWorkbook = (pseudonymised: boolean) =>
    void exportAction.run(async () => {
      setExported(null)
      const file = await api['audit.exportWorkbook']({
        ...(asOf ? { asOf } : {}),
        pseudonymised,
        ...(programmeId !== null ? { programmeId } : {})
      })
      setExported({ file, pseudonymised })
    })

  return (
    <Card title="Export the audit workbook">
      <p>
        The workbook covers {scope}. The identifiable workbook is for use inside the practice. The pseudonymised workbook has no names, addresses, NHS numbers
        or dates of birth, and counts from 1 to 4 shown as “&lt;5”, so it can be shared with the PCN or ICB.
      </p>
      <div className="button-row no-print">
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
          {exported.pseudonymised ? 'Pseudonymised' : 'Identifiable'} workbook for {scope} ready:{' '}
          <DocumentLink fileId={exported.file.fileId} label={`Download ${exported.pseudonymised ? 'pseudonymised' : 'identifiable'} audit workbook`} />{' '}
          <span className="muted">({exported.file.name})</span>
        </p>
      )}
    </Card>
  )
}
