import { useCallback, useEffect, useState } from 'react'
import { BusyButton } from '../../components/busy-button'
import { Card, Stat } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useReveal } from '../../components/use-reveal'
import { readFileAsBase64 } from '../../files/read-file-base64'
import { ColumnMappingForm } from './column-mapping-form'
import { ImportHistory } from './import-history'
import { ImportPreviewView } from './import-preview-view'
import { ImportProgressBar } from './import-progress-bar'
import { downloadRejectsCsv } from './download-rejects'
import { useImportJob } from './use-import-job'
import { useColumnMapping } from './use-column-mapping'
import { CodeMatchNotes } from './code-match-notes'

type FormatChoice = 'auto' | 'emis' | 'systmone'

export function ImportScreen() {
  const [files, setFiles] = useState<File[]>([])
  const [format, setFormat] = useState<FormatChoice>('auto')
  const [historyVersion, setHistoryVersion] = useState(0)
  // The files are read, and the import saved, in a worker in main: progress bar and Cancel below.
  const job = useImportJob()
  const { preview, result } = job
  const previewAction = useAsyncAction()
  const downloadAction = useAsyncAction()
  // A layout with no recognised NHS number column (or a mapping to change): the column-mapping form.
  const mapping = useColumnMapping()

  const runPreview = useCallback(() => {
    void previewAction.run(async () => {
      if (files.length === 0) throw new Error('Choose at least one export file (CSV or XLSX) first.')
      const payload = await Promise.all(files.map(async (file) => ({ name: file.name, contentBase64: await readFileAsBase64(file) })))
      await job.start(payload, format)
    })
  }, [files, format, previewAction, job])

  const commit = () => {
    void job.commit().then(() => setHistoryVersion((version) => version + 1))
  }

  // The result appears where the long preview was: it is brought into view with focus.
  const resultRef = useReveal<HTMLDivElement>(result)

  const { reset } = job
  const { open: openMapping, close: closeMapping } = mapping
  useEffect(() => {
    reset()
    closeMapping()
  }, [files, format, reset, closeMapping])

  // When the files could not be read, offer the mapping form if that is why (no NHS number column).
  const readFailed = !job.running && !preview && job.error !== null
  useEffect(() => {
    if (readFailed) void openMapping(files)
  }, [readFailed, files, openMapping])

  return (
    <div className="screen">
      <h1>Import a search export</h1>
      <p className="lead">
        Choose the month&apos;s EMIS Web or SystmOne search export (CSV or Excel). Nothing is saved until you have checked the preview and pressed Import.
      </p>
      <Card title="1. Choose files">
        <div className="form-row">
          <FormField
            id="import-files"
            label="Export files"
            hint={
              files.length > 0 && (
                <>
                  {files.length} file{files.length === 1 ? '' : 's'} chosen: {files.map((file) => file.name).join(', ')}
                </>
              )
            }
            control={(control) => (
              <input
                {...control}
                type="file"
                multiple
                accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
              />
            )}
          />
          <FormField
            id="import-format"
            label="Clinical system"
            control={(control) => (
              <select {...control} value={format} onChange={(event) => setFormat(event.target.value as FormatChoice)}>
                <option value="auto">Detect automatically</option>
                <option value="emis">EMIS Web</option>
                <option value="systmone">SystmOne</option>
              </select>
            )}
          />
        </div>
        <BusyButton busy={previewAction.busy || (job.running && !preview)} busyLabel="Checking files…" onClick={runPreview} disabled={files.length === 0}>
          Preview import
        </BusyButton>
        {job.running && job.progress && !preview && <ImportProgressBar progress={job.progress} onCancel={() => void job.cancel()} />}
        {!job.running && job.progress?.phase === 'cancelled' && (
          <div className="alert alert-info" role="status">
            {job.progress.message}
          </div>
        )}
        <ErrorAlert
          message={previewAction.error ?? (preview ? null : job.error)}
          // With the mapping form open below, the problem is one the user can fix here, not a failure.
          title={mapping.file ? 'Say which column is which (below)' : 'The files could not be read'}
        />
      </Card>

      {mapping.file && (
        <ColumnMappingForm
          key={`${mapping.file.name}:${mapping.file.layoutHash}`}
          file={mapping.file}
          onSaved={() => {
            closeMapping()
            runPreview()
          }}
          onCancel={closeMapping}
        />
      )}

      {preview && !mapping.file && (
        <ImportPreviewView preview={preview} onChangeMapping={(name) => void openMapping(files, name)}>
          <ErrorAlert message={job.error} title="Nothing was imported" />
          {preview.alreadyImported ? (
            <div className="alert alert-info" role="status">
              These files have already been imported. Importing them again would change nothing.
            </div>
          ) : (
            <>
              <p className="hint">A copy of the database is saved in the backups folder before anything is written.</p>
              <div className="import-actions-buttons">
                <BusyButton busy={job.running} busyLabel="Importing…" onClick={commit}>
                  {`Import ${preview.patientsInFile} patient${preview.patientsInFile === 1 ? '' : 's'}`}
                </BusyButton>
                {/* Lets the preview go (in main too) without importing; the chosen files stay for another preview. */}
                {!job.running && (
                  <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reset}>
                    Cancel
                  </button>
                )}
              </div>
            </>
          )}
          {job.running && job.progress && <ImportProgressBar progress={job.progress} onCancel={() => void job.cancel()} />}
        </ImportPreviewView>
      )}

      {result && (
        <div ref={resultRef} tabIndex={-1} className="import-result">
          <Card title={result.alreadyImported ? 'Already imported' : 'Import complete'}>
            {result.alreadyImported ? (
              <div className="alert alert-info" role="status">
                This file was already imported — nothing was changed.
              </div>
            ) : (
              <div className="alert alert-success" role="status">
                Imported {result.rowsRead} rows{result.importId !== null ? ` (import #${result.importId})` : ''}.
              </div>
            )}
            <div className="stats">
              <Stat label="Rows read" value={result.rowsRead} />
              <Stat label="Patients added" value={result.patientsAdded} />
              <Stat label="Patients updated" value={result.patientsUpdated} />
              <Stat label="Readings added" value={result.readingsAdded} />
              <Stat label="Coded events added" value={result.eventsAdded} />
              <Stat label="Rows rejected" value={result.rejected.length} />
              <Stat label="Conflicts to check" value={result.conflicts.length} />
              <Stat label="Not in this export" value={result.patientsNotInExport} />
            </div>
            {!result.alreadyImported && <CodeMatchNotes termOnlyMatches={result.termOnlyMatches} unmatchedCodes={result.unmatchedCodes} saved />}
            {result.patientsNotInExport > 0 && (
              <p>
                {result.patientsNotInExport} patient{result.patientsNotInExport === 1 ? '' : 's'} from the previous run of this report{' '}
                {result.patientsNotInExport === 1 ? 'is' : 'are'} not in this export: kept, and marked &ldquo;not in latest export&rdquo;.
              </p>
            )}
            {result.backupFile && <p className="hint">Backup taken before this import: {result.backupFile}</p>}
            {result.importId !== null && result.rejected.length + result.conflicts.length > 0 && (
              <BusyButton
                variant="secondary"
                busy={downloadAction.busy}
                busyLabel="Preparing…"
                onClick={() => {
                  const importId = result.importId
                  if (importId !== null) void downloadAction.run(() => downloadRejectsCsv({ importId }))
                }}
              >
                Download rejected rows (CSV)
              </BusyButton>
            )}
            <ErrorAlert message={downloadAction.error} title="The rejects file could not be made" />
            {result.warnings.length > 0 && (
              <ul className="warnings">
                {result.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}

      <ImportHistory version={historyVersion} />
    </div>
  )
}
