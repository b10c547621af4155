import type { ReactNode } from 'react'
import type { ImportPreviewT } from '../../../../shared/contract'
import { Card, Stat } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { formatUkDate } from '../../format/uk-date'
import { formatImportFormat, formatImportLayout } from '../../format/import-format'
import { formatNhsNumber } from '../../format/nhs-number'
import { columnRoleLabel } from '../../../../shared/import-column-roles'
import { RejectedRowsTable } from './rejected-rows-table'
import '../../styles/column-mapping.css'
import '../../styles/import.css'
import { RejectsDownloadButton } from './rejects-download-button'
import { CodeMatchNotes } from './code-match-notes'
import { PreviewSection } from './preview-section'

type PreviewFile = ImportPreviewT['files'][number]
type PreviewColumn = PreviewFile['columns'][number]
type SamplePatient = ImportPreviewT['samplePatients'][number]

/**
 * Everything the importer understood, before anything is written (never guess silently). It reads
 * top-down: the counts and the Import button first, so a 10,000-row export does not push the
 * decision off the bottom of the page; then the details, collapsed unless they need reading —
 * warnings and rejected or conflicting rows open whenever there are any.
 */
export function ImportPreviewView({
  preview,
  children,
  onChangeMapping
}: {
  preview: ImportPreviewT
  /** The Import and Cancel buttons (and their progress and errors), shown right under the counts. */
  children: ReactNode
  /** Opens the column-mapping form for one file (by name). */
  onChangeMapping?: (fileName: string) => void
}) {
  const columns = preview.files.flatMap((file) => file.columns)
  const columnsMapped = columns.filter((column) => column.role !== 'ignored').length
  return (
    <>
      <Card title="2. Check the preview">
        <p>
          Detected format: <strong>{formatImportFormat(preview.format)}</strong>
        </p>
        <div className="stats">
          <Stat label="Patients" value={preview.patientsInFile} />
          <Stat label="New patients" value={preview.patientsNew} />
          <Stat label="Already stored (updated)" value={preview.patientsExisting} />
          <Stat label="Rows read" value={preview.rowsRead} />
          <Stat label="Rows rejected" value={preview.rejected.length} />
          <Stat label="Warnings" value={preview.warnings.length} />
          <Stat label="Conflicts to check" value={preview.conflicts.length} />
          <Stat label="BP readings" value={preview.readingsInFile} />
          <Stat label="Coded events" value={preview.eventsInFile} />
          {preview.patientsNotInExport > 0 && <Stat label="Not in this export" value={preview.patientsNotInExport} />}
        </div>
        <CodeMatchNotes termOnlyMatches={preview.termOnlyMatches} unmatchedCodes={preview.unmatchedCodes} saved={false} />
        {preview.exportedOn && (
          <p>
            The export says it was run on <strong>{formatUkDate(preview.exportedOn)}</strong>: patients&apos; details are updated only where they did not come
            from a later export.
          </p>
        )}
        {preview.patientsNotInExport > 0 && (
          <p>
            {preview.patientsNotInExport} patient{preview.patientsNotInExport === 1 ? '' : 's'} from the previous run of this report{' '}
            {preview.patientsNotInExport === 1 ? 'is' : 'are'} not in this export. Nobody is deleted: they will be kept and marked &ldquo;not in latest
            export&rdquo;.
          </p>
        )}
        <div className="import-actions" role="group" aria-label="Import">
          {children}
        </div>
      </Card>

      <PreviewSection title="Warnings" count={preview.warnings.length} open={preview.warnings.length > 0}>
        {preview.warnings.length === 0 ? (
          <p>No warnings.</p>
        ) : (
          <div className="alert alert-warning">
            <ul>
              {preview.warnings.map((warning, index) => (
                <li key={index}>{warning}</li>
              ))}
            </ul>
          </div>
        )}
      </PreviewSection>

      <PreviewSection title="Rejected rows" count={preview.rejected.length} open={preview.rejected.length > 0}>
        {preview.rejected.length === 0 ? (
          <p>No rows were rejected.</p>
        ) : (
          <>
            <p>
              These rows will <strong>not</strong> be imported. Fix them in the clinical system and export again.
            </p>
            <RejectsDownloadButton which={{ previewId: preview.previewId }} />
            <RejectedRowsTable rows={preview.rejected} />
          </>
        )}
      </PreviewSection>

      {preview.conflicts.length > 0 && (
        // Imported, but a person must check them: open, like the rejects.
        <PreviewSection title="Conflicting details" count={preview.conflicts.length} open>
          <p>
            These rows <strong>will</strong> be imported, but they disagree with another row for the same patient. The later value is used; check the record in
            the clinical system.
          </p>
          {preview.rejected.length === 0 && <RejectsDownloadButton which={{ previewId: preview.previewId }} />}
          <RejectedRowsTable rows={preview.conflicts} label="Conflicting rows" />
        </PreviewSection>
      )}

      <PreviewSection title="Columns mapped" count={`${columnsMapped} of ${columns.length}`} open={false}>
        {preview.files.map((file) => (
          <PreviewFileColumns key={file.name} file={file} onChangeMapping={onChangeMapping} />
        ))}
      </PreviewSection>

      <PreviewSection title="First rows" count={preview.samplePatients.length} open={false}>
        <DataTable<SamplePatient>
          label="Sample patients"
          rows={preview.samplePatients}
          rowKey={(patient) => patient.nhsNumber}
          empty={<p>No patients found in the files.</p>}
          columns={[
            { id: 'nhs', header: 'NHS number', cell: (patient) => formatNhsNumber(patient.nhsNumber), cellClassName: 'nowrap' },
            { id: 'name', header: 'Name', cell: (patient) => patient.name },
            { id: 'dob', header: 'Date of birth', cell: (patient) => formatUkDate(patient.dateOfBirth), cellClassName: 'nowrap' },
            { id: 'new', header: 'New or existing', cell: (patient) => (patient.isNew ? 'New' : 'Existing') },
            { id: 'readings', header: 'Readings', cell: (patient) => patient.readings },
            { id: 'events', header: 'Events', cell: (patient) => patient.events }
          ]}
        />
      </PreviewSection>
    </>
  )
}

