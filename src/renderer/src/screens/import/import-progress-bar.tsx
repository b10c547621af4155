import '../../styles/import.css'
import type { ImportProgressT } from '../../../../shared/contract'
import { formatCount } from '../../format/count'

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** Where a background import is, as a bar the user can watch, with Cancel while it can still be stopped. */
export function ImportProgressBar({ progress, onCancel }: { progress: ImportProgressT; onCancel: (() => void) | null }) {
  const saving = progress.phase === 'committing'
  // Reading: while the file is unpacked and split into rows there is no row count yet, so the bar
  // is indeterminate (no value); then it shows the rows read of the file's rows.
  const readingRows = progress.phase === 'reading' && progress.rowsTotal > 0
  const count = (n: number) => formatCount(n)
  const value = saving || readingRows ? progress.rowsDone : progress.phase === 'checking' ? progress.bytesTotal : undefined
  const max = saving || readingRows ? Math.max(progress.rowsTotal, 1) : Math.max(progress.bytesTotal, 1)
  const detail = saving
    ? progress.rowsTotal > 0
      ? `${count(progress.rowsDone)} of ${count(progress.rowsTotal)} records saved`
      : 'Backing up the database first…'
    : readingRows
      ? `${megabytes(progress.bytesTotal)}, ${count(progress.rowsDone)} of ${count(progress.rowsTotal)} rows read`
      : `${megabytes(progress.bytesTotal)}${progress.rowsDone > 0 ? `, ${count(progress.rowsDone)} rows read` : ''}`
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <label htmlFor="import-progress-bar">{progress.message}</label>
      <progress id="import-progress-bar" value={value} max={max} />
      <p className="hint">{detail}</p>
      {onCancel && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
          Cancel import
        </button>
      )}
    </div>
  )
}
