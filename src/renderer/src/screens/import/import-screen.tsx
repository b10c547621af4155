import { useCallback, useEffect, useState } from 'react'
import type { ImportPreviewT, ImportResultT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card, Stat } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { readFileAsBase64 } from '../../files/read-file-base64'
import { ImportHistory } from './import-history'
import { ImportPreviewView } from './import-preview-view'

type FormatChoice = 'auto' | 'emis' | 'systmone'

export function ImportScreen() {
  const [files, setFiles] = useState<File[]>([])
  const [format, setFormat] = useState<FormatChoice>('auto')
  const [preview, setPreview] = useState<ImportPreviewT | null>(null)
  const [result, setResult] = useState<ImportResultT | null>(null)
  const [historyVersion, setHistoryVersion] = useState(0)
  const previewAction = useAsyncAction()
  const commitAction = useAsyncAction()

  const runPreview = useCallback(() => {
    setResult(null)
    setPreview(null)
    void previewAction.run(async () => {
      if (files.length === 0) throw new Error('Choose at least one export file (CSV or XLSX) first.')
      const payload = await Promise.all(
        files.map(async (file) => ({ name: file.name, contentBase64: await readFileAsBase64(file) }))
      )
      setPreview(await api['imports.preview']({ files: payload, format }))
    })
  }, [files, format, previewAction])

  const commit = () => {
    if (!preview) return
    void commitAction.run(async () => {
      setResult(await api['imports.commit']({ previewId: preview.previewId }))
      setPreview(null)
      setHistoryVersion((version) => version + 1)
    })
  }

  useEffect(() => {
    setPreview(null)
  }, [files, format])

  return (
    <div className="screen">
      <h1>Import a search export</h1>
      <p className="lead">
        Choose the month&apos;s EMIS Web or SystmOne search export (CSV or Excel). Nothing is saved until you have checked
        the preview and pressed Import.
      </p>
      <Card title="1. Choose files">
        <div className="form-row">
          <div className="field">
            <label htmlFor="import-files">Export files</label>
            <input
              id="import-files"
              type="file"
              multiple
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            />
            {files.length > 0 && (
              <p className="hint">
                {files.length} file{files.length === 1 ? '' : 's'} chosen: {files.map((file) => file.name).join(', ')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="import-format">Clinical system</label>
            <select id="import-format" value={format} onChange={(event) => setFormat(event.target.value as FormatChoice)}>
              <option value="auto">Detect automatically</option>
              <option value="emis">EMIS Web</option>
              <option value="systmone">SystmOne</option>
            </select>
          </div>
        </div>
        <BusyButton busy={previewAction.busy} busyLabel="Checking files…" onClick={runPreview} disabled={files.length === 0}>
          Preview import
        </BusyButton>
        <ErrorAlert message={previewAction.error} title="The files could not be read" />
      </Card>

      {preview && (
        <ImportPreviewView preview={preview}>
          <ErrorAlert message={commitAction.error} title="Nothing was imported" />
          {preview.alreadyImported ? (
            <div className="alert alert-info" role="status">
              These files have already been imported. Importing them again would change nothing.
            </div>
          ) : (
            <BusyButton busy={commitAction.busy} busyLabel="Importing…" onClick={commit}>
              {`Import ${preview.patientsInFile} patient${preview.patientsInFile === 1 ? '' : 's'}`}
            </BusyButton>
          )}
        </ImportPreviewView>
      )}

      {result && (
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
          </div>
          {result.warnings.length > 0 && (
            <ul className="warnings">
              {result.warnings.map((warning, index) => (
                <li key={index}>{warning}</li>
              ))}
            </ul>
          )}
        </Card>
      )}

      <ImportHistory version={historyVersion} />
    </div>
  )
}
