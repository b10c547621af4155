import type { UnmatchedCodeT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { saveBase64File } from '../../files/download-document'
import { CodeFindingsSummary, CodeFindingsTable } from './code-findings-table'

/** Codes in the imported data that no list holds: their rows were left out of every import. */
export function UnmatchedCodesCard({ codes, error }: { codes: UnmatchedCodeT[] | null; error: string | null }) {
  const download = useAsyncAction()
  return (
    <Card title="Codes in your data that matched no list">
      <p>
        Rows with these codes were <strong>not imported</strong>: Clinic Recall does not use them. Most are expected (smoking status, medication reviews, other
        measurements). If one is a diagnosis, a resolved code or a blood pressure that should count, tell your clinical lead.
      </p>
      <ErrorAlert message={error} title="The codes could not be shown" />
      {codes === null && !error && <p className="muted">Loading…</p>}
      {codes?.length === 0 && <p>No codes yet: every code in your imports matched a list, or nothing has been imported.</p>}
      {codes && codes.length > 0 && (
        <>
          <CodeFindingsSummary rows={codes} suffix=", most events first" />
          <div className="button-row">
            <BusyButton
              variant="secondary"
              busy={download.busy}
              busyLabel="Preparing…"
              onClick={() => void download.run(async () => saveBase64File(await api['codes.unmatchedCsv']({})))}
            >
              Download as CSV
            </BusyButton>
          </div>
          <ErrorAlert message={download.error} title="The CSV could not be made" />
          <CodeFindingsTable rows={codes} label="Codes that matched no list" />
          <p className="hint">
            Counts come from the latest import of each report that had the code, so a report imported every month is not counted twice. Excel shows long SNOMED
            CT codes as 1.2E+17: to see them whole, open the CSV with Data › From Text/CSV and set the Code column to Text.
          </p>
        </>
      )}
    </Card>
  )
}
