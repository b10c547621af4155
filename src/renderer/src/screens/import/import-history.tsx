import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatImportFormat } from '../../format/import-format'
import { formatMegabytes } from '../../format/file-size'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import { RejectsDownloadButton } from './rejects-download-button'

type ImportSummary = OperationOutput<'imports.list'>['imports'][number]
type ImportBackup = OperationOutput<'imports.backups'>['backups'][number]

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
        {imports && (
          <DataTable<ImportSummary>
            label="Import history"
            rows={imports}
            rowKey={(item) => item.importId}
            empty={<p>No imports yet.</p>}
            columns={[
              { id: 'id', header: '#', cell: (item) => item.importId, sortValue: (item) => item.importId },
              { id: 'when', header: 'When', cell: (item) => formatUkDateTime(item.importedAt), cellClassName: 'nowrap', sortValue: (item) => item.importedAt },
              { id: 'by', header: 'By', cell: (item) => item.importedBy, sortValue: (item) => item.importedBy },
              { id: 'files', header: 'Files', cell: (item) => item.fileNames.join(', '), sortValue: (item) => item.fileNames.join(', ') },
              { id: 'format', header: 'Format', cell: (item) => formatImportFormat(item.format), sortValue: (item) => formatImportFormat(item.format) },
              {
                id: 'run-date',
                header: 'Run date',
                cell: (item) => (item.exportedOn ? formatUkDate(item.exportedOn) : '—'),
                cellClassName: 'nowrap',
                sortValue: (item) => item.exportedOn
              },
              { id: 'rows', header: 'Rows', cell: (item) => item.rowsRead, sortValue: (item) => item.rowsRead },
              { id: 'added', header: 'Patients added', cell: (item) => item.patientsAdded, sortValue: (item) => item.patientsAdded },
              { id: 'updated', header: 'Updated', cell: (item) => item.patientsUpdated, sortValue: (item) => item.patientsUpdated },
              { id: 'readings', header: 'Readings', cell: (item) => item.readingsAdded, sortValue: (item) => item.readingsAdded },
              { id: 'events', header: 'Events', cell: (item) => item.eventsAdded, sortValue: (item) => item.eventsAdded },
              { id: 'not-in-export', header: 'Not in export', cell: (item) => item.patientsNotInExport, sortValue: (item) => item.patientsNotInExport },
              {
                id: 'rejected',
                header: 'Rejected',
                cell: (item) => (
                  <>
                    {item.rejectedCount} {item.rejectedCount + item.conflictCount > 0 && <RejectsDownloadButton which={{ importId: item.importId }} small />}
                  </>
                ),
                cellClassName: (item) => (item.rejectedCount > 0 ? 'text-warning nowrap' : undefined),
                sortValue: (item) => item.rejectedCount
              },
              {
                id: 'conflicts',
                header: 'Conflicts',
                cell: (item) => item.conflictCount,
                cellClassName: (item) => (item.conflictCount > 0 ? 'text-warning' : undefined),
                sortValue: (item) => item.conflictCount
              },
              {
                id: 'warnings',
                header: 'Warnings',
                cell: (item) =>
                  item.warnings.length === 0 ? (
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
                  ),
                sortValue: (item) => item.warnings.length
              }
            ]}
          />
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
            <DataTable<ImportBackup>
              label="Backups"
              rows={backups.data.backups}
              rowKey={(b) => b.name}
              empty={<p>No backups yet.</p>}
              columns={[
                { id: 'file', header: 'File', cell: (b) => <code>{b.name}</code> },
                { id: 'taken', header: 'Taken', cell: (b) => formatUkDateTime(b.createdAt), cellClassName: 'nowrap' },
                { id: 'size', header: 'Size', cell: (b) => formatMegabytes(b.byteSize) },
                { id: 'import', header: 'Before import', cell: (b) => (b.importId === null ? '—' : `#${b.importId}`) }
              ]}
            />
          </>
        )}
      </Card>
    </>
  )
}
