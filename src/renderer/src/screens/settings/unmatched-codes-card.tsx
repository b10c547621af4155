import type { UnmatchedCodeT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { saveBase64File } from '../../files/download-document'
import { CodeSeenCell } from './code-seen-cell'

/** Codes in the imported data that no list holds: their rows were left out of every import. */
export function UnmatchedCodesCard({ codes, error }: { codes: UnmatchedCodeT[] | null; error: string | null }) {
  const download = useAsyncAction()
  const events = codes?.reduce((n, c) => n + c.events, 0) ?? 0
  return (
    <Card title="Codes in your data that matched no list">
      <p>
        Rows with these codes were <strong>not imported</strong>: Clinic Recall does not use them. Most are expected (smoking status,
        medication reviews, other measurements). If one is a diagnosis, a resolved code or a blood pressure that should count,
        tell your clinical lead.
      </p>
      <ErrorAlert message={error} title="The codes could not be shown" />
      {codes === null && !error && <p className="muted">Loading…</p>}
      {codes?.length === 0 && <p>No codes yet: every code in your imports matched a list, or nothing has been imported.</p>}
      {codes && codes.length > 0 && (
        <>
          <p>
            <strong>{codes.length.toLocaleString('en-GB')}</strong> {codes.length === 1 ? 'code' : 'codes'},{' '}
            {events.toLocaleString('en-GB')} {events === 1 ? 'event' : 'events'}, most events first.
          </p>
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
          <div className="table-wrap table-scroll">
            <table className="table table-compact" aria-label="Codes that matched no list">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Term in your exports</th>
                  <th scope="col" className="numeric">
                    Events
                  </th>
                  <th scope="col" className="numeric">
                    Patients
                  </th>
                  <th scope="col">Seen</th>
                </tr>
              </thead>
              <tbody>
                {codes.map((c) => (
                  <tr key={`${c.code}:${c.term}`}>
                    <td className="nowrap">{c.code ? <span className="code-library-code">{c.code}</span> : <span className="muted">(no code)</span>}</td>
                    <td>
                      {c.term || <span className="muted">(no term)</span>}
                      {c.terms.length > 1 && <div className="hint">Also exported as: {c.terms.slice(1).join('; ')}</div>}
                    </td>
                    <td className="numeric">{c.events.toLocaleString('en-GB')}</td>
                    <td className="numeric">{c.patients.toLocaleString('en-GB')}</td>
                    <CodeSeenCell first={c.firstImport} last={c.lastImport} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Counts come from the latest import of each report that had the code, so a report imported every month is not counted
            twice. Excel shows long SNOMED CT codes as 1.2E+17: to see them whole, open the CSV with Data › From Text/CSV and set the
            Code column to Text.
          </p>
        </>
      )}
    </Card>
  )
}
