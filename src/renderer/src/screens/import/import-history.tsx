import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatImportFormat } from '../../format/import-format'
import { formatUkDateTime } from '../../format/uk-date'

type ImportSummary = OperationOutput<'imports.list'>['imports'][number]

export function ImportHistory({ version }: { version: number }) {
  const { data, error } = useLoad(() => api['imports.list']({}), [version])
  const imports: ImportSummary[] | null = data?.imports ?? null

  return (
    <Card title="Import history">
      <ErrorAlert message={error} />
      {imports === null && !error && <p className="muted">Loading…</p>}
      {imports?.length === 0 && <p>No imports yet.</p>}
      {imports && imports.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">Files</th>
                <th scope="col">Format</th>
                <th scope="col">Rows</th>
                <th scope="col">Patients added</th>
                <th scope="col">Updated</th>
                <th scope="col">Readings</th>
                <th scope="col">Events</th>
                <th scope="col">Rejected</th>
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
                  <td>{item.rowsRead}</td>
                  <td>{item.patientsAdded}</td>
                  <td>{item.patientsUpdated}</td>
                  <td>{item.readingsAdded}</td>
                  <td>{item.eventsAdded}</td>
                  <td className={item.rejectedCount > 0 ? 'text-warning' : undefined}>{item.rejectedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