/** How one file was read: its layout, where its column row was, and what each column was read as. */
function PreviewFileColumns({ file, onChangeMapping }: { file: PreviewFile; onChangeMapping?: (fileName: string) => void }) {
  return (
    <section className="preview-file" aria-label={`File: ${file.name}`}>
      <h3>File: {file.name}</h3>
      <p className="import-detection">{file.detection}</p>
      <div className="import-mapping-source">
        <span>
          Columns:{' '}
          {file.mapping.source === 'saved'
            ? 'from your saved mapping for this layout'
            : file.mapping.source === 'chosen'
              ? 'as you chose them'
              : 'recognised by their captions'}
        </span>
        {onChangeMapping && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onChangeMapping(file.name)}>
            Change column mapping
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>Format</dt>
        <dd>{formatImportFormat(file.format)}</dd>
        <dt>Layout</dt>
        <dd>{formatImportLayout(file.layout)}</dd>
        <dt>Column row</dt>
        <dd>row {file.headerRowNumber}</dd>
        <dt>Data rows</dt>
        <dd>
          {file.rowsRead} read{file.emptyRowsSkipped > 0 ? `, ${file.emptyRowsSkipped} empty rows skipped` : ''}
        </dd>
      </dl>
      {file.reportHeader.length > 0 && (
        <>
          <h4>Report header lines</h4>
          <pre className="report-header">{file.reportHeader.join('\n')}</pre>
        </>
      )}
      <h4>Columns and what they were read as</h4>
      <DataTable<PreviewColumn>
        label="Columns and what they were read as"
        rows={file.columns}
        rowKey={(column) => column.index}
        rowClassName={(column) => (column.role === 'ignored' ? 'row-muted' : undefined)}
        columns={[
          { id: 'index', header: '#', cell: (column) => column.index + 1 },
          { id: 'caption', header: 'Column caption', cell: (column) => column.caption || <span className="muted">(blank)</span> },
          { id: 'role', header: 'Read as', cell: (column) => columnRoleLabel(column.role), cellTitle: (column) => column.role },
          { id: 'note', header: 'Note', cell: (column) => column.note ?? '' }
        ]}
      />
    </section>
  )
}
