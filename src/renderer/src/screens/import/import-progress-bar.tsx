import '../../styles/import.css'
import type { ImportProgressT } from '../../../../shared/contract'

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** Where a background import is, as a bar the user can watch, with Cancel while it can still be stopped. */
export function ImportProgressBar({ progress, onCancel }: { progress: ImportProgressT; onCancel: (() => void) | null }) {
  const saving = progress.phase === 'committing'
  // While reading, a single file has no row count yet: the bar is indeterminate (no value).
  const value = saving ? progress.rowsDone : progress.phase === 'checking' ? progress.bytesTotal : undefined
  const max = saving ? Math.max(progress.rowsTotal, 1) : Math.max(progress.bytesTotal, 1)
  const detail = saving
    ? progress.rowsTotal > 0
      ? `${progress.rowsDone.toLocaleString('en-GB')} of ${progress.rowsTotal.toLocaleString('en-GB')} records saved`
      : 'Backing up the database first…'
    : `${megabytes(progress.bytesTotal)}${progress.rowsDone > 0 ? `, ${progress.rowsDone.toLocaleString('en-GB')} rows read` : ''}`
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <label htmlFor="import-progress-bar">{progress.message}</label>
      <progress id="import-progress-bar" value={value} max={max} />
      <p className="hint">{detail}</p>
      {onCancel && (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel import
        </button>
      )}
    </div>
  )
}
