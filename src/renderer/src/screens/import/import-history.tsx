import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatImportFormat } from '../../format/import-format'
import { formatMegabytes } from '../../format/file-size'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import { RejectsDownloadButton } from './rejects-download-button'

type ImportSummary = OperationOutput<'imports.list'>['imports'][number]

/** Every import with who ran it, what it changed and what it refused; and the backups taken before them. */
export function ImportHistory({ version }: { version: number }) {
  const { data, error } = useLoad(() => api['imports.list']({}), [version])
  const backups = useLoad(() => api['imports.backups']({}), [version])
  const imports: ImportSummary[] | null = data?.imports ?? null

  return (
    <>
      <Card title="Import history">
        <ErrorAlert message={error} />
        {imports === null && !error && <p className="muted">Loading…</p>}
        {imports?.length === 0 && <p>No imports yet.</p>}
        {imports && imports.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Import history">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                  <th scope="col">Files</th>
                  <th scope="col">Format</th>
                  <th scope="col">Run date</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Patients added</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Readings</th>
                  <th scope="col">Events</th>
                  <th scope="col">Not in export</th>
                  <th scope="col">Rejected</th>
                  <th scope="col">Conflicts</th>
                  <th scope="col">Warnings</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((item) => (
                  <tr key={item.importId}>
                    <td>{item.importId}</td>
                    <td className="nowrap">{formatUkDateTime(item.importedAt)}</td>
                    <td>{item.importedBy}</td>
                    <td>{item.fileNames.join(', ')}</td>
                    <td>{formatImportFormat(item.format)}</td>
                    <td className="nowrap">{item.exportedOn ? formatUkDate(item.exportedOn) : '—'}</td>
                    <td>{item.rowsRead}</td>
                    <td>{item.patientsAdded}</td>
                    <td>{item.patientsUpdated}</td>
                    <td>{item.readingsAdded}</td>
                    <td>{item.eventsAdded}</td>
                    <td>{item.patientsNotInExport}</td>
                    <td className={item.rejectedCount > 0 ? 'text-warning nowrap' : undefined}>
                      {item.rejectedCount} {item.rejectedCount + item.conflictCount > 0 && <RejectsDownloadButton which={{ importId: item.importId }} small />}
                    </td>
                    <td className={item.conflictCount > 0 ? 'text-warning' : undefined}>{item.conflictCount}</td>
                    <td>
                      {item.warnings.length === 0 ? (
                        '0'
                      ) : (
                        <details>
                          <summary>{item.warnings.length}</summary>
                          <ul className="warnings">
                            {item.warnings.map((warning, index) => (
                              <li key={index}>{warning}</li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title="Backups before each import">
        <ErrorAlert message={backups.error} />
        {backups.data && (
          <>
            <p className="hint">
              A copy of the database is taken before every import and the last {backups.data.keep} are kept, in{' '}
              <code>{backups.data.folder || '(in-memory database: no backups)'}</code>. To go back to one, use Restore… in Settings › Backups, which also lists
              the daily backups.
            </p>
            {backups.data.backups.length === 0 ? (
              <p>No backups yet.</p>
            ) : (
              <div className="table-wrap">
                <table className="table" aria-label="Backups">
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Taken</th>
                      <th scope="col">Size</th>
                      <th scope="col">Before import</th>
                    </tr>
                  </thead>
                  <tbody>
                    {backups.data.backups.map((b) => (
                      <tr key={b.name}>
                        <td>
                          <code>{b.name}</code>
                        </td>
                        <td className="nowrap">{formatUkDateTime(b.createdAt)}</td>
                        <td>{formatMegabytes(b.byteSize)}</td>
                        <td>{b.importId === null ? '—' : `#${b.importId}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Card>
    </>
  )
}
